//! A response as a reader sees it: each question's label with its answer in words (the
//! option's label, not its stored value; a unit after a number; "other" with its text),
//! for the officer who reviews a report.

use super::answer::FileRef;
use super::{Answer, Answers, FormDefinition, OTHER, Question, QuestionKind};

/// One question and its answer in words; `answer` is empty when unanswered. A file
/// question's answer is its files' names, and `files` lists them for download links.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AnswerLine {
    pub question: String,
    pub answer: String,
    #[serde(default)]
    pub files: Vec<FileRef>,
}

/// Every question of `form`, in order, with what `answers` says. `other` is the word for
/// the "other" choice in the reader's language.
pub fn describe(
    form: &FormDefinition,
    answers: &Answers,
    english: bool,
    other: &str,
) -> Vec<AnswerLine> {
    form.questions()
        .map(|question| AnswerLine {
            question: question.label.for_locale(english).to_owned(),
            answer: answers
                .get(&question.id)
                .map(|answer| words(question, answer, english, other))
                .unwrap_or_default(),
            files: match answers.get(&question.id) {
                Some(Answer::Files(files)) => files.clone(),
                _ => Vec::new(),
            },
        })
        .collect()
}

fn words(question: &Question, answer: &Answer, english: bool, other: &str) -> String {
    let option = |value: &str, other_text: &Option<String>| -> String {
        if value == OTHER {
            match other_text {
                Some(text) if !text.trim().is_empty() => format!("{other}（{text}）"),
                _ => other.to_owned(),
            }
        } else {
            question
                .options()
                .iter()
                .find(|o| o.value == value)
                .map(|o| o.label.for_locale(english).to_owned())
                .unwrap_or_else(|| value.to_owned())
        }
    };
    let unit = match &question.kind {
        QuestionKind::Integer { unit, .. } | QuestionKind::Decimal { unit, .. } => unit
            .as_ref()
            .map(|u| u.for_locale(english).to_owned())
            .unwrap_or_default(),
        _ => String::new(),
    };
    match answer {
        Answer::Text(text) => text.clone(),
        Answer::Integer(value) => format!("{value}{unit}"),
        Answer::Decimal(value) => format!("{value}{unit}"),
        Answer::Choice { value, other } => option(value, other),
        Answer::Choices { values, other } => values
            .iter()
            .map(|value| option(value, other))
            .collect::<Vec<_>>()
            .join("、"),
        Answer::Rating(value) => value.to_string(),
        Answer::Date(date) => date.format("%Y-%m-%d").to_string(),
        Answer::Email(email) => email.as_str().to_owned(),
        Answer::Files(files) => files
            .iter()
            .map(|file| file.name.as_str())
            .collect::<Vec<_>>()
            .join("、"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::templates::after_exhibit;
    use crate::forms::{QuestionId, RawAnswers};

    #[test]
    fn choices_read_as_their_labels_and_numbers_carry_their_unit() {
        let form = after_exhibit();
        let mut raw = RawAnswers::default();
        for (field, value) in [
            ("negotiations", "12"),
            ("satisfaction", "4"),
            ("exhibit_again", "yes"),
        ] {
            raw.push(field, value);
        }
        let answers = Answers::parse(&form, raw, crate::forms::Mode::Draft).expect("a draft reads");
        let lines = describe(&form, &answers, false, "その他");
        let line = |id: &str| {
            let label = form
                .questions()
                .find(|q| q.id == QuestionId::new(id))
                .expect("the question")
                .label
                .ja
                .clone();
            lines
                .iter()
                .find(|l| l.question == label)
                .expect("a line")
                .answer
                .clone()
        };
        assert_eq!(line("negotiations"), "12件");
        assert_eq!(line("exhibit_again"), "はい");
        assert_eq!(line("contracts"), "", "unanswered");
    }
}

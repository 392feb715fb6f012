//! Stored answers as text: each question's label and what was answered, for the receipt
//! after sending and for showing the saved version beside a conflicting one.

use super::condition::is_met_by;
use super::labels::{Words, choice_label};
use crate::domain::forms::{
    Answer, Answers, FormDefinition, Item, OTHER, Question, QuestionKind, Section,
};
use crate::i18n::*;
use leptos::prelude::*;

/// The text of one answer in the page's language: choices by their labels, "other" with
/// its text, a rating as `4 / 5`, a date as `2025/06/01`, numbers with their unit.
fn answer_text(question: &Question, answer: &Answer, words: &Words) -> String {
    let english = words.english;
    let other_with = |text: &Option<String>| match text {
        Some(text) => words.with_remark(&words.other, text),
        None => words.other.clone(),
    };
    let chosen = |value: &str, other: &Option<String>| {
        if value == OTHER {
            other_with(other)
        } else {
            choice_label(question, value, words)
        }
    };
    let unit = match &question.kind {
        QuestionKind::Integer { unit, .. } | QuestionKind::Decimal { unit, .. } => unit
            .as_ref()
            .map_or("", |unit| unit.for_locale(english))
            .trim(),
        _ => "",
    };
    match answer {
        Answer::Text(text) => text.clone(),
        Answer::Integer(value) => words.with_unit(&value.to_string(), unit),
        Answer::Decimal(value) => words.with_unit(&value.to_string(), unit),
        Answer::Choice { value, other } => chosen(value, other),
        Answer::Choices { values, other } => {
            let labels: Vec<String> = values.iter().map(|value| chosen(value, other)).collect();
            words.list(&labels)
        }
        Answer::Rating(value) => match &question.kind {
            QuestionKind::Rating { max, .. } => format!("{value} / {max}"),
            _ => value.to_string(),
        },
        Answer::Date(date) => date.format("%Y/%m/%d").to_string(),
        Answer::Email(email) => email.as_str().to_owned(),
        Answer::Files(files) => {
            let names: Vec<String> = files
                .iter()
                .map(|file| format!("{}（{}）", file.name, super::size_text(file.size)))
                .collect();
            words.list(&names)
        }
    }
}

/// The questions of a form in order, grouped under their sections; questions whose
/// condition the answers did not meet are left out, as they were never asked.
fn groups<'a>(
    definition: &'a FormDefinition,
    answers: &Answers,
) -> Vec<(Option<&'a Section>, Vec<&'a Question>)> {
    let mut groups: Vec<(Option<&Section>, Vec<&Question>)> = Vec::new();
    for item in &definition.items {
        match item {
            Item::Section(section) => groups.push((Some(section), Vec::new())),
            Item::Question(question) => {
                let asked = question
                    .show_if
                    .as_ref()
                    .is_none_or(|condition| is_met_by(condition, answers));
                if !asked {
                    continue;
                }
                match groups.last_mut() {
                    Some((_, questions)) => questions.push(question),
                    None => groups.push((None, vec![question])),
                }
            }
        }
    }
    groups
}

/// A read-only list of question → answer. Section headings are `<h3>`: the summary sits
/// under a heading of the page ("ご回答内容").
#[component]
pub fn AnswerSummary(
    /// The questionnaire the answers belong to.
    definition: FormDefinition,
    /// The answers as stored.
    answers: Answers,
) -> impl IntoView {
    let i18n = use_i18n();
    let words = Words::of(i18n);
    let not_answered = t_string!(i18n, answer.not_answered).to_string();
    groups(&definition, &answers)
        .into_iter()
        .map(|(section, questions)| {
            let heading = section.map(|section| {
                view! {
                    <h3 class="answer-summary-section">
                        {section.heading.for_locale(words.english).to_owned()}
                    </h3>
                }
            });
            let rows = questions
                .into_iter()
                .map(|question| {
                    let answer = answers
                        .get(&question.id)
                        .map(|answer| answer_text(question, answer, &words));
                    let value = match answer {
                        Some(text) => view! { <dd class="pre-wrap">{text}</dd> }.into_any(),
                        None => view! { <dd class="empty">{not_answered.clone()}</dd> }.into_any(),
                    };
                    view! {
                        <dt>{question.label.for_locale(words.english).to_owned()}</dt>
                        {value}
                    }
                })
                .collect_view();
            view! {
                {heading}
                <dl class="details answer-summary">{rows}</dl>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::answer_form::fixtures::{choosing, english, japanese, question};
    use crate::domain::Email;
    use crate::domain::forms::QuestionId;
    use crate::domain::forms::templates::{after_exhibit, seminar_report};
    use chrono::NaiveDate;

    fn choice(value: &str) -> Answer {
        Answer::Choice {
            value: value.to_owned(),
            other: None,
        }
    }

    #[test]
    fn counts_are_shown_with_their_unit() {
        let form = after_exhibit();
        let negotiations = question(&form, "negotiations");
        assert_eq!(
            answer_text(negotiations, &Answer::Integer(12), &japanese()),
            "12件"
        );
        assert_eq!(
            answer_text(negotiations, &Answer::Integer(12), &english()),
            "12 cases"
        );
    }

    #[test]
    fn choices_are_shown_by_their_labels() {
        let form = after_exhibit();
        let reaction = question(&form, "visitor_reaction");
        assert_eq!(answer_text(reaction, &choice("good"), &japanese()), "良い");
        assert_eq!(answer_text(reaction, &choice("good"), &english()), "Good");
    }

    #[test]
    fn other_is_shown_with_its_text() {
        let form = choosing();
        let topics = question(&form, "topics");
        let answer = Answer::Choices {
            values: vec!["ai".to_owned(), "export".to_owned(), OTHER.to_owned()],
            other: Some("DX".to_owned()),
        };
        assert_eq!(
            answer_text(topics, &answer, &japanese()),
            "AI、輸出、その他（DX）"
        );
        let channel = question(&form, "channel");
        let answer = Answer::Choice {
            value: OTHER.to_owned(),
            other: Some("知人".to_owned()),
        };
        assert_eq!(answer_text(channel, &answer, &english()), "Other (知人)");
    }

    #[test]
    fn ratings_dates_decimals_and_addresses_read_plainly() {
        let form = after_exhibit();
        let satisfaction = question(&form, "satisfaction");
        assert_eq!(
            answer_text(satisfaction, &Answer::Rating(4), &japanese()),
            "4 / 5"
        );
        let report = seminar_report();
        let attended = question(&report, "attended_on");
        let date = NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
        assert_eq!(
            answer_text(attended, &Answer::Date(date), &japanese()),
            "2025/06/01"
        );
        let choosing = choosing();
        let amount = question(&choosing, "amount");
        let decimal = Answer::Decimal("12.5".parse().expect("decimal"));
        assert_eq!(answer_text(amount, &decimal, &japanese()), "12.5万円");
        let email = Answer::Email(Email::parse("tanaka@example.jp").expect("valid"));
        assert_eq!(
            answer_text(amount, &email, &japanese()),
            "tanaka@example.jp"
        );
    }

    #[test]
    fn questions_not_asked_are_left_out_and_sections_group_the_rest() {
        let form = after_exhibit();
        let mut answers = Answers::default();
        answers.insert(QuestionId::new("exhibit_again"), choice("yes"));
        let groups = groups(&form, &answers);
        let ids: Vec<Vec<&str>> = groups
            .iter()
            .map(|(_, questions)| questions.iter().map(|q| q.id.as_str()).collect())
            .collect();
        assert_eq!(groups.len(), 2);
        assert!(!ids[1].contains(&"reason_not_again"));
        answers.insert(QuestionId::new("exhibit_again"), choice("no"));
        let groups = super::groups(&form, &answers);
        assert!(
            groups[1]
                .1
                .iter()
                .any(|q| q.id.as_str() == "reason_not_again")
        );
    }
}

//! Reads the posted fields of a choice question: the option values, and the free text
//! of "other" when the question offers it. Typing that text is choosing "other".

use super::answer::{Answer, RawAnswers};
use super::question::{ChoiceOption, OTHER, Question};
use super::read_answer::text;
use super::validate::Mode;
use crate::{FieldError, Problem};

/// The longest "other" free text: a few words naming what the options missed.
pub const OTHER_MAX_CHARS: usize = 200;

/// The chosen values as posted: trimmed, blanks dropped.
fn chosen(raw: &RawAnswers, field: &str) -> Vec<String> {
    raw.values(field)
        .iter()
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The "other" text of a question that offers one; ignored when it does not.
fn other_text(question: &Question, raw: &RawAnswers, offered: bool) -> Result<String, FieldError> {
    if !offered {
        return Ok(String::new());
    }
    let field = question.id.other_field();
    text(raw.first(&field), OTHER_MAX_CHARS)
        .map(Option::unwrap_or_default)
        .map_err(|problem| FieldError { field, problem })
}

/// "Other" chosen with its text left blank: unfinished in a draft, missing on submit.
fn other_answer(
    question: &Question,
    text: String,
    mode: Mode,
) -> Result<Option<String>, FieldError> {
    if !text.is_empty() {
        Ok(Some(text))
    } else if mode == Mode::Submit {
        Err(FieldError {
            field: question.id.other_field(),
            problem: Problem::Required,
        })
    } else {
        Ok(None)
    }
}

fn is_option(options: &[ChoiceOption], value: &str) -> bool {
    options.iter().any(|option| option.value == value)
}

pub(super) fn single_choice(
    question: &Question,
    raw: &RawAnswers,
    options: &[ChoiceOption],
    offers_other: bool,
    mode: Mode,
) -> Result<Option<Answer>, FieldError> {
    let invalid = || FieldError {
        field: question.id.to_string(),
        problem: Problem::InvalidChoice,
    };
    let typed_other = other_text(question, raw, offers_other)?;
    let value = match chosen(raw, question.id.as_str()).as_slice() {
        // Typing the "other" text is choosing "other", even without clicking its radio.
        [] if !typed_other.is_empty() => OTHER.to_owned(),
        [] => return Ok(None),
        [value] => value.clone(),
        _ => return Err(invalid()),
    };
    if offers_other && value == OTHER {
        let other = other_answer(question, typed_other, mode)?;
        Ok(Some(Answer::Choice { value, other }))
    } else if is_option(options, &value) {
        // A text left in the "other" box after choosing an option is not part of the
        // answer: the option is what was chosen.
        Ok(Some(Answer::Choice { value, other: None }))
    } else {
        Err(invalid())
    }
}

pub(super) struct Choosing<'a> {
    pub(super) options: &'a [ChoiceOption],
    pub(super) other: bool,
    pub(super) min_selected: Option<u32>,
    pub(super) max_selected: Option<u32>,
}

pub(super) fn multiple_choice(
    question: &Question,
    raw: &RawAnswers,
    choosing: Choosing<'_>,
    mode: Mode,
) -> Result<Option<Answer>, FieldError> {
    let on_question = |problem| FieldError {
        field: question.id.to_string(),
        problem,
    };
    let typed_other = other_text(question, raw, choosing.other)?;
    let mut posted = chosen(raw, question.id.as_str());
    if !typed_other.is_empty() {
        posted.push(OTHER.to_owned());
    }
    let known =
        |value: &String| is_option(choosing.options, value) || (choosing.other && value == OTHER);
    if !posted.iter().all(known) {
        return Err(on_question(Problem::InvalidChoice));
    }
    // In option order, each once, "other" last: the same choices always store the same.
    let mut values: Vec<String> = choosing
        .options
        .iter()
        .filter(|option| posted.contains(&option.value))
        .map(|option| option.value.clone())
        .collect();
    let has_other = posted.iter().any(|value| value == OTHER);
    if has_other {
        values.push(OTHER.to_owned());
    }
    if values.is_empty() {
        return Ok(None);
    }
    let count = u32::try_from(values.len()).unwrap_or(u32::MAX);
    if let Some(max) = choosing.max_selected.filter(|max| count > *max) {
        return Err(on_question(Problem::TooManyChoices { max }));
    }
    // Too few is unfinished rather than wrong: a draft may stop half-way.
    if let Some(min) = choosing.min_selected.filter(|min| count < *min)
        && mode == Mode::Submit
    {
        return Err(on_question(Problem::TooFewChoices { min }));
    }
    let other = if has_other {
        other_answer(question, typed_other, mode)?
    } else {
        None
    };
    Ok(Some(Answer::Choices { values, other }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::fixtures::{choice, every_kind, options, question};
    use crate::forms::read_answer::read_answer;
    use crate::forms::{ChoiceDisplay, QuestionId, QuestionKind};

    fn read(question: &Question, pairs: &[(&str, &str)]) -> Result<Option<Answer>, Problem> {
        read_in(question, pairs, Mode::Submit).map_err(|error| error.problem)
    }

    fn read_in(
        question: &Question,
        pairs: &[(&str, &str)],
        mode: Mode,
    ) -> Result<Option<Answer>, FieldError> {
        read_answer(
            question,
            &RawAnswers::from_pairs(pairs.iter().copied()),
            mode,
        )
    }

    fn of(form_question: &str) -> Question {
        every_kind()
            .question(&QuestionId::new(form_question))
            .cloned()
            .expect("in the fixture")
    }

    fn choices(values: &[&str], other: Option<&str>) -> Option<Answer> {
        Some(Answer::Choices {
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            other: other.map(str::to_owned),
        })
    }

    #[test]
    fn a_single_choice_takes_one_of_its_options() {
        let again = choice("again", &["yes", "no"]);
        assert_eq!(
            read(&again, &[("again", "no")]),
            Ok(Some(Answer::Choice {
                value: "no".to_owned(),
                other: None
            }))
        );
        assert_eq!(
            read(&again, &[("again", "maybe")]),
            Err(Problem::InvalidChoice)
        );
        assert_eq!(
            read(&again, &[("again", "yes"), ("again", "no")]),
            Err(Problem::InvalidChoice)
        );
        assert_eq!(
            read(&again, &[("again", OTHER)]),
            Err(Problem::InvalidChoice)
        );
    }

    #[test]
    fn typing_the_other_text_chooses_other() {
        let channel = of("channel");
        let other = Some(Answer::Choice {
            value: OTHER.to_owned(),
            other: Some("知人の紹介".to_owned()),
        });
        assert_eq!(
            read(&channel, &[("channel__other", "知人の紹介")]),
            Ok(other.clone())
        );
        assert_eq!(
            read(
                &channel,
                &[("channel", OTHER), ("channel__other", " 知人の紹介 ")]
            ),
            Ok(other)
        );
    }

    #[test]
    fn an_option_chosen_over_a_typed_other_text_wins() {
        let channel = of("channel");
        assert_eq!(
            read(&channel, &[("channel", "web"), ("channel__other", "知人")]),
            Ok(Some(Answer::Choice {
                value: "web".to_owned(),
                other: None
            }))
        );
    }

    #[test]
    fn other_without_its_text_is_missing_on_submit_and_kept_in_a_draft() {
        let channel = of("channel");
        let posted = [("channel", OTHER)];
        let refused = read_in(&channel, &posted, Mode::Submit).expect_err("missing text");
        assert_eq!(refused.field, "channel__other");
        assert_eq!(refused.problem, Problem::Required);
        assert_eq!(
            read_in(&channel, &posted, Mode::Draft),
            Ok(Some(Answer::Choice {
                value: OTHER.to_owned(),
                other: None
            }))
        );
    }

    #[test]
    fn a_long_other_text_is_reported_on_its_own_field() {
        let channel = of("channel");
        let long = "あ".repeat(OTHER_MAX_CHARS + 1);
        let refused =
            read_in(&channel, &[("channel__other", &long)], Mode::Draft).expect_err("too long");
        assert_eq!(refused.field, "channel__other");
        assert_eq!(
            refused.problem,
            Problem::TooLong {
                max: OTHER_MAX_CHARS
            }
        );
    }

    #[test]
    fn the_other_text_of_a_question_without_other_is_ignored() {
        let again = choice("again", &["yes", "no"]);
        assert_eq!(read(&again, &[("again__other", "たぶん")]), Ok(None));
    }

    #[test]
    fn multiple_choices_are_kept_in_option_order_once_each() {
        let topics = of("topics");
        assert_eq!(
            read(
                &topics,
                &[("topics", "export"), ("topics", "ai"), ("topics", "export")]
            ),
            Ok(choices(&["ai", "export"], None))
        );
        assert_eq!(
            read(&topics, &[("topics", "iot"), ("topics__other", "DX")]),
            Ok(choices(&["iot", OTHER], Some("DX")))
        );
        assert_eq!(read(&topics, &[("topics", "")]), Ok(None));
    }

    #[test]
    fn multiple_choices_respect_their_limits() {
        let topics = of("topics");
        let four = [
            ("topics", "ai"),
            ("topics", "iot"),
            ("topics", "export"),
            ("topics", "hiring"),
        ];
        assert_eq!(
            read(&topics, &four),
            Err(Problem::TooManyChoices { max: 3 })
        );
        assert_eq!(
            read(&topics, &[("topics", "robots")]),
            Err(Problem::InvalidChoice)
        );
    }

    #[test]
    fn too_few_choices_is_reported_on_submit_only() {
        let at_least_two = question(
            "tools",
            QuestionKind::MultipleChoice {
                options: options(&["a", "b", "c"]),
                min_selected: Some(2),
                max_selected: None,
                other: false,
            },
        );
        let one = [("tools", "a")];
        assert_eq!(
            read_in(&at_least_two, &one, Mode::Submit).map_err(|e| e.problem),
            Err(Problem::TooFewChoices { min: 2 })
        );
        assert_eq!(
            read_in(&at_least_two, &one, Mode::Draft),
            Ok(choices(&["a"], None))
        );
    }

    #[test]
    fn a_select_reads_like_radio_buttons() {
        let select = question(
            "pref",
            QuestionKind::SingleChoice {
                options: options(&["tokyo", "osaka"]),
                display: ChoiceDisplay::Select,
                other: false,
            },
        );
        assert_eq!(
            read(&select, &[("pref", "osaka")]),
            Ok(Some(Answer::Choice {
                value: "osaka".to_owned(),
                other: None
            }))
        );
    }
}

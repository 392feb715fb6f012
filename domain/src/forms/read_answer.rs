//! Reads the posted fields of one question into an [`Answer`] of its kind, or the
//! problem that stops it. Blank means unanswered (`Ok(None)`); whether that is allowed
//! is decided for the whole form in [`super::validate`].

use super::answer::{Answer, FileRef, RawAnswers};
use super::number::{Decimal, NumberError, parse_integer};
use super::question::{Question, QuestionKind};
use super::read_choice::{Choosing, multiple_choice, single_choice};
use super::validate::Mode;
use crate::{Email, FieldError, Problem};
use chrono::NaiveDate;
use std::fmt::Display;
use unicode_normalization::UnicodeNormalization;

pub fn read_answer(
    question: &Question,
    raw: &RawAnswers,
    mode: Mode,
) -> Result<Option<Answer>, FieldError> {
    let field = question.id.as_str();
    let typed = raw.first(field);
    let on_field = |problem| FieldError {
        field: field.to_owned(),
        problem,
    };
    match &question.kind {
        QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
            text(typed, *max_chars)
                .map(|t| t.map(Answer::Text))
                .map_err(on_field)
        }
        QuestionKind::Integer { min, max, unit } => integer(typed, *min, *max, unit.as_ref())
            .map(|n| n.map(Answer::Integer))
            .map_err(on_field),
        QuestionKind::Decimal {
            min,
            max,
            unit,
            max_fraction_digits,
        } => decimal(typed, *min, *max, unit.as_ref(), *max_fraction_digits)
            .map(|d| d.map(Answer::Decimal))
            .map_err(on_field),
        QuestionKind::Rating { min, max, .. } => rating(typed, *min, *max)
            .map(|r| r.map(Answer::Rating))
            .map_err(on_field),
        QuestionKind::Date { min, max } => date(typed, *min, *max)
            .map(|d| d.map(Answer::Date))
            .map_err(on_field),
        QuestionKind::Email => email(typed).map(|e| e.map(Answer::Email)).map_err(on_field),
        QuestionKind::File { max_files } => files(raw.values(field), *max_files)
            .map(|f| f.map(Answer::Files))
            .map_err(on_field),
        QuestionKind::SingleChoice { options, other, .. } => {
            single_choice(question, raw, options, *other, mode)
        }
        QuestionKind::MultipleChoice {
            options,
            min_selected,
            max_selected,
            other,
        } => multiple_choice(
            question,
            raw,
            Choosing {
                options,
                other: *other,
                min_selected: *min_selected,
                max_selected: *max_selected,
            },
            mode,
        ),
    }
}

/// Trimmed, with the `\r\n` a browser posts for a line break counted as one character.
pub(super) fn text(typed: &str, max_chars: usize) -> Result<Option<String>, Problem> {
    let text = typed.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else if text.chars().count() > max_chars {
        Err(Problem::TooLong { max: max_chars })
    } else {
        Ok(Some(text.to_owned()))
    }
}

fn integer(
    typed: &str,
    min: Option<i64>,
    max: Option<i64>,
    unit: Option<&super::Text>,
) -> Result<Option<i64>, Problem> {
    let value = parse_integer(typed, unit).map_err(|error| match error {
        NumberError::Overflow { negative: true } => {
            range_problem(Some(min.unwrap_or(i64::MIN)), max)
        }
        NumberError::Overflow { negative: false } => {
            range_problem(min, Some(max.unwrap_or(i64::MAX)))
        }
        NumberError::NotAWholeNumber | NumberError::TooPrecise => Problem::NotAWholeNumber,
        NumberError::NotANumber => Problem::NotANumber,
    })?;
    value.map(|value| within(value, min, max)).transpose()
}

fn decimal(
    typed: &str,
    min: Option<Decimal>,
    max: Option<Decimal>,
    unit: Option<&super::Text>,
    max_fraction_digits: u8,
) -> Result<Option<Decimal>, Problem> {
    let too_many_decimals = if max_fraction_digits == 0 {
        Problem::NotAWholeNumber
    } else {
        Problem::TooManyDecimals {
            max: max_fraction_digits,
        }
    };
    let value = Decimal::parse(typed, unit).map_err(|error| match error {
        NumberError::Overflow { negative: true } => {
            range_problem(Some(min.unwrap_or(Decimal::MIN)), max)
        }
        NumberError::Overflow { negative: false } => {
            range_problem(min, Some(max.unwrap_or(Decimal::MAX)))
        }
        NumberError::TooPrecise | NumberError::NotAWholeNumber => too_many_decimals.clone(),
        NumberError::NotANumber => Problem::NotANumber,
    })?;
    let Some(value) = value else {
        return Ok(None);
    };
    if value.fraction_digits() > max_fraction_digits {
        return Err(too_many_decimals);
    }
    within(value, min, max).map(Some)
}

/// A rating is clicked, not typed: anything but one of its points is a forged post.
fn rating(typed: &str, min: u8, max: u8) -> Result<Option<u8>, Problem> {
    let typed: String = typed.nfkc().collect();
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let value: u8 = typed.parse().map_err(|_| Problem::InvalidChoice)?;
    within(value, Some(min), Some(max)).map(Some)
}

/// `2025-06-01` as a date input posts it; `2025/6/1` as typed where the browser shows
/// a plain text box.
fn date(
    typed: &str,
    min: Option<NaiveDate>,
    max: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, Problem> {
    let typed: String = typed.nfkc().filter(|c| !c.is_whitespace()).collect();
    if typed.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(&typed, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&typed, "%Y/%m/%d"))
        .map_err(|_| Problem::InvalidDate)?;
    if let Some(min) = min.filter(|min| date < *min) {
        return Err(Problem::DateTooEarly {
            min: min.to_string(),
        });
    }
    if let Some(max) = max.filter(|max| date > *max) {
        return Err(Problem::DateTooLate {
            max: max.to_string(),
        });
    }
    Ok(Some(date))
}

/// NFKC first: an address typed with the IME on has a full-width `＠`.
fn email(typed: &str) -> Result<Option<Email>, Problem> {
    let typed: String = typed.nfkc().collect();
    if typed.trim().is_empty() {
        return Ok(None);
    }
    Email::parse(&typed).map(Some)
}

/// Kept files, as the server resolved them (see [`FileRef::to_field`]); the same file
/// twice counts once. A value that is not such a record was not resolved: a file of
/// another company's or one that no longer exists.
fn files(values: &[String], max_files: u8) -> Result<Option<Vec<FileRef>>, Problem> {
    let mut files: Vec<FileRef> = Vec::new();
    for value in values.iter().filter(|value| !value.trim().is_empty()) {
        let file = FileRef::from_field(value).ok_or(Problem::UnknownFile)?;
        if !files.iter().any(|kept| kept.id == file.id) {
            files.push(file);
        }
    }
    if files.len() > usize::from(max_files) {
        return Err(Problem::TooManyFiles { max: max_files });
    }
    Ok((!files.is_empty()).then_some(files))
}

fn within<T: PartialOrd + Display>(value: T, min: Option<T>, max: Option<T>) -> Result<T, Problem> {
    let below = min.as_ref().is_some_and(|min| value < *min);
    let above = max.as_ref().is_some_and(|max| value > *max);
    if below || above {
        Err(range_problem(min, max))
    } else {
        Ok(value)
    }
}

/// The allowed range as the message should state it.
fn range_problem<T: Display>(min: Option<T>, max: Option<T>) -> Problem {
    match (min, max) {
        (Some(min), Some(max)) => Problem::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
        },
        (Some(min), None) => Problem::TooSmall {
            min: min.to_string(),
        },
        (None, Some(max)) => Problem::TooLarge {
            max: max.to_string(),
        },
        (None, None) => Problem::NotANumber,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::QuestionId;
    use crate::forms::fixtures::{date, every_kind, integer, question};

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

    #[test]
    fn texts_are_trimmed_and_blank_means_unanswered() {
        let name = of("name");
        assert_eq!(
            read(&name, &[("name", "  山田製作所 ")]),
            Ok(Some(Answer::Text("山田製作所".to_owned())))
        );
        assert_eq!(read(&name, &[("name", " \u{3000}")]), Ok(None));
        assert_eq!(read(&name, &[]), Ok(None));
    }

    #[test]
    fn a_browser_line_break_counts_as_one_character() {
        let short = question("memo", QuestionKind::LongText { max_chars: 3 });
        assert_eq!(
            read(&short, &[("memo", "a\r\nb")]),
            Ok(Some(Answer::Text("a\nb".to_owned())))
        );
        assert_eq!(
            read(&short, &[("memo", "ab\r\ncd")]),
            Err(Problem::TooLong { max: 3 })
        );
    }

    #[test]
    fn integers_outside_their_range_name_the_range() {
        let count = integer("count");
        assert_eq!(
            read(&count, &[("count", "12件")]),
            Ok(Some(Answer::Integer(12)))
        );
        let range = Problem::OutOfRange {
            min: "0".to_owned(),
            max: "100".to_owned(),
        };
        assert_eq!(read(&count, &[("count", "101")]), Err(range.clone()));
        assert_eq!(read(&count, &[("count", "-1")]), Err(range.clone()));
        assert_eq!(
            read(&count, &[("count", "99999999999999999999")]),
            Err(range)
        );
    }

    #[test]
    fn a_one_sided_range_is_stated_from_its_side() {
        let at_least = question(
            "n",
            QuestionKind::Integer {
                min: Some(0),
                max: None,
                unit: None,
            },
        );
        assert_eq!(
            read(&at_least, &[("n", "-3")]),
            Err(Problem::TooSmall {
                min: "0".to_owned()
            })
        );
        let at_most = question(
            "n",
            QuestionKind::Integer {
                min: None,
                max: Some(10),
                unit: None,
            },
        );
        assert_eq!(
            read(&at_most, &[("n", "11")]),
            Err(Problem::TooLarge {
                max: "10".to_owned()
            })
        );
    }

    #[test]
    fn numbers_that_are_not_numbers_say_so() {
        let count = integer("count");
        assert_eq!(
            read(&count, &[("count", "たくさん")]),
            Err(Problem::NotANumber)
        );
        assert_eq!(
            read(&count, &[("count", "2.5")]),
            Err(Problem::NotAWholeNumber)
        );
    }

    #[test]
    fn decimals_are_limited_to_their_fraction_digits() {
        let amount = of("amount");
        let decimal = |text: &str| Some(Answer::Decimal(text.parse().expect("decimal")));
        assert_eq!(
            read(&amount, &[("amount", "12.50万円")]),
            Ok(decimal("12.5"))
        );
        assert_eq!(
            read(&amount, &[("amount", "1.234")]),
            Err(Problem::TooManyDecimals { max: 2 })
        );
        assert_eq!(
            read(&amount, &[("amount", "0.0000000001")]),
            Err(Problem::TooManyDecimals { max: 2 })
        );
        assert_eq!(
            read(&amount, &[("amount", "1000.01")]),
            Err(Problem::OutOfRange {
                min: "0".to_owned(),
                max: "1000".to_owned()
            })
        );
    }

    #[test]
    fn a_decimal_without_fraction_digits_asks_for_a_whole_number() {
        let whole = question(
            "n",
            QuestionKind::Decimal {
                min: None,
                max: None,
                unit: None,
                max_fraction_digits: 0,
            },
        );
        assert_eq!(read(&whole, &[("n", "1.5")]), Err(Problem::NotAWholeNumber));
    }

    #[test]
    fn ratings_take_only_their_points() {
        let satisfaction = of("satisfaction");
        assert_eq!(
            read(&satisfaction, &[("satisfaction", "５")]),
            Ok(Some(Answer::Rating(5)))
        );
        assert_eq!(
            read(&satisfaction, &[("satisfaction", "6")]),
            Err(Problem::OutOfRange {
                min: "1".to_owned(),
                max: "5".to_owned()
            })
        );
        assert_eq!(
            read(&satisfaction, &[("satisfaction", "good")]),
            Err(Problem::InvalidChoice)
        );
    }

    #[test]
    fn dates_are_read_with_dashes_or_slashes_within_their_range() {
        let visited = of("visited_on");
        let on = |raw| read(&visited, &[("visited_on", raw)]);
        assert_eq!(on("2025-06-01"), Ok(Some(Answer::Date(date(2025, 6, 1)))));
        assert_eq!(on("２０２５/6/1"), Ok(Some(Answer::Date(date(2025, 6, 1)))));
        assert_eq!(on("2025-02-30"), Err(Problem::InvalidDate));
        assert_eq!(
            on("2025-03-31"),
            Err(Problem::DateTooEarly {
                min: "2025-04-01".to_owned()
            })
        );
        assert_eq!(
            on("2026-04-01"),
            Err(Problem::DateTooLate {
                max: "2026-03-31".to_owned()
            })
        );
    }

    #[test]
    fn email_addresses_typed_in_full_width_are_read() {
        let contact = of("contact");
        let read_email = |raw| read(&contact, &[("contact", raw)]);
        assert_eq!(
            read_email("Tanaka＠Example.JP"),
            Ok(Some(Answer::Email(
                crate::Email::parse("tanaka@example.jp").expect("valid")
            )))
        );
        assert_eq!(read_email("tanaka"), Err(Problem::InvalidEmail));
    }

    #[test]
    fn kept_files_are_read_once_each_and_counted_against_the_limit() {
        let slides = question("slides", QuestionKind::File { max_files: 2 });
        let file = |id: i64| {
            FileRef {
                id,
                name: format!("資料{id}.pdf"),
                size: 1024,
                mime: "application/pdf".to_owned(),
            }
            .to_field()
        };
        let (one, two, three) = (file(1), file(2), file(3));
        assert_eq!(read(&slides, &[]), Ok(None));
        assert_eq!(
            read(
                &slides,
                &[("slides", &one), ("slides", &one), ("slides", "")]
            ),
            Ok(Some(Answer::Files(vec![
                FileRef::from_field(&one).expect("a file record")
            ])))
        );
        assert_eq!(
            read(
                &slides,
                &[("slides", &one), ("slides", &two), ("slides", &three)]
            ),
            Err(Problem::TooManyFiles { max: 2 })
        );
    }

    #[test]
    fn a_file_the_server_did_not_resolve_is_refused() {
        let slides = question("slides", QuestionKind::File { max_files: 5 });
        assert_eq!(
            read(&slides, &[("slides", "42")]),
            Err(Problem::UnknownFile)
        );
    }
}

//! KPIs of the programme (flow 5 of the design): a measure with a baseline and a target
//! for each fiscal year (the programme's plan sets them for 2022-2026), whose actual
//! value is either the total of a number question over the year's submitted answers
//! (the sum of 成約件数 over every post-exhibition questionnaire of the year) or typed
//! by an officer (a figure from outside Kotae).

use crate::aggregate::Exact;
use crate::field_errors::{FieldErrors, Problem};
use crate::forms::{Decimal, QuestionId};
use serde::{Deserialize, Serialize};

pub const NAME_MAX_CHARS: usize = 100;
pub const UNIT_MAX_CHARS: usize = 20;

/// Where a KPI's actual value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", content = "question", rename_all = "snake_case")]
pub enum KpiSource {
    /// The sum of this question over the year's submitted answers.
    Question(QuestionId),
    /// Typed by an officer, year by year.
    Manual,
}

/// The KPI form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KpiInput {
    pub name: String,
    pub unit: String,
    /// `question` or `manual`.
    pub source: String,
    pub question: String,
    pub baseline: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiDraft {
    pub name: String,
    pub unit: String,
    pub source: KpiSource,
    pub baseline: Option<Exact>,
}

impl TryFrom<&KpiInput> for KpiDraft {
    type Error = FieldErrors;

    fn try_from(input: &KpiInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = input.name.trim();
        if name.is_empty() {
            errors.push("name", Problem::Required);
        } else if name.chars().count() > NAME_MAX_CHARS {
            errors.push(
                "name",
                Problem::TooLong {
                    max: NAME_MAX_CHARS,
                },
            );
        }
        let unit = input.unit.trim();
        if unit.chars().count() > UNIT_MAX_CHARS {
            errors.push(
                "unit",
                Problem::TooLong {
                    max: UNIT_MAX_CHARS,
                },
            );
        }
        let source = match input.source.trim() {
            "manual" => Some(KpiSource::Manual),
            "question" => match input.question.trim() {
                "" => {
                    errors.push("question", Problem::Required);
                    None
                }
                id => Some(KpiSource::Question(QuestionId::new(id))),
            },
            _ => {
                errors.push("source", Problem::InvalidChoice);
                None
            }
        };
        let baseline = match parse_value(&input.baseline) {
            Ok(value) => value,
            Err(problem) => {
                errors.push("baseline", problem);
                None
            }
        };
        match source {
            Some(source) if errors.is_empty() => Ok(Self {
                name: name.to_owned(),
                unit: unit.to_owned(),
                source,
                baseline,
            }),
            _ => Err(errors),
        }
    }
}

/// A target or actual value as typed: blank is none; `1,200`, full-width digits and
/// decimals are read as the number fields of a form read them.
pub fn parse_value(raw: &str) -> Result<Option<Exact>, Problem> {
    Decimal::parse(raw, None)
        .map(|value| value.map(Exact::from))
        .map_err(|_| Problem::NotANumber)
}

/// One fiscal year of a KPI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiYear {
    pub year: i32,
    pub target: Option<Exact>,
    pub actual: Option<Exact>,
    /// Since the first year of the KPI's rows, up to and including this one; `None`
    /// where a year in between has no value.
    pub cumulative_target: Option<Exact>,
    pub cumulative_actual: Option<Exact>,
}

/// The years `years` (ascending, no gaps needed) with their running totals.
pub fn with_cumulative(years: &[(i32, Option<Exact>, Option<Exact>)]) -> Vec<KpiYear> {
    let mut target_sum = Some(Exact::from_integer(0));
    let mut actual_sum = Some(Exact::from_integer(0));
    years
        .iter()
        .map(|&(year, target, actual)| {
            target_sum = target_sum.zip(target).map(|(sum, t)| sum + t);
            actual_sum = actual_sum.zip(actual).map(|(sum, a)| sum + a);
            KpiYear {
                year,
                target,
                actual,
                cumulative_target: target_sum,
                cumulative_actual: actual_sum,
            }
        })
        .collect()
}

/// Actual as a share of target, in tenths of a percent (`1234` = 123.4%), rounded half
/// up; `None` without both, or with a target of zero or less.
pub fn achievement_tenths(actual: Option<Exact>, target: Option<Exact>) -> Option<i64> {
    let (actual, target) = (actual?.to_f64(), target?.to_f64());
    if target <= 0.0 || !actual.is_finite() {
        return None;
    }
    let tenths = (actual / target * 1000.0).round();
    (tenths.abs() < 1e15).then_some(tenths as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(text: &str) -> Exact {
        text.parse().expect("exact")
    }

    fn input(source: &str, question: &str, baseline: &str) -> KpiInput {
        KpiInput {
            name: "成約件数".into(),
            unit: "件".into(),
            source: source.into(),
            question: question.into(),
            baseline: baseline.into(),
        }
    }

    #[test]
    fn a_kpi_sums_a_question_or_is_typed() {
        let draft = KpiDraft::try_from(&input("question", " contracts ", "1,200")).expect("valid");
        assert_eq!(
            draft.source,
            KpiSource::Question(QuestionId::new("contracts"))
        );
        assert_eq!(draft.baseline, Some(exact("1200")));
        let draft = KpiDraft::try_from(&input("manual", "", "")).expect("valid");
        assert_eq!(draft.source, KpiSource::Manual);
        assert_eq!(draft.baseline, None);
    }

    #[test]
    fn every_problem_is_reported_beside_its_field() {
        let mut bad = input("question", "", "たくさん");
        bad.name = " ".into();
        let errors = KpiDraft::try_from(&bad).expect_err("invalid");
        assert_eq!(errors.for_field("name"), Some(&Problem::Required));
        assert_eq!(errors.for_field("question"), Some(&Problem::Required));
        assert_eq!(errors.for_field("baseline"), Some(&Problem::NotANumber));
        let errors = KpiDraft::try_from(&input("guess", "", "")).expect_err("invalid");
        assert_eq!(errors.for_field("source"), Some(&Problem::InvalidChoice));
    }

    #[test]
    fn values_are_read_like_number_answers() {
        assert_eq!(parse_value(""), Ok(None));
        assert_eq!(parse_value("１２"), Ok(Some(exact("12"))));
        assert_eq!(parse_value("2.5"), Ok(Some(exact("2.5"))));
        assert_eq!(parse_value("12件"), Err(Problem::NotANumber));
    }

    #[test]
    fn running_totals_stop_at_a_missing_year() {
        let years = with_cumulative(&[
            (2022, Some(exact("10")), Some(exact("8"))),
            (2023, Some(exact("12")), Some(exact("15.5"))),
            (2024, Some(exact("14")), None),
            (2025, Some(exact("16")), Some(exact("1"))),
        ]);
        let cumulative: Vec<(Option<String>, Option<String>)> = years
            .iter()
            .map(|y| {
                (
                    y.cumulative_target.map(|e| e.to_string()),
                    y.cumulative_actual.map(|e| e.to_string()),
                )
            })
            .collect();
        assert_eq!(
            cumulative,
            [
                (Some("10".into()), Some("8".into())),
                (Some("22".into()), Some("23.5".into())),
                (Some("36".into()), None),
                (Some("52".into()), None),
            ]
        );
    }

    #[test]
    fn achievement_is_actual_over_target() {
        assert_eq!(
            achievement_tenths(Some(exact("15")), Some(exact("12"))),
            Some(1250)
        );
        assert_eq!(
            achievement_tenths(Some(exact("1")), Some(exact("3"))),
            Some(333)
        );
        assert_eq!(achievement_tenths(Some(exact("1")), Some(exact("0"))), None);
        assert_eq!(achievement_tenths(None, Some(exact("3"))), None);
    }

    #[test]
    fn exact_numbers_add_at_the_finer_precision() {
        assert_eq!((exact("1.25") + exact("2")).to_string(), "3.25");
        assert_eq!((exact("-1.5") + exact("1.5")).to_string(), "0");
    }
}

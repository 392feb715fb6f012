//! Statistics of an integer or decimal question: sum, mean, median, extremes and the
//! distribution, all exact.

use super::exact::Exact;
use super::histogram::{Histogram, histogram};
#[cfg(test)]
use crate::forms::Answer;
use crate::forms::{AnswerRef, Decimal, QuestionKind};
use serde::{Deserialize, Serialize};

/// Fraction digits of a mean: two, or the decimal question's own precision when finer
/// (a mean of tonnes typed to three digits keeps three). Rounded half away from zero,
/// and written without trailing zeros like every [`Exact`] (`4`, not `4.00`).
pub const MEAN_FRACTION_DIGITS: u8 = 2;

/// The statistics of the answers given; there are none without answers. How many
/// answers they cover is [`QuestionSummary::answered`](super::QuestionSummary::answered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberSummary {
    /// Exact, whatever its size: computed on 128-bit integers.
    pub sum: Exact,
    /// Rounded to [`MEAN_FRACTION_DIGITS`] (or the question's finer precision).
    pub mean: Exact,
    /// Exact: with an even count, the mean of the two middle answers, so `1` and `2`
    /// give `1.5`.
    pub median: Exact,
    pub min: Exact,
    pub max: Exact,
    pub histogram: Histogram,
}

/// Summarises the answers that fit the question (integers for an integer question,
/// decimals for a decimal one); returns the summary and how many fitted.
#[cfg(test)]
pub(super) fn summarise(kind: &QuestionKind, answers: &[&Answer]) -> (Option<NumberSummary>, u32) {
    let mut tally = NumberTally::new(kind);
    for answer in answers {
        tally.add(&answer.view());
    }
    tally.finish()
}

/// The values of one number question, one answer at a time: integers for an integer
/// question, decimals for a decimal one.
#[derive(Debug)]
pub(super) struct NumberTally {
    fits: Fits,
    /// In units of 10^-`scale`.
    values: Vec<i128>,
    scale: u8,
    mean_digits: u8,
}

#[derive(Debug, Clone, Copy)]
enum Fits {
    Integers,
    Decimals,
    Nothing,
}

impl NumberTally {
    pub(super) fn new(kind: &QuestionKind) -> Self {
        let (fits, scale, mean_digits) = match kind {
            QuestionKind::Integer { .. } => (Fits::Integers, 0, MEAN_FRACTION_DIGITS),
            QuestionKind::Decimal {
                max_fraction_digits,
                ..
            } => (
                Fits::Decimals,
                Decimal::MAX_FRACTION_DIGITS,
                (*max_fraction_digits).clamp(MEAN_FRACTION_DIGITS, Decimal::MAX_FRACTION_DIGITS),
            ),
            _ => (Fits::Nothing, 0, MEAN_FRACTION_DIGITS),
        };
        Self {
            fits,
            values: Vec::new(),
            scale,
            mean_digits,
        }
    }

    /// Takes one answer; whether it fitted.
    pub(super) fn add(&mut self, answer: &AnswerRef<'_>) -> bool {
        let value = match (self.fits, answer) {
            (Fits::Integers, AnswerRef::Integer(value)) => i128::from(*value),
            (Fits::Decimals, AnswerRef::Decimal(value)) => value.nanos(),
            _ => return false,
        };
        self.values.push(value);
        true
    }

    pub(super) fn finish(self) -> (Option<NumberSummary>, u32) {
        let answered = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        (
            statistics(self.values, self.scale, self.mean_digits),
            answered,
        )
    }
}

/// Statistics of `values` in units of 10^-`scale`.
///
/// The sum cannot overflow: every value is below 10^28 units (an `i64`, or a
/// [`Decimal`] of 18 + 9 digits), at most `u32::MAX` answers are read (see
/// [`summarise`](super::summarise)), and 4.3 × 10^9 × 10^28 is well inside the
/// 1.7 × 10^38 of an `i128`.
fn statistics(mut values: Vec<i128>, scale: u8, mean_digits: u8) -> Option<NumberSummary> {
    values.sort_unstable();
    let (&min, &max) = (values.first()?, values.last()?);
    let sum: i128 = values.iter().sum();
    let count = u32::try_from(values.len()).unwrap_or(u32::MAX);
    let middle = values.len() / 2;
    let median = if values.len() % 2 == 1 {
        Exact::from_units(values[middle], scale)
    } else {
        half(values[middle - 1] + values[middle], scale)
    };
    Some(NumberSummary {
        sum: Exact::from_units(sum, scale),
        mean: rounded_mean(sum, scale, count, mean_digits),
        median,
        min: Exact::from_units(min, scale),
        max: Exact::from_units(max, scale),
        histogram: histogram(&values, scale),
    })
}

/// `units / 2` exactly: one more fraction digit when `units` is odd.
fn half(units: i128, scale: u8) -> Exact {
    if units % 2 == 0 {
        Exact::from_units(units / 2, scale)
    } else {
        Exact::from_units(units * 5, scale + 1)
    }
}

/// `sum / count` rounded half away from zero to `digits` fraction digits, from a sum in
/// units of 10^-`scale`. Split into quotient and remainder first, so that scaling up
/// never multiplies the sum itself.
pub(super) fn rounded_mean(sum: i128, scale: u8, count: u32, digits: u8) -> Exact {
    let count = i128::from(count.max(1));
    let units = if digits >= scale {
        let factor = 10i128.pow(u32::from(digits - scale));
        (sum / count) * factor + divide_rounded((sum % count) * factor, count)
    } else {
        divide_rounded(sum, count * 10i128.pow(u32::from(scale - digits)))
    };
    Exact::from_units(units, digits)
}

/// `numerator / divisor` (divisor > 0) rounded half away from zero.
fn divide_rounded(numerator: i128, divisor: i128) -> i128 {
    let quotient = numerator / divisor;
    let remainder = numerator % divisor;
    if remainder.unsigned_abs() * 2 >= divisor.unsigned_abs() {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn integer_kind() -> QuestionKind {
        QuestionKind::Integer {
            min: None,
            max: None,
            unit: None,
        }
    }

    fn decimal_kind(max_fraction_digits: u8) -> QuestionKind {
        QuestionKind::Decimal {
            min: None,
            max: None,
            unit: None,
            max_fraction_digits,
        }
    }

    fn of_integers(values: &[i64]) -> NumberSummary {
        let answers: Vec<Answer> = values.iter().map(|v| Answer::Integer(*v)).collect();
        let refs: Vec<&Answer> = answers.iter().collect();
        summarise(&integer_kind(), &refs).0.expect("some answers")
    }

    fn of_decimals(values: &[&str], max_fraction_digits: u8) -> NumberSummary {
        let answers: Vec<Answer> = values
            .iter()
            .map(|text| Answer::Decimal(text.parse().expect("decimal")))
            .collect();
        let refs: Vec<&Answer> = answers.iter().collect();
        summarise(&decimal_kind(max_fraction_digits), &refs)
            .0
            .expect("some answers")
    }

    fn texts(summary: &NumberSummary) -> [String; 5] {
        [
            summary.sum.to_string(),
            summary.mean.to_string(),
            summary.median.to_string(),
            summary.min.to_string(),
            summary.max.to_string(),
        ]
    }

    #[test]
    fn no_answers_have_no_statistics() {
        assert_eq!(summarise(&integer_kind(), &[]), (None, 0));
    }

    #[test]
    fn a_single_answer_is_its_own_sum_mean_median_and_extremes() {
        let summary = of_integers(&[12]);
        assert_eq!(
            texts(&summary),
            ["12", "12", "12", "12", "12"].map(String::from)
        );
    }

    #[test]
    fn an_odd_count_takes_the_middle_answer_as_median() {
        let summary = of_integers(&[7, 1, 3]);
        assert_eq!(
            texts(&summary),
            ["11", "3.67", "3", "1", "7"].map(String::from)
        );
    }

    #[test]
    fn an_even_count_takes_the_mean_of_the_two_middle_answers_as_median() {
        assert_eq!(of_integers(&[4, 1, 2, 10]).median.to_string(), "3");
        assert_eq!(of_integers(&[1, 2]).median.to_string(), "1.5");
        assert_eq!(of_integers(&[5, 5, 1, 9]).median.to_string(), "5");
    }

    #[test]
    fn negative_answers_are_summed_and_rounded_away_from_zero() {
        let summary = of_integers(&[-1, -2]);
        assert_eq!(
            texts(&summary),
            ["-3", "-1.5", "-1.5", "-2", "-1"].map(String::from)
        );
        assert_eq!(of_integers(&[-1, -1, 0]).mean.to_string(), "-0.67");
        assert_eq!(of_integers(&[-5, 3, -1, 0]).median.to_string(), "-0.5");
    }

    #[test]
    fn the_largest_integers_sum_without_overflow() {
        let summary = of_integers(&[i64::MAX, i64::MAX, i64::MAX]);
        assert_eq!(summary.sum.to_string(), "27670116110564327421");
        assert_eq!(summary.mean.to_string(), i64::MAX.to_string());
        let both_ends = of_integers(&[i64::MIN, i64::MAX]);
        assert_eq!(both_ends.sum.to_string(), "-1");
        assert_eq!(both_ends.median.to_string(), "-0.5");
        assert_eq!(both_ends.mean.to_string(), "-0.5");
    }

    #[test]
    fn decimals_are_summed_exactly() {
        let summary = of_decimals(&["0.1", "0.2", "0.3"], 1);
        assert_eq!(
            texts(&summary),
            ["0.6", "0.2", "0.2", "0.1", "0.3"].map(String::from)
        );
        let large = of_decimals(&[&Decimal::MAX.to_string(), &Decimal::MAX.to_string()], 9);
        assert_eq!(large.sum.to_string(), "1999999999999999999.999999998");
    }

    #[test]
    fn the_median_of_two_finest_decimals_keeps_its_half() {
        let summary = of_decimals(&["0.000000001", "0.000000002"], 9);
        assert_eq!(summary.median.to_string(), "0.0000000015");
        assert_eq!(
            summary.mean.to_string(),
            "0.000000002",
            "rounded to nine digits"
        );
    }

    #[test]
    fn a_decimal_mean_keeps_the_questions_finer_precision() {
        assert_eq!(of_decimals(&["1", "1", "2"], 1).mean.to_string(), "1.33");
        assert_eq!(of_decimals(&["1", "1", "2"], 3).mean.to_string(), "1.333");
    }

    #[test]
    fn means_round_half_away_from_zero() {
        assert_eq!(rounded_mean(1, 0, 8, 2).to_string(), "0.13", "0.125");
        assert_eq!(rounded_mean(-1, 0, 8, 2).to_string(), "-0.13");
        assert_eq!(rounded_mean(1, 0, 3, 2).to_string(), "0.33");
        assert_eq!(rounded_mean(125, 3, 1, 2).to_string(), "0.13");
    }

    #[test]
    fn answers_of_another_type_are_not_counted() {
        let answers = [Answer::Integer(3), Answer::Text("3".to_owned())];
        let refs: Vec<&Answer> = answers.iter().collect();
        let (summary, answered) = summarise(&integer_kind(), &refs);
        assert_eq!(answered, 1);
        assert_eq!(summary.map(|s| s.sum.to_string()), Some("3".to_owned()));
        let (decimal, answered) = summarise(&decimal_kind(2), &refs);
        assert_eq!((decimal, answered), (None, 0));
    }
}

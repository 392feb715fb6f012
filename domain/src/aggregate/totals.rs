//! [`Total`]: one number question summed across many campaigns and forms, for the
//! event and fiscal-year dashboards (the 商談件数 of every post-exhibition
//! questionnaire of a year). Exact, like every aggregate: kept in billionths, the finest
//! a [`Decimal`] answer holds.
//!
//! Forms made from the built-in templates share their question ids, so the dashboards
//! total the questions [`NEGOTIATIONS`], [`CONTRACTS`] and [`SATISFACTION`] wherever
//! they appear; a form built by hand joins in by using the same ids.

use super::exact::Exact;
use super::numbers::{MEAN_FRACTION_DIGITS, rounded_mean};
use crate::forms::{Answer, Decimal};
use serde::{Deserialize, Serialize};

/// 商談件数 of the 出展後アンケート.
pub const NEGOTIATIONS: &str = "negotiations";
/// 成約件数（契約数）.
pub const CONTRACTS: &str = "contracts";
/// 出展の満足度 (a rating scale).
pub const SATISFACTION: &str = "satisfaction";

const SCALE: u8 = Decimal::MAX_FRACTION_DIGITS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Total {
    /// In units of 10^-[`SCALE`].
    units: i128,
    answered: u32,
}

impl Total {
    /// Counts an integer, decimal or rating answer; any other answer is not a number
    /// and is left out.
    pub fn add(&mut self, answer: &Answer) {
        let units = match answer {
            Answer::Integer(value) => i128::from(*value) * 10i128.pow(u32::from(SCALE)),
            Answer::Decimal(value) => value.nanos(),
            Answer::Rating(point) => i128::from(*point) * 10i128.pow(u32::from(SCALE)),
            _ => return,
        };
        self.units = self.units.saturating_add(units);
        self.answered = self.answered.saturating_add(1);
    }

    pub fn merge(&mut self, other: Total) {
        self.units = self.units.saturating_add(other.units);
        self.answered = self.answered.saturating_add(other.answered);
    }

    pub fn sum(self) -> Exact {
        Exact::from_units(self.units, SCALE)
    }

    /// How many answers were added.
    pub fn answered(self) -> u32 {
        self.answered
    }

    /// Rounded to two fraction digits; `None` without answers.
    pub fn mean(self) -> Option<Exact> {
        (self.answered > 0)
            .then(|| rounded_mean(self.units, SCALE, self.answered, MEAN_FRACTION_DIGITS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(answers: &[Answer]) -> Total {
        let mut total = Total::default();
        for answer in answers {
            total.add(answer);
        }
        total
    }

    #[test]
    fn nothing_added_sums_to_zero_without_a_mean() {
        let empty = Total::default();
        assert_eq!(empty.sum().to_string(), "0");
        assert_eq!(empty.answered(), 0);
        assert_eq!(empty.mean(), None);
    }

    #[test]
    fn integers_decimals_and_ratings_add_up_exactly() {
        let decimal = Decimal::parse("0.1", None)
            .ok()
            .flatten()
            .expect("a decimal");
        let total = total(&[
            Answer::Integer(12),
            Answer::Decimal(decimal),
            Answer::Rating(5),
        ]);
        assert_eq!(total.sum().to_string(), "17.1");
        assert_eq!(total.answered(), 3);
        assert_eq!(total.mean().map(|m| m.to_string()).as_deref(), Some("5.7"));
    }

    #[test]
    fn texts_and_choices_are_not_numbers() {
        let total = total(&[Answer::Text("12".into()), Answer::Integer(1)]);
        assert_eq!(total.answered(), 1);
        assert_eq!(total.sum().to_string(), "1");
    }

    #[test]
    fn totals_of_campaigns_merge_into_the_year() {
        let mut year = total(&[Answer::Integer(12), Answer::Integer(5)]);
        year.merge(total(&[Answer::Integer(0)]));
        assert_eq!(year.sum().to_string(), "17");
        assert_eq!(year.answered(), 3);
        // 17 / 3 = 5.666…, rounded half away from zero.
        assert_eq!(year.mean().map(|m| m.to_string()).as_deref(), Some("5.67"));
    }

    #[test]
    fn a_negative_answer_is_subtracted() {
        let total = total(&[Answer::Integer(-3), Answer::Integer(1)]);
        assert_eq!(total.sum().to_string(), "-2");
        assert_eq!(total.mean().map(|m| m.to_string()).as_deref(), Some("-1"));
    }
}

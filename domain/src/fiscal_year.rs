//! The Japanese fiscal year (年度): April 1 to March 31, named after the year it starts in.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalYear(i32);

impl FiscalYear {
    pub fn from_date(date: NaiveDate) -> Self {
        if date.month() >= 4 {
            Self(date.year())
        } else {
            Self(date.year() - 1)
        }
    }

    pub fn new(start_year: i32) -> Self {
        Self(start_year)
    }

    pub fn start_year(self) -> i32 {
        self.0
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn april_first_starts_a_new_fiscal_year() {
        assert_eq!(
            FiscalYear::from_date(date(2026, 4, 1)),
            FiscalYear::new(2026)
        );
        assert_eq!(
            FiscalYear::from_date(date(2026, 3, 31)),
            FiscalYear::new(2025)
        );
    }

    #[test]
    fn january_to_march_belong_to_the_previous_year() {
        for month in 1..=3 {
            assert_eq!(
                FiscalYear::from_date(date(2027, month, 15)),
                FiscalYear::new(2026)
            );
        }
        for month in 4..=12 {
            assert_eq!(
                FiscalYear::from_date(date(2026, month, 15)),
                FiscalYear::new(2026)
            );
        }
    }
}

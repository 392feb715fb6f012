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

    /// The Japanese-era name, `令和8年度` for the year from April 2026.
    pub fn wareki(self) -> Wareki {
        Wareki(self)
    }

    /// The English name, `FY2026`: the year it starts in, as Japanese ministries write it.
    pub fn english_label(self) -> String {
        format!("FY{}", self.0)
    }
}

/// The Japanese-era name of a fiscal year (`令和元年度`, `平成30年度`), as reports to the
/// city council print it.
///
/// A fiscal year is named in the era in force on 1 May of the year it starts. For
/// every year but 2019 that is the era of its first day; fiscal 2019 began on 1 April
/// 2019 under Heisei, a month before Reiwa began on 1 May, yet government practice
/// names it `令和元年度`, and so does this rule. Years before Meiji are written in the
/// Western calendar (`1867年度`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wareki(FiscalYear);

/// Each era with the Western year of its first year (元年), newest first.
const ERAS: [(&str, i32, u32, u32); 5] = [
    ("令和", 2019, 5, 1),
    ("平成", 1989, 1, 8),
    ("昭和", 1926, 12, 25),
    ("大正", 1912, 7, 30),
    ("明治", 1868, 1, 1),
];

impl fmt::Display for Wareki {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.0.start_year();
        // The era whose first day is on or before 1 May of the starting year.
        let era = ERAS
            .iter()
            .find(|&&(_, first, month, day)| (first, month, day) <= (year, 5, 1));
        match era {
            Some((name, first, _, _)) if year == *first => write!(f, "{name}元年度"),
            Some((name, first, _, _)) => write!(f, "{name}{}年度", year - first + 1),
            None => write!(f, "{year}年度"),
        }
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

    fn wareki(start_year: i32) -> String {
        FiscalYear::new(start_year).wareki().to_string()
    }

    #[test]
    fn fiscal_years_are_named_in_the_reiwa_era_from_2019() {
        assert_eq!(wareki(2026), "令和8年度");
        assert_eq!(wareki(2020), "令和2年度");
        assert_eq!(
            wareki(2019),
            "令和元年度",
            "begun under Heisei, named Reiwa by government practice"
        );
        assert_eq!(wareki(2018), "平成30年度");
    }

    #[test]
    fn each_eras_first_fiscal_year_is_its_gannen() {
        assert_eq!(wareki(1989), "平成元年度");
        assert_eq!(wareki(1988), "昭和63年度");
        assert_eq!(wareki(1927), "昭和2年度");
        assert_eq!(wareki(1926), "大正15年度", "Showa began in December 1926");
        assert_eq!(wareki(1912), "明治45年度", "Taisho began in July 1912");
        assert_eq!(wareki(1868), "明治元年度");
        assert_eq!(wareki(1867), "1867年度");
    }

    #[test]
    fn a_date_in_march_2027_is_in_reiwa_8() {
        assert_eq!(
            FiscalYear::from_date(date(2027, 3, 31))
                .wareki()
                .to_string(),
            "令和8年度"
        );
    }

    #[test]
    fn the_english_label_is_fy_and_the_starting_year() {
        assert_eq!(FiscalYear::new(2026).english_label(), "FY2026");
        assert_eq!(FiscalYear::new(2019).english_label(), "FY2019");
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

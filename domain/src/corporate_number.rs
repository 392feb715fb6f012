//! 法人番号: the 13-digit corporate number of the National Tax Agency. Its first digit
//! is a check digit over the other twelve, so a mistyped number is caught on input.

use super::Problem;
use serde::{Deserialize, Serialize};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CorporateNumber(String);

impl CorporateNumber {
    /// Accepts full-width digits, spaces and hyphens as Excel sheets carry them
    /// (`１２３４-…`), and returns the 13 ASCII digits if the check digit is right.
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let digits: String = raw
            .nfkc()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if digits.is_empty() {
            return Err(Problem::Required);
        }
        if digits.len() != 13 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Problem::InvalidCorporateNumber);
        }
        let values: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
        if values[0] != check_digit(&values[1..]) {
            return Err(Problem::InvalidCorporateNumber);
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 9 − (Σ Pn × Qn mod 9), Pn the n-th of the twelve base digits counted from the
/// right, Qn = 1 for odd n and 2 for even n.
fn check_digit(base: &[u32]) -> u32 {
    let sum: u32 = base
        .iter()
        .rev()
        .enumerate()
        .map(|(i, digit)| digit * if i % 2 == 0 { 1 } else { 2 })
        .sum();
    9 - sum % 9
}

impl fmt::Display for CorporateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_the_sample_rosters_are_valid() {
        for number in [
            "4511284787022",
            "9599477515353",
            "6505592991785",
            "2288532863868",
        ] {
            assert_eq!(
                CorporateNumber::parse(number).map(|n| n.0),
                Ok(number.to_owned())
            );
        }
    }

    #[test]
    fn full_width_digits_and_separators_are_accepted() {
        let number = CorporateNumber::parse("４５１１ ２８４７-８７０２２").expect("valid");
        assert_eq!(number.as_str(), "4511284787022");
    }

    #[test]
    fn a_wrong_check_digit_or_length_is_refused() {
        assert_eq!(
            CorporateNumber::parse("5511284787022"),
            Err(Problem::InvalidCorporateNumber)
        );
        assert_eq!(
            CorporateNumber::parse("451128478702"),
            Err(Problem::InvalidCorporateNumber)
        );
        assert_eq!(
            CorporateNumber::parse("45112847870a2"),
            Err(Problem::InvalidCorporateNumber)
        );
        assert_eq!(CorporateNumber::parse(" "), Err(Problem::Required));
    }

    #[test]
    fn every_base_has_exactly_one_valid_check_digit() {
        let base = "511284787022";
        let valid: Vec<u32> = (0..=9)
            .filter(|d| CorporateNumber::parse(&format!("{d}{base}")).is_ok())
            .collect();
        assert_eq!(valid, vec![4]);
    }
}

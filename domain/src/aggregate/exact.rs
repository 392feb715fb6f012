//! [`Exact`]: the number type of aggregates. Sums, means and medians of answers are
//! computed on integers and never pass through a float, so a total of 商談数 printed in
//! the annual review is the total of what companies typed.

use crate::forms::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An exact number: `units × 10^-digits`, kept without trailing fraction zeros so that
/// equal values are equal fields. Wider than a [`Decimal`] (a sum of answers may pass
/// its 18 whole digits, and an `i64` does not fit one) and finer (the median of two
/// nine-digit decimals may need a tenth digit). Stored and sent as its canonical text
/// (`-1234.5`), like [`Decimal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exact {
    units: i128,
    digits: u8,
}

/// The most fraction digits [`Exact`] reads from text; aggregation makes at most 10.
const MAX_DIGITS: u8 = 18;

/// Why a text is not an [`Exact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotExact;

impl Exact {
    /// `units × 10^-digits`.
    pub(crate) fn from_units(units: i128, digits: u8) -> Self {
        let (mut units, mut digits) = (units, digits);
        while digits > 0 && units % 10 == 0 {
            units /= 10;
            digits -= 1;
        }
        Self { units, digits }
    }

    pub fn from_integer(value: i64) -> Self {
        Self::from_units(i128::from(value), 0)
    }

    /// How many digits follow the decimal point in the canonical text.
    pub fn fraction_digits(self) -> u8 {
        self.digits
    }

    pub fn is_whole(self) -> bool {
        self.digits == 0
    }

    /// The nearest `f64`, for a spreadsheet's numeric cell; aggregation never uses it.
    pub fn to_f64(self) -> f64 {
        // Parsing the decimal text is correctly rounded; dividing two floats is not.
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl std::ops::Add for Exact {
    type Output = Exact;

    /// Exact, at the finer of the two precisions; saturates far beyond any total of
    /// answers (i128 holds 10^29 billionths).
    fn add(self, other: Exact) -> Exact {
        let digits = self.digits.max(other.digits);
        let scaled = |e: Exact| {
            e.units
                .saturating_mul(10i128.saturating_pow(u32::from(digits - e.digits)))
        };
        Exact::from_units(scaled(self).saturating_add(scaled(other)), digits)
    }
}

impl From<Decimal> for Exact {
    fn from(value: Decimal) -> Self {
        Self::from_units(value.nanos(), Decimal::MAX_FRACTION_DIGITS)
    }
}

impl From<i64> for Exact {
    fn from(value: i64) -> Self {
        Self::from_integer(value)
    }
}

impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.units.unsigned_abs();
        let scale = 10u128.pow(u32::from(self.digits));
        if self.units < 0 {
            f.write_str("-")?;
        }
        write!(f, "{}", magnitude / scale)?;
        if self.digits > 0 {
            let width = usize::from(self.digits);
            write!(f, ".{:0width$}", magnitude % scale)?;
        }
        Ok(())
    }
}

impl FromStr for Exact {
    type Err = NotExact;

    /// Reads the canonical text back: `-?digits(.digits)?`, nothing else.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let point_without_fraction = unsigned.contains('.') && fraction.is_empty();
        if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(NotExact);
        }
        if point_without_fraction || fraction.len() > usize::from(MAX_DIGITS) {
            return Err(NotExact);
        }
        // Accumulated with its sign, so that i128::MIN reads back too.
        let mut units: i128 = 0;
        for digit in whole.bytes().chain(fraction.bytes()) {
            let digit = i128::from(digit - b'0');
            units = units
                .checked_mul(10)
                .and_then(|units| {
                    if negative {
                        units.checked_sub(digit)
                    } else {
                        units.checked_add(digit)
                    }
                })
                .ok_or(NotExact)?;
        }
        let digits = u8::try_from(fraction.len()).map_err(|_| NotExact)?;
        Ok(Self::from_units(units, digits))
    }
}

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom(format!("not an exact number: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn exact(text: &str) -> Exact {
        text.parse().expect("exact number")
    }

    #[test]
    fn trailing_fraction_zeros_are_dropped_so_equal_values_are_equal() {
        assert_eq!(Exact::from_units(1500, 3), Exact::from_units(15, 1));
        assert_eq!(Exact::from_units(1500, 3).to_string(), "1.5");
        assert_eq!(Exact::from_units(-2000, 3).to_string(), "-2");
        assert!(Exact::from_units(-2000, 3).is_whole());
        assert_eq!(exact("12.50"), exact("12.5"));
    }

    #[test]
    fn small_fractions_keep_their_leading_zeros() {
        assert_eq!(Exact::from_units(5, 10).to_string(), "0.0000000005");
        assert_eq!(Exact::from_units(-5, 2).to_string(), "-0.05");
        assert_eq!(Exact::from_units(0, 4).to_string(), "0");
    }

    #[test]
    fn decimals_and_integers_convert_without_loss() {
        let decimal: Decimal = "-1234.000000001".parse().expect("decimal");
        assert_eq!(Exact::from(decimal).to_string(), "-1234.000000001");
        assert_eq!(Exact::from(i64::MIN).to_string(), i64::MIN.to_string());
        assert_eq!(
            Exact::from(Decimal::MAX).to_string(),
            Decimal::MAX.to_string()
        );
    }

    #[test]
    fn only_canonical_looking_text_is_read() {
        for text in ["", "-", ".5", "5.", "1e3", "+1", "1,000", " 1", "--1", "１"] {
            assert_eq!(text.parse::<Exact>(), Err(NotExact), "{text:?}");
        }
        let too_long = "9".repeat(40);
        assert_eq!(too_long.parse::<Exact>(), Err(NotExact));
        assert_eq!(
            format!("0.{}", "1".repeat(19)).parse::<Exact>(),
            Err(NotExact)
        );
    }

    #[test]
    fn exact_numbers_travel_as_text() {
        let value = exact("-0.25");
        let json = serde_json::to_string(&value).expect("serialises");
        assert_eq!(json, r#""-0.25""#);
        assert_eq!(serde_json::from_str::<Exact>(&json).ok(), Some(value));
        assert!(serde_json::from_str::<Exact>(r#""abc""#).is_err());
    }

    #[test]
    fn the_float_for_a_spreadsheet_is_the_nearest_one() {
        assert_eq!(exact("0.1").to_f64(), 0.1);
        assert_eq!(exact("-12.75").to_f64(), -12.75);
    }

    proptest! {
        #[test]
        fn every_exact_number_reads_back_from_its_text(units: i128, digits in 0u8..=18) {
            let value = Exact::from_units(units, digits);
            prop_assert_eq!(value.to_string().parse::<Exact>(), Ok(value));
        }
    }
}

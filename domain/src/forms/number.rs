//! Numbers as companies type them: full-width digits and spaces (NFKC), thousands
//! separators (`1,200`), and the question's unit after the number (`12件`). Integers
//! become `i64`; decimals become a [`Decimal`], exact, never a float, so that a stored
//! `0.1` is read back as `0.1`.

use super::definition::Text;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use unicode_normalization::UnicodeNormalization;

/// Why typed text is not a number of the wanted kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    NotANumber,
    /// A fraction was typed where a whole number is asked for.
    NotAWholeNumber,
    /// More fraction digits than a [`Decimal`] keeps.
    TooPrecise,
    /// Beyond what the type holds; `negative` tells on which side.
    Overflow {
        negative: bool,
    },
}

/// A number as typed, split into its parts: ASCII digits only, no separators.
struct Typed {
    negative: bool,
    whole: String,
    fraction: String,
}

/// Reads `raw` into its parts; `Ok(None)` when nothing but spaces was typed.
fn lex(raw: &str, unit: Option<&Text>) -> Result<Option<Typed>, NumberError> {
    let mut text: String = raw.nfkc().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(stripped) = strip_unit(&text, unit) {
        text = stripped;
    }
    // U+2212 is the minus sign of typeset text; NFKC leaves it alone.
    let (negative, unsigned) = if let Some(rest) = text.strip_prefix(['-', '\u{2212}']) {
        (true, rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest)
    } else {
        (false, text.as_str())
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let whole = without_thousands_separators(whole).ok_or(NumberError::NotANumber)?;
    let fraction = fraction.unwrap_or("");
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let has_point = unsigned.contains('.');
    if !digits_only(&whole)
        || !digits_only(fraction)
        || (has_point && fraction.is_empty())
        || (whole.is_empty() && fraction.is_empty())
    {
        return Err(NumberError::NotANumber);
    }
    Ok(Some(Typed {
        negative,
        whole,
        fraction: fraction.to_owned(),
    }))
}

/// `12件` → `12` when 件 is the question's unit (Japanese or English, as NFKC'd).
fn strip_unit(text: &str, unit: Option<&Text>) -> Option<String> {
    let unit = unit?;
    [Some(unit.ja.as_str()), unit.en.as_deref()]
        .into_iter()
        .flatten()
        .map(|name| {
            name.nfkc()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .find_map(|name| text.strip_suffix(name.as_str()).map(str::to_owned))
}

/// Removes commas placed as thousands separators; `None` when commas are anywhere else
/// (`1,5` may be a European decimal, and guessing would store a wrong number).
fn without_thousands_separators(whole: &str) -> Option<String> {
    if !whole.contains(',') {
        return Some(whole.to_owned());
    }
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len());
    let mut joined = first.to_owned();
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        joined.push_str(group);
    }
    first_ok.then_some(joined)
}

/// Reads an integer; `Ok(None)` when the field is blank. A fraction of zeros (`12.0`)
/// is accepted as the whole number it is.
pub fn parse_integer(raw: &str, unit: Option<&Text>) -> Result<Option<i64>, NumberError> {
    let Some(typed) = lex(raw, unit)? else {
        return Ok(None);
    };
    if typed.fraction.bytes().any(|b| b != b'0') {
        return Err(NumberError::NotAWholeNumber);
    }
    let overflow = NumberError::Overflow {
        negative: typed.negative,
    };
    let whole = typed.whole.trim_start_matches('0');
    // 19 digits always fit an i128, so the parse below cannot fail on length.
    if whole.len() > 19 {
        return Err(overflow);
    }
    let magnitude: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| NumberError::NotANumber)?
    };
    let value = if typed.negative {
        -magnitude
    } else {
        magnitude
    };
    i64::try_from(value).map(Some).map_err(|_| overflow)
}

/// An exact decimal number with at most [`Decimal::MAX_FRACTION_DIGITS`] fraction
/// digits and [`Decimal::MAX_WHOLE_DIGITS`] whole digits. Stored and sent as its
/// canonical text (`-1234.5`: no separators, no trailing zeros).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal {
    /// The value times 10^9.
    scaled: i128,
}

const SCALE: i128 = 1_000_000_000;

impl Decimal {
    pub const MAX_FRACTION_DIGITS: u8 = 9;
    pub const MAX_WHOLE_DIGITS: usize = 18;
    /// The largest value: eighteen nines, a point, nine nines.
    pub const MAX: Self = Self {
        scaled: 999_999_999_999_999_999_999_999_999,
    };
    pub const MIN: Self = Self {
        scaled: -999_999_999_999_999_999_999_999_999,
    };

    pub fn from_integer(value: i64) -> Self {
        Self {
            scaled: i128::from(value) * SCALE,
        }
    }

    /// Reads a decimal as typed; `Ok(None)` when the field is blank.
    pub fn parse(raw: &str, unit: Option<&Text>) -> Result<Option<Self>, NumberError> {
        let Some(typed) = lex(raw, unit)? else {
            return Ok(None);
        };
        let whole = typed.whole.trim_start_matches('0');
        let fraction = typed.fraction.trim_end_matches('0');
        if fraction.len() > usize::from(Self::MAX_FRACTION_DIGITS) {
            return Err(NumberError::TooPrecise);
        }
        if whole.len() > Self::MAX_WHOLE_DIGITS {
            return Err(NumberError::Overflow {
                negative: typed.negative,
            });
        }
        let padded = format!("{fraction:0<9}");
        let whole: i128 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| NumberError::NotANumber)?
        };
        let fraction: i128 = padded.parse().map_err(|_| NumberError::NotANumber)?;
        let magnitude = whole * SCALE + fraction;
        Ok(Some(Self {
            scaled: if typed.negative {
                -magnitude
            } else {
                magnitude
            },
        }))
    }

    /// The value in units of 10^-9, for exact sums and medians in
    /// [`aggregate`](crate::aggregate).
    pub(crate) fn nanos(self) -> i128 {
        self.scaled
    }

    /// How many digits follow the decimal point in the canonical text.
    pub fn fraction_digits(&self) -> u8 {
        let mut fraction = (self.scaled % SCALE).unsigned_abs();
        if fraction == 0 {
            return 0;
        }
        let mut digits = Self::MAX_FRACTION_DIGITS;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            digits -= 1;
        }
        digits
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.scaled.unsigned_abs();
        let whole = magnitude / SCALE.unsigned_abs();
        let fraction = magnitude % SCALE.unsigned_abs();
        if self.scaled < 0 {
            f.write_str("-")?;
        }
        write!(f, "{whole}")?;
        if fraction > 0 {
            let digits = format!("{fraction:09}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

impl FromStr for Decimal {
    type Err = NumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text, None)?.ok_or(NumberError::NotANumber)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse()
            .map_err(|_| serde::de::Error::custom(format!("not a decimal number: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ken() -> Text {
        Text::new("件", "cases")
    }

    fn integer(raw: &str) -> Result<Option<i64>, NumberError> {
        parse_integer(raw, Some(&ken()))
    }

    fn decimal(raw: &str) -> String {
        match Decimal::parse(raw, None) {
            Ok(Some(value)) => value.to_string(),
            other => format!("{other:?}"),
        }
    }

    /// `1234567` → `1,234,567`.
    fn with_separators(value: i64) -> String {
        let digits = value.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if value < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }

    fn full_width(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '0'..='9' | ',' | '.' | '-' => {
                    char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
                }
                other => other,
            })
            .collect()
    }

    #[test]
    fn a_blank_field_is_no_number_rather_than_a_wrong_one() {
        assert_eq!(integer(""), Ok(None));
        assert_eq!(integer(" \u{3000} "), Ok(None));
    }

    #[test]
    fn full_width_digits_and_spaces_are_read() {
        assert_eq!(integer("　１２ "), Ok(Some(12)));
        assert_eq!(integer("－３"), Ok(Some(-3)));
        assert_eq!(integer("\u{2212}3"), Ok(Some(-3)));
    }

    #[test]
    fn commas_are_read_as_thousands_separators_only_where_they_belong() {
        assert_eq!(integer("1,200"), Ok(Some(1200)));
        assert_eq!(integer("１，２００，０００"), Ok(Some(1_200_000)));
        assert_eq!(integer("1,5"), Err(NumberError::NotANumber));
        assert_eq!(integer(",100"), Err(NumberError::NotANumber));
        assert_eq!(integer("1000,000"), Err(NumberError::NotANumber));
    }

    #[test]
    fn the_questions_own_unit_may_follow_the_number() {
        assert_eq!(integer("12件"), Ok(Some(12)));
        assert_eq!(integer("12 cases"), Ok(Some(12)));
        assert_eq!(integer("12枚"), Err(NumberError::NotANumber));
        assert_eq!(integer("件"), Err(NumberError::NotANumber));
        assert_eq!(parse_integer("12件", None), Err(NumberError::NotANumber));
    }

    #[test]
    fn a_fraction_is_not_a_whole_number_unless_it_is_zero() {
        assert_eq!(integer("1.5"), Err(NumberError::NotAWholeNumber));
        assert_eq!(integer("12.0"), Ok(Some(12)));
    }

    #[test]
    fn words_and_stray_signs_are_not_numbers() {
        for raw in ["約10", "10-", "1.2.3", ".", "-", "+", "1e3", "0x10", "12."] {
            assert_eq!(integer(raw), Err(NumberError::NotANumber), "{raw}");
        }
    }

    #[test]
    fn integers_beyond_i64_overflow_on_their_side() {
        assert_eq!(
            integer("9223372036854775808"),
            Err(NumberError::Overflow { negative: false })
        );
        assert_eq!(integer("-9223372036854775808"), Ok(Some(i64::MIN)));
        assert_eq!(
            integer(&format!("-{}", "9".repeat(40))),
            Err(NumberError::Overflow { negative: true })
        );
    }

    #[test]
    fn decimals_keep_their_canonical_text() {
        assert_eq!(decimal("1,234.50"), "1234.5");
        assert_eq!(decimal("０．１"), "0.1");
        assert_eq!(decimal(".5"), "0.5");
        assert_eq!(decimal("-0.0"), "0");
        assert_eq!(decimal("007"), "7");
        assert_eq!(decimal("0.0000000001"), "Err(TooPrecise)");
    }

    #[test]
    fn decimals_compare_by_value() {
        let small: Decimal = "0.25".parse().expect("decimal");
        let large: Decimal = "1.2".parse().expect("decimal");
        assert!(small < large);
        assert_eq!(small.fraction_digits(), 2);
        assert_eq!(large.fraction_digits(), 1);
        assert_eq!(Decimal::from_integer(3).fraction_digits(), 0);
    }

    #[test]
    fn decimals_are_stored_as_text() {
        let value: Decimal = "12.5".parse().expect("decimal");
        assert_eq!(
            serde_json::to_string(&value).expect("serialises"),
            r#""12.5""#
        );
        assert_eq!(
            serde_json::from_str::<Decimal>(r#""12.5""#).ok(),
            Some(value)
        );
        assert!(serde_json::from_str::<Decimal>(r#""abc""#).is_err());
    }

    proptest! {
        #[test]
        fn reading_any_text_never_panics(raw in "\\PC*") {
            let _ = integer(&raw);
            let _ = Decimal::parse(&raw, Some(&ken()));
        }

        #[test]
        fn reading_number_like_text_never_panics(raw in "[-+−0-9０-９,，.．件 ]{0,30}") {
            let _ = integer(&raw);
            let _ = Decimal::parse(&raw, Some(&ken()));
        }

        #[test]
        fn every_integer_reads_back_however_it_is_written(value: i64) {
            prop_assert_eq!(integer(&value.to_string()), Ok(Some(value)));
            prop_assert_eq!(integer(&with_separators(value)), Ok(Some(value)));
            prop_assert_eq!(integer(&full_width(&with_separators(value))), Ok(Some(value)));
            prop_assert_eq!(integer(&format!("{value} 件")), Ok(Some(value)));
        }

        #[test]
        fn every_decimal_reads_back_from_its_canonical_text(
            whole in -999_999_999_999_999_999i64..=999_999_999_999_999_999,
            fraction in 0u32..1_000_000_000,
        ) {
            let text = format!("{whole}.{fraction:09}");
            let value: Decimal = text.parse().expect("in range");
            prop_assert_eq!(value.to_string().parse::<Decimal>(), Ok(value));
            prop_assert_eq!(full_width(&value.to_string()).parse::<Decimal>(), Ok(value));
        }
    }
}

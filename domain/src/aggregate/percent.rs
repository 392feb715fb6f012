//! [`Percent`]: a share of respondents, as printed in reports (`33.3%`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A percentage rounded to one fraction digit, half up (`1/3` → `33.3%`, `1/8` →
/// `12.5%`, `1/16` → `6.3%`). Each share is rounded on its own, so the shares of a
/// single choice may add up to 99.9% or 100.1%, as in any published table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Percent {
    tenths: u32,
}

impl Percent {
    /// `part` out of `whole`; `None` when `whole` is zero, since no share exists then.
    pub fn of(part: u32, whole: u32) -> Option<Self> {
        if whole == 0 {
            return None;
        }
        let (part, whole) = (u64::from(part), u64::from(whole));
        // Half up: add half the divisor before dividing.
        let tenths = (part * 2000 + whole) / (whole * 2);
        Some(Self {
            tenths: u32::try_from(tenths).unwrap_or(u32::MAX),
        })
    }

    /// The percentage times ten: `333` for 33.3%.
    pub fn tenths(self) -> u32 {
        self.tenths
    }

    /// The share as a fraction of one (`0.333`), for a spreadsheet cell formatted as %.
    pub fn as_fraction(self) -> f64 {
        f64::from(self.tenths) / 1000.0
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}%", self.tenths / 10, self.tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(part: u32, whole: u32) -> String {
        Percent::of(part, whole).map_or_else(|| "none".to_owned(), |p| p.to_string())
    }

    #[test]
    fn shares_are_rounded_half_up_to_one_fraction_digit() {
        assert_eq!(shown(1, 3), "33.3%");
        assert_eq!(shown(2, 3), "66.7%");
        assert_eq!(shown(1, 8), "12.5%");
        assert_eq!(shown(1, 16), "6.3%");
        assert_eq!(shown(1, 2000), "0.1%");
        assert_eq!(shown(1, 2001), "0.0%");
    }

    #[test]
    fn the_ends_are_exact() {
        assert_eq!(shown(0, 7), "0.0%");
        assert_eq!(shown(7, 7), "100.0%");
        assert_eq!(shown(u32::MAX, u32::MAX), "100.0%");
    }

    #[test]
    fn nothing_out_of_nothing_is_no_share() {
        assert_eq!(Percent::of(0, 0), None);
    }

    #[test]
    fn more_than_the_whole_is_shown_as_it_is() {
        assert_eq!(shown(3, 2), "150.0%");
    }

    #[test]
    fn a_share_becomes_a_fraction_for_spreadsheets() {
        assert_eq!(Percent::of(1, 4).map(Percent::as_fraction), Some(0.25));
        assert_eq!(Percent::of(1, 3).map(Percent::tenths), Some(333));
    }
}

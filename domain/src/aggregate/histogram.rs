//! The distribution of a number question as histogram bins, chosen automatically.
//!
//! The rule, in order:
//! 1. every answer equal: one bin holding that value;
//! 2. whole numbers spanning fewer than [`MAX_VALUE_BINS`] values (max − min < 20):
//!    one bin per whole number from the smallest answer to the largest, including the
//!    numbers nobody gave, so that gaps show;
//! 3. otherwise equal-width bins: the width is the smallest "nice" number (1, 2 or 5
//!    times a power of ten, in the answers' own precision) with at least the range ÷
//!    [`TARGET_BINS`], the first bin starts at the largest multiple of the width not
//!    above the smallest answer, and bins follow until the largest answer is covered.
//!    That gives 5 to 11 bins with round bounds (`0–9`, `10–19`, … or `1.5–2`, …);
//!    fewer only for a range of a few units of the answers' last digit.

use super::exact::Exact;
use serde::{Deserialize, Serialize};

/// Whole numbers spanning fewer values than this get one bin per value.
pub const MAX_VALUE_BINS: i128 = 20;
/// Equal-width bins aim at about this many.
pub const TARGET_BINS: i128 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Histogram {
    pub bounds: Bounds,
    /// From the smallest values to the largest; empty only when there are no answers.
    pub bins: Vec<Bin>,
}

/// Whether a bin's `to` belongs to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bounds {
    /// `from ≤ x ≤ to`: bins of whole numbers (`10–19`), or single values (`from == to`).
    Closed,
    /// `from ≤ x < to`: bins of fractional numbers, where the next bin starts at `to`.
    HalfOpen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bin {
    pub from: Exact,
    pub to: Exact,
    pub count: u32,
}

impl Bin {
    /// `7` for a single value, `10–19` for a range (an en dash, in any language).
    pub fn label(&self) -> String {
        if self.from == self.to {
            self.from.to_string()
        } else {
            format!("{}–{}", self.from, self.to)
        }
    }
}

/// Bins for `sorted` values given in units of 10^-`scale`.
pub(super) fn histogram(sorted: &[i128], scale: u8) -> Histogram {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Histogram {
            bounds: Bounds::Closed,
            bins: Vec::new(),
        };
    };
    let one = 10i128.pow(u32::from(scale));
    let whole = sorted.iter().all(|value| value % one == 0);
    let exact = |units| Exact::from_units(units, scale);
    if min == max {
        return Histogram {
            bounds: Bounds::Closed,
            bins: vec![Bin {
                from: exact(min),
                to: exact(max),
                count: count(sorted.len()),
            }],
        };
    }
    if whole && (max - min) / one < MAX_VALUE_BINS {
        let counts = counts_per_bin(sorted, min, one, (max - min) / one + 1);
        let bins = counts.into_iter().zip(0..).map(|(count, i)| {
            let value = exact(min + i * one);
            Bin {
                from: value,
                to: value,
                count,
            }
        });
        return Histogram {
            bounds: Bounds::Closed,
            bins: bins.collect(),
        };
    }
    let width = nice_width(max - min);
    let start = min.div_euclid(width) * width;
    let counts = counts_per_bin(sorted, start, width, (max - start) / width + 1);
    let closed = whole && width % one == 0;
    let bins = counts.into_iter().zip(0..).map(|(count, i)| {
        let from = start + i * width;
        let to = if closed {
            from + width - one
        } else {
            from + width
        };
        Bin {
            from: exact(from),
            to: exact(to),
            count,
        }
    });
    Histogram {
        bounds: if closed {
            Bounds::Closed
        } else {
            Bounds::HalfOpen
        },
        bins: bins.collect(),
    }
}

/// How many values fall in each of `bins` bins of `width` from `start`; every value is
/// at least `start` and below `start + bins × width`.
fn counts_per_bin(sorted: &[i128], start: i128, width: i128, bins: i128) -> Vec<u32> {
    let mut counts = vec![0u32; usize::try_from(bins).unwrap_or(0)];
    for value in sorted {
        let index = usize::try_from((value - start) / width).ok();
        if let Some(bin) = index.and_then(|index| counts.get_mut(index)) {
            *bin += 1;
        }
    }
    counts
}

/// The smallest of 1, 2, 5, 10, 20, 50, … (in units) that cuts `range` into at most
/// [`TARGET_BINS`] pieces.
fn nice_width(range: i128) -> i128 {
    let mut power: i128 = 1;
    loop {
        for step in [1, 2, 5] {
            let width = step * power;
            if width * TARGET_BINS >= range {
                return width;
            }
        }
        match power.checked_mul(10) {
            // Ranges of answers stay below 10^29, far from where this could stop.
            Some(next) if next <= i128::MAX / 50 => power = next,
            _ => return range,
        }
    }
}

/// A count of answers; the input is capped at `u32::MAX` answers upstream.
fn count(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn integers(values: &[i128]) -> Histogram {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        histogram(&sorted, 0)
    }

    fn decimals(values: &[&str]) -> Histogram {
        let mut sorted: Vec<i128> = values
            .iter()
            .map(|text| {
                text.parse::<crate::forms::Decimal>()
                    .expect("decimal")
                    .nanos()
            })
            .collect();
        sorted.sort_unstable();
        histogram(&sorted, 9)
    }

    fn labelled(histogram: &Histogram) -> Vec<(String, u32)> {
        histogram
            .bins
            .iter()
            .map(|bin| (bin.label(), bin.count))
            .collect()
    }

    fn pairs(expected: &[(&str, u32)]) -> Vec<(String, u32)> {
        expected
            .iter()
            .map(|(label, count)| ((*label).to_owned(), *count))
            .collect()
    }

    #[test]
    fn no_values_give_no_bins() {
        assert!(integers(&[]).bins.is_empty());
    }

    #[test]
    fn equal_values_share_one_bin() {
        assert_eq!(labelled(&integers(&[4, 4, 4])), pairs(&[("4", 3)]));
        assert_eq!(labelled(&decimals(&["2.5", "2.50"])), pairs(&[("2.5", 2)]));
    }

    #[test]
    fn a_small_range_of_whole_numbers_gets_a_bin_per_number_with_gaps_shown() {
        let histogram = integers(&[1, 3, 3, 5]);
        assert_eq!(histogram.bounds, Bounds::Closed);
        assert_eq!(
            labelled(&histogram),
            pairs(&[("1", 1), ("2", 0), ("3", 2), ("4", 0), ("5", 1)])
        );
    }

    #[test]
    fn twenty_values_are_the_most_drawn_one_by_one() {
        assert_eq!(integers(&[0, 19]).bins.len(), 20);
        let wider = integers(&[0, 20]);
        assert_eq!(
            labelled(&wider).first(),
            Some(&("0–1".to_owned(), 1)),
            "a range of 20 is cut into bins two wide"
        );
        assert_eq!(wider.bins.len(), 11);
    }

    #[test]
    fn a_wide_range_of_whole_numbers_gets_round_closed_bins() {
        let histogram = integers(&[3, 12, 18, 47, 95]);
        assert_eq!(histogram.bounds, Bounds::Closed);
        assert_eq!(
            labelled(&histogram),
            pairs(&[
                ("0–9", 1),
                ("10–19", 2),
                ("20–29", 0),
                ("30–39", 0),
                ("40–49", 1),
                ("50–59", 0),
                ("60–69", 0),
                ("70–79", 0),
                ("80–89", 0),
                ("90–99", 1),
            ])
        );
    }

    #[test]
    fn negative_numbers_start_at_the_multiple_below_them() {
        let histogram = integers(&[-15, -1, 0, 37]);
        assert_eq!(
            labelled(&histogram),
            pairs(&[
                ("-20–-11", 1),
                ("-10–-1", 1),
                ("0–9", 1),
                ("10–19", 0),
                ("20–29", 0),
                ("30–39", 1),
            ])
        );
    }

    #[test]
    fn fractional_numbers_get_half_open_bins() {
        let histogram = decimals(&["0.12", "0.5", "1.3", "2.05"]);
        assert_eq!(histogram.bounds, Bounds::HalfOpen);
        assert_eq!(
            labelled(&histogram),
            pairs(&[
                ("0–0.2", 1),
                ("0.2–0.4", 0),
                ("0.4–0.6", 1),
                ("0.6–0.8", 0),
                ("0.8–1", 0),
                ("1–1.2", 0),
                ("1.2–1.4", 1),
                ("1.4–1.6", 0),
                ("1.6–1.8", 0),
                ("1.8–2", 0),
                ("2–2.2", 1),
            ])
        );
    }

    #[test]
    fn whole_decimals_over_a_small_range_are_counted_like_integers() {
        assert_eq!(
            labelled(&decimals(&["1", "3"])),
            pairs(&[("1", 1), ("2", 0), ("3", 1)])
        );
    }

    #[test]
    fn the_extremes_of_i64_fit_in_ten_bins() {
        let histogram = integers(&[i128::from(i64::MIN), 0, i128::from(i64::MAX)]);
        assert_eq!(histogram.bins.len(), 10);
        let total: u32 = histogram.bins.iter().map(|bin| bin.count).sum();
        assert_eq!(total, 3);
    }

    proptest! {
        #[test]
        fn every_value_lands_in_exactly_one_of_at_most_twenty_bins(
            values in prop::collection::vec(-1_000_000i128..1_000_000, 1..60),
            scale in 0u8..4,
        ) {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let histogram = histogram(&sorted, scale);
            prop_assert!(!histogram.bins.is_empty() && histogram.bins.len() <= 20);
            let total: u32 = histogram.bins.iter().map(|bin| bin.count).sum();
            prop_assert_eq!(total as usize, values.len());
            let range = sorted[sorted.len() - 1] - sorted[0];
            let drawn_one_by_one = histogram.bins.iter().all(|bin| bin.from == bin.to);
            if !drawn_one_by_one {
                let fewest = usize::try_from(range + 1).unwrap_or(5).min(5);
                prop_assert!(histogram.bins.len() >= fewest && histogram.bins.len() <= 11);
            }
        }
    }
}

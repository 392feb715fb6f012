//! A histogram: one column per bin, bins along the x axis from the smallest values,
//! the count above each column.

use super::ChartId;
use super::frame::Svg;
use super::palette::{AXIS, BAR};
use super::text::label;
use crate::aggregate::Histogram;

const WIDTH: u32 = 640;
const LEFT: u32 = 16;
const PLOT_WIDTH: u32 = 608;
/// Room above the tallest column for its count.
const TOP: u32 = 24;
const BASELINE: u32 = 224;
const PLOT_HEIGHT: u32 = BASELINE - TOP;
/// More bins than this get their labels slanted, so that neighbours do not overlap.
const MAX_LEVEL_LABELS: usize = 8;
const LABEL_COLUMNS: usize = 16;

/// Draws the bins of `histogram`, the tallest column for the largest count. A bin of
/// zero is drawn as nothing, but its label and count still show.
pub fn histogram_chart(id: &ChartId, title: &str, histogram: &Histogram) -> String {
    let bins = &histogram.bins;
    let slanted = bins.len() > MAX_LEVEL_LABELS;
    let height = if slanted { 300 } else { 256 };
    let desc = bins
        .iter()
        .map(|bin| format!("{}: {}", bin.label(), bin.count))
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = Svg::open(id, WIDTH, height, title, &desc);
    let count = u32::try_from(bins.len()).unwrap_or(u32::MAX).max(1);
    let slot = PLOT_WIDTH / count;
    let gap = (slot / 5).max(2).min(slot / 2);
    let largest = bins.iter().map(|bin| bin.count).max().unwrap_or(0);
    for (bin, index) in bins.iter().zip(0u32..) {
        let left = LEFT + index * slot;
        let centre = left + slot / 2;
        let column = column_height(bin.count, largest);
        if column > 0 {
            svg.push(format_args!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{column}\" fill=\"{BAR}\"/>",
                left + gap / 2,
                BASELINE - column,
                slot - gap
            ));
        }
        svg.push(format_args!(
            "<text x=\"{centre}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            BASELINE - column - 4,
            bin.count
        ));
        let text = label(&bin.label(), LABEL_COLUMNS);
        if slanted {
            let y = BASELINE + 12;
            svg.push(format_args!(
                "<text x=\"{centre}\" y=\"{y}\" text-anchor=\"end\" font-size=\"11\" \
                 transform=\"rotate(-45 {centre} {y})\">{text}</text>"
            ));
        } else {
            svg.push(format_args!(
                "<text x=\"{centre}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{text}</text>",
                BASELINE + 16
            ));
        }
    }
    svg.push(format_args!(
        "<line x1=\"{LEFT}\" y1=\"{BASELINE}\" x2=\"{}\" y2=\"{BASELINE}\" stroke=\"{AXIS}\"/>",
        LEFT + PLOT_WIDTH
    ));
    svg.close()
}

/// `count` in proportion to `largest`, rounded, and at least 1 unit when not zero.
fn column_height(count: u32, largest: u32) -> u32 {
    if count == 0 || largest == 0 {
        return 0;
    }
    let height = (u64::from(count) * u64::from(PLOT_HEIGHT) * 2 + u64::from(largest))
        / (u64::from(largest) * 2);
    u32::try_from(height).unwrap_or(PLOT_HEIGHT).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::{Bin, Bounds, Exact};

    fn bins(counts: &[(i64, i64, u32)]) -> Histogram {
        Histogram {
            bounds: Bounds::Closed,
            bins: counts
                .iter()
                .map(|&(from, to, count)| Bin {
                    from: Exact::from_integer(from),
                    to: Exact::from_integer(to),
                    count,
                })
                .collect(),
        }
    }

    fn chart(histogram: &Histogram) -> String {
        histogram_chart(&ChartId::new("deals"), "商談件数の分布", histogram)
    }

    #[test]
    fn a_histogram_is_a_scalable_image_with_its_bins_described() {
        let svg = chart(&bins(&[(0, 9, 3), (10, 19, 1)]));
        assert!(svg.contains("viewBox=\"0 0 640 256\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"chart-deals-title\">商談件数の分布</title>"));
        assert!(svg.contains("<desc id=\"chart-deals-desc\">0–9: 3; 10–19: 1</desc>"));
    }

    #[test]
    fn every_bin_has_a_column_label_and_count_in_order() {
        let svg = chart(&bins(&[(0, 9, 3), (10, 19, 1)]));
        assert_eq!(svg.matches("<rect").count(), 2);
        let first = svg.find(">0–9</text>").expect("first label");
        let second = svg.find(">10–19</text>").expect("second label");
        assert!(first < second);
        assert!(
            svg.contains("height=\"200\""),
            "the largest count is full height"
        );
        assert!(svg.contains(">3</text>"));
    }

    #[test]
    fn an_empty_bin_is_not_drawn_but_still_labelled() {
        let svg = chart(&bins(&[(1, 1, 2), (2, 2, 0), (3, 3, 1)]));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains(">2</text>"));
        assert!(svg.contains(">0</text>"));
    }

    #[test]
    fn many_bins_get_slanted_labels() {
        let many: Vec<(i64, i64, u32)> = (0..20).map(|v| (v, v, 1)).collect();
        let svg = chart(&bins(&many));
        assert!(svg.contains("viewBox=\"0 0 640 300\""));
        assert_eq!(svg.matches("rotate(-45").count(), 20);
        assert_eq!(svg.matches("<rect").count(), 20);
        assert!(!chart(&bins(&[(0, 0, 1)])).contains("rotate("));
    }

    #[test]
    fn no_bins_draw_an_empty_axis() {
        let svg = chart(&bins(&[]));
        assert_eq!(svg.matches("<rect").count(), 0);
        assert!(svg.contains("<line"));
    }

    #[test]
    fn the_same_histogram_draws_the_same_text() {
        let histogram = bins(&[(0, 4, 1), (5, 9, 7)]);
        assert_eq!(chart(&histogram), chart(&histogram));
    }
}

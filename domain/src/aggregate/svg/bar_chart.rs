//! A horizontal bar chart: one row per option or point, its label on the left, its bar,
//! and its count and share after the bar.

use super::ChartId;
use super::frame::Svg;
use super::palette::{AXIS, BAR};
use super::text::{escape, label};
use crate::aggregate::{ChoiceSummary, Percent, RatingSummary};

/// One row of a bar chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub count: u32,
    pub percent: Option<Percent>,
}

impl Bar {
    /// The options in form order, then "other" under `other_label` when offered.
    pub fn for_choices(summary: &ChoiceSummary, other_label: &str, english: bool) -> Vec<Self> {
        let options = summary.options.iter().map(|option| Self {
            label: option.label.for_locale(english).to_owned(),
            count: option.count,
            percent: option.percent,
        });
        let other = summary.other.iter().map(|other| Self {
            label: other_label.to_owned(),
            count: other.count,
            percent: other.percent,
        });
        options.chain(other).collect()
    }

    /// Every point of the scale, labelled with its number.
    pub fn for_rating(summary: &RatingSummary) -> Vec<Self> {
        summary
            .points
            .iter()
            .map(|point| Self {
                label: point.point.to_string(),
                count: point.count,
                percent: point.percent,
            })
            .collect()
    }

    /// `12 (40.0%)`, or `12` without a share.
    fn value(&self) -> String {
        match self.percent {
            Some(percent) => format!("{} ({percent})", self.count),
            None => self.count.to_string(),
        }
    }
}

const WIDTH: u32 = 640;
const PADDING: u32 = 8;
const ROW: u32 = 28;
const BAR_HEIGHT: u32 = 18;
/// Labels end here, right-aligned; bars start at [`BAR_X`].
const LABEL_END: u32 = 212;
const BAR_X: u32 = 220;
/// The longest bar, for the largest count; the rest of the width holds its value.
const BAR_SPAN: u32 = 300;
/// About 14 Japanese characters or 28 Latin ones fit left of the bars.
const LABEL_COLUMNS: usize = 28;

/// Draws `bars` from top to bottom, the longest for the largest count. A bar of zero is
/// drawn as nothing, but its label and value still show. Labels too long for their
/// column are cut with `…` and given whole in the chart's description and tooltip.
pub fn bar_chart(id: &ChartId, title: &str, bars: &[Bar]) -> String {
    let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX);
    let height = PADDING * 2 + rows.saturating_mul(ROW);
    let desc = bars
        .iter()
        .map(|bar| format!("{}: {}", bar.label, bar.value()))
        .collect::<Vec<_>>()
        .join("; ");
    let mut svg = Svg::open(id, WIDTH, height, title, &desc);
    let largest = bars.iter().map(|bar| bar.count).max().unwrap_or(0);
    for (bar, row) in bars.iter().zip(0u32..) {
        let top = PADDING + row * ROW;
        let length = bar_length(bar.count, largest);
        let shown = label(&bar.label, LABEL_COLUMNS);
        let baseline = top + 18;
        if shown == escape(&bar.label) {
            svg.push(format_args!(
                "<text x=\"{LABEL_END}\" y=\"{baseline}\" text-anchor=\"end\">{shown}</text>"
            ));
        } else {
            svg.push(format_args!(
                "<text x=\"{LABEL_END}\" y=\"{baseline}\" text-anchor=\"end\">\
                 <title>{}</title>{shown}</text>",
                escape(&bar.label)
            ));
        }
        if length > 0 {
            svg.push(format_args!(
                "<rect x=\"{BAR_X}\" y=\"{}\" width=\"{length}\" height=\"{BAR_HEIGHT}\" \
                 fill=\"{BAR}\"/>",
                top + (ROW - BAR_HEIGHT) / 2
            ));
        }
        svg.push(format_args!(
            "<text x=\"{}\" y=\"{baseline}\">{}</text>",
            BAR_X + length + 6,
            bar.value()
        ));
    }
    svg.push(format_args!(
        "<line x1=\"{BAR_X}\" y1=\"{PADDING}\" x2=\"{BAR_X}\" y2=\"{}\" stroke=\"{AXIS}\"/>",
        height - PADDING
    ));
    svg.close()
}

/// `count` in proportion to `largest`, rounded, and at least 1 unit when not zero so
/// that a small count never looks like none.
fn bar_length(count: u32, largest: u32) -> u32 {
    if count == 0 || largest == 0 {
        return 0;
    }
    let length = (u64::from(count) * u64::from(BAR_SPAN) * 2 + u64::from(largest))
        / (u64::from(largest) * 2);
    u32::try_from(length).unwrap_or(BAR_SPAN).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, count: u32, of: u32) -> Bar {
        Bar {
            label: label.to_owned(),
            count,
            percent: Percent::of(count, of),
        }
    }

    fn chart(bars: &[Bar]) -> String {
        bar_chart(&ChartId::new("q1"), "来場者の満足度", bars)
    }

    #[test]
    fn a_chart_is_a_scalable_image_named_for_screen_readers() {
        let svg = chart(&[bar("満足", 3, 4), bar("不満", 1, 4)]);
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 72\"")
        );
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"chart-q1-title\""));
        assert!(svg.contains("<title id=\"chart-q1-title\">来場者の満足度</title>"));
        assert!(svg.contains("<desc id=\"chart-q1-desc\">満足: 3 (75.0%); 不満: 1 (25.0%)</desc>"));
        assert!(!svg.contains(" width=\"640\""), "no fixed pixel width");
        assert!(
            svg.contains(
                "font-family=\"'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', sans-serif\""
            )
        );
    }

    #[test]
    fn every_row_shows_its_label_count_and_share() {
        let svg = chart(&[bar("展示会", 6, 8), bar("ウェブ", 2, 8)]);
        assert!(svg.contains(">展示会</text>"));
        assert!(svg.contains(">6 (75.0%)</text>"));
        assert!(svg.contains(">2 (25.0%)</text>"));
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn the_largest_count_gets_the_longest_bar() {
        let svg = chart(&[bar("a", 6, 8), bar("b", 2, 8)]);
        assert!(svg.contains("width=\"300\""));
        assert!(svg.contains("width=\"100\""));
    }

    #[test]
    fn a_bar_of_zero_is_not_drawn_but_still_labelled() {
        let svg = chart(&[bar("満足", 2, 2), bar("不満", 0, 2)]);
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains(">不満</text>"));
        assert!(svg.contains(">0 (0.0%)</text>"));
    }

    #[test]
    fn a_chart_where_nobody_answered_has_labels_and_no_bars() {
        let svg = chart(&[bar("満足", 0, 0), bar("不満", 0, 0)]);
        assert_eq!(svg.matches("<rect").count(), 0);
        assert!(svg.contains(">満足</text>"));
        assert!(svg.contains(">0</text>"), "no share without answers");
    }

    #[test]
    fn a_small_count_still_gets_a_visible_bar() {
        assert_eq!(bar_length(1, 10_000), 1);
        assert_eq!(bar_length(0, 10_000), 0);
        assert_eq!(bar_length(u32::MAX, u32::MAX), BAR_SPAN);
    }

    #[test]
    fn labels_are_escaped_everywhere() {
        let svg = bar_chart(
            &ChartId::new("q2"),
            "R&D <script>",
            &[bar("<b>\"A&B\"</b> 'x'", 1, 1)],
        );
        assert!(svg.contains("R&amp;D &lt;script&gt;"));
        assert!(svg.contains("&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &apos;x&apos;"));
        assert!(!svg.contains("<b>"));
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis_and_given_whole_in_a_tooltip() {
        let long = "ものづくり補助金の申請支援を受けたいと考えている";
        let svg = chart(&[bar(long, 1, 1)]);
        assert!(svg.contains(">ものづくり補助金の申請支援…</text>"));
        assert!(svg.contains(&format!("<title>{long}</title>")));
        assert!(svg.contains(&format!(
            "<desc id=\"chart-q1-desc\">{long}: 1 (100.0%)</desc>"
        )));
    }

    #[test]
    fn the_same_input_draws_the_same_text() {
        let bars = [bar("a", 1, 3), bar("b", 2, 3)];
        assert_eq!(chart(&bars), chart(&bars));
    }

    #[test]
    fn choices_become_bars_in_option_order_with_other_last() {
        use crate::aggregate::{OptionCount, OtherCount};
        use crate::forms::Text;
        let summary = ChoiceSummary {
            multiple: false,
            options: vec![OptionCount {
                value: "web".to_owned(),
                label: Text::new("ウェブ", "Web"),
                count: 1,
                percent: Percent::of(1, 2),
            }],
            other: Some(OtherCount {
                count: 1,
                percent: Percent::of(1, 2),
                texts: vec!["新聞".to_owned()],
            }),
        };
        let labels: Vec<String> = Bar::for_choices(&summary, "その他", false)
            .into_iter()
            .map(|bar| bar.label)
            .collect();
        assert_eq!(labels, ["ウェブ", "その他"]);
        assert_eq!(Bar::for_choices(&summary, "Other", true)[0].label, "Web");
    }

    #[test]
    fn rating_points_become_bars_labelled_with_their_number() {
        use crate::aggregate::PointCount;
        let summary = RatingSummary {
            points: (1..=3)
                .map(|point| PointCount {
                    point,
                    count: 0,
                    percent: None,
                })
                .collect(),
            mean: None,
        };
        let labels: Vec<String> = Bar::for_rating(&summary)
            .into_iter()
            .map(|b| b.label)
            .collect();
        assert_eq!(labels, ["1", "2", "3"]);
    }
}

//! The response rate of a campaign as one bar: submitted out of invited.

use super::ChartId;
use super::frame::Svg;
use super::palette::{AXIS, BAR};
use crate::aggregate::Percent;

const WIDTH: u32 = 640;
const HEIGHT: u32 = 60;
const TRACK_X: u32 = 8;
const TRACK_Y: u32 = 8;
const TRACK_WIDTH: u32 = 624;
const TRACK_HEIGHT: u32 = 20;

/// A track as wide as the invitations, outlined, filled as far as the submissions go,
/// with `12 / 40 (30.0%)` beneath it. More submissions than invitations (which should
/// not happen) fill the track and show the share as it is.
pub fn response_rate_bar(id: &ChartId, title: &str, submitted: u32, invited: u32) -> String {
    let value = match Percent::of(submitted, invited) {
        Some(percent) => format!("{submitted} / {invited} ({percent})"),
        None => format!("{submitted} / {invited}"),
    };
    let mut svg = Svg::open(id, WIDTH, HEIGHT, title, &format!("{title}: {value}"));
    svg.push(format_args!(
        "<rect x=\"{TRACK_X}\" y=\"{TRACK_Y}\" width=\"{TRACK_WIDTH}\" \
         height=\"{TRACK_HEIGHT}\" fill=\"#ffffff\" stroke=\"{AXIS}\"/>"
    ));
    let filled = filled_width(submitted, invited);
    if filled > 0 {
        svg.push(format_args!(
            "<rect x=\"{TRACK_X}\" y=\"{TRACK_Y}\" width=\"{filled}\" \
             height=\"{TRACK_HEIGHT}\" fill=\"{BAR}\"/>"
        ));
    }
    svg.push(format_args!(
        "<text x=\"{TRACK_X}\" y=\"{}\">{value}</text>",
        TRACK_Y + TRACK_HEIGHT + 18
    ));
    svg.close()
}

/// The filled part of the track, rounded, at least 1 unit when anything was submitted.
fn filled_width(submitted: u32, invited: u32) -> u32 {
    if submitted == 0 || invited == 0 {
        return 0;
    }
    let submitted = u64::from(submitted.min(invited));
    let invited = u64::from(invited);
    let width = (submitted * u64::from(TRACK_WIDTH) * 2 + invited) / (invited * 2);
    u32::try_from(width).unwrap_or(TRACK_WIDTH).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(submitted: u32, invited: u32) -> String {
        response_rate_bar(&ChartId::new("rate"), "回答率", submitted, invited)
    }

    #[test]
    fn the_rate_is_named_and_described_for_screen_readers() {
        let svg = chart(12, 40);
        assert!(svg.contains("viewBox=\"0 0 640 60\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"chart-rate-title\">回答率</title>"));
        assert!(svg.contains("<desc id=\"chart-rate-desc\">回答率: 12 / 40 (30.0%)</desc>"));
        assert!(svg.contains(">12 / 40 (30.0%)</text>"));
    }

    #[test]
    fn the_bar_fills_the_share_of_the_track() {
        let svg = chart(12, 40);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("width=\"187\""), "624 × 12 / 40 = 187.2");
        assert!(chart(40, 40).contains(&format!(
            "width=\"{TRACK_WIDTH}\" height=\"{TRACK_HEIGHT}\" fill=\"{BAR}\""
        )));
    }

    #[test]
    fn nothing_submitted_leaves_the_outlined_track_empty() {
        let svg = chart(0, 40);
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains(">0 / 40 (0.0%)</text>"));
    }

    #[test]
    fn nobody_invited_shows_no_share() {
        let svg = chart(0, 0);
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains(">0 / 0</text>"));
    }

    #[test]
    fn more_submitted_than_invited_fills_the_track_and_no_more() {
        assert_eq!(filled_width(50, 40), TRACK_WIDTH);
        assert!(chart(50, 40).contains("(125.0%)"));
        assert_eq!(filled_width(1, u32::MAX), 1);
    }

    #[test]
    fn the_title_is_escaped() {
        let svg = response_rate_bar(&ChartId::new("r"), "A&B <2026>", 1, 2);
        assert!(svg.contains("<title id=\"chart-r-title\">A&amp;B &lt;2026&gt;</title>"));
        assert!(!svg.contains("<2026>"));
    }
}

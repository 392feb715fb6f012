//! Charts drawn on the server as SVG text, so that they print and need no JavaScript:
//! a horizontal bar chart for choices and ratings ([`bar_chart`]), a histogram for
//! numbers ([`histogram_chart`]) and the response rate of a campaign
//! ([`response_rate_bar`]).
//!
//! Every chart scales (a viewBox and no pixel width), is named for screen readers
//! (`role="img"`, `<title>`, and a `<desc>` that gives its data as text), escapes every
//! label, and is the same text for the same input, so that tests compare strings.

mod bar_chart;
mod frame;
mod histogram_chart;
mod palette;
mod response_rate;
mod text;

pub use bar_chart::{Bar, bar_chart};
pub use histogram_chart::histogram_chart;
pub use response_rate::response_rate_bar;

/// The prefix of the ids of a chart's `<title>` and `<desc>`, which must be unique on
/// its page: `chart-` and the given name (a question id, say), with anything but ASCII
/// letters, digits, `-` and `_` replaced by `_`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartId(String);

impl ChartId {
    pub fn new(name: &str) -> Self {
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Self(format!("chart-{name}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_ids_keep_only_characters_safe_in_an_id() {
        assert_eq!(ChartId::new("q3").as_str(), "chart-q3");
        assert_eq!(ChartId::new("a b\"<満>").as_str(), "chart-a_b____");
    }
}

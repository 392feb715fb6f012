//! The outer `<svg>` of every chart: scalable, named for screen readers, in the
//! charts' fonts and colours.

use super::ChartId;
use super::palette::{FONT_FAMILY, TEXT};
use super::text::escape;
use std::fmt::{self, Write};

/// A chart being written.
pub(super) struct Svg {
    out: String,
}

/// The font size of labels, in viewBox units.
pub(super) const FONT_SIZE: u32 = 13;

impl Svg {
    /// Opens a chart `width` × `height` viewBox units large. Only the viewBox is given,
    /// no width in pixels, so the chart fills its container on screen and on paper.
    /// `title` names the chart and `desc` gives its data as text, for screen readers.
    pub(super) fn open(id: &ChartId, width: u32, height: u32, title: &str, desc: &str) -> Self {
        let mut svg = Self { out: String::new() };
        let id = id.as_str();
        svg.push(format_args!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
             role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" \
             font-family=\"{FONT_FAMILY}\" font-size=\"{FONT_SIZE}\" fill=\"{TEXT}\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            escape(title),
            escape(desc),
        ));
        svg
    }

    pub(super) fn push(&mut self, part: fmt::Arguments<'_>) {
        // Writing into a String cannot fail.
        let _ = self.out.write_fmt(part);
    }

    pub(super) fn close(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

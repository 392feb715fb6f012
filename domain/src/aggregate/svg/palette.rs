//! Colours and fonts of the charts. Text is dark enough for WCAG AA (4.5:1) against
//! white, bars and axes for the 3:1 that graphics need, so a chart printed in black and
//! white or read by someone with low vision still shows what it counts.

/// Text: 17.4:1 against white.
pub(super) const TEXT: &str = "#1a1a1a";
/// Bars: 5.4:1 against white.
pub(super) const BAR: &str = "#2b6cb0";
/// Axes, the outline of the response-rate track, and secondary text: 7.0:1.
pub(super) const AXIS: &str = "#595959";
/// Japanese fonts first, on every system an officer may print from.
pub(super) const FONT_FAMILY: &str = "'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', sans-serif";

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(colour: &str) -> f64 {
        let channel = |at: usize| {
            let value = f64::from(u8::from_str_radix(&colour[at..at + 2], 16).expect("hex"));
            let value = value / 255.0;
            if value <= 0.04045 {
                value / 12.92
            } else {
                ((value + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast_against_white(colour: &str) -> f64 {
        1.05 / (luminance(colour) + 0.05)
    }

    #[test]
    fn text_meets_aa_against_white() {
        assert!(contrast_against_white(TEXT) >= 4.5);
        assert!(
            contrast_against_white(AXIS) >= 4.5,
            "axis colour is also used for text"
        );
    }

    #[test]
    fn bars_and_axes_meet_the_graphics_contrast_against_white() {
        assert!(contrast_against_white(BAR) >= 3.0);
        assert!(contrast_against_white(AXIS) >= 3.0);
    }

    #[test]
    fn the_contrast_formula_is_the_wcag_one() {
        assert!((contrast_against_white("#000000") - 21.0).abs() < 1e-9);
        assert!((contrast_against_white("#767676") - 4.54).abs() < 0.01);
    }
}

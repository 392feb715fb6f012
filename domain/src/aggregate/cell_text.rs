//! Text cells of an export (CSV or .xlsx) made safe from formula injection: a company
//! that answers `=HYPERLINK("http://…")` must not get a live formula into the officer's
//! Excel.
//!
//! Rule (OWASP, "CSV Injection"): a text that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading apostrophe `'`. Every such text cell is neutralised,
//! also `-5` or `+81 3-1234-5678`: numbers are written by the exporter as numeric cells,
//! never as text, so a text cell that looks like a number is a text a company typed,
//! and its apostrophe is the price of not guessing. The apostrophe shows in a CSV opened
//! in Excel; that is what OWASP accepts.
//!
//! Left alone: full-width `＝＋－＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20), which Japanese
//! input methods produce and Excel does not read as the start of a formula, and any
//! text whose first character is something else, such as a space before `=`.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as a spreadsheet shows it without evaluating it: with a leading `'` when it
/// starts with one of [`FORMULA_TRIGGERS`], untouched (and not copied) otherwise.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_TRIGGERS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_get_a_leading_apostrophe() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(
            neutralise("=HYPERLINK(\"http://example.com\")"),
            "'=HYPERLINK(\"http://example.com\")"
        );
        assert_eq!(neutralise("+A1"), "'+A1");
        assert_eq!(neutralise("-A1"), "'-A1");
        assert_eq!(neutralise("@SUM(A1:A2)"), "'@SUM(A1:A2)");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("\r=1"), "'\r=1");
    }

    #[test]
    fn text_cells_that_look_like_numbers_are_neutralised_too() {
        assert_eq!(neutralise("-5"), "'-5");
        assert_eq!(neutralise("+81 3-1234-5678"), "'+81 3-1234-5678");
        assert_eq!(neutralise("-"), "'-");
    }

    #[test]
    fn full_width_signs_are_not_formulas_and_are_left_alone() {
        for text in ["＝1+1", "＋81", "－5", "＠mention"] {
            assert_eq!(neutralise(text), text);
        }
    }

    #[test]
    fn other_texts_are_borrowed_unchanged() {
        for text in [
            "",
            "展示会で商談",
            "5",
            "a=b",
            " =1+1",
            "\n=1",
            "'=1",
            "03-1234-5678",
        ] {
            let neutral = neutralise(text);
            assert!(matches!(neutral, Cow::Borrowed(_)), "{text:?}");
            assert_eq!(neutral, text);
        }
    }

    proptest! {
        #[test]
        fn a_neutralised_text_never_starts_a_formula_and_keeps_the_original(
            text in "[=+@\\t\\r-]?\\PC{0,20}"
        ) {
            let neutral = neutralise(&text);
            prop_assert!(!neutral.starts_with(FORMULA_TRIGGERS));
            prop_assert!(neutral.ends_with(text.as_str()));
            prop_assert!(neutral.len() <= text.len() + 1);
        }
    }
}

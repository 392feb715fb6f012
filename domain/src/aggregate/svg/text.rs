//! Text placed into SVG: cleaned of what XML forbids, shortened to fit, escaped.

use std::borrow::Cow;

/// Cuts `text` to at most `columns` half-width columns, ending with `…` when cut. A
/// character wider than ASCII counts two columns (Japanese text is drawn about twice as
/// wide), and the cut falls between characters, never inside one.
pub(super) fn truncate(text: &str, columns: usize) -> Cow<'_, str> {
    let width: usize = text.chars().map(columns_of).sum();
    if width <= columns {
        return Cow::Borrowed(text);
    }
    let room = columns.saturating_sub(columns_of(ELLIPSIS));
    let mut used = 0;
    let mut cut: String = text
        .chars()
        .take_while(|&c| {
            used += columns_of(c);
            used <= room
        })
        .collect();
    cut.push(ELLIPSIS);
    Cow::Owned(cut)
}

const ELLIPSIS: char = '…';

/// Half-width katakana and the scripts before U+1100 are narrow; the rest, wide.
fn columns_of(c: char) -> usize {
    if c < '\u{1100}' || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
        1
    } else {
        2
    }
}

/// `text` as XML character data or attribute value: the five special characters
/// escaped, control characters (which XML 1.0 forbids or a label cannot show) as
/// spaces, and the two non-characters U+FFFE and U+FFFF as U+FFFD.
pub(super) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\u{FFFE}' | '\u{FFFF}' => escaped.push('\u{FFFD}'),
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A label as drawn: shortened to `columns`, then escaped (in that order, so that a
/// cut never splits an entity such as `&amp;`).
pub(super) fn label(text: &str, columns: usize) -> String {
    escape(&truncate(text, columns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_five_xml_specials_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">R&D's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&apos;s&lt;/a&gt;"
        );
    }

    #[test]
    fn control_characters_become_spaces_and_non_characters_replacements() {
        assert_eq!(escape("a\u{0}b\nc\u{1b}d\u{85}"), "a b c d ");
        assert_eq!(escape("\u{FFFE}\u{FFFF}"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn short_labels_are_kept_whole() {
        assert_eq!(truncate("満足", 4), "満足");
        assert_eq!(truncate("Satisfied", 9), "Satisfied");
        assert!(matches!(truncate("満足", 4), Cow::Borrowed(_)));
    }

    #[test]
    fn long_labels_are_cut_between_characters_with_an_ellipsis() {
        assert_eq!(truncate("地域未来牽引企業の認定", 10), "地域未来…");
        assert_eq!(truncate("abcdefghijkl", 10), "abcdefgh…");
        assert_eq!(truncate("ｱｲｳｴｵｶｷｸｹｺｻ", 10), "ｱｲｳｴｵｶｷｸ…");
        assert_eq!(truncate("aあいうえお", 6), "aあ…");
    }

    #[test]
    fn a_cut_label_is_escaped_after_cutting() {
        assert_eq!(label("R&D&R&D&R&D", 6), "R&amp;D&amp;…");
    }

    proptest! {
        #[test]
        fn escaped_text_has_no_raw_markup_and_unescapes_to_the_original(text in "\\PC*|[<>&\"';a]*") {
            let escaped = escape(&text);
            prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
            let unescaped = escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            prop_assert_eq!(unescaped, text);
        }

        #[test]
        fn a_truncated_label_fits_its_columns_and_starts_like_the_original(
            text in "\\PC{0,40}",
            columns in 2usize..40,
        ) {
            let cut = truncate(&text, columns);
            prop_assert!(cut.chars().map(columns_of).sum::<usize>() <= columns);
            let kept = cut.trim_end_matches(ELLIPSIS);
            prop_assert!(text.starts_with(kept));
        }
    }
}

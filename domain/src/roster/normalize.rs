//! Text normalisers for roster cells: each a pure function from what a person typed into
//! a spreadsheet to the one form the roster keeps, so that the same company typed twice
//! with full-width digits or stray spaces is recognised as the same.

use super::Cell;
use crate::Email;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// NFKC (full-width digits, letters, `＠` and spaces become ASCII; half-width katakana
/// becomes full-width), control characters and invisible marks removed, runs of
/// whitespace (including U+3000 and newlines) collapsed into one space, trimmed.
/// Idempotent: `text(&text(s)) == text(s)`.
pub fn text(raw: &str) -> String {
    let mut cleaned = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.nfkc() {
        if c.is_whitespace() {
            pending_space = true;
        } else if !is_invisible(c) {
            if pending_space && !cleaned.is_empty() {
                cleaned.push(' ');
            }
            pending_space = false;
            cleaned.push(c);
        }
    }
    // Removing a control character can bring a letter and its combining mark together;
    // a second NFKC composes them, so the result is stable under a second call.
    cleaned.nfkc().collect()
}

/// A cell as normalised text. Numbers read without `.0`, so a corporate number that
/// Excel stored as a number comes back as its 13 digits.
pub fn cell_text(cell: &Cell) -> String {
    text(&cell.as_text())
}

/// Characters a person cannot see and never meant: control characters (newlines and
/// tabs are whitespace and handled before), zero-width spaces, byte-order marks, soft
/// hyphens.
fn is_invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Cell texts that stand for "nothing here" in Japanese rosters (`－`, `なし`): a
/// contact without a phone is not a contact with an invalid phone.
fn is_placeholder(normalised: &str) -> bool {
    let lower = normalised.to_lowercase();
    normalised.chars().all(is_dash)
        || matches!(
            lower.as_str(),
            "なし" | "無し" | "無" | "未定" | "n/a" | "na" | "none"
        )
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{2500}'
            | '\u{30FC}'
            | '\u{FF0D}'
            | '\u{FF70}'
    )
}

/// The addresses found in one e-mail cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailCell {
    /// Valid addresses, in the order typed, each once.
    pub addresses: Vec<Email>,
    /// Pieces that are not addresses, as typed (after NFKC), each once.
    pub invalid: Vec<String>,
}

/// Splits a cell that may hold several addresses on `,` `;` `、` `，` `；`, whitespace
/// and newlines. Each piece is NFKC'd (`＠` becomes `@`) and parsed by [`Email::parse`],
/// which lower-cases the whole address: the project keeps one canonical form per
/// mailbox, so `Tanaka@X.jp` and `tanaka@x.jp` are one contact.
pub fn emails(cell: &Cell) -> EmailCell {
    let mut found = EmailCell::default();
    let whole = text(&cell.as_text());
    if is_placeholder(&whole) {
        return found;
    }
    for piece in whole.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '、')) {
        let piece = strip_decoration(piece);
        if piece.is_empty() {
            continue;
        }
        match Email::parse(piece) {
            Ok(email) => {
                if !found.addresses.contains(&email) {
                    found.addresses.push(email);
                }
            }
            Err(_) => {
                if !found.invalid.iter().any(|bad| bad == piece) {
                    found.invalid.push(piece.to_owned());
                }
            }
        }
    }
    found
}

/// `<tanaka@x.jp>` and `mailto:tanaka@x.jp`, as copied from a mail program.
fn strip_decoration(piece: &str) -> &str {
    let piece = piece.trim_matches(|c| matches!(c, '<' | '>' | '"' | '\''));
    match piece.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("mailto:") => &piece[7..],
        _ => piece,
    }
}

/// What became of a phone cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PhoneOutcome {
    /// Blank, or a placeholder such as `－`.
    Empty,
    /// Text kept as typed: NFKC'd, every kind of dash made `-`.
    Kept { phone: String },
    /// Excel made the number a number and dropped its leading zero; it was put back.
    Restored { phone: String, original: String },
    /// Not clearly a Japanese phone number; kept as text, for a person to check.
    Ambiguous { phone: String },
}

impl PhoneOutcome {
    /// The text to store, if any.
    pub fn phone(&self) -> Option<&str> {
        match self {
            PhoneOutcome::Empty => None,
            PhoneOutcome::Kept { phone }
            | PhoneOutcome::Restored { phone, .. }
            | PhoneOutcome::Ambiguous { phone } => Some(phone),
        }
    }
}

/// A phone number as text with its leading zero. Japanese numbers are 10 digits
/// (landlines, 0120) or 11 (mobiles 070/080/090, IP phones 050, 0800). A number that lost
/// its zero therefore has 9 digits (always a 10-digit number) or 10 digits starting with
/// 70/80/90/50 (an 11-digit one); only then is the zero put back. Everything else is kept
/// as it is, with [`PhoneOutcome::Ambiguous`].
pub fn phone(cell: &Cell) -> PhoneOutcome {
    match cell {
        Cell::Empty => PhoneOutcome::Empty,
        Cell::Number(n) => match whole_number_digits(*n) {
            Some(digits) => restore_leading_zero(digits),
            None => PhoneOutcome::Ambiguous {
                phone: cell.as_text(),
            },
        },
        Cell::Text(raw) => {
            let typed: String = text(raw)
                .chars()
                .map(|c| if is_dash(c) { '-' } else { c })
                .collect();
            if typed.is_empty() || is_placeholder(&typed) {
                PhoneOutcome::Empty
            } else if typed.bytes().all(|b| b.is_ascii_digit()) && !typed.starts_with('0') {
                // A CSV saved from Excel carries the number without its zero as text.
                restore_leading_zero(typed)
            } else {
                PhoneOutcome::Kept { phone: typed }
            }
        }
        Cell::Bool(_) | Cell::Date(_) | Cell::Error(_) => PhoneOutcome::Ambiguous {
            phone: cell_text(cell),
        },
    }
}

fn whole_number_digits(n: f64) -> Option<String> {
    let whole = n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n < 1e15;
    // Cast is exact: a whole float below 1e15 fits in u64.
    whole.then(|| format!("{}", n as u64))
}

fn restore_leading_zero(digits: String) -> PhoneOutcome {
    let mobile_or_ip = ["70", "80", "90", "50"]
        .iter()
        .any(|prefix| digits.starts_with(prefix));
    match digits.len() {
        9 => PhoneOutcome::Restored {
            phone: format!("0{digits}"),
            original: digits,
        },
        10 if mobile_or_ip => PhoneOutcome::Restored {
            phone: format!("0{digits}"),
            original: digits,
        },
        _ => PhoneOutcome::Ambiguous { phone: digits },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text_cell(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn addresses(cell: &EmailCell) -> Vec<&str> {
        cell.addresses.iter().map(Email::as_str).collect()
    }

    #[test]
    fn full_width_digits_letters_and_at_signs_become_ascii() {
        assert_eq!(text("０２７０ＡＢＣ＠ｘ"), "0270ABC@x");
    }

    #[test]
    fn full_width_spaces_are_trimmed_and_collapsed() {
        assert_eq!(text("\u{3000}大正精工株式会社 "), "大正精工株式会社");
        assert_eq!(text("林\u{3000}\u{3000}健一"), "林 健一");
    }

    #[test]
    fn newlines_and_tabs_become_one_space() {
        assert_eq!(text("伊勢崎市\r\n三室町\t833"), "伊勢崎市 三室町 833");
    }

    #[test]
    fn control_characters_and_invisible_marks_are_removed() {
        assert_eq!(text("\u{FEFF}企業\u{0007}名\u{200B}"), "企業名");
    }

    #[test]
    fn a_letter_and_its_accent_meet_again_after_a_control_character_goes() {
        assert_eq!(text("e\u{0007}\u{0301}"), "\u{00E9}");
        assert_eq!(text(&text("e\u{0007}\u{0301}")), "\u{00E9}");
    }

    #[test]
    fn half_width_katakana_becomes_full_width() {
        assert_eq!(text("ｶﾌﾞｼｷｶﾞｲｼｬ"), "カブシキガイシャ");
    }

    #[test]
    fn formulas_and_html_are_kept_as_text() {
        assert_eq!(text("=SUM(A1)"), "=SUM(A1)");
        assert_eq!(text("<b>株式会社</b>"), "<b>株式会社</b>");
    }

    #[test]
    fn a_corporate_number_stored_as_a_number_reads_as_its_thirteen_digits() {
        assert_eq!(cell_text(&Cell::Number(4511284787022.0)), "4511284787022");
    }

    #[test]
    fn several_addresses_in_one_cell_are_split_on_every_separator() {
        let cell = text_cell("a@x.jp, b@x.jp;c@x.jp、d@x.jp，e@x.jp；f@x.jp\ng@x.jp　h@x.jp");
        let found = emails(&cell);
        assert_eq!(
            addresses(&found),
            [
                "a@x.jp", "b@x.jp", "c@x.jp", "d@x.jp", "e@x.jp", "f@x.jp", "g@x.jp", "h@x.jp"
            ]
        );
        assert!(found.invalid.is_empty());
    }

    #[test]
    fn full_width_addresses_become_ascii_and_lower_case() {
        let found = emails(&text_cell("Ｔａｎａｋａ＠Ｃｉｔｙ．Example．JP"));
        assert_eq!(addresses(&found), ["tanaka@city.example.jp"]);
    }

    #[test]
    fn the_same_address_twice_is_kept_once_in_order() {
        let found = emails(&text_cell("b@x.jp, a@x.jp, B@X.JP"));
        assert_eq!(addresses(&found), ["b@x.jp", "a@x.jp"]);
    }

    #[test]
    fn empty_pieces_between_separators_are_skipped() {
        let found = emails(&text_cell(" ,, a@x.jp ;; "));
        assert_eq!(addresses(&found), ["a@x.jp"]);
        assert!(found.invalid.is_empty());
    }

    #[test]
    fn a_bad_piece_is_reported_with_its_text() {
        let found = emails(&text_cell("a@x.jp, tanaka@, a@x.jp"));
        assert_eq!(addresses(&found), ["a@x.jp"]);
        assert_eq!(found.invalid, ["tanaka@"]);
    }

    #[test]
    fn mailto_links_and_angle_brackets_are_unwrapped() {
        let found = emails(&text_cell("mailto:A@x.jp <b@x.jp>"));
        assert_eq!(addresses(&found), ["a@x.jp", "b@x.jp"]);
    }

    #[test]
    fn a_dash_or_nashi_in_the_email_column_means_no_address() {
        for placeholder in ["－", "-", "なし", "ー"] {
            assert_eq!(emails(&text_cell(placeholder)), EmailCell::default());
        }
        assert_eq!(emails(&Cell::Empty), EmailCell::default());
    }

    #[test]
    fn a_phone_typed_as_text_is_kept_with_its_hyphens() {
        assert_eq!(
            phone(&text_cell("0270-45-5882")),
            PhoneOutcome::Kept {
                phone: "0270-45-5882".into()
            }
        );
    }

    #[test]
    fn full_width_digits_and_every_kind_of_dash_become_ascii_in_phones() {
        for typed in [
            "０２７０－３９－６７９８",
            "0270ー39ー6798",
            "0270‐39‐6798",
            "0270−39−6798",
            "０２７０ｰ３９ｰ６７９８",
        ] {
            assert_eq!(
                phone(&text_cell(typed)).phone(),
                Some("0270-39-6798"),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_nine_digit_number_gets_its_leading_zero_back() {
        assert_eq!(
            phone(&Cell::Number(270123456.0)),
            PhoneOutcome::Restored {
                phone: "0270123456".into(),
                original: "270123456".into()
            }
        );
        assert_eq!(
            phone(&Cell::Number(120123456.0)).phone(),
            Some("0120123456")
        );
    }

    #[test]
    fn a_ten_digit_mobile_or_ip_number_gets_its_leading_zero_back() {
        for (number, expected) in [
            (9012345678.0, "09012345678"),
            (8012345678.0, "08012345678"),
            (7012345678.0, "07012345678"),
            (5012345678.0, "05012345678"),
        ] {
            assert_eq!(
                phone(&Cell::Number(number)),
                PhoneOutcome::Restored {
                    phone: expected.into(),
                    original: expected[1..].into()
                }
            );
        }
    }

    #[test]
    fn other_numbers_are_kept_as_digits_and_flagged() {
        for (number, kept) in [
            (2701234567.0, "2701234567"),
            (110.0, "110"),
            (81270123456.0, "81270123456"),
        ] {
            assert_eq!(
                phone(&Cell::Number(number)),
                PhoneOutcome::Ambiguous { phone: kept.into() }
            );
        }
        assert_eq!(
            phone(&Cell::Number(270.5)),
            PhoneOutcome::Ambiguous {
                phone: "270.5".into()
            }
        );
        assert!(matches!(
            phone(&Cell::Number(-270123456.0)),
            PhoneOutcome::Ambiguous { .. }
        ));
    }

    #[test]
    fn digits_saved_as_text_without_their_zero_are_repaired_too() {
        assert_eq!(phone(&text_cell("270123456")).phone(), Some("0270123456"));
        assert_eq!(phone(&text_cell("0270123456")).phone(), Some("0270123456"));
    }

    #[test]
    fn a_blank_or_dash_phone_is_empty() {
        for cell in [
            Cell::Empty,
            text_cell(" "),
            text_cell("－"),
            text_cell("なし"),
        ] {
            assert_eq!(phone(&cell), PhoneOutcome::Empty);
        }
    }

    #[test]
    fn a_date_in_the_phone_column_is_flagged() {
        assert!(matches!(
            phone(&Cell::Date("2026-04-01".into())),
            PhoneOutcome::Ambiguous { .. }
        ));
    }

    proptest! {
        #[test]
        fn text_is_idempotent(s in any::<String>()) {
            let once = text(&s);
            prop_assert_eq!(text(&once), once.clone());
        }

        #[test]
        fn text_has_no_leading_trailing_or_double_spaces(s in any::<String>()) {
            let out = text(&s);
            prop_assert_eq!(out.trim(), out.as_str());
            prop_assert!(!out.contains("  "));
            prop_assert!(out.chars().all(|c| c == ' ' || !c.is_whitespace()));
            prop_assert!(!out.chars().any(char::is_control));
        }

        #[test]
        fn text_is_idempotent_on_japanese_looking_input(
            s in "[ \u{3000}\t\n０-９Ａ-Ｚａ-ｚｱ-ﾝﾞﾟア-ン㈱（）\u{0301}\u{00A8}-]{0,40}"
        ) {
            let once = text(&s);
            prop_assert_eq!(text(&once), once.clone());
        }

        #[test]
        fn every_address_found_parses_again_to_itself(s in any::<String>()) {
            let found = emails(&Cell::Text(s));
            for email in &found.addresses {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            }
        }

        #[test]
        fn addresses_found_are_distinct(
            s in "([a-cA-C]{1,2}@[a-b]\\.jp[,;、 \u{3000}\n]{1,2}){0,8}"
        ) {
            let found = emails(&Cell::Text(s));
            for (i, email) in found.addresses.iter().enumerate() {
                prop_assert!(!found.addresses[..i].contains(email));
            }
            prop_assert!(found.invalid.is_empty());
        }

        #[test]
        fn phone_never_panics_and_keeps_digits(n in any::<f64>(), s in any::<String>()) {
            let _ = phone(&Cell::Number(n));
            let _ = phone(&Cell::Text(s));
        }

        #[test]
        fn a_restored_phone_is_ten_or_eleven_digits_starting_with_zero(n in 0u64..100_000_000_000) {
            if let PhoneOutcome::Restored { phone, original } = phone(&Cell::Number(n as f64)) {
                prop_assert!(phone.starts_with('0'));
                prop_assert!(phone.len() == 10 || phone.len() == 11);
                prop_assert_eq!(&phone[1..], original.as_str());
            }
        }
    }
}

//! Yes/no cells such as 地域未来牽引企業, marked the many ways Japanese sheets mark them.

use super::{Cell, normalize};

/// What a yes/no cell said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flag {
    Yes,
    No,
    /// Neither: the text is kept so that the officer sees what was typed.
    Unrecognized(String),
}

/// `○ 〇 ◯ ● ◎ ✓ ✔ 有 あり はい yes y true 1 x` are yes; blank, `× なし no 0` and dashes
/// are no. A `x` is a tick in a checkbox column, while `×` (batsu) means no.
pub fn flag(cell: &Cell) -> Flag {
    match cell {
        Cell::Empty => Flag::No,
        Cell::Bool(true) => Flag::Yes,
        Cell::Bool(false) => Flag::No,
        Cell::Number(n) if *n == 1.0 => Flag::Yes,
        Cell::Number(n) if *n == 0.0 => Flag::No,
        Cell::Number(_) | Cell::Date(_) | Cell::Error(_) => {
            Flag::Unrecognized(normalize::cell_text(cell))
        }
        Cell::Text(raw) => {
            let typed = normalize::text(raw);
            match typed.to_lowercase().as_str() {
                "○" | "〇" | "◯" | "●" | "◎" | "✓" | "✔" | "有" | "有り" | "あり" | "はい"
                | "該当" | "yes" | "y" | "true" | "1" | "x" => Flag::Yes,
                "" | "×" | "✕" | "✗" | "なし" | "無し" | "無" | "いいえ" | "非該当" | "no"
                | "n" | "false" | "0" | "-" | "ー" | "―" | "−" => Flag::No,
                _ => Flag::Unrecognized(typed),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[test]
    fn every_yes_mark_is_yes() {
        for mark in [
            "○",
            "〇",
            "◯",
            "●",
            "✓",
            "✔",
            "有",
            "あり",
            "はい",
            "yes",
            "Y",
            "true",
            "1",
            "x",
            "TRUE",
            "ＹＥＳ",
            " ○ ",
        ] {
            assert_eq!(flag(&text(mark)), Flag::Yes, "{mark}");
        }
        assert_eq!(flag(&Cell::Bool(true)), Flag::Yes);
        assert_eq!(flag(&Cell::Number(1.0)), Flag::Yes);
    }

    #[test]
    fn blank_and_every_no_mark_is_no() {
        for mark in ["", "\u{3000}", "×", "なし", "no", "NO", "0", "－", "false"] {
            assert_eq!(flag(&text(mark)), Flag::No, "{mark}");
        }
        assert_eq!(flag(&Cell::Empty), Flag::No);
        assert_eq!(flag(&Cell::Bool(false)), Flag::No);
        assert_eq!(flag(&Cell::Number(0.0)), Flag::No);
    }

    #[test]
    fn anything_else_is_kept_for_the_officer_to_see() {
        assert_eq!(flag(&text("検討中")), Flag::Unrecognized("検討中".into()));
        assert_eq!(flag(&Cell::Number(2.0)), Flag::Unrecognized("2".into()));
        assert_eq!(
            flag(&Cell::Date("2026-04-01".into())),
            Flag::Unrecognized("2026-04-01".into())
        );
    }
}

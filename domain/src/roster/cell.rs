//! One cell of a spreadsheet row, as the reader found it.

use serde::{Deserialize, Serialize};

/// A cell's value with its type kept: a phone number typed into Excel arrives as a
/// number without its leading zero, and the importer must know that to repair it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    /// A numeric cell (Excel stores every number as a float).
    Number(f64),
    Bool(bool),
    /// A date or date-time cell, as ISO 8601 text (`2026-04-01` or `2026-04-01T09:30:00`).
    Date(String),
    /// An error value such as `#N/A` or `#REF!`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a person reads it: whole numbers without `.0`.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) | Cell::Date(text) | Cell::Error(text) => text.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_read_without_a_decimal_point() {
        assert_eq!(Cell::Number(270123456.0).as_text(), "270123456");
        assert_eq!(Cell::Number(1.5).as_text(), "1.5");
    }

    #[test]
    fn blank_text_including_full_width_spaces_is_empty() {
        assert!(Cell::Text(" \u{3000}".into()).is_empty());
        assert!(!Cell::Text("a".into()).is_empty());
    }
}

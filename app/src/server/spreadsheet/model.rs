//! What the reader hands to the importer: sheets of rows of cells, format-free.

use crate::domain::roster::Cell;

/// The file's real format, found from its content (the name only breaks a tie).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    /// An xlsx with macros; the macros are never run or read.
    Xlsm,
    /// Excel 97–2003 binary workbook (BIFF in an OLE2 compound file).
    Xls,
    Ods,
    Csv,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub format: Format,
    /// Worksheets in workbook order (chart sheets are left out).
    pub sheets: Vec<Sheet>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// Rows that hold at least one value, in sheet order. Blank rows are dropped, so
    /// `rows[i].number` need not be `i + 1`.
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based row number exactly as Excel shows it, so messages can point at the row.
    pub number: u32,
    /// Index 0 is column A. Trailing empty cells are trimmed.
    pub cells: Vec<Cell>,
}

impl Sheet {
    /// The row Excel shows as `number`, if it holds a value.
    pub fn row(&self, number: u32) -> Option<&Row> {
        self.rows
            .binary_search_by_key(&number, |row| row.number)
            .ok()
            .map(|index| &self.rows[index])
    }
}

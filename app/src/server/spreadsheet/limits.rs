//! How much of a file the reader accepts. Every limit is checked before the work it
//! guards is done, so a hostile file is refused cheaply instead of exhausting memory.

use std::time::Duration;

/// Bounds on one uploaded file. The defaults fit a roster of tens of thousands of rows and
/// keep the reader's memory in the low hundreds of MiB even at the limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Size of the uploaded file itself.
    pub max_file_bytes: usize,
    /// Highest row number (as Excel shows it) that may hold a value.
    pub max_rows: usize,
    /// Highest column number (A = 1) that may hold a value.
    pub max_columns: usize,
    /// Characters in one cell; 32,767 is Excel's own limit.
    pub max_cell_chars: usize,
    /// Files inside an xlsx/ods container (an ordinary workbook has a few dozen).
    pub max_zip_entries: usize,
    /// Sum of the declared uncompressed sizes inside the container (zip-bomb guard).
    pub max_uncompressed_bytes: u64,
    /// Entries of an xlsx shared-string table (its declared `uniqueCount` and the real count).
    pub max_shared_strings: usize,
    /// Fonts, fills, borders, number formats or cell formats of an xlsx style sheet, each
    /// (Excel itself allows about 64,000 cell formats).
    pub max_styles: usize,
    /// Cell slots held in memory over the whole workbook: every row counts up to its last
    /// value, and the dense areas calamine builds for .ods/.xls count in full.
    pub max_cells: usize,
    /// Bytes of cell text held in memory over the whole workbook, repeats included.
    pub max_text_bytes: usize,
    /// Sheets in one workbook (each costs a pass and a sheet in memory).
    pub max_sheets: usize,
    /// Wall-clock time for one read.
    pub time_limit: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 10 * 1024 * 1024,
            max_rows: 50_000,
            max_columns: 256,
            max_cell_chars: 32_767,
            max_zip_entries: 2_000,
            max_uncompressed_bytes: 256 * 1024 * 1024,
            max_shared_strings: 1_000_000,
            max_styles: 100_000,
            max_cells: 2_000_000,
            max_text_bytes: 64 * 1024 * 1024,
            max_sheets: 250,
            time_limit: Duration::from_secs(20),
        }
    }
}

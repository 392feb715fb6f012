//! Writers of a campaign's responses: `.xlsx` ([`xlsx`]) and CSV in UTF-8 or Shift_JIS
//! ([`csv`]). Both write the same [`ResponseTable`](crate::domain::aggregate::ResponseTable)
//! and neutralise every text cell that a spreadsheet would read as a formula.

pub mod annual;
pub mod csv;
pub mod xlsx;

/// The file formats an officer can download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    CsvUtf8,
    CsvShiftJis,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::CsvUtf8 => "text/csv; charset=utf-8",
            Format::CsvShiftJis => "text/csv; charset=Shift_JIS",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::CsvUtf8 | Format::CsvShiftJis => "csv",
        }
    }

    /// The code the audit log keeps.
    pub fn as_code(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::CsvUtf8 => "csv-utf8",
            Format::CsvShiftJis => "csv-sjis",
        }
    }
}

//! Why a file could not be read, in words an office worker can act on. Each variant has a
//! stable code for logs and the UI, and a message in Japanese and in English that says
//! what to do next. Parser internals never reach the message: they are logged at the
//! place the error is mapped.

/// The reasons a spreadsheet is refused. Sheet rows and columns in the fields are the
/// numbers Excel shows (row 1, column 1 = A).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpreadsheetError {
    #[error("the file is empty")]
    EmptyFile,
    #[error("the file is not a spreadsheet")]
    NotASpreadsheet,
    #[error("unsupported spreadsheet format: {format}")]
    UnsupportedFormat { format: &'static str },
    #[error("the file is corrupt or truncated")]
    Corrupt,
    #[error("the workbook is password protected")]
    PasswordProtected,
    #[error("the file is larger than {limit_bytes} bytes")]
    TooLarge { limit_bytes: usize },
    /// Too many files in the zip container or too many bytes once unpacked: a zip bomb, or
    /// a workbook bloated with images and unused parts.
    #[error("the container holds too many entries or unpacks to too many bytes")]
    ContainerTooLarge,
    /// The sheet's declared used range (xlsx `<dimension>`, xls DIMENSIONS) is beyond the limits.
    #[error("sheet {sheet:?} declares {rows} rows x {columns} columns")]
    SheetTooLarge {
        sheet: String,
        rows: u64,
        columns: u64,
    },
    #[error("sheet {sheet:?} has values below row {limit}")]
    TooManyRows { sheet: String, limit: usize },
    #[error("sheet {sheet:?} has values right of column {limit}")]
    TooManyColumns { sheet: String, limit: usize },
    #[error("the workbook holds more than {limit} cells")]
    TooManyCells { limit: usize },
    #[error("the workbook holds more than {limit_bytes} bytes of text")]
    TooMuchText { limit_bytes: usize },
    #[error("the shared-string table holds more than {limit} strings")]
    TooManyStrings { limit: usize },
    #[error("the style sheet holds more than {limit} formats")]
    TooManyStyles { limit: usize },
    #[error("cell {} of sheet {sheet:?} is longer than {limit} characters", cell_name(*row, *column))]
    CellTooLong {
        sheet: String,
        row: u32,
        column: u32,
        limit: usize,
    },
    #[error("the text file is neither UTF-8, UTF-16 with a byte-order mark, nor Shift_JIS")]
    UnknownEncoding,
    #[error("the workbook has no worksheets")]
    NoSheets,
    #[error("the workbook has more than {limit} sheets")]
    TooManySheets { limit: usize },
    #[error("reading the file took too long")]
    TimedOut,
}

impl SpreadsheetError {
    /// A stable identifier for logs, metrics and the UI's translations.
    pub fn code(&self) -> &'static str {
        match self {
            SpreadsheetError::EmptyFile => "empty_file",
            SpreadsheetError::NotASpreadsheet => "not_a_spreadsheet",
            SpreadsheetError::UnsupportedFormat { .. } => "unsupported_format",
            SpreadsheetError::Corrupt => "corrupt",
            SpreadsheetError::PasswordProtected => "password_protected",
            SpreadsheetError::TooLarge { .. } => "file_too_large",
            SpreadsheetError::ContainerTooLarge => "container_too_large",
            SpreadsheetError::SheetTooLarge { .. } => "sheet_too_large",
            SpreadsheetError::TooManyRows { .. } => "too_many_rows",
            SpreadsheetError::TooManyColumns { .. } => "too_many_columns",
            SpreadsheetError::TooManyCells { .. } => "too_many_cells",
            SpreadsheetError::TooMuchText { .. } => "too_much_text",
            SpreadsheetError::TooManyStrings { .. } => "too_many_strings",
            SpreadsheetError::TooManyStyles { .. } => "too_many_styles",
            SpreadsheetError::CellTooLong { .. } => "cell_too_long",
            SpreadsheetError::UnknownEncoding => "unknown_encoding",
            SpreadsheetError::NoSheets => "no_sheets",
            SpreadsheetError::TooManySheets { .. } => "too_many_sheets",
            SpreadsheetError::TimedOut => "timed_out",
        }
    }

    pub fn message_ja(&self) -> String {
        match self {
            SpreadsheetError::EmptyFile => {
                "ファイルが空です（0 バイト）。名簿を保存し直したファイルを選んでください。".into()
            }
            SpreadsheetError::NotASpreadsheet => "Excel (.xlsx / .xls)、OpenDocument (.ods)、CSV のいずれでもないファイルです。名簿を Excel か CSV で保存し直して、そのファイルを選んでください。".into(),
            SpreadsheetError::UnsupportedFormat { format } => format!(
                "{format} 形式には対応していません。Excel ブック (.xlsx) として保存し直してください。"
            ),
            SpreadsheetError::Corrupt => "ファイルが壊れているか、途中までしか保存されていません。元のファイルが Excel などで開けるか確認し、保存し直してからもう一度アップロードしてください。".into(),
            SpreadsheetError::PasswordProtected => {
                "パスワードで保護されたブックは読み込めません。保護を解除して保存し直してください。"
                    .into()
            }
            SpreadsheetError::TooLarge { limit_bytes } => format!(
                "ファイルが大きすぎます（上限 {}）。画像や不要なシートを削除するか、名簿だけを新しいブックにコピーして保存し直してください。",
                mebibytes(*limit_bytes)
            ),
            SpreadsheetError::ContainerTooLarge => "ファイルの中身が大きすぎるため読み込めません。画像や不要なシートを削除するか、名簿だけを新しいブックにコピーして保存し直してください。".into(),
            SpreadsheetError::SheetTooLarge {
                sheet,
                rows,
                columns,
            } => format!(
                "シート「{sheet}」の使用範囲が大きすぎます（{} 行 × {} 列）。名簿の下や右にある空白の行・列を選んで削除し、保存し直してください。",
                grouped(*rows),
                grouped(*columns)
            ),
            SpreadsheetError::TooManyRows { sheet, limit } => format!(
                "シート「{sheet}」の行が多すぎます（上限 {} 行）。名簿を分けて、何回かに分けて取り込んでください。",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TooManyColumns { sheet, limit } => format!(
                "シート「{sheet}」の列が多すぎます（上限 {} 列）。名簿に必要な列だけを残して保存し直してください。",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TooManyCells { limit } => format!(
                "データの量が多すぎます（セル数の上限 {}）。不要なシートや列を削除するか、名簿を分けて取り込んでください。",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TooMuchText { limit_bytes } => format!(
                "文字の量が多すぎます（上限 {}）。不要なシートや列を削除するか、名簿を分けて取り込んでください。",
                mebibytes(*limit_bytes)
            ),
            SpreadsheetError::TooManyStrings { limit } => format!(
                "ブック内の文字列が多すぎます（上限 {} 件）。名簿だけを新しいブックにコピーして保存し直してください。",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TooManyStyles { limit } => format!(
                "セルの書式が多すぎます（上限 {} 件）。名簿を新しいブックに「値の貼り付け」でコピーして保存し直してください。",
                grouped(*limit as u64)
            ),
            SpreadsheetError::CellTooLong {
                sheet,
                row,
                column,
                limit,
            } => format!(
                "シート「{sheet}」のセル {} の文字数が上限（{} 文字）を超えています。内容を確認して短くしてください。",
                cell_name(*row, *column),
                grouped(*limit as u64)
            ),
            SpreadsheetError::UnknownEncoding => "CSV ファイルの文字コードを判別できません。Excel で「CSV UTF-8 (コンマ区切り)」を選んで保存し直してください。".into(),
            SpreadsheetError::NoSheets => "ブックにワークシートがありません。名簿のシートを含めて保存し直してください。".into(),
            SpreadsheetError::TooManySheets { limit } => format!(
                "シートが多すぎます（上限 {} 枚）。名簿のシートだけを新しいブックにコピーして保存し直してください。",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TimedOut => "ファイルの読み込みに時間がかかりすぎたため中止しました。名簿だけを新しいブックにコピーして保存し直すか、ファイルを分けて取り込んでください。".into(),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            SpreadsheetError::EmptyFile => {
                "The file is empty (0 bytes). Save the roster again and choose the saved file."
                    .into()
            }
            SpreadsheetError::NotASpreadsheet => "This is not an Excel (.xlsx / .xls), OpenDocument (.ods) or CSV file. Save the roster from Excel or as CSV and choose that file.".into(),
            SpreadsheetError::UnsupportedFormat { format } => format!(
                "The {format} format is not supported. Save the workbook as an Excel workbook (.xlsx)."
            ),
            SpreadsheetError::Corrupt => "The file is damaged or was only partly saved. Check that it opens in Excel, save it again and upload it once more.".into(),
            SpreadsheetError::PasswordProtected => "Password-protected workbooks cannot be read. Remove the password, save the workbook and upload it again.".into(),
            SpreadsheetError::TooLarge { limit_bytes } => format!(
                "The file is too large (limit {}). Delete images and unused sheets, or copy just the roster into a new workbook and save that.",
                mebibytes(*limit_bytes)
            ),
            SpreadsheetError::ContainerTooLarge => "The file unpacks to too much data. Delete images and unused sheets, or copy just the roster into a new workbook and save that.".into(),
            SpreadsheetError::SheetTooLarge {
                sheet,
                rows,
                columns,
            } => format!(
                "The used range of sheet \"{sheet}\" is too large ({} rows × {} columns). Select the empty rows and columns below and to the right of the roster, delete them, and save again.",
                grouped(*rows),
                grouped(*columns)
            ),
            SpreadsheetError::TooManyRows { sheet, limit } => format!(
                "Sheet \"{sheet}\" has too many rows (limit {}). Split the roster and import it in parts.",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TooManyColumns { sheet, limit } => format!(
                "Sheet \"{sheet}\" has too many columns (limit {}). Keep only the roster's columns and save again.",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TooManyCells { limit } => format!(
                "The workbook holds too much data (limit {} cells). Delete unused sheets or columns, or import the roster in parts.",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TooMuchText { limit_bytes } => format!(
                "The workbook holds too much text (limit {}). Delete unused sheets or columns, or import the roster in parts.",
                mebibytes(*limit_bytes)
            ),
            SpreadsheetError::TooManyStrings { limit } => format!(
                "The workbook holds too many different texts (limit {}). Copy just the roster into a new workbook and save that.",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TooManyStyles { limit } => format!(
                "The workbook has too many cell formats (limit {}). Paste the roster as values into a new workbook and save that.",
                grouped(*limit as u64)
            ),
            SpreadsheetError::CellTooLong {
                sheet,
                row,
                column,
                limit,
            } => format!(
                "Cell {} of sheet \"{sheet}\" is longer than {} characters. Check its content and shorten it.",
                cell_name(*row, *column),
                grouped(*limit as u64)
            ),
            SpreadsheetError::UnknownEncoding => "The CSV file's character encoding cannot be recognised. In Excel, save it as \"CSV UTF-8 (Comma delimited)\".".into(),
            SpreadsheetError::NoSheets => "The workbook has no worksheets. Save it again with the roster's sheet in it.".into(),
            SpreadsheetError::TooManySheets { limit } => format!(
                "The workbook has too many sheets (limit {}). Copy just the roster's sheet into a new workbook and save that.",
                grouped(*limit as u64)
            ),
            SpreadsheetError::TimedOut => "Reading the file took too long and was stopped. Copy just the roster into a new workbook, or split it, and upload again.".into(),
        }
    }
}

/// `C12` for row 12, column 3: how Excel names a cell.
pub fn cell_name(row: u32, column: u32) -> String {
    format!("{}{row}", column_name(column))
}

/// Excel's column letters for a 1-based column number: 1 = A, 27 = AA.
pub fn column_name(column: u32) -> String {
    let mut n = column;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// `50,000`: office workers read grouped digits.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn mebibytes(bytes: usize) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_like_excel_names_them() {
        assert_eq!(column_name(1), "A");
        assert_eq!(column_name(26), "Z");
        assert_eq!(column_name(27), "AA");
        assert_eq!(column_name(256), "IV");
        assert_eq!(column_name(16_384), "XFD");
        assert_eq!(cell_name(12, 3), "C12");
    }

    #[test]
    fn numbers_in_messages_are_grouped_by_thousands() {
        assert_eq!(grouped(50_000), "50,000");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_048_576), "1,048,576");
    }

    #[test]
    fn the_password_message_tells_the_user_what_to_do() {
        let error = SpreadsheetError::PasswordProtected;
        assert_eq!(error.code(), "password_protected");
        assert_eq!(
            error.message_ja(),
            "パスワードで保護されたブックは読み込めません。保護を解除して保存し直してください。"
        );
        assert!(error.message_en().contains("Remove the password"));
    }

    #[test]
    fn a_long_cell_is_named_in_the_message() {
        let error = SpreadsheetError::CellTooLong {
            sheet: "名簿".into(),
            row: 12,
            column: 3,
            limit: 32_767,
        };
        assert!(error.message_ja().contains("セル C12"));
        assert!(error.message_ja().contains("32,767 文字"));
    }
}

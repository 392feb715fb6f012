//! Text files that are not the CSV an office would send.

use super::*;
use encoding_rs::EUC_JP;

#[test]
fn a_csv_in_euc_jp_is_refused_for_its_encoding() {
    let (bytes, _, _) = EUC_JP.encode("企業名,担当者名\n株式会社テスト,山田太郎\n");
    assert_eq!(
        read_default(&bytes, "roster.csv"),
        Err(SpreadsheetError::UnknownEncoding)
    );
}

#[test]
fn a_csv_in_utf16_without_a_bom_is_refused_for_its_encoding() {
    let bytes: Vec<u8> = "企業名,担当者名\n株式会社テスト,山田太郎\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(
        read_default(&bytes, "roster.csv"),
        Err(SpreadsheetError::UnknownEncoding)
    );
}

#[test]
fn random_bytes_named_csv_are_refused_for_their_encoding() {
    let noise: Vec<u8> = (0..8_192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    assert_eq!(
        read_default(&noise, "roster.csv"),
        Err(SpreadsheetError::UnknownEncoding)
    );
}

#[test]
fn a_csv_row_of_three_hundred_values_is_too_wide() {
    let line: Vec<String> = (0..300).map(|i| i.to_string()).collect();
    let bytes = format!("{}\n", line.join(","));
    assert_eq!(
        read_default(bytes.as_bytes(), "wide.csv"),
        Err(SpreadsheetError::TooManyColumns {
            sheet: "wide".into(),
            limit: 256,
        })
    );
}

#[test]
fn trailing_empty_fields_do_not_count_as_columns() {
    let bytes = format!("a,b{}\n", ",".repeat(1_000));
    let workbook = read_default(bytes.as_bytes(), "commas.csv").expect("two values");
    assert_eq!(only_sheet(&workbook).rows[0].cells.len(), 2);
}

#[test]
fn a_csv_field_longer_than_excel_allows_is_refused() {
    let bytes = format!("name,note\n山田,\"{}\"\n", "x".repeat(40_000));
    assert_eq!(
        read_default(bytes.as_bytes(), "long.csv"),
        Err(SpreadsheetError::CellTooLong {
            sheet: "long".into(),
            row: 2,
            column: 2,
            limit: 32_767,
        })
    );
}

#[test]
fn a_csv_with_more_rows_than_the_limit_is_refused() {
    let bytes = "x\n".repeat(101);
    let limits = Limits {
        max_rows: 100,
        ..Limits::default()
    };
    assert_eq!(
        read(bytes.as_bytes(), "rows.csv", &limits),
        Err(SpreadsheetError::TooManyRows {
            sheet: "rows".into(),
            limit: 100,
        })
    );
}

#[test]
fn a_csv_of_only_commas_stays_within_the_cell_budget() {
    // Every empty field would be a cell slot if blanks were stored.
    let line = format!("{}x\n", ",".repeat(200));
    let bytes = line.repeat(200);
    let limits = Limits {
        max_cells: 10_000,
        ..Limits::default()
    };
    assert_eq!(
        read(bytes.as_bytes(), "slots.csv", &limits),
        Err(SpreadsheetError::TooManyCells { limit: 10_000 })
    );
}

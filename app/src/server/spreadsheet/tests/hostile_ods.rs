//! .ods repeats: LibreOffice's ordinary filler must load, repeats calamine would expand
//! must not reach it.

use super::*;
use crate::domain::roster::Cell;

const FLOAT: &str = r#"<table:table-cell office:value-type="float" office:value="1"/>"#;

fn string_cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

/// What LibreOffice writes after the data: empty cells repeated to column AMJ, and an
/// empty row repeated to the last row of the sheet.
fn libreoffice_filler(rows_used: u32) -> String {
    format!(
        r#"<table:table-row table:number-rows-repeated="{}"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
        1_048_576 - rows_used
    )
}

#[test]
fn libreoffice_trailing_filler_loads_as_an_ordinary_file() {
    let empty_tail =
        r#"<table:table-cell table:style-name="ce1" table:number-columns-repeated="1021"/>"#;
    let rows = format!(
        "<table:table-row>{}{}{empty_tail}</table:table-row><table:table-row>{}{FLOAT}{empty_tail}</table:table-row>{}",
        string_cell("企業名"),
        string_cell("電話番号"),
        string_cell("株式会社テスト"),
        libreoffice_filler(2)
    );
    let workbook = read_default(&ods_package(&rows), "filler.ods").expect("ordinary file");
    let sheet = only_sheet(&workbook);
    assert_eq!(sheet.rows.len(), 2);
    assert_eq!(
        sheet.rows[1].cells,
        vec![Cell::Text("株式会社テスト".into()), Cell::Number(1.0)]
    );
}

#[test]
fn empty_rows_between_values_keep_the_true_row_numbers() {
    let rows = format!(
        r#"<table:table-row>{FLOAT}</table:table-row><table:table-row table:number-rows-repeated="40000"><table:table-cell/></table:table-row><table:table-row>{FLOAT}</table:table-row>"#
    );
    let workbook = read_default(&ods_package(&rows), "gap.ods").expect("within limits");
    let numbers: Vec<u32> = only_sheet(&workbook)
        .rows
        .iter()
        .map(|row| row.number)
        .collect();
    assert_eq!(numbers, vec![1, 40_002]);
}

#[test]
fn a_value_repeated_down_a_million_rows_is_refused() {
    let rows = format!(
        r#"<table:table-row table:number-rows-repeated="1000000">{FLOAT}</table:table-row>"#
    );
    assert_refused_before_calamine(
        &ods_package(&rows),
        "rows.ods",
        &Limits::default(),
        SpreadsheetError::TooManyRows {
            sheet: "名簿".into(),
            limit: 50_000,
        },
    );
}

#[test]
fn a_value_repeated_across_every_column_is_refused() {
    let rows = r#"<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
    assert_refused_before_calamine(
        &ods_package(rows),
        "columns.ods",
        &Limits::default(),
        SpreadsheetError::TooManyColumns {
            sheet: "名簿".into(),
            limit: 256,
        },
    );
}

#[test]
fn empty_repeats_followed_by_a_value_count_as_columns() {
    let rows = format!(
        r#"<table:table-row><table:table-cell table:number-columns-repeated="300"/>{FLOAT}</table:table-row>"#
    );
    assert!(matches!(
        read_default(&ods_package(&rows), "columns.ods"),
        Err(SpreadsheetError::TooManyColumns { .. })
    ));
}

#[test]
fn two_far_apart_values_whose_dense_box_is_too_large_are_refused() {
    // A1 and IV49999 are each within the limits; calamine's dense box is 12.8 M cells.
    let rows = format!(
        r#"<table:table-row>{FLOAT}</table:table-row><table:table-row table:number-rows-repeated="49997"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="255"/>{FLOAT}</table:table-row>"#
    );
    assert_refused_before_calamine(
        &ods_package(&rows),
        "sparse.ods",
        &Limits::default(),
        SpreadsheetError::TooManyCells { limit: 2_000_000 },
    );
}

#[test]
fn a_long_string_repeated_over_a_block_is_refused_for_its_copies() {
    let long = "x".repeat(30_000);
    let rows = format!(
        r#"<table:table-row table:number-rows-repeated="1000"><table:table-cell office:value-type="string" table:number-columns-repeated="200"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
    );
    assert_refused_before_calamine(
        &ods_package(&rows),
        "copies.ods",
        &Limits::default(),
        SpreadsheetError::TooMuchText {
            limit_bytes: 64 * 1024 * 1024,
        },
    );
}

#[test]
fn a_run_of_a_billion_spaces_is_a_cell_too_long() {
    let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row>"#;
    assert_refused_before_calamine(
        &ods_package(rows),
        "spaces.ods",
        &Limits::default(),
        SpreadsheetError::CellTooLong {
            sheet: "名簿".into(),
            row: 1,
            column: 1,
            limit: 32_767,
        },
    );
}

#[test]
fn a_table_that_never_ends_is_corrupt_not_an_endless_loop() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="名簿"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#;
    let bytes = zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", content.as_bytes()),
    ]);
    assert_refused_before_calamine(
        &bytes,
        "open.ods",
        &Limits::default(),
        SpreadsheetError::Corrupt,
    );
}

#[test]
fn an_annotation_that_never_ends_is_corrupt_not_an_endless_loop() {
    let rows = r#"<table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p></office:annotationX></table:table-cell></table:table-row>"#;
    assert_refused_before_calamine(
        &ods_package(rows),
        "note.ods",
        &Limits::default(),
        SpreadsheetError::Corrupt,
    );
}

#[test]
fn an_encrypted_ods_says_it_is_password_protected() {
    let manifest = MANIFEST.replace(
        r#"manifest:media-type="text/xml"/>"#,
        r#"manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry>"#,
    );
    let bytes = ods_package_with_manifest(
        &format!("<table:table-row>{FLOAT}</table:table-row>"),
        &manifest,
    );
    assert_refused_before_calamine(
        &bytes,
        "locked.ods",
        &Limits::default(),
        SpreadsheetError::PasswordProtected,
    );
}

#[test]
fn hundreds_of_tables_are_refused() {
    let tables: String = (0..300)
        .map(|i| format!(r#"</table:table><table:table table:name="s{i}">"#))
        .collect();
    assert_refused_before_calamine(
        &ods_package(&tables),
        "tables.ods",
        &Limits::default(),
        SpreadsheetError::TooManySheets { limit: 250 },
    );
}

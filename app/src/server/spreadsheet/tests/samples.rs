//! The sample rosters in tests/fixtures/roster, as offices send them.

use super::*;
use crate::domain::roster::Cell;

fn text(value: &str) -> Cell {
    Cell::Text(value.into())
}

fn cell(sheet: &Sheet, row: u32, column: u32) -> &Cell {
    let row = sheet
        .row(row)
        .unwrap_or_else(|| panic!("row {row} of {}", sheet.name));
    row.cells.get(column as usize - 1).unwrap_or(&Cell::Empty)
}

#[test]
fn a_clean_xlsx_has_its_header_on_row_1_and_40_companies() {
    let name = "roster_messe_nagoya_2026.xlsx";
    let workbook = read_default(&fixture(name), name).expect("sample reads");
    assert_eq!(workbook.format, Format::Xlsx);
    let sheet = only_sheet(&workbook);
    assert_eq!(sheet.name, "出展企業名簿");
    assert_eq!(sheet.rows.len(), 41);
    assert_eq!(sheet.rows[0].number, 1);
    assert_eq!(cell(sheet, 1, 1), &text("小間番号"));
    assert_eq!(cell(sheet, 1, 10), &text("地域未来牽引企業"));
    assert_eq!(cell(sheet, 2, 2), &text("伊勢崎鉄工所株式会社"));
    assert_eq!(sheet.rows.last().map(|row| row.number), Some(41));
}

#[test]
fn title_rows_keep_the_header_on_row_3_and_full_width_text_is_kept_as_written() {
    let name = "roster_tech_expo_2026.xlsx";
    let workbook = read_default(&fixture(name), name).expect("sample reads");
    let sheet = only_sheet(&workbook);
    assert_eq!(
        cell(sheet, 1, 1),
        &text("令和8年度 伊勢崎市企業技術展 出展企業一覧")
    );
    assert_eq!(cell(sheet, 3, 1), &text("小間番号"));
    // Full-width spaces and digits are the importer's to normalise, not the reader's.
    assert_eq!(cell(sheet, 4, 2), &text("\u{3000}大正精工株式会社 "));
    assert_eq!(cell(sheet, 4, 8), &text("０２７０－３９－６７９８"));
    assert_eq!(sheet.rows.len(), 42);
}

#[test]
fn an_old_binary_xls_reads_with_english_headers() {
    let name = "roster_hospex_2026.xls";
    let workbook = read_default(&fixture(name), name).expect("sample reads");
    assert_eq!(workbook.format, Format::Xls);
    let sheet = only_sheet(&workbook);
    assert_eq!(sheet.name, "Exhibitors");
    assert_eq!(sheet.rows.len(), 26);
    assert_eq!(cell(sheet, 1, 1), &text("Booth"));
    assert_eq!(cell(sheet, 1, 8), &text("Phone"));
    assert_eq!(cell(sheet, 2, 2), &text("株式会社三和鉄工所"));
    assert_eq!(cell(sheet, 26, 1), &text("C-25"));
}

#[test]
fn utf8_and_shift_jis_csv_read_the_same() {
    let utf8_name = "roster_business_fair_2026_utf8.csv";
    let sjis_name = "roster_business_fair_2026_sjis.csv";
    let utf8 = read_default(&fixture(utf8_name), utf8_name).expect("utf-8 sample");
    let sjis = read_default(&fixture(sjis_name), sjis_name).expect("shift_jis sample");
    assert_eq!(utf8.format, Format::Csv);
    let sheet = only_sheet(&utf8);
    assert_eq!(sheet.name, "roster_business_fair_2026_utf8");
    assert_eq!(sheet.rows.len(), 21);
    // The BOM is not part of the first header.
    assert_eq!(cell(sheet, 1, 1), &text("小間番号"));
    assert_eq!(cell(sheet, 2, 2), &text("有限会社韮塚電機"));
    assert_eq!(sheet.rows.last().map(|row| row.number), Some(21));
    assert_eq!(sheet.rows, only_sheet(&sjis).rows);
}

#[test]
fn an_ods_reads_with_its_sheet_name() {
    let name = "roster_mtech_2026.ods";
    let workbook = read_default(&fixture(name), name).expect("sample reads");
    assert_eq!(workbook.format, Format::Ods);
    let sheet = only_sheet(&workbook);
    assert_eq!(sheet.name, "名簿");
    assert_eq!(sheet.rows.len(), 16);
    assert_eq!(cell(sheet, 1, 1), &text("小間番号"));
    assert_eq!(cell(sheet, 4, 10), &text("○"));
    // An empty string cell is no value: the row is trimmed after column I.
    assert_eq!(sheet.row(2).map(|row| row.cells.len()), Some(9));
}

#[test]
fn typed_cells_keep_their_types() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 4, 1).expect("date");
    sheet.write_string(0, 0, "電話番号").expect("write");
    // A phone number typed into Excel: a number, its leading zero lost.
    sheet.write_number(1, 0, 270_123_456.0).expect("write");
    sheet.write_boolean(1, 1, true).expect("write");
    sheet
        .write_datetime_with_format(1, 2, &date, &date_format)
        .expect("write");
    let bytes = book.save_to_buffer().expect("xlsx");
    let workbook = read_default(&bytes, "typed.xlsx").expect("reads");
    let sheet = only_sheet(&workbook);
    assert_eq!(
        sheet.row(2).map(|row| row.cells.clone()),
        Some(vec![
            Cell::Number(270_123_456.0),
            Cell::Bool(true),
            Cell::Date("2026-04-01".into()),
        ])
    );
}

#[test]
fn blank_rows_are_dropped_but_rows_keep_their_numbers() {
    let bytes = xlsx_package(
        r#"<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>a</t></is></c></row><row r="5"><c r="A5" s="1"/></row><row r="9"><c r="A9" t="inlineStr"><is><t>b</t></is></c></row></sheetData>"#,
        &[],
    );
    let workbook = read_default(&bytes, "gaps.xlsx").expect("reads");
    let numbers: Vec<u32> = only_sheet(&workbook)
        .rows
        .iter()
        .map(|row| row.number)
        .collect();
    assert_eq!(numbers, vec![2, 9]);
    assert_eq!(
        only_sheet(&workbook).rows[0].cells,
        vec![Cell::Empty, text("a")]
    );
}

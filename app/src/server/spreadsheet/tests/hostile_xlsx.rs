//! Hostile and broken zip-based files: xlsx shapes that would make calamine allocate
//! without bound, zip bombs, and files that only pretend to be workbooks.

use super::*;
use crate::server::spreadsheet::ole2::testing::Builder as CompoundBuilder;

fn one_cell_sheet(reference: &str) -> String {
    format!(
        r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>名簿</t></is></c></row><row><c r="{reference}"><v>1</v></c></row></sheetData>"#
    )
}

#[test]
fn a_valid_xlsx_with_cells_at_a1_and_xfd1048576_is_refused_by_its_used_range() {
    // A 2 KB file whose dense range would be 17 billion cells.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "名簿").expect("write");
    sheet.write_number(1_048_575, 16_383, 1.0).expect("write");
    let bytes = book.save_to_buffer().expect("xlsx");
    assert_eq!(
        read_default(&bytes, "huge.xlsx"),
        Err(SpreadsheetError::SheetTooLarge {
            sheet: "Sheet1".into(),
            rows: 1_048_576,
            columns: 16_384,
        })
    );
}

#[test]
fn a_cell_at_xfd1048576_without_a_declared_range_stops_the_stream() {
    let bytes = xlsx_package(&one_cell_sheet("XFD1048576"), &[]);
    assert_eq!(
        read_default(&bytes, "huge.xlsx"),
        Err(SpreadsheetError::TooManyRows {
            sheet: "名簿".into(),
            limit: 50_000,
        })
    );
}

#[test]
fn a_cell_right_of_the_last_allowed_column_is_refused() {
    let bytes = xlsx_package(&one_cell_sheet("IW2"), &[]);
    assert_eq!(
        read_default(&bytes, "wide.xlsx"),
        Err(SpreadsheetError::TooManyColumns {
            sheet: "名簿".into(),
            limit: 256,
        })
    );
}

#[test]
fn an_absurd_declared_dimension_is_refused() {
    let sheet = format!(
        r#"<dimension ref="A1:XFD1048576"/>{}"#,
        one_cell_sheet("B2")
    );
    let bytes = xlsx_package(&sheet, &[]);
    assert!(matches!(
        read_default(&bytes, "dimension.xlsx"),
        Err(SpreadsheetError::SheetTooLarge {
            rows: 1_048_576,
            columns: 16_384,
            ..
        })
    ));
}

#[test]
fn an_absurd_shared_string_unique_count_is_refused_before_calamine_reserves_it() {
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000000"><si><t>名簿</t></si></sst>"#;
    let bytes = xlsx_package(
        r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#,
        &[("xl/sharedStrings.xml", sst.as_bytes())],
    );
    assert_refused_before_calamine(
        &bytes,
        "sst.xlsx",
        &Limits::default(),
        SpreadsheetError::TooManyStrings { limit: 1_000_000 },
    );
}

#[test]
fn more_shared_strings_than_the_limit_are_refused_whatever_the_count_says() {
    let items: String = (0..11).map(|i| format!("<si><t>{i}</t></si>")).collect();
    let sst = format!(r#"<sst uniqueCount="1">{items}</sst>"#);
    let bytes = xlsx_package(
        r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#,
        &[("xl/sharedStrings.xml", sst.as_bytes())],
    );
    let limits = Limits {
        max_shared_strings: 10,
        ..Limits::default()
    };
    assert_refused_before_calamine(
        &bytes,
        "sst.xlsx",
        &limits,
        SpreadsheetError::TooManyStrings { limit: 10 },
    );
}

#[test]
fn a_bulky_font_copied_into_every_cell_format_is_refused() {
    // calamine clones the font into each <xf>: 2,000 × 100 KB = 200 MB from a small file.
    let name = "x".repeat(100_000);
    let xfs = r#"<xf fontId="0"/>"#.repeat(2_000);
    let styles = format!(
        r#"<styleSheet><fonts count="1"><font><name val="{name}"/></font></fonts><cellXfs>{xfs}</cellXfs></styleSheet>"#
    );
    let bytes = xlsx_package(
        &one_cell_sheet("B2"),
        &[("xl/styles.xml", styles.as_bytes())],
    );
    assert_refused_before_calamine(
        &bytes,
        "styles.xlsx",
        &Limits::default(),
        SpreadsheetError::TooManyStyles { limit: 100_000 },
    );
}

#[test]
fn more_cell_formats_than_the_limit_are_refused() {
    let styles = format!(
        "<styleSheet><cellXfs>{}</cellXfs></styleSheet>",
        "<xf/>".repeat(101)
    );
    let bytes = xlsx_package(
        &one_cell_sheet("B2"),
        &[("xl/styles.xml", styles.as_bytes())],
    );
    let limits = Limits {
        max_styles: 100,
        ..Limits::default()
    };
    assert_refused_before_calamine(
        &bytes,
        "styles.xlsx",
        &limits,
        SpreadsheetError::TooManyStyles { limit: 100 },
    );
}

#[test]
fn a_zip_bomb_is_refused_from_its_directory() {
    // 9 MiB of zeros squeeze into a few KB; the limit here is 8 MiB unpacked.
    let zeros = vec![0u8; 9 * 1024 * 1024];
    let bytes = xlsx_package(&one_cell_sheet("B2"), &[("xl/media/image1.png", &zeros)]);
    assert!(bytes.len() < 64 * 1024);
    let limits = Limits {
        max_uncompressed_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    assert_refused_before_calamine(
        &bytes,
        "bomb.xlsx",
        &limits,
        SpreadsheetError::ContainerTooLarge,
    );
}

#[test]
fn a_declared_size_of_gigabytes_is_refused_without_unpacking_anything() {
    let mut bytes = xlsx_package(&one_cell_sheet("B2"), &[]);
    // Every central directory entry now declares 4 GB unpacked.
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + found;
        bytes[entry + 24..entry + 28].copy_from_slice(&0xFFFF_0000u32.to_le_bytes());
        at = entry + 4;
    }
    assert_refused_before_calamine(
        &bytes,
        "bomb.xlsx",
        &Limits::default(),
        SpreadsheetError::ContainerTooLarge,
    );
}

#[test]
fn a_zip_of_thousands_of_entries_is_refused() {
    let names: Vec<String> = (0..2_001).map(|i| format!("xl/media/{i}.bin")).collect();
    let extra: Vec<(&str, &[u8])> = names.iter().map(|name| (name.as_str(), &b""[..])).collect();
    let bytes = xlsx_package(&one_cell_sheet("B2"), &extra);
    assert_refused_before_calamine(
        &bytes,
        "many.xlsx",
        &Limits::default(),
        SpreadsheetError::ContainerTooLarge,
    );
}

#[test]
fn a_cell_longer_than_excel_allows_is_refused_with_its_position() {
    let long = "あ".repeat(40_000);
    let bytes = xlsx_package(
        &format!(
            r#"<sheetData><row r="3"><c r="C3" t="inlineStr"><is><t>{long}</t></is></c></row></sheetData>"#
        ),
        &[],
    );
    assert_eq!(
        read_default(&bytes, "long.xlsx"),
        Err(SpreadsheetError::CellTooLong {
            sheet: "名簿".into(),
            row: 3,
            column: 3,
            limit: 32_767,
        })
    );
}

#[test]
fn a_workbook_without_sheets_is_refused() {
    let bytes = xlsx_package_with_sheets("", "<sheetData/>", &[]);
    assert_eq!(
        read_default(&bytes, "empty.xlsx"),
        Err(SpreadsheetError::NoSheets)
    );
}

#[test]
fn an_xlsx_cut_in_half_is_corrupt() {
    let name = "roster_messe_nagoya_2026.xlsx";
    let bytes = fixture(name);
    assert_eq!(
        read_default(&bytes[..bytes.len() / 2], name),
        Err(SpreadsheetError::Corrupt)
    );
}

#[test]
fn a_damaged_sheet_part_is_corrupt() {
    let bytes = xlsx_package(r#"<sheetData><row r="1"><c r="A1"><v>1</v>"#, &[]);
    assert_eq!(
        read_default(&bytes, "broken.xlsx"),
        Err(SpreadsheetError::Corrupt)
    );
}

#[test]
fn a_password_protected_xlsx_says_so() {
    // Excel saves an encrypted workbook as an OLE2 file with these two streams.
    let bytes = CompoundBuilder::new()
        .stream("EncryptionInfo", vec![4, 0, 4, 0, 0x40, 0, 0, 0])
        .stream("EncryptedPackage", vec![0xA5; 6_000])
        .build();
    assert_refused_before_calamine(
        &bytes,
        "locked.xlsx",
        &Limits::default(),
        SpreadsheetError::PasswordProtected,
    );
}

#[test]
fn files_that_only_pretend_to_be_workbooks_are_not_spreadsheets() {
    let html = b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>";
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let noise: Vec<u8> = (0..2_048u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
        .collect();
    let docx = zip(&[
        (
            "[Content_Types].xml",
            br#"<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        ("word/document.xml", b"<w:document/>"),
    ]);
    for (bytes, name) in [
        (&html[..], "roster.xlsx"),
        (&png[..], "roster.xlsx"),
        (&noise[..], "roster.xlsx"),
        (&docx[..], "roster.xlsx"),
    ] {
        assert_eq!(
            read_default(bytes, name),
            Err(SpreadsheetError::NotASpreadsheet),
            "{name}"
        );
    }
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    assert_eq!(
        read_default(b"", "roster.xlsx"),
        Err(SpreadsheetError::EmptyFile)
    );
}

#[test]
fn an_xlsb_is_refused_as_unsupported() {
    let bytes = zip(&[
        (
            "[Content_Types].xml",
            br#"<Types><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>"#,
        ),
        ("xl/workbook.bin", b"\0"),
    ]);
    assert_eq!(
        read_default(&bytes, "roster.xlsb"),
        Err(SpreadsheetError::UnsupportedFormat { format: ".xlsb" })
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_looked_at() {
    let limits = Limits {
        max_file_bytes: 1_000,
        ..Limits::default()
    };
    let name = "roster_messe_nagoya_2026.xlsx";
    assert_eq!(
        read(&fixture(name), name, &limits),
        Err(SpreadsheetError::TooLarge { limit_bytes: 1_000 })
    );
}

#[test]
fn a_workbook_listing_one_sheet_thousands_of_times_is_refused() {
    let sheets: String = (0..1_000)
        .map(|i| format!(r#"<sheet name="s{i}" sheetId="{i}" r:id="rId1"/>"#))
        .collect();
    let bytes = xlsx_package_with_sheets(&sheets, &one_cell_sheet("B2"), &[]);
    assert_refused_before_calamine(
        &bytes,
        "sheets.xlsx",
        &Limits::default(),
        SpreadsheetError::TooManySheets { limit: 250 },
    );
}

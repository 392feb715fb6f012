//! .xls files built record by record: a sane one, then the records calamine trusts.

use super::*;
use crate::domain::roster::Cell;
use crate::server::spreadsheet::ole2::testing::Builder as CompoundBuilder;

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut bytes = typ.to_le_bytes().to_vec();
    bytes.extend((data.len() as u16).to_le_bytes());
    bytes.extend_from_slice(data);
    bytes
}

fn bof(kind: u16) -> Vec<u8> {
    let mut data = vec![0x00, 0x06];
    data.extend(kind.to_le_bytes());
    data.extend([0xBB, 0x0D, 0xCC, 0x07, 0, 0, 0, 0, 0x06, 0, 0, 0]);
    record(0x0809, &data)
}

fn eof() -> Vec<u8> {
    record(0x000A, &[])
}

fn dimensions(
    first_row: u32,
    last_row_plus_one: u32,
    first_col: u16,
    last_col_plus_one: u16,
) -> Vec<u8> {
    let mut data = first_row.to_le_bytes().to_vec();
    data.extend(last_row_plus_one.to_le_bytes());
    data.extend(first_col.to_le_bytes());
    data.extend(last_col_plus_one.to_le_bytes());
    data.extend([0, 0]);
    record(0x0200, &data)
}

fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(value.to_le_bytes());
    record(0x0203, &data)
}

fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend((units.len() as u16).to_le_bytes());
    data.push(0x01);
    data.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    record(0x0204, &data)
}

fn shared_strings(strings: &[&str]) -> Vec<u8> {
    let mut data = (strings.len() as u32).to_le_bytes().to_vec();
    data.extend((strings.len() as u32).to_le_bytes());
    for text in strings {
        data.extend((text.len() as u16).to_le_bytes());
        data.push(0x00);
        data.extend(text.as_bytes());
    }
    record(0x00FC, &data)
}

fn label_sst(row: u16, col: u16, index: u32) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(index.to_le_bytes());
    record(0x00FD, &data)
}

/// A formula whose cached value is `value` and whose tokens are `rgce`.
fn formula(row: u16, col: u16, value: f64, rgce: &[u8]) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(value.to_le_bytes());
    data.extend([0, 0, 0, 0, 0, 0]);
    data.extend((rgce.len() as u16).to_le_bytes());
    data.extend_from_slice(rgce);
    record(0x0006, &data)
}

/// A BIFF8 workbook stream: globals (with `extra_globals`), one worksheet "名簿" holding
/// `cells`, in an OLE2 container.
fn xls(extra_globals: &[Vec<u8>], cells: &[Vec<u8>]) -> Vec<u8> {
    let boundsheet = |offset: u32| {
        let name: Vec<u16> = "名簿".encode_utf16().collect();
        let mut data = offset.to_le_bytes().to_vec();
        data.extend([0, 0, name.len() as u8, 0x01]);
        data.extend(name.iter().flat_map(|u| u.to_le_bytes()));
        record(0x0085, &data)
    };
    let globals = |offset: u32| {
        let mut bytes = bof(0x0005);
        bytes.extend(record(0x0042, &1200u16.to_le_bytes()));
        for extra in extra_globals {
            bytes.extend(extra);
        }
        bytes.extend(boundsheet(offset));
        bytes.extend(eof());
        bytes
    };
    let offset = globals(0).len() as u32;
    let mut stream = globals(offset);
    stream.extend(bof(0x0010));
    for cell in cells {
        stream.extend(cell);
    }
    stream.extend(eof());
    CompoundBuilder::new().stream("Workbook", stream).build()
}

#[test]
fn a_hand_built_xls_reads_its_cells() {
    let bytes = xls(
        &[shared_strings(&["Company"])],
        &[
            dimensions(0, 2, 0, 2),
            label_sst(0, 0, 0),
            label(0, 1, "電話番号"),
            number(1, 1, 270_123_456.0),
        ],
    );
    let workbook = read_default(&bytes, "roster.xls").expect("valid xls");
    assert_eq!(workbook.format, Format::Xls);
    let sheet = only_sheet(&workbook);
    assert_eq!(sheet.name, "名簿");
    assert_eq!(
        sheet.rows[0].cells,
        vec![Cell::Text("Company".into()), Cell::Text("電話番号".into())]
    );
    // A phone number typed as a number comes back as a number.
    assert_eq!(
        sheet.rows[1].cells,
        vec![Cell::Empty, Cell::Number(270_123_456.0)]
    );
}

#[test]
fn a_dimensions_record_declaring_four_billion_rows_is_refused() {
    // calamine would reserve rows × columns cells up front: terabytes, an abort.
    let bytes = xls(&[], &[dimensions(0, u32::MAX, 0, 256), number(0, 0, 1.0)]);
    assert_refused_before_calamine(
        &bytes,
        "dims.xls",
        &Limits::default(),
        SpreadsheetError::SheetTooLarge {
            sheet: "名簿".into(),
            rows: u64::from(u32::MAX),
            columns: 256,
        },
    );
}

#[test]
fn a_dimensions_record_that_ends_before_it_starts_is_corrupt() {
    // calamine's `end - start + 1` would underflow.
    let bytes = xls(&[], &[dimensions(10, 5, 0, 1), number(0, 0, 1.0)]);
    assert_refused_before_calamine(
        &bytes,
        "dims.xls",
        &Limits::default(),
        SpreadsheetError::Corrupt,
    );
}

#[test]
fn cells_at_opposite_corners_of_the_16_bit_grid_are_refused() {
    // Without the scan, calamine's dense range would be 65,536 × 65,536 cells.
    let bytes = xls(&[], &[number(0, 0, 1.0), number(65_535, 65_535, 1.0)]);
    assert_refused_before_calamine(
        &bytes,
        "corners.xls",
        &Limits::default(),
        SpreadsheetError::TooManyRows {
            sheet: "名簿".into(),
            limit: 50_000,
        },
    );
    let wide = xls(&[], &[number(0, 0, 1.0), number(1, 65_535, 1.0)]);
    assert_refused_before_calamine(
        &wide,
        "corners.xls",
        &Limits::default(),
        SpreadsheetError::TooManyColumns {
            sheet: "名簿".into(),
            limit: 256,
        },
    );
}

#[test]
fn one_long_shared_string_cloned_into_many_cells_is_refused() {
    let long = "x".repeat(30_000);
    let cells: Vec<Vec<u8>> = (0..200u16).map(|row| label_sst(row, 0, 0)).collect();
    let bytes = xls(&[shared_strings(&[&long])], &cells);
    let limits = Limits {
        max_text_bytes: 1024 * 1024,
        ..Limits::default()
    };
    assert_refused_before_calamine(
        &bytes,
        "clones.xls",
        &limits,
        SpreadsheetError::TooMuchText {
            limit_bytes: 1024 * 1024,
        },
    );
}

#[test]
fn formula_tokens_are_not_expanded_and_the_cached_value_is_read() {
    // 2,000 PtgAttrSpace tokens of 255 spaces each: calamine would insert half a million
    // spaces one at a time at the front of the text. The tokens are cut off instead.
    let mut rgce = Vec::new();
    for _ in 0..2_000 {
        rgce.extend([0x19, 0x40, 0x00, 0xFF]);
    }
    let bytes = xls(&[], &[formula(0, 0, 42.0, &rgce)]);
    let workbook = read_default(&bytes, "formula.xls").expect("valid xls");
    assert_eq!(
        only_sheet(&workbook).rows[0].cells,
        vec![Cell::Number(42.0)]
    );
}

#[test]
fn a_record_split_into_thousands_of_continue_parts_is_corrupt() {
    let mut sst = shared_strings(&["a"]);
    for _ in 0..9_000 {
        sst.extend(record(0x003C, &[0]));
    }
    let bytes = xls(&[sst], &[number(0, 0, 1.0)]);
    assert_refused_before_calamine(
        &bytes,
        "continue.xls",
        &Limits::default(),
        SpreadsheetError::Corrupt,
    );
}

#[test]
fn an_xls_with_a_file_password_says_so() {
    let filepass = record(0x002F, &[0x01, 0x00, 0x01, 0x00, 0x01, 0x00]);
    let bytes = xls(&[filepass], &[number(0, 0, 1.0)]);
    assert_refused_before_calamine(
        &bytes,
        "locked.xls",
        &Limits::default(),
        SpreadsheetError::PasswordProtected,
    );
}

#[test]
fn an_ole2_file_without_a_workbook_is_not_a_spreadsheet() {
    let bytes = CompoundBuilder::new()
        .stream("WordDocument", vec![0; 5_000])
        .build();
    assert_eq!(
        read_default(&bytes, "letter.xls"),
        Err(SpreadsheetError::NotASpreadsheet)
    );
}

#[test]
fn an_xls_cut_in_half_is_corrupt() {
    let name = "roster_hospex_2026.xls";
    let bytes = fixture(name);
    assert_eq!(
        read_default(&bytes[..bytes.len() / 2], name),
        Err(SpreadsheetError::Corrupt)
    );
}

//! Whole files through [`read`](super::read): the sample rosters, then one hostile file
//! per shape, each built in code and each expected to fail with one exact error, quickly
//! and without the allocation calamine alone would attempt.

mod background;
mod hostile_csv;
mod hostile_ods;
mod hostile_xls;
mod hostile_xlsx;
mod memory;
mod samples;

use super::container::testing::zip;
use super::*;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roster")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("fixture {}: {error}", path.display()))
}

fn read_default(bytes: &[u8], file_name: &str) -> Result<Workbook, SpreadsheetError> {
    read(bytes, file_name, &Limits::default())
}

/// A minimal xlsx package around one worksheet part, plus any extra parts.
fn xlsx_package(sheet_xml: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    xlsx_package_with_sheets(
        r#"<sheet name="名簿" sheetId="1" r:id="rId1"/>"#,
        sheet_xml,
        extra,
    )
}

fn xlsx_package_with_sheets(sheets: &str, sheet_xml: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#
    );
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet_xml}</worksheet>"#
    );
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    entries.extend_from_slice(extra);
    zip(&entries)
}

/// A minimal .ods around the rows of one table named "名簿".
fn ods_package(rows: &str) -> Vec<u8> {
    ods_package_with_manifest(rows, MANIFEST)
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

fn ods_package_with_manifest(rows: &str, manifest: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="名簿">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

fn only_sheet(workbook: &Workbook) -> &Sheet {
    assert_eq!(workbook.sheets.len(), 1, "one sheet expected");
    &workbook.sheets[0]
}

/// Asserts that `expected` comes from the checks made before calamine opens the file,
/// so calamine never sees it, and that [`read`] reports the same.
fn assert_refused_before_calamine(
    bytes: &[u8],
    file_name: &str,
    limits: &Limits,
    expected: SpreadsheetError,
) {
    let checked = check(bytes, file_name, &mut Budget::new(limits, None));
    assert_eq!(
        checked.err(),
        Some(expected.clone()),
        "checks of {file_name}"
    );
    assert_eq!(
        read(bytes, file_name, limits),
        Err(expected),
        "read of {file_name}"
    );
}

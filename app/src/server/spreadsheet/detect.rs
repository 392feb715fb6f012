//! What a file really is, from its bytes: a zip (xlsx, xlsm, ods), an OLE2 compound file
//! (xls, or an encrypted xlsx), or text. The name's extension only decides whether text
//! is a CSV, since an HTML page or an image renamed to .xlsx must not reach a parser.

use super::container::{self, Container};
use super::delimited;
use super::error::SpreadsheetError;
use super::model::Format;
use super::ole2::{self, CompoundFile};

/// The container a file's first bytes announce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Zip,
    Ole2,
    Text,
}

/// Magic numbers of files people upload by mistake: images, PDFs.
const NOT_SPREADSHEETS: [&[u8]; 5] = [
    b"\x89PNG\r\n\x1a\n",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"%PDF-",
    b"Rar!\x1a\x07",
];

pub(super) fn kind(bytes: &[u8], file_name: &str) -> Result<Kind, SpreadsheetError> {
    if bytes.is_empty() {
        return Err(SpreadsheetError::EmptyFile);
    }
    // An empty zip (`PK\x05\x06`) has no spreadsheet in it.
    if bytes.starts_with(&container::SIGNATURE) {
        return Ok(Kind::Zip);
    }
    if bytes.starts_with(&ole2::SIGNATURE) {
        return Ok(Kind::Ole2);
    }
    if NOT_SPREADSHEETS
        .iter()
        .any(|magic| bytes.starts_with(magic))
    {
        return Err(SpreadsheetError::NotASpreadsheet);
    }
    match delimited::extension(file_name).as_deref() {
        Some("csv" | "tsv" | "txt") => Ok(Kind::Text),
        _ => Err(SpreadsheetError::NotASpreadsheet),
    }
}

/// Which workbook a zip holds, from its ODF mimetype or its OOXML content types.
pub(super) fn zip_format(container: &mut Container<'_>) -> Result<Format, SpreadsheetError> {
    const ODS: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
    if let Some(mimetype) = container.head("mimetype", 128)? {
        // `…spreadsheet-template` (.ots) shares the prefix, and calamine reads it alike.
        return if mimetype.starts_with(ODS) {
            Ok(Format::Ods)
        } else {
            Err(SpreadsheetError::NotASpreadsheet)
        };
    }
    let content_types = container
        .head("[content_types].xml", 1024 * 1024)?
        .unwrap_or_default();
    let declares = |part: &str| {
        content_types
            .windows(part.len())
            .any(|window| window == part.as_bytes())
    };
    if declares("sheet.binary.macroEnabled.main") || container.has("xl/workbook.bin") {
        return Err(SpreadsheetError::UnsupportedFormat { format: ".xlsb" });
    }
    if declares("macroEnabled.main+xml") {
        return Ok(Format::Xlsm);
    }
    if declares("spreadsheetml.sheet.main+xml")
        || declares("spreadsheetml.template.main+xml")
        || container.has("xl/workbook.xml")
    {
        return Ok(if container.has("xl/vbaproject.bin") {
            Format::Xlsm
        } else {
            Format::Xlsx
        });
    }
    // A .docx, .pptx, .jar or plain zip.
    Err(SpreadsheetError::NotASpreadsheet)
}

/// An OLE2 file is an xls if it has a workbook stream; an xlsx saved with a password is
/// an OLE2 file too, holding `EncryptionInfo` and `EncryptedPackage` instead.
pub(super) fn ole2_format(compound: &CompoundFile<'_>) -> Result<Format, SpreadsheetError> {
    if compound.has("EncryptionInfo") || compound.has("EncryptedPackage") {
        return Err(SpreadsheetError::PasswordProtected);
    }
    if compound.has("Workbook") || compound.has("Book") {
        return Ok(Format::Xls);
    }
    // A .doc, .ppt, .msg …
    Err(SpreadsheetError::NotASpreadsheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_and_the_extension_only_admits_text() {
        assert_eq!(kind(b"PK\x03\x04rest", "x.csv"), Ok(Kind::Zip));
        assert_eq!(kind(&ole2::SIGNATURE, "x.xlsx"), Ok(Kind::Ole2));
        assert_eq!(kind(b"a,b\n", "roster.CSV"), Ok(Kind::Text));
        assert_eq!(
            kind(b"<!DOCTYPE html><html>", "roster.xlsx"),
            Err(SpreadsheetError::NotASpreadsheet)
        );
        assert_eq!(
            kind(b"\x89PNG\r\n\x1a\n....", "roster.csv"),
            Err(SpreadsheetError::NotASpreadsheet)
        );
        assert_eq!(kind(b"", "roster.xlsx"), Err(SpreadsheetError::EmptyFile));
    }
}

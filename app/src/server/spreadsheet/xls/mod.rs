//! Excel 97–2003 workbooks (.xls, BIFF in an OLE2 container), read by calamine after a
//! scan of the BIFF records.
//!
//! The format limits a sheet to 65,536 × 256, but calamine 0.38 (`src/xls.rs`) does not
//! lean on that:
//! - a DIMENSIONS record's row bounds are 32-bit and `cells.reserve(rows × cols)` trusts
//!   them (lines 663-668): four forged bytes ask for terabytes and abort the process;
//! - cell records carry 16-bit columns, and `Range::from_sparse` (`src/lib.rs:1032-1066`)
//!   allocates the dense box of whatever positions it finds — 65,536 × 65,536 cells;
//! - every LABELSST cell clones its shared string (line 1108), so one long string used a
//!   million times is a million copies;
//! - formula text is rebuilt token by token (`parse_formula`, lines 1519-1926) with up to
//!   ~150× expansion per byte and a quadratic loop for `PtgAttrSpace`;
//! - `Record::continue_record` removes CONTINUE parts from the front of a vector, so a
//!   record with millions of tiny CONTINUE parts takes quadratic time.
//!
//! The scan walks the records exactly as calamine's `parse_workbook` does and refuses the
//! file when a declared or real extent, the dense area, the cloned text or a CONTINUE run
//! exceeds the limits. Formulas are not used by the importer, so their token lengths are
//! set to zero in the copy of the file that calamine reads: it then builds empty formula
//! strings, and cached values are untouched.

mod records;
mod scan;
mod strings;

use super::budget::Budget;
use super::cell_value;
use super::error::SpreadsheetError;
use super::model::Sheet;
use super::ole2::CompoundFile;
use super::sheet_builder::SheetBuilder;
use calamine::{Reader, SheetType, Xls, XlsError};
use scan::scan;
use std::io::Cursor;

/// Scans the workbook stream and returns the copy of the file calamine may read: the
/// same bytes, formula tokens cut off.
pub(super) fn prepare(
    bytes: &[u8],
    compound: &CompoundFile<'_>,
    budget: &mut Budget<'_>,
) -> Result<Vec<u8>, SpreadsheetError> {
    // calamine tries "Workbook" (BIFF8) and falls back to "Book" (BIFF5).
    let name = if compound.has("Workbook") {
        "Workbook"
    } else {
        "Book"
    };
    let stream = compound.stream(name)?;
    let patches = scan(&stream.bytes, budget)?;
    let mut patched = bytes.to_vec();
    let mut patched_stream = stream.bytes.clone();
    for offset in patches {
        let at = stream
            .file_offset(offset)
            .ok_or(SpreadsheetError::Corrupt)?;
        patched[at] = 0;
        patched_stream[offset] = 0;
    }
    drop(stream);
    verify_patched(&patched, name, &patched_stream, budget)?;
    Ok(patched)
}

/// Reads every worksheet of a file returned by [`prepare`].
pub(super) fn read(
    patched: &[u8],
    budget: &mut Budget<'_>,
) -> Result<Vec<Sheet>, SpreadsheetError> {
    let mut xls = super::guarded(|| Xls::new(Cursor::new(patched)))?.map_err(xls_error)?;
    let worksheets: Vec<String> = xls
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect();
    if worksheets.is_empty() {
        return Err(SpreadsheetError::NoSheets);
    }
    let mut sheets = Vec::with_capacity(worksheets.len());
    for name in worksheets {
        budget.check_time()?;
        let range = super::guarded(|| xls.worksheet_range(&name))?.map_err(xls_error)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut sheet = SheetBuilder::new(name);
        for (row, column, data) in range.used_cells() {
            let cell = cell_value::from_data(data);
            sheet.put(top + row as u32, left + column as u32, cell, budget)?;
        }
        sheets.push(sheet.finish());
    }
    Ok(sheets)
}

/// The zeroed bytes could also be read as something else: a sector of the FAT or the
/// directory shared with the stream, or the header of a record in another sheet whose
/// offset points into a formula. So calamine's view is checked again: the patched file
/// must still yield exactly the patched stream, and that stream must pass the scan with
/// nothing left to patch.
fn verify_patched(
    patched: &[u8],
    name: &str,
    patched_stream: &[u8],
    budget: &mut Budget<'_>,
) -> Result<(), SpreadsheetError> {
    let compound = CompoundFile::parse(patched)?;
    if compound.stream(name)?.bytes != patched_stream {
        return Err(SpreadsheetError::Corrupt);
    }
    let again = scan(patched_stream, budget)?;
    if again.iter().any(|offset| patched_stream[*offset] != 0) {
        return Err(SpreadsheetError::Corrupt);
    }
    Ok(())
}

fn xls_error(error: XlsError) -> SpreadsheetError {
    match error {
        XlsError::Password => SpreadsheetError::PasswordProtected,
        error => {
            tracing::info!(%error, "spreadsheet: calamine could not read the xls file");
            SpreadsheetError::Corrupt
        }
    }
}

//! OpenDocument spreadsheets (.ods), read by calamine after a pre-scan of content.xml.
//!
//! calamine 0.38 (`src/ods.rs`) builds every sheet as a dense `Range` in `Ods::new`:
//! - `read_row` (lines 607-684) pushes a non-empty cell once per
//!   `number-columns-repeated` (capped at 16,384 per row) and defers empty repeats, which
//!   it materialises only when a value follows them in the row;
//! - `get_range` (lines 492-605) then copies each row once per `number-rows-repeated`
//!   (capped at 1,048,576 rows in all) over the bounding box of the non-empty cells, up
//!   to 100 million cells — several GB — and clones every string into each copy;
//!   empty rows between values are materialised too, trailing ones are not;
//! - `<text:s text:c="N"/>` pushes N spaces with no bound (line 775);
//! - `read_table` loops forever on a content.xml that ends inside a table (its catch-all
//!   `Ok(_) => ()` arm, line 478, also matches `Eof`), as does the annotation skip in a
//!   string cell.
//!
//! So LibreOffice's ordinary trailing filler (an empty row repeated ~1M times, empty
//! cells repeated ~1,000 times) costs calamine nothing, and the scan lets it through;
//! what it measures is what calamine would materialise (an upper bound) — repeats that carry a
//! value, and empty repeats followed by one — and it refuses the file before calamine
//! sees it when rows, columns, the dense area, the copied text or a single cell's text
//! exceed the limits, or when a table or annotation is never closed.

mod scan;

use super::budget::Budget;
use super::cell_value;
use super::container::Container;
use super::error::SpreadsheetError;
use super::model::Sheet;
use super::sheet_builder::SheetBuilder;
use calamine::{Ods, OdsError, Reader};
use std::io::Cursor;

/// Refuses an encrypted package, and scans content.xml for what calamine would expand.
pub(super) fn check(
    container: &mut Container<'_>,
    budget: &mut Budget<'_>,
) -> Result<(), SpreadsheetError> {
    if is_encrypted(container)? {
        return Err(SpreadsheetError::PasswordProtected);
    }
    let Some(mut content) = container.xml("content.xml")? else {
        return Err(SpreadsheetError::Corrupt);
    };
    scan::scan_content(&mut content, budget)
}

/// Reads every sheet of a file that passed [`check`].
pub(super) fn read(bytes: &[u8], budget: &mut Budget<'_>) -> Result<Vec<Sheet>, SpreadsheetError> {
    let mut ods = super::guarded(|| Ods::new(Cursor::new(bytes)))?.map_err(ods_error)?;
    let names = ods.sheet_names();
    if names.is_empty() {
        return Err(SpreadsheetError::NoSheets);
    }
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        budget.check_time()?;
        let range = super::guarded(|| ods.worksheet_range(&name))?.map_err(ods_error)?;
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

fn ods_error(error: OdsError) -> SpreadsheetError {
    match error {
        OdsError::Password => SpreadsheetError::PasswordProtected,
        error => {
            tracing::info!(%error, "spreadsheet: calamine could not read the ods file");
            SpreadsheetError::Corrupt
        }
    }
}

/// An encrypted ODF package keeps its zip layer in the clear and lists
/// `manifest:encryption-data` in its manifest; content.xml is then ciphertext, which the
/// scan would only call corrupt.
fn is_encrypted(container: &mut Container<'_>) -> Result<bool, SpreadsheetError> {
    let manifest = container.head("meta-inf/manifest.xml", 1024 * 1024)?;
    Ok(manifest.is_some_and(|bytes| {
        bytes
            .windows(b"encryption-data".len())
            .any(|window| window == b"encryption-data")
    }))
}

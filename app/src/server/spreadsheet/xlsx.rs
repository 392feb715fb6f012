//! Excel 2007+ workbooks (.xlsx, .xlsm): pre-scanned parts, then cells streamed one by
//! one from calamine — never `worksheet_range`, whose dense `Range` asks for rows × columns
//! slots and aborts the process on a 2 KB file with cells at A1 and XFD1048576.
//!
//! What calamine 0.38 (`src/xlsx/mod.rs`) does before any cell is read, in `Xlsx::new`:
//! - `read_shared_strings` reserves the declared `uniqueCount` up front (lines 360-366),
//!   then keeps every `<si>` it finds: both are bounded here;
//! - `read_styles` clones the referenced font, fill and border into every `<xf>`
//!   (lines 486-581): a few bytes of `<xf fontId="0"/>` repeated a million times, with one
//!   bulky font, become gigabytes. The counts and that product are bounded here.
//!
//! The declared `<dimension>` only sizes a reservation in `worksheet_range_ref`, capped at
//! 100,000 cells (lines 2921-2925), and the streaming reader ignores it; it is still
//! checked, because a used range far beyond the limits is a file to refuse with a clear
//! message rather than stream through.

use super::budget::Budget;
use super::cell_value;
use super::container::{Container, PartReader, xml_error};
use super::error::SpreadsheetError;
use super::model::Sheet;
use super::sheet_builder::SheetBuilder;
use super::xml_attrs;
use calamine::{Dimensions, Reader, SheetType, Xlsx, XlsxError};
use quick_xml::events::Event;
use std::io::Cursor;

/// Scans the parts calamine sizes from declared numbers, before it opens the file.
pub(super) fn check(
    container: &mut Container<'_>,
    budget: &mut Budget<'_>,
) -> Result<(), SpreadsheetError> {
    let parts: Vec<String> = container.names().map(str::to_owned).collect();
    for part in parts
        .iter()
        .filter(|name| name.ends_with("sharedstrings.xml"))
    {
        if let Some(mut reader) = container.xml(part)? {
            scan_shared_strings(&mut reader, budget)?;
        }
    }
    for part in parts.iter().filter(|name| name.ends_with("styles.xml")) {
        if let Some(mut reader) = container.xml(part)? {
            scan_styles(&mut reader, budget)?;
        }
    }
    for part in parts.iter().filter(|name| name.ends_with("workbook.xml")) {
        if let Some(mut reader) = container.xml(part)? {
            count_sheets(&mut reader, budget)?;
        }
    }
    Ok(())
}

/// calamine opens every listed sheet; a workbook.xml can list the same part a million
/// times in a few kilobytes.
fn count_sheets(
    reader: &mut PartReader<'_, '_>,
    budget: &mut Budget<'_>,
) -> Result<(), SpreadsheetError> {
    let limit = budget.limits().max_sheets;
    let mut sheets = 0usize;
    let mut buf = Vec::new();
    loop {
        budget.tick()?;
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                sheets += 1;
                if sheets > limit {
                    return Err(SpreadsheetError::TooManySheets { limit });
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Streams the cells of every worksheet of a file that passed [`check`].
pub(super) fn read(bytes: &[u8], budget: &mut Budget<'_>) -> Result<Vec<Sheet>, SpreadsheetError> {
    let mut xlsx = super::guarded(|| Xlsx::new(Cursor::new(bytes)))?.map_err(xlsx_error)?;
    let worksheets: Vec<String> = xlsx
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect();
    if worksheets.is_empty() {
        return Err(SpreadsheetError::NoSheets);
    }
    // Again here: the workbook part may not be named like the one `check` counted.
    let limit = budget.limits().max_sheets;
    if worksheets.len() > limit {
        return Err(SpreadsheetError::TooManySheets { limit });
    }
    let mut sheets = Vec::with_capacity(worksheets.len());
    for name in worksheets {
        budget.check_time()?;
        let sheet = super::guarded(|| read_sheet(&mut xlsx, name, budget))??;
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn read_sheet(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: String,
    budget: &mut Budget<'_>,
) -> Result<Sheet, SpreadsheetError> {
    let mut cells = match xlsx.worksheet_cells_reader(&name) {
        Ok(cells) => cells,
        // A sheet listed as a worksheet whose part is something else: nothing to read.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(SheetBuilder::new(name).finish()),
        Err(error) => return Err(xlsx_error(error)),
    };
    check_dimension(&name, cells.dimensions(), budget)?;
    let mut sheet = SheetBuilder::new(name);
    while let Some(cell) = cells.next_cell().map_err(xlsx_error)? {
        let (row, column) = cell.get_position();
        let value = cell_value::from_data_ref(cell.get_value().clone());
        sheet.put(row, column, value, budget)?;
    }
    Ok(sheet.finish())
}

fn check_dimension(
    sheet: &str,
    dimension: Dimensions,
    budget: &Budget<'_>,
) -> Result<(), SpreadsheetError> {
    let limits = budget.limits();
    let rows = u64::from(dimension.start.0.max(dimension.end.0)) + 1;
    let columns = u64::from(dimension.start.1.max(dimension.end.1)) + 1;
    if rows > limits.max_rows as u64 || columns > limits.max_columns as u64 {
        return Err(SpreadsheetError::SheetTooLarge {
            sheet: sheet.to_owned(),
            rows,
            columns,
        });
    }
    Ok(())
}

fn xlsx_error(error: XlsxError) -> SpreadsheetError {
    match error {
        XlsxError::Password => SpreadsheetError::PasswordProtected,
        error => {
            tracing::info!(%error, "spreadsheet: calamine could not read the xlsx file");
            SpreadsheetError::Corrupt
        }
    }
}

/// Bounds the declared `uniqueCount` (reserved by calamine), the declared `count`, the
/// real number of `<si>` entries and their text.
fn scan_shared_strings(
    reader: &mut PartReader<'_, '_>,
    budget: &mut Budget<'_>,
) -> Result<(), SpreadsheetError> {
    let limits = budget.limits();
    let too_many = SpreadsheetError::TooManyStrings {
        limit: limits.max_shared_strings,
    };
    let mut buf = Vec::new();
    let mut strings: u64 = 0;
    let mut text: u64 = 0;
    loop {
        budget.tick()?;
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) if e.local_name().as_ref() == "sst" => {
                let declared = |key| {
                    xml_attrs::attr(&e, key)
                        .map_err(|_| SpreadsheetError::Corrupt)
                        .map(|value| value.and_then(xml_attrs::count).unwrap_or(0))
                };
                if declared("uniqueCount")? > limits.max_shared_strings as u64 {
                    return Err(too_many);
                }
                // `count` is every use of a string: at most one per cell the limits allow.
                let cells = (limits.max_rows as u64).saturating_mul(limits.max_columns as u64);
                if declared("count")? > cells {
                    return Err(too_many);
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                strings += 1;
                if strings > limits.max_shared_strings as u64 {
                    return Err(too_many);
                }
            }
            Event::Text(t) => {
                text = text.saturating_add(t.len() as u64);
                if text > limits.max_text_bytes as u64 {
                    return Err(SpreadsheetError::TooMuchText {
                        limit_bytes: limits.max_text_bytes,
                    });
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The style parts calamine keeps, counted; and a bound on what it copies into each
/// cell format (`Style` plus the largest font, fill, border and number format).
fn scan_styles(
    reader: &mut PartReader<'_, '_>,
    budget: &mut Budget<'_>,
) -> Result<(), SpreadsheetError> {
    const KINDS: [&str; 5] = ["numFmt", "font", "fill", "border", "xf"];
    let limits = budget.limits();
    let mut counts = [0u64; KINDS.len()];
    // Largest element of each kind in bytes of XML, and where the open one started.
    let mut largest = [0u64; KINDS.len()];
    let mut open: [Option<u64>; KINDS.len()] = [None; KINDS.len()];
    let mut buf = Vec::new();
    loop {
        budget.tick()?;
        let before = reader.buffer_position();
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) => {
                if let Some(kind) = KINDS.iter().position(|k| *k == e.local_name().as_ref()) {
                    counts[kind] += 1;
                    if counts[kind] > limits.max_styles as u64 {
                        return Err(SpreadsheetError::TooManyStyles {
                            limit: limits.max_styles,
                        });
                    }
                    open[kind].get_or_insert(before);
                }
            }
            Event::End(e) => {
                if let Some(kind) = KINDS.iter().position(|k| *k == e.local_name().as_ref())
                    && let Some(start) = open[kind].take()
                {
                    largest[kind] = largest[kind].max(reader.buffer_position() - start);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let per_format = (std::mem::size_of::<calamine::Style>() as u64)
        .saturating_add(largest[..4].iter().sum::<u64>());
    if counts[4].saturating_mul(per_format) > limits.max_text_bytes as u64 {
        return Err(SpreadsheetError::TooManyStyles {
            limit: limits.max_styles,
        });
    }
    Ok(())
}

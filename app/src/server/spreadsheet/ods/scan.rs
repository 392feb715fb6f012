//! The walk over content.xml that mirrors calamine's `parse_content`, `read_table`,
//! `read_row` and `get_datatype`, measuring what they would build.

use crate::server::spreadsheet::budget::Budget;
use crate::server::spreadsheet::container::{PartReader, xml_error};
use crate::server::spreadsheet::error::SpreadsheetError;
use crate::server::spreadsheet::xml_attrs::{self, Malformed};
use quick_xml::events::{BytesStart, Event};

/// calamine's own caps (`src/ods.rs:35-38`); repeats beyond them are cut, not expanded.
const CALAMINE_MAX_ROWS: u64 = 1_048_576;
const CALAMINE_MAX_COLUMNS: u64 = 16_384;
/// An XML entity reference expands to one character: at most 4 bytes of UTF-8.
const ENTITY_BYTES: u64 = 4;

/// What calamine would hold for the whole workbook, summed over sheets.
#[derive(Default)]
struct Totals {
    area: u64,
    text: u64,
}

/// Walks content.xml with calamine's `parse_content` control flow.
pub(super) fn scan_content(
    reader: &mut PartReader<'_, '_>,
    budget: &mut Budget<'_>,
) -> Result<(), SpreadsheetError> {
    let mut totals = Totals::default();
    let mut sheets = 0usize;
    let mut buf = Vec::new();
    loop {
        budget.tick()?;
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                if let Some(name) = xml_attrs::attr(&e, "table:name").map_err(corrupt)? {
                    sheets += 1;
                    if sheets > budget.limits().max_sheets {
                        return Err(SpreadsheetError::TooManySheets {
                            limit: budget.limits().max_sheets,
                        });
                    }
                    let name = quick_xml::escape::unescape(name)
                        .map_err(|_| SpreadsheetError::Corrupt)?
                        .into_owned();
                    scan_table(reader, &name, budget, &mut totals)?;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// One table, as calamine's `read_table` walks it.
fn scan_table(
    reader: &mut PartReader<'_, '_>,
    sheet: &str,
    budget: &mut Budget<'_>,
    totals: &mut Totals,
) -> Result<(), SpreadsheetError> {
    let limits = budget.limits();
    let mut buf = Vec::new();
    let mut row_start: u64 = 0;
    let mut row_elements: u64 = 0;
    let mut first_value_row: Option<u64> = None;
    let mut value_rows_end: u64 = 0;
    let mut columns_end: u64 = 0;
    loop {
        budget.tick()?;
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                // calamine keeps two words per row element, even past its row cap where
                // the element's repeats are cut to zero.
                row_elements += 1;
                if row_elements > CALAMINE_MAX_ROWS {
                    return Err(SpreadsheetError::TooManyRows {
                        sheet: sheet.to_owned(),
                        limit: limits.max_rows,
                    });
                }
                let repeats = repeat(&e, "table:number-rows-repeated")?;
                let repeats = repeats.min(CALAMINE_MAX_ROWS.saturating_sub(row_start));
                let row = scan_row(reader, sheet, row_start, budget)?;
                if row.values_end > 0 {
                    first_value_row.get_or_insert(row_start);
                    value_rows_end = row_start + repeats;
                    columns_end = columns_end.max(row.values_end);
                    if value_rows_end > limits.max_rows as u64 {
                        return Err(SpreadsheetError::TooManyRows {
                            sheet: sheet.to_owned(),
                            limit: limits.max_rows,
                        });
                    }
                    // Every repeat of the row is a copy of its strings.
                    totals.text = totals.text.saturating_add(row.text.saturating_mul(repeats));
                    if totals.text > limits.max_text_bytes as u64 {
                        return Err(SpreadsheetError::TooMuchText {
                            limit_bytes: limits.max_text_bytes,
                        });
                    }
                }
                row_start += repeats;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => break,
            Event::Eof => return Err(SpreadsheetError::Corrupt),
            _ => {}
        }
        buf.clear();
    }
    // The dense box calamine allocates, from the first value row to the last, from
    // column A to the last value column (an upper bound: calamine trims leading columns).
    let rows = value_rows_end - first_value_row.unwrap_or(value_rows_end);
    totals.area = totals.area.saturating_add(rows.saturating_mul(columns_end));
    if totals.area > limits.max_cells as u64 {
        return Err(SpreadsheetError::TooManyCells {
            limit: limits.max_cells,
        });
    }
    Ok(())
}

struct RowScan {
    /// One past the last column holding a value; 0 for a row calamine keeps empty.
    values_end: u64,
    /// Bytes of strings and formulas calamine copies for one repeat of the row.
    text: u64,
}

/// One row, as calamine's `read_row` walks it: any child other than a cell is an error.
fn scan_row(
    reader: &mut PartReader<'_, '_>,
    sheet: &str,
    row_start: u64,
    budget: &mut Budget<'_>,
) -> Result<RowScan, SpreadsheetError> {
    let limits = budget.limits();
    let mut buf = Vec::new();
    let mut column: u64 = 0;
    let mut pending_empty: u64 = 0;
    let mut scan = RowScan {
        values_end: 0,
        text: 0,
    };
    loop {
        budget.tick()?;
        let event = reader.read_event_into(&mut buf).map_err(xml_error)?;
        match event {
            Event::Start(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let e = e.into_owned();
                let repeats = repeat(&e, "table:number-columns-repeated")?;
                let position = Position {
                    sheet,
                    row: row_start,
                    column: column + pending_empty.min(CALAMINE_MAX_COLUMNS - column),
                };
                let cell = scan_cell(reader, &e, position, budget)?;
                // Empty repeats count only when a value follows them (calamine defers them).
                column += pending_empty.min(CALAMINE_MAX_COLUMNS - column);
                pending_empty = 0;
                let repeats = repeats.min(CALAMINE_MAX_COLUMNS - column);
                if cell.has_value {
                    column += repeats;
                    scan.values_end = column;
                    scan.text = scan.text.saturating_add(cell.text.saturating_mul(repeats));
                    if column > limits.max_columns as u64 {
                        return Err(SpreadsheetError::TooManyColumns {
                            sheet: sheet.to_owned(),
                            limit: limits.max_columns,
                        });
                    }
                } else {
                    pending_empty = repeats;
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => return Ok(scan),
            // calamine reports any other child as a mismatch and refuses the file.
            _ => return Err(SpreadsheetError::Corrupt),
        }
        buf.clear();
    }
}

#[derive(Clone, Copy)]
struct Position<'s> {
    sheet: &'s str,
    row: u64,
    column: u64,
}

impl Position<'_> {
    fn too_long(&self, limit: usize) -> SpreadsheetError {
        SpreadsheetError::CellTooLong {
            sheet: self.sheet.to_owned(),
            row: u32::try_from(self.row + 1).unwrap_or(u32::MAX),
            column: u32::try_from(self.column + 1).unwrap_or(u32::MAX),
            limit,
        }
    }
}

struct CellScan {
    has_value: bool,
    text: u64,
}

/// One cell, as calamine's `get_datatype` reads it, then skipped to its end the way
/// `read_row` skips it.
fn scan_cell(
    reader: &mut PartReader<'_, '_>,
    e: &BytesStart<'_>,
    position: Position<'_>,
    budget: &mut Budget<'_>,
) -> Result<CellScan, SpreadsheetError> {
    let limits = budget.limits();
    let mut value_set = false;
    let mut empty_string_value = false;
    let mut is_string = false;
    let mut is_error = false;
    let mut formula: u64 = 0;
    let mut text_chars: u64 = 0;
    let mut text_bytes: u64 = 0;
    for item in xml_attrs::attrs(e) {
        let (key, value) = item.map_err(corrupt)?;
        match key {
            "office:value" | "office:boolean-value" if !value_set => value_set = true,
            "office:string-value" | "office:date-value" | "office:time-value" if !value_set => {
                value_set = true;
                empty_string_value = key == "office:string-value" && value.is_empty();
                // The raw value is never shorter than the decoded one: upper bounds.
                text_chars = value.chars().count() as u64;
                text_bytes = value.len() as u64;
            }
            "office:value-type" if !value_set => is_string = value == "string",
            "calcext:value-type" => is_error = value == "error",
            "table:formula" => formula = value.len() as u64,
            _ => {}
        }
    }
    if text_chars > limits.max_cell_chars as u64 {
        return Err(position.too_long(limits.max_cell_chars));
    }
    let reads_content = (!value_set && is_string) || (is_error && empty_string_value);
    if reads_content {
        let content = scan_string_content(reader, position, budget)?;
        return Ok(CellScan {
            // calamine keeps even an empty string cell as a value.
            has_value: true,
            text: content.saturating_add(formula),
        });
    }
    let mut skipped = Vec::new();
    reader
        .read_to_end_into(e.name(), &mut skipped)
        .map_err(xml_error)?;
    Ok(CellScan {
        has_value: value_set || formula > 0,
        text: text_bytes.saturating_add(formula),
    })
}

/// The text calamine builds for a string cell from its paragraphs, refused as soon as it
/// passes the cell limit (which also bounds `text:s` runs of spaces).
fn scan_string_content(
    reader: &mut PartReader<'_, '_>,
    position: Position<'_>,
    budget: &mut Budget<'_>,
) -> Result<u64, SpreadsheetError> {
    let limit = budget.limits().max_cell_chars as u64;
    let mut buf = Vec::new();
    let mut chars: u64 = 0;
    let mut bytes: u64 = 0;
    let mut first_paragraph = true;
    loop {
        budget.tick()?;
        let added = match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Text(t) => (t.chars().count() as u64, t.len() as u64),
            Event::GeneralRef(_) => (1, ENTITY_BYTES),
            Event::End(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                return Ok(bytes);
            }
            Event::Start(e) if e.name().as_ref() == "office:annotation" => {
                skip_annotation(reader, budget)?;
                (0, 0)
            }
            Event::Start(e) if e.name().as_ref() == "text:p" => {
                if first_paragraph {
                    first_paragraph = false;
                    (0, 0)
                } else {
                    (1, 1)
                }
            }
            Event::Start(e) if e.name().as_ref() == "text:s" => {
                let spaces = match xml_attrs::attr(&e, "text:c").map_err(corrupt)? {
                    Some(value) => xml_attrs::count(value).ok_or(SpreadsheetError::Corrupt)?,
                    None => 1,
                };
                (spaces, spaces)
            }
            Event::Start(e) if matches!(e.name().as_ref(), "text:tab" | "text:line-break") => {
                (1, 1)
            }
            Event::Eof => return Err(SpreadsheetError::Corrupt),
            _ => (0, 0),
        };
        chars = chars.saturating_add(added.0);
        bytes = bytes.saturating_add(added.1);
        if chars > limit {
            return Err(position.too_long(limit as usize));
        }
        buf.clear();
    }
}

/// calamine skips an annotation until an end tag named `office:annotation`, and spins
/// forever if the part ends first.
fn skip_annotation(
    reader: &mut PartReader<'_, '_>,
    budget: &mut Budget<'_>,
) -> Result<(), SpreadsheetError> {
    let mut buf = Vec::new();
    loop {
        budget.tick()?;
        match reader.read_event_into(&mut buf).map_err(xml_error)? {
            Event::End(e) if e.name().as_ref() == "office:annotation" => return Ok(()),
            Event::Eof => return Err(SpreadsheetError::Corrupt),
            _ => {}
        }
        buf.clear();
    }
}

/// A repeat attribute; absent means 1. calamine refuses a value that is not a number.
fn repeat(e: &BytesStart<'_>, key: &str) -> Result<u64, SpreadsheetError> {
    match xml_attrs::attr(e, key).map_err(corrupt)? {
        Some(value) => xml_attrs::count(value).ok_or(SpreadsheetError::Corrupt),
        None => Ok(1),
    }
}

fn corrupt(_: Malformed) -> SpreadsheetError {
    SpreadsheetError::Corrupt
}

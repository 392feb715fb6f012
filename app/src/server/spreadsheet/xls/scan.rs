//! The walk over the workbook stream that mirrors calamine's `parse_workbook`.

use super::records::{BOF, EOF, records, u16_at, u32_at};
use super::strings::{Encoding, shared_string_sizes, sheet_name};
use crate::server::spreadsheet::budget::Budget;
use crate::server::spreadsheet::error::SpreadsheetError;

struct Globals {
    /// Sheet substream offsets with the sheet's name (for messages).
    sheets: Vec<(usize, String)>,
    /// UTF-8 size bound of each shared string.
    shared_strings: Vec<u64>,
    encoding: Encoding,
    biff8: bool,
}

/// Scans the workbook stream; returns the stream offsets of the formula-length bytes to
/// zero.
pub(super) fn scan(stream: &[u8], budget: &mut Budget<'_>) -> Result<Vec<usize>, SpreadsheetError> {
    let globals = scan_globals(stream, budget)?;
    let mut patches = Vec::new();
    let mut area: u64 = 0;
    let mut text: u64 = 0;
    for (offset, name) in &globals.sheets {
        let sheet = scan_sheet(stream, *offset, &globals, budget, &mut patches)?;
        let limits = budget.limits();
        for bounds in [&sheet.values, &sheet.formulas].into_iter().flatten() {
            if u64::from(bounds.max_row) + 1 > limits.max_rows as u64 {
                return Err(SpreadsheetError::TooManyRows {
                    sheet: name.clone(),
                    limit: limits.max_rows,
                });
            }
            if u64::from(bounds.max_column) + 1 > limits.max_columns as u64 {
                return Err(SpreadsheetError::TooManyColumns {
                    sheet: name.clone(),
                    limit: limits.max_columns,
                });
            }
            area = area.saturating_add(bounds.area());
        }
        area = area.saturating_add(sheet.records);
        if area > limits.max_cells as u64 {
            return Err(SpreadsheetError::TooManyCells {
                limit: limits.max_cells,
            });
        }
        text = text.saturating_add(sheet.text);
        if text > limits.max_text_bytes as u64 {
            return Err(SpreadsheetError::TooMuchText {
                limit_bytes: limits.max_text_bytes,
            });
        }
    }
    Ok(patches)
}

fn scan_globals(stream: &[u8], budget: &mut Budget<'_>) -> Result<Globals, SpreadsheetError> {
    let mut globals = Globals {
        sheets: Vec::new(),
        shared_strings: Vec::new(),
        encoding: Encoding::Utf16,
        biff8: true,
    };
    for record in records(stream, 0)? {
        budget.tick()?;
        let record = record?;
        match record.typ {
            // FilePass: the workbook is encrypted (RC4 or XOR obfuscation).
            0x002F if u16_at(record.data, 0)? != 0 => {
                return Err(SpreadsheetError::PasswordProtected);
            }
            0x0042 => {
                globals.encoding = match u16_at(record.data, 0)? {
                    1200 => Encoding::Utf16,
                    codepage => Encoding::Legacy { codepage },
                };
            }
            0x0085 => {
                let limit = budget.limits().max_sheets;
                if globals.sheets.len() >= limit {
                    return Err(SpreadsheetError::TooManySheets { limit });
                }
                let offset = u32_at(record.data, 0)? as usize;
                let name = sheet_name(record.data, globals.encoding, globals.biff8);
                globals.sheets.push((offset, name));
            }
            BOF => {
                let version = u16_at(record.data, 0)?;
                let kind = u16_at(record.data, 2).unwrap_or(0);
                globals.biff8 = match version {
                    0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                    0 => kind != 0x1000,
                    _ => true,
                };
            }
            0x00FC => {
                globals.shared_strings = shared_string_sizes(record, globals.encoding, budget)?;
            }
            EOF => break,
            _ => {}
        }
    }
    Ok(globals)
}

/// The extent of the cells of one kind in a sheet (0-based, inclusive).
#[derive(Clone, Copy)]
struct Bounds {
    min_row: u32,
    max_row: u32,
    min_column: u32,
    max_column: u32,
}

impl Bounds {
    fn include(bounds: &mut Option<Bounds>, row: u32, column: u32) {
        let b = bounds.get_or_insert(Bounds {
            min_row: row,
            max_row: row,
            min_column: column,
            max_column: column,
        });
        b.min_row = b.min_row.min(row);
        b.max_row = b.max_row.max(row);
        b.min_column = b.min_column.min(column);
        b.max_column = b.max_column.max(column);
    }

    /// Cells of the dense range calamine's `Range::from_sparse` allocates.
    fn area(&self) -> u64 {
        u64::from(self.max_row - self.min_row + 1)
            * u64::from(self.max_column - self.min_column + 1)
    }
}

struct SheetScan {
    values: Option<Bounds>,
    formulas: Option<Bounds>,
    /// Cells calamine collects before building the dense range.
    records: u64,
    /// UTF-8 bytes of the strings calamine builds or clones for the sheet.
    text: u64,
}

/// One sheet substream, as calamine's sheet loop in `parse_workbook` walks it.
fn scan_sheet(
    stream: &[u8],
    start: usize,
    globals: &Globals,
    budget: &mut Budget<'_>,
    patches: &mut Vec<usize>,
) -> Result<SheetScan, SpreadsheetError> {
    let mut scan = SheetScan {
        values: None,
        formulas: None,
        records: 0,
        text: 0,
    };
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut formula_position = (0u32, 0u32);
    for record in records(stream, start)? {
        budget.tick()?;
        let record = record?;
        let data = record.data;
        if depth > 0 {
            match record.typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        let position = || -> Result<(u32, u32), SpreadsheetError> {
            Ok((u16_at(data, 0)? as u32, u16_at(data, 2)? as u32))
        };
        let cell = |scan: &mut SheetScan, (row, column): (u32, u32), text: u64| {
            Bounds::include(&mut scan.values, row, column);
            scan.records += 1;
            scan.text = scan.text.saturating_add(text);
        };
        match record.typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            0x0200 => check_dimensions(data, &globals.sheets, start, budget)?,
            // Number, BoolErr, RK.
            0x0203 | 0x0205 | 0x027E => cell(&mut scan, position()?, 0),
            // Label, RString: the string is in the record.
            0x0204 | 0x00D6 => {
                let text = 4 * data.len().saturating_sub(6) as u64;
                cell(&mut scan, position()?, text);
            }
            // LabelSst: a clone of a shared string; an unknown index yields no cell.
            0x00FD => {
                let index = u32_at(data, 6)? as usize;
                if let Some(size) = globals.shared_strings.get(index) {
                    cell(&mut scan, position()?, *size);
                }
            }
            // MulRk: one row, a run of columns.
            0x00BD => {
                let row = u16_at(data, 0)? as u32;
                let first = u16_at(data, 2)? as u32;
                let last = u16_at(data, data.len().saturating_sub(2))? as u32;
                if last < first || data.len() != 6 + 6 * (last - first + 1) as usize {
                    return Err(SpreadsheetError::Corrupt);
                }
                cell(&mut scan, (row, first), 0);
                cell(&mut scan, (row, last), 0);
                scan.records += u64::from(last - first + 1).saturating_sub(2);
            }
            // String: the text result of the formula before it.
            0x0207 => cell(&mut scan, formula_position, 4 * data.len() as u64),
            // Formula: its cached value may be a cell; its tokens are cut off below.
            0x0006 => {
                if data.len() < 22 {
                    return Err(SpreadsheetError::Corrupt);
                }
                formula_position = position()?;
                cell(&mut scan, formula_position, 0);
                Bounds::include(&mut scan.formulas, formula_position.0, formula_position.1);
                patches.extend([record.offset + 20, record.offset + 21]);
            }
            EOF => break,
            _ => {}
        }
    }
    Ok(scan)
}

/// calamine reserves `rows × columns` cells for a DIMENSIONS record (`parse_dimensions`,
/// lines 1114-1157) and computes both with unchecked subtraction.
fn check_dimensions(
    data: &[u8],
    sheets: &[(usize, String)],
    start: usize,
    budget: &Budget<'_>,
) -> Result<(), SpreadsheetError> {
    let (first_row, last_row, mut first_column, last_column) = match data.len() {
        10 => (
            u16_at(data, 0)? as u64,
            u16_at(data, 2)? as u64,
            u16_at(data, 4)? as u64,
            u16_at(data, 6)? as u64,
        ),
        14 | 16 => (
            u32_at(data, 0)? as u64,
            u32_at(data, 4)? as u64,
            u16_at(data, 8)? as u64,
            u16_at(data, 10)? as u64,
        ),
        _ => return Err(SpreadsheetError::Corrupt),
    };
    if first_column > 0xFF || last_column < first_column {
        first_column = 0;
    }
    if last_row == 0 || last_column == 0 {
        return Ok(());
    }
    // calamine's `end - start + 1` underflows (a panic, or a wrap to ~4 billion rows).
    if last_row - 1 < first_row || last_column - 1 < first_column {
        return Err(SpreadsheetError::Corrupt);
    }
    let limits = budget.limits();
    let rows = last_row - first_row;
    let columns = last_column - first_column;
    if last_row > limits.max_rows as u64
        || last_column > limits.max_columns as u64
        || rows.saturating_mul(columns) > limits.max_cells as u64
    {
        let sheet = sheets
            .iter()
            .find(|(offset, _)| *offset == start)
            .map(|(_, name)| name.clone())
            .unwrap_or_default();
        return Err(SpreadsheetError::SheetTooLarge {
            sheet,
            rows: last_row,
            columns: last_column,
        });
    }
    Ok(())
}

//! Collects the cells of one sheet into rows, enforcing the row, column, cell-length and
//! memory limits as each cell arrives. Cells may come in any order (an xlsx lists them
//! as its writer pleased), so rows are kept sorted by number.

use super::budget::Budget;
use super::error::SpreadsheetError;
use super::model::{Row, Sheet};
use crate::domain::roster::Cell;
use std::collections::BTreeMap;

pub(super) struct SheetBuilder {
    name: String,
    /// Keyed by the 1-based row number; index 0 of the vector is column A.
    rows: BTreeMap<u32, Vec<Cell>>,
}

impl SheetBuilder {
    pub(super) fn new(name: impl Into<String>) -> Self {
        SheetBuilder {
            name: name.into(),
            rows: BTreeMap::new(),
        }
    }

    /// Places `cell` at the 0-based `(row, column)`. Empty cells are not stored, so a
    /// styled but blank cell far down the sheet costs nothing and breaks no limit.
    pub(super) fn put(
        &mut self,
        row: u32,
        column: u32,
        cell: Cell,
        budget: &mut Budget<'_>,
    ) -> Result<(), SpreadsheetError> {
        budget.tick()?;
        if cell == Cell::Empty {
            return Ok(());
        }
        let limits = budget.limits();
        let number = row.saturating_add(1);
        if number as usize > limits.max_rows {
            return Err(SpreadsheetError::TooManyRows {
                sheet: self.name.clone(),
                limit: limits.max_rows,
            });
        }
        let index = column as usize;
        if index >= limits.max_columns {
            return Err(SpreadsheetError::TooManyColumns {
                sheet: self.name.clone(),
                limit: limits.max_columns,
            });
        }
        if let Cell::Text(text) = &cell {
            // Bytes bound chars from above: skip counting for the common short cell.
            if text.len() > limits.max_cell_chars && text.chars().count() > limits.max_cell_chars {
                return Err(SpreadsheetError::CellTooLong {
                    sheet: self.name.clone(),
                    row: number,
                    column: column.saturating_add(1),
                    limit: limits.max_cell_chars,
                });
            }
        }
        budget.take_text(text_bytes(&cell))?;
        let cells = self.rows.entry(number).or_default();
        if cells.len() <= index {
            budget.take_cells(index + 1 - cells.len())?;
            cells.resize(index + 1, Cell::Empty);
        }
        cells[index] = cell;
        Ok(())
    }

    /// The finished sheet: blank rows dropped, trailing empty cells trimmed.
    pub(super) fn finish(self) -> Sheet {
        let rows = self
            .rows
            .into_iter()
            .filter_map(|(number, mut cells)| {
                while cells.last().is_some_and(Cell::is_empty) {
                    cells.pop();
                }
                (!cells.is_empty()).then_some(Row { number, cells })
            })
            .collect();
        Sheet {
            name: self.name,
            rows,
        }
    }
}

fn text_bytes(cell: &Cell) -> usize {
    match cell {
        Cell::Text(text) | Cell::Date(text) | Cell::Error(text) => text.len(),
        Cell::Empty | Cell::Number(_) | Cell::Bool(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::spreadsheet::Limits;

    fn text(value: &str) -> Cell {
        Cell::Text(value.into())
    }

    #[test]
    fn rows_keep_their_sheet_numbers_and_blank_rows_are_dropped() {
        let limits = Limits::default();
        let mut budget = Budget::new(&limits, None);
        let mut sheet = SheetBuilder::new("名簿");
        sheet.put(4, 1, text("b"), &mut budget).expect("in limits");
        sheet.put(0, 0, text("a"), &mut budget).expect("in limits");
        sheet
            .put(2, 0, text("\u{3000}"), &mut budget)
            .expect("in limits");
        let sheet = sheet.finish();
        let numbers: Vec<u32> = sheet.rows.iter().map(|row| row.number).collect();
        assert_eq!(numbers, vec![1, 5]);
        assert_eq!(sheet.rows[1].cells, vec![Cell::Empty, text("b")]);
    }

    #[test]
    fn trailing_blank_cells_are_trimmed() {
        let limits = Limits::default();
        let mut budget = Budget::new(&limits, None);
        let mut sheet = SheetBuilder::new("s");
        sheet.put(0, 0, text("a"), &mut budget).expect("in limits");
        sheet.put(0, 3, text(" "), &mut budget).expect("in limits");
        assert_eq!(sheet.finish().rows[0].cells, vec![text("a")]);
    }

    #[test]
    fn a_value_past_the_last_allowed_row_or_column_is_refused() {
        let limits = Limits {
            max_rows: 10,
            max_columns: 3,
            ..Limits::default()
        };
        let mut budget = Budget::new(&limits, None);
        let mut sheet = SheetBuilder::new("s");
        assert!(sheet.put(9, 2, text("last"), &mut budget).is_ok());
        assert!(matches!(
            sheet.put(10, 0, text("x"), &mut budget),
            Err(SpreadsheetError::TooManyRows { limit: 10, .. })
        ));
        assert!(matches!(
            sheet.put(0, 3, text("x"), &mut budget),
            Err(SpreadsheetError::TooManyColumns { limit: 3, .. })
        ));
        // A blank cell far away is no value and breaks no limit.
        assert!(
            sheet
                .put(1_000_000, 16_000, Cell::Empty, &mut budget)
                .is_ok()
        );
    }

    #[test]
    fn a_cell_longer_than_the_limit_names_its_position() {
        let limits = Limits {
            max_cell_chars: 5,
            ..Limits::default()
        };
        let mut budget = Budget::new(&limits, None);
        let mut sheet = SheetBuilder::new("s");
        assert!(sheet.put(0, 0, text("あいうえお"), &mut budget).is_ok());
        assert_eq!(
            sheet.put(11, 2, text("abcdef"), &mut budget),
            Err(SpreadsheetError::CellTooLong {
                sheet: "s".into(),
                row: 12,
                column: 3,
                limit: 5
            })
        );
    }
}

//! The `.xlsx` of a campaign's responses: a sheet of answers (one row per company,
//! headers frozen and filterable) and a sheet listing the questions.

use crate::domain::aggregate::{Cell, neutralise};
use crate::domain::forms::{FormDefinition, QuestionKind};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::borrow::Cow;

/// The words of the question sheet, in the reader's language.
pub struct QuestionSheetWords<'a> {
    pub questions_sheet: &'a str,
    pub number: &'a str,
    pub question: &'a str,
    pub kind: &'a str,
    pub required: &'a str,
    pub options: &'a str,
    pub yes: &'a str,
    /// The name of each kind of question.
    pub kind_name: &'a dyn Fn(&QuestionKind) -> String,
    pub english: bool,
}

/// The workbook being written: the answers sheet takes one row at a time (streamed to a
/// temporary file, so 100,000 rows are never held), then [`finish`](Self::finish) adds
/// the question sheet.
pub struct ResponsesWorkbook {
    workbook: Workbook,
    columns: usize,
    rows: usize,
}

impl ResponsesWorkbook {
    /// A workbook whose answers sheet, named `answers_sheet`, has `headers`.
    pub fn new(answers_sheet: &str, headers: &[String]) -> Result<Self, XlsxError> {
        let mut workbook = Workbook::new();
        let bold = Format::new().set_bold();
        // Constant memory: rows are flushed as they are written, so the layout comes first.
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(answers_sheet)?;
        sheet.set_column_width(0, 28)?;
        sheet.set_freeze_panes(1, 1)?;
        for (column, header) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, col(column), text(header), &bold)?;
        }
        Ok(Self {
            workbook,
            columns: headers.len(),
            rows: 0,
        })
    }

    /// Writes the next row of answers.
    pub fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        self.rows += 1;
        let row = row(self.rows);
        let sheet = self.workbook.worksheet_from_index(0)?;
        for (column, cell) in cells.iter().enumerate() {
            match cell {
                Cell::Blank => {}
                Cell::Text(value) => {
                    sheet.write_string(row, col(column), text(value))?;
                }
                Cell::Number(value) => {
                    sheet.write_number(row, col(column), value.to_f64())?;
                }
            }
        }
        Ok(())
    }

    /// How many rows of answers were written.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The answers filterable, the question sheet added, and the file.
    pub fn finish(
        mut self,
        form: &FormDefinition,
        words: &QuestionSheetWords<'_>,
    ) -> Result<Vec<u8>, XlsxError> {
        if self.columns > 0 {
            let sheet = self.workbook.worksheet_from_index(0)?;
            sheet.autofilter(0, 0, row(self.rows), col(self.columns - 1))?;
        }
        write_questions(self.workbook.add_worksheet(), form, words)?;
        self.workbook.save_to_buffer()
    }
}

fn write_questions(
    questions: &mut Worksheet,
    form: &FormDefinition,
    words: &QuestionSheetWords<'_>,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    questions.set_name(words.questions_sheet)?;
    let titles = [
        words.number,
        words.question,
        words.kind,
        words.required,
        words.options,
    ];
    for (column, title) in titles.iter().enumerate() {
        questions.write_string_with_format(0, col(column), *title, &bold)?;
    }
    for (index, question) in form.questions().enumerate() {
        let row = row(index + 1);
        questions.write_number(row, 0, f64::from(row))?;
        questions.write_string(row, 1, text(question.label.for_locale(words.english)))?;
        questions.write_string(row, 2, text(&(words.kind_name)(&question.kind)))?;
        if question.required {
            questions.write_string(row, 3, words.yes)?;
        }
        let options: Vec<&str> = question
            .options()
            .iter()
            .map(|option| option.label.for_locale(words.english))
            .collect();
        if !options.is_empty() {
            questions.write_string(row, 4, text(&options.join(" / ")))?;
        }
    }
    questions.set_column_width(1, 40)?;
    questions.set_column_width(4, 60)?;
    Ok(())
}

/// A text cell: neutralised, and cut to the 32,767 characters a cell holds.
fn text(value: &str) -> Cow<'_, str> {
    const CELL_MAX_CHARS: usize = 32_767;
    let value = neutralise(value);
    // Fewer bytes than the limit in characters: no need to count them.
    if value.len() > CELL_MAX_CHARS && value.chars().count() > CELL_MAX_CHARS {
        Cow::Owned(value.chars().take(CELL_MAX_CHARS).collect())
    } else {
        value
    }
}

fn row(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn col(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

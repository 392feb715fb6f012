//! The `.xlsx` of a campaign's responses: a sheet of answers (one row per company,
//! headers frozen and filterable) and a sheet listing the questions.

use crate::domain::aggregate::{Cell, ResponseTable, neutralise};
use crate::domain::forms::{FormDefinition, QuestionKind};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// The words of the question sheet, in the reader's language.
pub struct QuestionSheetWords<'a> {
    pub answers_sheet: &'a str,
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

pub fn workbook(
    table: &ResponseTable,
    form: &FormDefinition,
    words: &QuestionSheetWords<'_>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    // Written row by row to a temporary file: 100,000 rows need not be held in memory.
    let answers = workbook.add_worksheet_with_constant_memory()?;
    answers.set_name(words.answers_sheet)?;
    write_table(answers, table, &bold)?;

    let questions = workbook.add_worksheet();
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
    workbook.save_to_buffer()
}

fn write_table(
    sheet: &mut Worksheet,
    table: &ResponseTable,
    bold: &Format,
) -> Result<(), XlsxError> {
    // Layout first: in constant memory mode rows are flushed as they are written.
    sheet.set_column_width(0, 28)?;
    sheet.set_freeze_panes(1, 1)?;
    for (column, header) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col(column), text(header), bold)?;
    }
    for (index, cells) in table.rows.iter().enumerate() {
        let row = row(index + 1);
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
    }
    if !table.headers.is_empty() {
        let last_row = row(table.rows.len());
        sheet.autofilter(0, 0, last_row, col(table.headers.len() - 1))?;
    }
    Ok(())
}

/// A text cell: neutralised, and cut to the 32,767 characters a cell holds.
fn text(value: &str) -> String {
    const CELL_MAX_CHARS: usize = 32_767;
    let value = neutralise(value);
    if value.chars().count() > CELL_MAX_CHARS {
        value.chars().take(CELL_MAX_CHARS).collect()
    } else {
        value.into_owned()
    }
}

fn row(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn col(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

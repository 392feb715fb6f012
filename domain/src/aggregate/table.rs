//! [`ResponseTable`]: a campaign's responses laid out for a spreadsheet, one row per
//! company and one column per question (a multiple choice takes one 0/1 column per
//! option), so the `.xlsx` and both CSVs are the same table written three ways.

use super::exact::Exact;
use crate::forms::{
    Answer, AnswerRef, Answers, FormDefinition, OTHER, Question, QuestionKind, StoredAnswers,
};
use crate::office_time::format_office_time;
use chrono::{DateTime, Utc};

/// One cell. Text is written as text (neutralised against formulas by the writer),
/// numbers as numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Blank,
    Text(String),
    Number(Exact),
}

impl Cell {
    fn text(value: impl Into<String>) -> Self {
        Self::Text(value.into())
    }

    /// `1` when chosen, `0` when not: the multiple choice columns, which sum and filter
    /// in a spreadsheet.
    fn flag(chosen: bool) -> Self {
        Self::Number(Exact::from_integer(i64::from(chosen)))
    }

    /// The cell as CSV text: numbers in their exact canonical form.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(number) => number.to_string(),
        }
    }
}

/// One response: what the row says besides its answers, and its answers, held as
/// [`Answers`] or read in place as [`StoredAnswers`].
#[derive(Debug, Clone)]
pub struct ResponseRow<'a, A: RowAnswers + ?Sized = Answers> {
    pub company: &'a str,
    pub industry: &'a str,
    pub regional_leader: bool,
    pub receipt: Option<&'a str>,
    pub revision: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub answers: &'a A,
}

/// A response's answers as a row reads them: the answer to the question at `position`
/// (form order, from 0).
pub trait RowAnswers {
    fn answer(&self, position: usize, question: &Question) -> Option<AnswerRef<'_>>;
}

impl RowAnswers for Answers {
    fn answer(&self, _position: usize, question: &Question) -> Option<AnswerRef<'_>> {
        self.get(&question.id).map(Answer::view)
    }
}

impl RowAnswers for StoredAnswers<'_> {
    fn answer(&self, position: usize, _question: &Question) -> Option<AnswerRef<'_>> {
        self.get(position).cloned()
    }
}

/// The words of the fixed columns, in the reader's language.
#[derive(Debug, Clone)]
pub struct TableWords {
    pub english: bool,
    pub company: String,
    pub industry: String,
    pub regional_leader: String,
    pub receipt: String,
    pub revision: String,
    pub submitted_at: String,
    pub updated_at: String,
    pub yes: String,
    pub other: String,
    pub other_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The columns one question takes, with the question's position in the form.
enum Column<'a> {
    /// The option's label for a single choice, the number, the text, the date.
    Value(usize, &'a Question),
    /// A single or multiple choice's "other" text.
    OtherText(usize, &'a Question),
    /// 1 when the option (or "other") was chosen in a multiple choice.
    Chosen(usize, &'a Question, &'a str),
}

impl ResponseTable {
    pub fn build(form: &FormDefinition, rows: &[ResponseRow<'_>], words: &TableWords) -> Self {
        let layout = TableLayout::new(form, words);
        Self {
            headers: layout.headers(),
            rows: rows.iter().map(|row| layout.cells(row)).collect(),
        }
    }
}

/// The table's columns for a form: its headers, then one row at a time, so that a
/// writer can stream rows as responses are read instead of building the whole table.
pub struct TableLayout<'a> {
    columns: Vec<Column<'a>>,
    words: &'a TableWords,
}

impl<'a> TableLayout<'a> {
    pub fn new(form: &'a FormDefinition, words: &'a TableWords) -> Self {
        Self {
            columns: columns(form),
            words,
        }
    }

    pub fn headers(&self) -> Vec<String> {
        let words = self.words;
        let mut headers = vec![
            words.company.clone(),
            words.industry.clone(),
            words.regional_leader.clone(),
            words.receipt.clone(),
            words.revision.clone(),
            words.submitted_at.clone(),
            words.updated_at.clone(),
        ];
        headers.extend(self.columns.iter().map(|column| header(column, words)));
        headers
    }

    /// The cells of one response, in the order of [`headers`](Self::headers).
    pub fn cells<A: RowAnswers + ?Sized>(&self, row: &ResponseRow<'_, A>) -> Vec<Cell> {
        let words = self.words;
        let mut cells = Vec::with_capacity(7 + self.columns.len());
        cells.extend([
            Cell::text(row.company),
            Cell::text(row.industry),
            if row.regional_leader {
                Cell::text(words.yes.as_str())
            } else {
                Cell::Blank
            },
            row.receipt.map_or(Cell::Blank, Cell::text),
            Cell::Number(Exact::from_integer(i64::from(row.revision))),
            row.submitted_at
                .map_or(Cell::Blank, |at| Cell::text(format_office_time(at))),
            Cell::text(format_office_time(row.updated_at)),
        ]);
        cells.extend(
            self.columns
                .iter()
                .map(|column| cell(column, row.answers, words)),
        );
        cells
    }
}

fn columns(form: &FormDefinition) -> Vec<Column<'_>> {
    let mut columns = Vec::new();
    for (position, question) in form.questions().enumerate() {
        match &question.kind {
            QuestionKind::SingleChoice { other, .. } => {
                columns.push(Column::Value(position, question));
                if *other {
                    columns.push(Column::OtherText(position, question));
                }
            }
            QuestionKind::MultipleChoice { options, other, .. } => {
                columns.extend(
                    options
                        .iter()
                        .map(|option| Column::Chosen(position, question, option.value.as_str())),
                );
                if *other {
                    columns.push(Column::Chosen(position, question, OTHER));
                    columns.push(Column::OtherText(position, question));
                }
            }
            _ => columns.push(Column::Value(position, question)),
        }
    }
    columns
}

fn header(column: &Column<'_>, words: &TableWords) -> String {
    let label = |question: &Question| question.label.for_locale(words.english).to_owned();
    match column {
        Column::Value(_, question) => label(question),
        Column::OtherText(_, question) => format!("{}: {}", label(question), words.other_text),
        Column::Chosen(_, question, value) => {
            let option = if *value == OTHER {
                words.other.clone()
            } else {
                question
                    .options()
                    .iter()
                    .find(|option| option.value == *value)
                    .map(|option| option.label.for_locale(words.english).to_owned())
                    .unwrap_or_default()
            };
            format!("{}: {option}", label(question))
        }
    }
}

fn cell<A: RowAnswers + ?Sized>(column: &Column<'_>, answers: &A, words: &TableWords) -> Cell {
    match column {
        Column::Value(position, question) => match answers.answer(*position, question) {
            None => Cell::Blank,
            Some(answer) => value_cell(question, &answer, words),
        },
        Column::OtherText(position, question) => match answers.answer(*position, question) {
            Some(AnswerRef::Choice { other, .. } | AnswerRef::Choices { other, .. }) => {
                other.map_or(Cell::Blank, |other| Cell::text(other.0))
            }
            _ => Cell::Blank,
        },
        Column::Chosen(position, question, value) => match answers.answer(*position, question) {
            Some(AnswerRef::Choices { values, .. }) => {
                Cell::flag(values.iter().any(|chosen| chosen.as_str() == *value))
            }
            // Not answered (or not shown): blank, not 0, so "nobody chose it" and
            // "nobody was asked" stay apart.
            _ => Cell::Blank,
        },
    }
}

fn value_cell(question: &Question, answer: &AnswerRef<'_>, words: &TableWords) -> Cell {
    match answer {
        AnswerRef::Text(text) | AnswerRef::Email(text) => Cell::text(text.as_str()),
        AnswerRef::Integer(value) => Cell::Number(Exact::from_integer(*value)),
        AnswerRef::Decimal(value) => Cell::Number(Exact::from(*value)),
        AnswerRef::Rating(point) => Cell::Number(Exact::from_integer(i64::from(*point))),
        AnswerRef::Date(date) => Cell::text(date.format("%Y-%m-%d").to_string()),
        AnswerRef::Choice { value, .. } => {
            let value = value.as_str();
            if value == OTHER {
                return Cell::text(words.other.as_str());
            }
            let label = question
                .options()
                .iter()
                .find(|option| option.value == value)
                .map_or(value, |option| option.label.for_locale(words.english));
            Cell::text(label)
        }
        AnswerRef::Choices { values, .. } => {
            let values: Vec<&str> = values.iter().map(|value| value.as_str()).collect();
            Cell::text(values.join(", "))
        }
        // The names of attached files, one per line, as a sheet lists them.
        AnswerRef::Files(files) => {
            let names: Vec<&str> = files.iter().map(|file| file.name.as_str()).collect();
            Cell::text(names.join("\n"))
        }
    }
}

#[cfg(test)]
mod tests;

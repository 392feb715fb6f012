//! [`ResponseTable`]: a campaign's responses laid out for a spreadsheet, one row per
//! company and one column per question (a multiple choice takes one 0/1 column per
//! option), so the `.xlsx` and both CSVs are the same table written three ways.

use super::exact::Exact;
use crate::forms::{Answer, Answers, FormDefinition, OTHER, Question, QuestionKind};
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

/// What a row says about the response besides its answers.
#[derive(Debug, Clone)]
pub struct ResponseRow<'a> {
    pub company: &'a str,
    pub industry: &'a str,
    pub regional_leader: bool,
    pub receipt: Option<&'a str>,
    pub revision: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub answers: &'a Answers,
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

/// The columns one question takes.
enum Column<'a> {
    /// The option's label for a single choice, the number, the text, the date.
    Value(&'a Question),
    /// A single or multiple choice's "other" text.
    OtherText(&'a Question),
    /// 1 when the option (or "other") was chosen in a multiple choice.
    Chosen(&'a Question, &'a str),
}

impl ResponseTable {
    pub fn build(form: &FormDefinition, rows: &[ResponseRow<'_>], words: &TableWords) -> Self {
        let columns = columns(form);
        let mut headers = vec![
            words.company.clone(),
            words.industry.clone(),
            words.regional_leader.clone(),
            words.receipt.clone(),
            words.revision.clone(),
            words.submitted_at.clone(),
            words.updated_at.clone(),
        ];
        headers.extend(columns.iter().map(|column| header(column, words)));
        let rows = rows
            .iter()
            .map(|row| {
                let mut cells = vec![
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
                ];
                cells.extend(
                    columns
                        .iter()
                        .map(|column| cell(column, row.answers, words)),
                );
                cells
            })
            .collect();
        Self { headers, rows }
    }
}

fn columns(form: &FormDefinition) -> Vec<Column<'_>> {
    let mut columns = Vec::new();
    for question in form.questions() {
        match &question.kind {
            QuestionKind::SingleChoice { other, .. } => {
                columns.push(Column::Value(question));
                if *other {
                    columns.push(Column::OtherText(question));
                }
            }
            QuestionKind::MultipleChoice { options, other, .. } => {
                columns.extend(
                    options
                        .iter()
                        .map(|option| Column::Chosen(question, option.value.as_str())),
                );
                if *other {
                    columns.push(Column::Chosen(question, OTHER));
                    columns.push(Column::OtherText(question));
                }
            }
            _ => columns.push(Column::Value(question)),
        }
    }
    columns
}

fn header(column: &Column<'_>, words: &TableWords) -> String {
    let label = |question: &Question| question.label.for_locale(words.english).to_owned();
    match column {
        Column::Value(question) => label(question),
        Column::OtherText(question) => format!("{}: {}", label(question), words.other_text),
        Column::Chosen(question, value) => {
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

fn cell(column: &Column<'_>, answers: &Answers, words: &TableWords) -> Cell {
    match column {
        Column::Value(question) => match answers.get(&question.id) {
            None => Cell::Blank,
            Some(answer) => value_cell(question, answer, words),
        },
        Column::OtherText(question) => match answers.get(&question.id) {
            Some(Answer::Choice { other, .. } | Answer::Choices { other, .. }) => {
                other.as_deref().map_or(Cell::Blank, Cell::text)
            }
            _ => Cell::Blank,
        },
        Column::Chosen(question, value) => match answers.get(&question.id) {
            Some(Answer::Choices { values, .. }) => {
                Cell::flag(values.iter().any(|chosen| chosen == value))
            }
            // Not answered (or not shown): blank, not 0, so "nobody chose it" and
            // "nobody was asked" stay apart.
            _ => Cell::Blank,
        },
    }
}

fn value_cell(question: &Question, answer: &Answer, words: &TableWords) -> Cell {
    match answer {
        Answer::Text(text) => Cell::text(text.as_str()),
        Answer::Integer(value) => Cell::Number(Exact::from_integer(*value)),
        Answer::Decimal(value) => Cell::Number(Exact::from(*value)),
        Answer::Rating(point) => Cell::Number(Exact::from_integer(i64::from(*point))),
        Answer::Date(date) => Cell::text(date.format("%Y-%m-%d").to_string()),
        Answer::Email(email) => Cell::text(email.as_str()),
        Answer::Choice { value, .. } => {
            if value == OTHER {
                return Cell::text(words.other.as_str());
            }
            let label = question
                .options()
                .iter()
                .find(|option| option.value == *value)
                .map_or(value.as_str(), |option| {
                    option.label.for_locale(words.english)
                });
            Cell::text(label)
        }
        Answer::Choices { values, .. } => Cell::text(values.join(", ")),
        Answer::Files(files) => Cell::text(file_names(files)),
    }
}

/// The names of attached files, one per line, as a sheet lists them.
fn file_names(files: &[crate::forms::answer::FileRef]) -> String {
    files
        .iter()
        .map(|file| file.name.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;

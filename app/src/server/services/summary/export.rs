//! A campaign's submitted answers as a file to download: the `.xlsx` is written row by
//! row as the responses are read; the CSVs are built as one table (they are not held to
//! the memory target of the workbook, and their Shift_JIS report needs the whole text).

use super::{AskedRow, Order, each_asked, open};
use crate::api::summary_dto::SummaryFilters;
use crate::domain::aggregate::{Cell, ResponseTable, TableLayout, TableWords};
use crate::domain::forms::{AnswerSlots, FormDefinition, QuestionKind, builder::kind_code};
use crate::error::AppError;
use crate::i18n::*;
use crate::server::export::xlsx::{QuestionSheetWords, ResponsesWorkbook};
use crate::server::export::{Format, csv};
use crate::server::services::answering::FormVersionCache;
use crate::server::services::audit::{self, Action, Actor};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, StreamTrait};

/// A file to download.
pub struct Export {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The campaign's submitted answers as a file, recorded in the audit log with who
/// asked for which campaign, in which format and with which filters.
#[allow(clippy::too_many_arguments)]
pub async fn export<C>(
    db: &C,
    versions: &FormVersionCache,
    now: DateTime<Utc>,
    actor: &Actor,
    event_id: i32,
    campaign_id: i32,
    filters: &SummaryFilters,
    format: Format,
    locale: Locale,
) -> Result<Export, AppError>
where
    C: ConnectionTrait + StreamTrait,
{
    let opened = open(db, versions, event_id, campaign_id).await?;
    let definition = &opened.version.definition;
    let words = table_words(locale);
    let layout = TableLayout::new(definition, &words);
    let slots = AnswerSlots::new(definition);
    let cells = |row: &AskedRow| -> Result<Option<Vec<Cell>>, AppError> {
        Ok(row
            .read(&slots, campaign_id)?
            .map(|answers| layout.cells(&row.response_row(&answers))))
    };
    let (bytes, rows, lost) = match format {
        Format::Xlsx => {
            let answers_sheet = td_string!(locale, summary.sheets.answers).to_string();
            let mut workbook =
                ResponsesWorkbook::new(&answers_sheet, &layout.headers()).map_err(xlsx_error)?;
            each_asked(
                db,
                campaign_id,
                filters,
                Order::ByName,
                |row| match cells(&row)? {
                    Some(cells) => workbook.row(&cells).map_err(xlsx_error),
                    None => Ok(()),
                },
            )
            .await?;
            let rows = workbook.rows();
            let bytes = finish_workbook(workbook, definition, locale)?;
            (bytes, rows, 0)
        }
        Format::CsvUtf8 | Format::CsvShiftJis => {
            let mut table = ResponseTable {
                headers: layout.headers(),
                rows: Vec::new(),
            };
            each_asked(db, campaign_id, filters, Order::ByName, |row| {
                table.rows.extend(cells(&row)?);
                Ok(())
            })
            .await?;
            let rows = table.rows.len();
            if format == Format::CsvUtf8 {
                (csv::utf8(&table), rows, 0)
            } else {
                let (bytes, lost) = csv::shift_jis(&table);
                (bytes, rows, lost.len())
            }
        }
    };
    audit::record(
        db,
        now,
        actor,
        Action::ResponsesExported,
        &format!("campaign {campaign_id}"),
        serde_json::json!({
            "format": format.as_code(),
            "rows": rows,
            "filters": filters.query(),
            "unconvertible": lost,
        }),
    )
    .await?;
    Ok(Export {
        file_name: format!(
            "responses-{}-{}.{}",
            event_id,
            campaign_id,
            format.extension()
        ),
        content_type: format.content_type(),
        bytes,
    })
}

/// The words of the table's fixed columns, in `locale`.
fn table_words(locale: Locale) -> TableWords {
    TableWords {
        english: locale == Locale::en,
        company: td_string!(locale, summary.columns.company).to_string(),
        industry: td_string!(locale, summary.columns.industry).to_string(),
        regional_leader: td_string!(locale, summary.columns.regional_leader).to_string(),
        receipt: td_string!(locale, summary.columns.receipt).to_string(),
        revision: td_string!(locale, summary.columns.revision).to_string(),
        submitted_at: td_string!(locale, summary.columns.submitted_at).to_string(),
        updated_at: td_string!(locale, summary.columns.updated_at).to_string(),
        yes: td_string!(locale, summary.columns.yes).to_string(),
        other: td_string!(locale, summary.other).to_string(),
        other_text: td_string!(locale, summary.columns.other_text).to_string(),
    }
}

fn finish_workbook(
    workbook: ResponsesWorkbook,
    form: &FormDefinition,
    locale: Locale,
) -> Result<Vec<u8>, AppError> {
    let kind_name = |kind: &QuestionKind| crate::messages::kind_label_in(locale, kind_code(kind));
    let questions_sheet = td_string!(locale, summary.sheets.questions).to_string();
    let number = td_string!(locale, summary.sheets.number).to_string();
    let question = td_string!(locale, summary.sheets.question).to_string();
    let kind = td_string!(locale, summary.sheets.kind).to_string();
    let required = td_string!(locale, summary.sheets.required).to_string();
    let options = td_string!(locale, summary.sheets.options).to_string();
    let yes = td_string!(locale, summary.columns.yes).to_string();
    let words = QuestionSheetWords {
        questions_sheet: &questions_sheet,
        number: &number,
        question: &question,
        kind: &kind,
        required: &required,
        options: &options,
        yes: &yes,
        kind_name: &kind_name,
        english: locale == Locale::en,
    };
    workbook.finish(form, &words).map_err(xlsx_error)
}

fn xlsx_error(error: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::internal("writing the responses workbook", error)
}

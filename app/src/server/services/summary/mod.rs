//! A campaign's answers: summed up for its summary page (flow 5 of the design) and laid
//! out as a table for its exports (flow 6). Only submitted answers count; a company's
//! draft is its own until it submits. The filters (industry, 地域未来牽引企業, one
//! company) narrow the companies asked, so the response rate is of the same companies
//! as the answers.

use super::answering::FormVersionCache;
use super::audit::{self, Action, Actor};
use super::{campaigns, events, forms::Version};
use crate::api::summary_dto::{
    CampaignSummaryDto, CompanyText, MissingCompany, QuestionResult, SummaryFilters, Unconvertible,
};
use crate::domain::aggregate::{ResponseRow, ResponseTable, TableWords, summarise};
use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::{Answer, Answers, QuestionKind, builder::kind_code};
use crate::error::AppError;
use crate::i18n::*;
use crate::server::entities::{campaign, company, invitation, response};
use crate::server::export::{Format, csv, xlsx};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::BTreeSet;
use std::sync::Arc;

/// A company asked by the campaign, with its submitted answers if any.
#[derive(Debug)]
pub struct Asked {
    pub company_id: i32,
    pub company: String,
    pub industry: String,
    pub regional_leader: bool,
    pub status: InvitationStatus,
    pub submitted: Option<Submitted>,
}

#[derive(Debug)]
pub struct Submitted {
    pub answers: Answers,
    pub receipt: Option<String>,
    pub revision: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// A campaign and the companies the filters keep, by name.
#[derive(Debug)]
pub struct CampaignAnswers {
    pub campaign: campaign::Model,
    pub event_name: String,
    pub version: Arc<Version>,
    pub asked: Vec<Asked>,
}

impl CampaignAnswers {
    pub fn submitted(&self) -> impl Iterator<Item = (&Asked, &Submitted)> {
        self.asked
            .iter()
            .filter_map(|asked| asked.submitted.as_ref().map(|s| (asked, s)))
    }
}

/// Only the columns the summary reads: a campaign may ask 100,000 companies.
#[derive(FromQueryResult)]
struct AskedRow {
    company_id: i32,
    company: String,
    industry: String,
    regional_leader: bool,
    status: String,
    state: Option<String>,
    answers: Option<String>,
    receipt: Option<String>,
    revision: Option<i32>,
    submitted_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
}

/// The campaign `campaign_id` of event `event_id` and its answers, filtered.
pub async fn load(
    db: &impl ConnectionTrait,
    versions: &FormVersionCache,
    event_id: i32,
    campaign_id: i32,
    filters: &SummaryFilters,
) -> Result<CampaignAnswers, AppError> {
    let campaign = campaigns::get(db, campaign_id).await?;
    if campaign.event_id != event_id {
        return Err(AppError::NotFound);
    }
    let event = events::get(db, event_id).await?;
    let version = versions.get(db, campaign.form_version_id).await?;
    let mut query = invitation::Entity::find()
        .inner_join(company::Entity)
        .left_join(response::Entity)
        .filter(invitation::Column::CampaignId.eq(campaign_id));
    if let Some(industry) = filters.industry() {
        query = query.filter(company::Column::Industry.eq(industry));
    }
    if let Some(leader) = filters.regional_leader() {
        query = query.filter(company::Column::RegionalLeader.eq(leader));
    }
    if let Some(company_id) = filters.company() {
        query = query.filter(company::Column::Id.eq(company_id));
    }
    let rows: Vec<AskedRow> = query
        .select_only()
        .column_as(company::Column::Id, "company_id")
        .column_as(company::Column::Name, "company")
        .column(company::Column::Industry)
        .column(company::Column::RegionalLeader)
        .column(invitation::Column::Status)
        .column(response::Column::State)
        .column(response::Column::Answers)
        .column(response::Column::Receipt)
        .column(response::Column::Revision)
        .column(response::Column::SubmittedAt)
        .column(response::Column::UpdatedAt)
        .order_by_asc(company::Column::NameKana)
        .order_by_asc(company::Column::Name)
        .order_by_asc(company::Column::Id)
        .into_model::<AskedRow>()
        .all(db)
        .await?;
    let mut asked = Vec::with_capacity(rows.len());
    for row in rows {
        let submitted = match (row.state.as_deref(), row.answers) {
            (Some("submitted"), Some(answers)) => Some(Submitted {
                answers: serde_json::from_str(&answers).map_err(|error| {
                    AppError::internal(
                        &format!(
                            "answers of company {} in campaign {campaign_id}",
                            row.company_id
                        ),
                        error,
                    )
                })?,
                receipt: row.receipt,
                revision: row.revision.unwrap_or_default(),
                submitted_at: row.submitted_at,
                updated_at: row.updated_at.unwrap_or_default(),
            }),
            _ => None,
        };
        asked.push(Asked {
            company_id: row.company_id,
            company: row.company,
            industry: row.industry,
            regional_leader: row.regional_leader,
            status: InvitationStatus::parse(&row.status).unwrap_or(InvitationStatus::NotOpened),
            submitted,
        });
    }
    Ok(CampaignAnswers {
        campaign,
        event_name: event.name,
        version,
        asked,
    })
}

/// The summary page of a campaign.
pub async fn summary(
    db: &impl ConnectionTrait,
    versions: &FormVersionCache,
    event_id: i32,
    campaign_id: i32,
    filters: SummaryFilters,
) -> Result<CampaignSummaryDto, AppError> {
    let loaded = load(db, versions, event_id, campaign_id, &filters).await?;
    // What the filters offer: every company asked, whatever is filtered now.
    let everyone: Vec<(i32, String, String)> = invitation::Entity::find()
        .inner_join(company::Entity)
        .filter(invitation::Column::CampaignId.eq(campaign_id))
        .select_only()
        .column(company::Column::Id)
        .column(company::Column::Name)
        .column(company::Column::Industry)
        .order_by_asc(company::Column::NameKana)
        .order_by_asc(company::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    let industries: BTreeSet<String> = everyone
        .iter()
        .map(|(_, _, industry)| industry.trim().to_owned())
        .filter(|industry| !industry.is_empty())
        .collect();
    let companies = everyone
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();

    let definition = &loaded.version.definition;
    let submitted: Vec<(&Asked, &Submitted)> = loaded.submitted().collect();
    let questions = definition
        .questions()
        .enumerate()
        .map(|(index, question)| QuestionResult {
            number: index + 1,
            question: question.clone(),
            summary: summarise(
                question,
                submitted.iter().map(|(_, s)| s.answers.get(&question.id)),
            ),
            texts: submitted
                .iter()
                .filter_map(|(asked, s)| {
                    let text = match (&question.kind, s.answers.get(&question.id)?) {
                        (
                            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. },
                            Answer::Text(text),
                        ) => text,
                        (_, Answer::Choice { other, .. } | Answer::Choices { other, .. }) => {
                            other.as_ref()?
                        }
                        _ => return None,
                    };
                    Some(CompanyText {
                        company: asked.company.clone(),
                        text: text.clone(),
                    })
                })
                .collect(),
        })
        .collect();
    let unconvertible = unconvertible(&loaded, Locale::ja);
    let missing = loaded
        .asked
        .iter()
        .filter(|asked| asked.submitted.is_none())
        .map(|asked| MissingCompany {
            company_id: asked.company_id,
            company: asked.company.clone(),
            status: asked.status,
        })
        .collect();
    let invited = count(loaded.asked.len());
    let submitted_count = count(submitted.len());
    Ok(CampaignSummaryDto {
        event_name: loaded.event_name.clone(),
        form_title: definition.title.clone(),
        campaign: campaigns::dto(db, loaded.campaign.clone()).await?,
        filters,
        industries: industries.into_iter().collect(),
        companies,
        invited,
        submitted: submitted_count,
        missing,
        questions,
        unconvertible,
    })
}

/// Every character of the Shift_JIS export that Shift_JIS cannot hold, with its company
/// and column, found without writing the file: only the texts that are not ASCII (company
/// names, industries, free texts, "other" texts, labels) are tried.
fn unconvertible(loaded: &CampaignAnswers, locale: Locale) -> Vec<Unconvertible> {
    let english = locale == Locale::en;
    let mut lost = Vec::new();
    let mut check = |text: &str, company: &str, column: &dyn Fn() -> String| {
        if text.is_ascii() {
            return;
        }
        for character in csv::unmappable(text) {
            lost.push(Unconvertible {
                character: character.to_string(),
                company: company.to_owned(),
                column: column(),
            });
        }
    };
    let definition = &loaded.version.definition;
    for question in definition.questions() {
        let label = question.label.for_locale(english);
        check(label, "", &|| label.to_owned());
        for option in question.options() {
            check(option.label.for_locale(english), "", &|| label.to_owned());
        }
    }
    let company_column = td_string!(locale, summary.columns.company).to_string();
    let industry_column = td_string!(locale, summary.columns.industry).to_string();
    for (asked, submitted) in loaded.submitted() {
        check(&asked.company, &asked.company, &|| company_column.clone());
        check(&asked.industry, &asked.company, &|| industry_column.clone());
        for (id, answer) in &submitted.answers.0 {
            let text = match answer {
                Answer::Text(text) => text,
                Answer::Choice {
                    other: Some(text), ..
                }
                | Answer::Choices {
                    other: Some(text), ..
                } => text,
                _ => continue,
            };
            check(text, &asked.company, &|| {
                definition
                    .question(id)
                    .map(|q| q.label.for_locale(english).to_owned())
                    .unwrap_or_else(|| id.as_str().to_owned())
            });
        }
    }
    lost
}

/// The submitted answers as one row per company, headed in `locale`.
pub fn table(loaded: &CampaignAnswers, locale: Locale) -> ResponseTable {
    let words = TableWords {
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
    };
    let rows: Vec<ResponseRow<'_>> = loaded
        .submitted()
        .map(|(asked, s)| ResponseRow {
            company: &asked.company,
            industry: &asked.industry,
            regional_leader: asked.regional_leader,
            receipt: s.receipt.as_deref(),
            revision: s.revision,
            submitted_at: s.submitted_at,
            updated_at: s.updated_at,
            answers: &s.answers,
        })
        .collect();
    ResponseTable::build(&loaded.version.definition, &rows, &words)
}

/// A file to download.
pub struct Export {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The campaign's submitted answers as a file, recorded in the audit log with who
/// asked for which campaign, in which format and with which filters.
#[allow(clippy::too_many_arguments)]
pub async fn export(
    db: &impl ConnectionTrait,
    versions: &FormVersionCache,
    now: DateTime<Utc>,
    actor: &Actor,
    event_id: i32,
    campaign_id: i32,
    filters: &SummaryFilters,
    format: Format,
    locale: Locale,
) -> Result<Export, AppError> {
    let loaded = load(db, versions, event_id, campaign_id, filters).await?;
    let table = table(&loaded, locale);
    let (bytes, lost) = match format {
        Format::Xlsx => (workbook(&loaded, &table, locale)?, 0),
        Format::CsvUtf8 => (csv::utf8(&table), 0),
        Format::CsvShiftJis => {
            let (bytes, lost) = csv::shift_jis(&table);
            (bytes, lost.len())
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
            "rows": table.rows.len(),
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

fn workbook(
    loaded: &CampaignAnswers,
    table: &ResponseTable,
    locale: Locale,
) -> Result<Vec<u8>, AppError> {
    let kind_name = |kind: &QuestionKind| crate::messages::kind_label_in(locale, kind_code(kind));
    let answers_sheet = td_string!(locale, summary.sheets.answers).to_string();
    let questions_sheet = td_string!(locale, summary.sheets.questions).to_string();
    let number = td_string!(locale, summary.sheets.number).to_string();
    let question = td_string!(locale, summary.sheets.question).to_string();
    let kind = td_string!(locale, summary.sheets.kind).to_string();
    let required = td_string!(locale, summary.sheets.required).to_string();
    let options = td_string!(locale, summary.sheets.options).to_string();
    let yes = td_string!(locale, summary.columns.yes).to_string();
    let words = xlsx::QuestionSheetWords {
        answers_sheet: &answers_sheet,
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
    xlsx::workbook(table, &loaded.version.definition, &words)
        .map_err(|error| AppError::internal("writing the responses workbook", error))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

//! A campaign's answers: summed up for its summary page (flow 5 of the design) and laid
//! out as a table for its exports (flow 6). Only submitted answers count; a company's
//! draft is its own until it submits. The filters (industry, 地域未来牽引企業, one
//! company) narrow the companies asked, so the response rate is of the same companies
//! as the answers.
//!
//! A campaign may ask 100,000 companies, so its rows are read as a stream and each is
//! folded into the summary ([`summing`]) or written to the file ([`export`]) as it
//! arrives: no response's answers are kept once read, and they are read in place
//! ([`AnswerSlots`]), without a map or a string per answer.

mod export;
mod first;
mod summing;
mod texts;

pub use export::{Export, export};
pub use texts::question_texts;

/// How many texts (or lists of attached files) a question shows on the summary page; the
/// rest are on the question's own pages, [`TEXTS_PER_PAGE`] at a time, and in the exports.
pub const TEXTS_SHOWN: usize = 50;
/// How many texts a page of a question's texts lists.
pub const TEXTS_PER_PAGE: usize = 100;

use super::answering::FormVersionCache;
use super::{campaigns, events, forms::Version};
use crate::api::summary_dto::{CampaignSummaryDto, SummaryFilters};
use crate::domain::aggregate::ResponseRow;
use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::{AnswerSlots, StoredAnswers};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::entities::{campaign, company, invitation, response};
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, StreamTrait,
};
use std::collections::BTreeSet;
use std::sync::Arc;
use summing::Summing;

/// A campaign of its event, with the event's name and the form version it asks.
struct Opened {
    campaign: campaign::Model,
    event_name: String,
    version: Arc<Version>,
}

async fn open(
    db: &impl ConnectionTrait,
    versions: &FormVersionCache,
    event_id: i32,
    campaign_id: i32,
) -> Result<Opened, AppError> {
    let campaign = campaigns::get(db, campaign_id).await?;
    if campaign.event_id != event_id {
        return Err(AppError::NotFound);
    }
    let event = events::get(db, event_id).await?;
    let version = versions.get(db, campaign.form_version_id).await?;
    Ok(Opened {
        campaign,
        event_name: event.name,
        version,
    })
}

/// A company asked by the campaign, with its response if any: only the columns the
/// summary and the exports read.
#[derive(FromQueryResult)]
struct AskedRow {
    company_id: i32,
    company: String,
    company_kana: String,
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

impl AskedRow {
    /// The stored answers, when the company has submitted.
    fn submitted_answers(&self) -> Option<&str> {
        match (self.state.as_deref(), self.answers.as_deref()) {
            (Some("submitted"), Some(answers)) => Some(answers),
            _ => None,
        }
    }

    fn status(&self) -> InvitationStatus {
        InvitationStatus::parse(&self.status).unwrap_or(InvitationStatus::NotOpened)
    }

    /// Its submitted answers, read in place from its JSON against the form's `slots`.
    fn read<'a>(
        &'a self,
        slots: &AnswerSlots<'_>,
        campaign_id: i32,
    ) -> Result<Option<StoredAnswers<'a>>, AppError> {
        let Some(json) = self.submitted_answers() else {
            return Ok(None);
        };
        let mut deserializer = serde_json::Deserializer::from_str(json);
        slots
            .read(&mut deserializer)
            .and_then(|stored| deserializer.end().map(|()| stored))
            .map(Some)
            .map_err(|error| {
                AppError::internal(
                    &format!(
                        "answers of company {} in campaign {campaign_id}",
                        self.company_id
                    ),
                    error,
                )
            })
    }

    fn response_row<'a>(
        &'a self,
        answers: &'a StoredAnswers<'a>,
    ) -> ResponseRow<'a, StoredAnswers<'a>> {
        ResponseRow {
            company: &self.company,
            industry: &self.industry,
            regional_leader: self.regional_leader,
            receipt: self.receipt.as_deref(),
            revision: self.revision.unwrap_or_default(),
            submitted_at: self.submitted_at,
            updated_at: self.updated_at.unwrap_or_default(),
            answers,
        }
    }
}

/// In which order the companies are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// By name (kana, then name, then id), as every list shows them.
    ByName,
    /// As the database finds them: sorting 100,000 rows that carry their answers costs
    /// the database more than the whole summary may take, and only the lists need an
    /// order, which the summary gives them from the names it keeps.
    AsStored,
}

/// SQLite compares names byte by byte, as Rust does: the summary sorts them itself,
/// cheaper than the database sorting rows that carry their answers. PostgreSQL sorts by
/// its collation, which only it knows.
fn order_of(db: &impl ConnectionTrait) -> Order {
    match db.get_database_backend() {
        DbBackend::Sqlite => Order::AsStored,
        _ => Order::ByName,
    }
}

/// Every company of the campaign that the filters keep, handed to `visit` one at a time
/// as the database returns them.
async fn each_asked<C>(
    db: &C,
    campaign_id: i32,
    filters: &SummaryFilters,
    order: Order,
    mut visit: impl FnMut(AskedRow) -> Result<(), AppError>,
) -> Result<(), AppError>
where
    C: ConnectionTrait + StreamTrait,
{
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
    query = query
        .select_only()
        .column_as(company::Column::Id, "company_id")
        .column_as(company::Column::Name, "company")
        .column_as(company::Column::NameKana, "company_kana")
        .column(company::Column::Industry)
        .column(company::Column::RegionalLeader)
        .column(invitation::Column::Status)
        .column(response::Column::State)
        .column(response::Column::Answers)
        .column(response::Column::Receipt)
        .column(response::Column::Revision)
        .column(response::Column::SubmittedAt)
        .column(response::Column::UpdatedAt);
    if order == Order::ByName {
        query = query
            .order_by_asc(company::Column::NameKana)
            .order_by_asc(company::Column::Name)
            .order_by_asc(company::Column::Id);
    }
    let mut rows = query.into_model::<AskedRow>().stream(db).await?;
    while let Some(row) = rows.try_next().await? {
        visit(row)?;
    }
    Ok(())
}

/// What the filters offer: the industries and the companies of everyone asked.
#[derive(Debug, Default)]
struct Choices {
    industries: BTreeSet<String>,
    companies: Vec<(i32, String)>,
}

impl Choices {
    fn add(&mut self, company_id: i32, company: String, industry: &str) {
        let industry = industry.trim();
        if !industry.is_empty() && !self.industries.contains(industry) {
            self.industries.insert(industry.to_owned());
        }
        self.companies.push((company_id, company));
    }
}

/// Every company asked, whatever is filtered now.
async fn choices(db: &impl ConnectionTrait, campaign_id: i32) -> Result<Choices, AppError> {
    let everyone: Vec<(i32, String, String)> = invitation::Entity::find()
        .inner_join(company::Entity)
        .filter(invitation::Column::CampaignId.eq(campaign_id))
        .select_only()
        .column(company::Column::Id)
        .column(company::Column::Name)
        .column(company::Column::Industry)
        .order_by_asc(company::Column::NameKana)
        .order_by_asc(company::Column::Name)
        .order_by_asc(company::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut choices = Choices::default();
    for (id, name, industry) in everyone {
        choices.add(id, name, &industry);
    }
    Ok(choices)
}

/// The summary page of a campaign.
pub async fn summary<C>(
    db: &C,
    versions: &FormVersionCache,
    event_id: i32,
    campaign_id: i32,
    filters: SummaryFilters,
) -> Result<CampaignSummaryDto, AppError>
where
    C: ConnectionTrait + StreamTrait,
{
    let opened = open(db, versions, event_id, campaign_id).await?;
    let definition = &opened.version.definition;
    let order = order_of(db);
    // Unfiltered, the companies read are everyone the filters offer: no second query.
    let mut summing = Summing::new(definition, Locale::ja, filters.is_empty(), order);
    each_asked(db, campaign_id, &filters, order, |row| {
        summing.add(row, campaign_id)
    })
    .await?;
    let summed = summing.finish();
    let choices = match summed.everyone {
        Some(everyone) => everyone,
        None => choices(db, campaign_id).await?,
    };
    Ok(CampaignSummaryDto {
        event_name: opened.event_name,
        form_title: definition.title.clone(),
        campaign: campaigns::dto(db, opened.campaign.clone()).await?,
        filters,
        industries: choices.industries.into_iter().collect(),
        companies: choices.companies,
        invited: count(summed.invited),
        submitted: count(summed.submitted),
        missing: summed.missing,
        questions: summed.questions,
        unconvertible: summed.unconvertible,
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

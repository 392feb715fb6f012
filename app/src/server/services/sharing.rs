//! The shared report library. An officer shares an approved seminar report whose company
//! consented (`domain::sharing`); it appears at once in the library every participating
//! company reads through its link, with the company's name and the report's answers in
//! words — never contact details, never the answers of other forms. Withdrawing takes it
//! out at once. A newer submission hides the shared version until an officer approves
//! and shares again (the company may have withdrawn its consent in it).

use crate::api::library_dto::{LibraryDto, LibraryItemDto, LibraryReportDto, SharingDto};
use crate::domain::Problem;
use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::Answers;
use crate::domain::forms::describe::describe;
use crate::domain::sharing::{self, TITLE_QUESTION};
use crate::error::AppError;
use crate::server::entities::{
    campaign, company, event, invitation, response, response_revision, shared_report,
};
use crate::server::services::answering::FormVersionCache;
use crate::server::services::audit::{self, Action, Actor};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

fn officer_id(actor: &Actor) -> Option<i32> {
    match actor {
        Actor::Officer { id, .. } => Some(*id),
        _ => None,
    }
}

/// The submitted answers of `revision`.
pub(crate) async fn answers_of(
    db: &impl ConnectionTrait,
    response_id: i32,
    revision: i32,
) -> Result<Answers, AppError> {
    let row = response_revision::Entity::find()
        .filter(response_revision::Column::ResponseId.eq(response_id))
        .filter(response_revision::Column::Revision.eq(revision))
        .filter(response_revision::Column::State.eq("submitted"))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    serde_json::from_str(&row.answers)
        .map_err(|error| AppError::internal("reading submitted answers", error))
}

/// Whether a company's approved report can be shared, and whether it is. `offered`: the
/// form asks for consent.
pub async fn state(
    db: &impl ConnectionTrait,
    invitation: &invitation::Model,
    offered: bool,
) -> Result<SharingDto, AppError> {
    let current = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation.id))
        .one(db)
        .await?;
    let Some(current) = current else {
        return Ok(SharingDto::default());
    };
    let approved = invitation.status == InvitationStatus::Approved.as_code();
    // What the company answered in the version the officer decides on.
    let consents = current.state == "submitted"
        && sharing::consents(&answers_of(db, current.id, current.revision).await?);
    let shared = shared_report::Entity::find()
        .filter(shared_report::Column::InvitationId.eq(invitation.id))
        .filter(shared_report::Column::WithdrawnAt.is_null())
        .filter(shared_report::Column::Revision.eq(current.revision))
        .one(db)
        .await?
        .is_some();
    Ok(SharingDto {
        offered,
        consents,
        can_share: approved && consents && !shared,
        shared,
    })
}

/// Shares the company's approved report (its current revision) in the library.
pub async fn share(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    row: &campaign::Model,
    invitation_id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let invitation = invitation::Entity::find_by_id(invitation_id)
        .filter(invitation::Column::CampaignId.eq(row.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if invitation.status != InvitationStatus::Approved.as_code() {
        return Err(AppError::field("sharing", Problem::NotApproved));
    }
    let current = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !sharing::consents(&answers_of(&txn, current.id, current.revision).await?) {
        return Err(AppError::field("sharing", Problem::NoConsent));
    }
    shared_report::Entity::insert(shared_report::ActiveModel {
        invitation_id: Set(invitation.id),
        response_id: Set(current.id),
        revision: Set(current.revision),
        event_id: Set(row.event_id),
        campaign_id: Set(row.id),
        company_id: Set(invitation.company_id),
        shared_at: Set(now),
        shared_by: Set(officer_id(actor)),
        withdrawn_at: Set(None),
        withdrawn_by: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(shared_report::Column::InvitationId)
            .update_columns([
                shared_report::Column::ResponseId,
                shared_report::Column::Revision,
                shared_report::Column::SharedAt,
                shared_report::Column::SharedBy,
                shared_report::Column::WithdrawnAt,
                shared_report::Column::WithdrawnBy,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        actor,
        Action::ReportShared,
        &format!("campaign {}", row.id),
        json!({ "invitation": invitation.id, "company": invitation.company_id, "revision": current.revision }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a shared report out of the library at once.
pub async fn withdraw(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    row: &campaign::Model,
    invitation_id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let updated = shared_report::Entity::update_many()
        .col_expr(
            shared_report::Column::WithdrawnAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .col_expr(
            shared_report::Column::WithdrawnBy,
            sea_orm::sea_query::Expr::value(officer_id(actor)),
        )
        .filter(shared_report::Column::InvitationId.eq(invitation_id))
        .filter(shared_report::Column::CampaignId.eq(row.id))
        .filter(shared_report::Column::WithdrawnAt.is_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        now,
        actor,
        Action::ReportWithdrawn,
        &format!("campaign {}", row.id),
        json!({ "invitation": invitation_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The reports in the library now: shared, not withdrawn, and still the company's
/// current submitted version.
pub async fn visible(db: &impl ConnectionTrait) -> Result<Vec<shared_report::Model>, AppError> {
    let rows = shared_report::Entity::find()
        .filter(shared_report::Column::WithdrawnAt.is_null())
        .order_by_desc(shared_report::Column::SharedAt)
        .order_by_desc(shared_report::Column::Id)
        .all(db)
        .await?;
    let current: HashMap<i32, response::Model> = response::Entity::find()
        .filter(response::Column::Id.is_in(rows.iter().map(|r| r.response_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(rows
        .into_iter()
        .filter(|row| is_current(row, current.get(&row.response_id)))
        .collect())
}

/// The company's report in the library now, if it has one there (see [`visible`]).
pub async fn visible_of(
    db: &impl ConnectionTrait,
    invitation_id: i32,
) -> Result<Option<shared_report::Model>, AppError> {
    // An earlier sharing may still be on record beside the current one.
    let rows = shared_report::Entity::find()
        .filter(shared_report::Column::InvitationId.eq(invitation_id))
        .filter(shared_report::Column::WithdrawnAt.is_null())
        .all(db)
        .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let current = response::Entity::find_by_id(first.response_id)
        .one(db)
        .await?;
    Ok(rows
        .into_iter()
        .find(|row| is_current(row, current.as_ref())))
}

/// Whether the shared version is still the company's current submitted one: a newer
/// submission hides it until an officer shares again.
fn is_current(row: &shared_report::Model, response: Option<&response::Model>) -> bool {
    response.is_some_and(|r| r.revision == row.revision && r.state == "submitted")
}

/// What the library lists, narrowed by event, fiscal year and words (in the seminar's
/// title or any answer).
#[derive(Debug, Clone, Default)]
pub struct LibraryFilter {
    pub event_id: Option<i32>,
    pub fiscal_year: Option<i32>,
    pub words: String,
}

/// The library: the reports `filter` lets through, and every event and fiscal year that
/// has a shared report (the filter's choices), in one pass over the shared reports.
pub async fn list(
    db: &DatabaseConnection,
    versions: &FormVersionCache,
    filter: &LibraryFilter,
    english: bool,
    other: &str,
) -> Result<LibraryDto, AppError> {
    let rows = visible(db).await?;
    let events: HashMap<i32, event::Model> = event::Entity::find()
        .filter(event::Column::Id.is_in(rows.iter().map(|r| r.event_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let companies: HashMap<i32, String> = company::Entity::find()
        .filter(company::Column::Id.is_in(rows.iter().map(|r| r.company_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let words: Vec<String> = filter
        .words
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut items = Vec::new();
    let mut choices: Vec<(i32, String)> = Vec::new();
    let mut fiscal_years: Vec<i32> = Vec::new();
    for row in rows {
        let Some(event) = events.get(&row.event_id) else {
            continue;
        };
        choices.push((event.id, event.name.clone()));
        fiscal_years.push(event.fiscal_year);
        if filter.event_id.is_some_and(|id| id != row.event_id)
            || filter
                .fiscal_year
                .is_some_and(|year| year != event.fiscal_year)
        {
            continue;
        }
        let report = read(db, versions, &row, english, other).await?;
        let haystack = report
            .lines
            .iter()
            .map(|l| l.answer.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
        if !words.iter().all(|w| haystack.contains(w.as_str())) {
            continue;
        }
        items.push(LibraryItemDto {
            id: row.id,
            event_id: row.event_id,
            event: event.name.clone(),
            fiscal_year: event.fiscal_year,
            company: companies.get(&row.company_id).cloned().unwrap_or_default(),
            title: report.title,
            shared_at: row.shared_at,
        });
    }
    choices.sort();
    choices.dedup();
    fiscal_years.sort_unstable_by(|a, b| b.cmp(a));
    fiscal_years.dedup();
    Ok(LibraryDto {
        items,
        events: choices,
        fiscal_years,
    })
}

struct Read {
    title: String,
    lines: Vec<crate::domain::forms::describe::AnswerLine>,
}

async fn read(
    db: &impl ConnectionTrait,
    versions: &FormVersionCache,
    row: &shared_report::Model,
    english: bool,
    other: &str,
) -> Result<Read, AppError> {
    let current = response::Entity::find_by_id(row.response_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = versions.get(db, current.form_version_id).await?;
    let answers = answers_of(db, row.response_id, row.revision).await?;
    let title = match answers.get(&crate::domain::forms::QuestionId::new(TITLE_QUESTION)) {
        Some(crate::domain::forms::Answer::Text(text)) => text.clone(),
        _ => String::new(),
    };
    // The consent question itself is the office's business, not the reader's.
    let lines = describe(&version.definition, &answers, english, other)
        .into_iter()
        .zip(version.definition.questions())
        .filter(|(_, q)| q.id.as_str() != sharing::CONSENT_QUESTION)
        .map(|(line, _)| line)
        .collect();
    Ok(Read { title, lines })
}

/// One report as the library shows it.
pub async fn report(
    db: &DatabaseConnection,
    versions: &FormVersionCache,
    id: i32,
    english: bool,
    other: &str,
) -> Result<LibraryReportDto, AppError> {
    let row = visible(db)
        .await?
        .into_iter()
        .find(|row| row.id == id)
        .ok_or(AppError::NotFound)?;
    let event = event::Entity::find_by_id(row.event_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let company = company::Entity::find_by_id(row.company_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let report = read(db, versions, &row, english, other).await?;
    Ok(LibraryReportDto {
        id: row.id,
        event: event.name,
        company: company.name,
        title: report.title,
        shared_at: row.shared_at,
        lines: report.lines,
    })
}

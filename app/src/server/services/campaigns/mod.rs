//! Campaigns (依頼): a published form version sent to an event's companies, one
//! invitation (personal link) per company, and what an officer does with those links.

mod board;

pub use board::completion_board;

use super::audit::{self, Action, Actor};
use super::forms;
use crate::api::campaign_dto::{CampaignDto, InvitationDto};
use crate::domain::campaigns::{Audience, CampaignDraft, InvitationStatus};
use crate::domain::mail::BusinessCalendar;
use crate::domain::{FieldErrors, Problem};
use crate::error::AppError;
use crate::server::entities::{campaign, company, form_version, invitation, participation};
use crate::server::links::{LinkKey, token_hash};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::{BTreeSet, HashMap};

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<campaign::Model, AppError> {
    campaign::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A new invitation row for a company, with a fresh link.
fn new_invitation(
    links: &LinkKey,
    campaign_id: i32,
    company_id: i32,
    now: DateTime<Utc>,
) -> invitation::ActiveModel {
    let (seed, hash) = fresh_link(links);
    invitation::ActiveModel {
        campaign_id: Set(campaign_id),
        company_id: Set(company_id),
        token_seed: Set(seed),
        token_hash: Set(hash),
        status: Set(InvitationStatus::NotOpened.as_code().to_owned()),
        extended_until: Set(None),
        opened_at: Set(None),
        submitted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// A new seed and the hash of its token.
fn fresh_link(links: &LinkKey) -> (String, String) {
    let seed = LinkKey::new_seed();
    let hash = token_hash(&links.token(&seed)).expect("a derived token is well-formed");
    (seed, hash)
}

/// The path of an invitation's personal link.
pub fn link_path(links: &LinkKey, row: &invitation::Model) -> String {
    format!("/a/{}", links.token(&row.token_seed))
}

/// Opens a campaign: one invitation for every company asked, in one transaction.
pub async fn create(
    db: &DatabaseConnection,
    links: &LinkKey,
    now: DateTime<Utc>,
    actor: &Actor,
    event_id: i32,
    draft: CampaignDraft,
) -> Result<campaign::Model, AppError> {
    let version = forms::version(db, draft.form_version_id)
        .await
        .map_err(|_| AppError::field("form_version_id", Problem::InvalidChoice))?;
    if !version.is_published() {
        return Err(AppError::field("form_version_id", Problem::InvalidChoice));
    }
    let participants: BTreeSet<i32> = participation::Entity::find()
        .filter(participation::Column::EventId.eq(event_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.company_id)
        .collect();
    let companies: Vec<i32> = match &draft.audience {
        Audience::AllParticipants => participants.iter().copied().collect(),
        Audience::Chosen(chosen) => {
            let chosen: BTreeSet<i32> = chosen.iter().copied().collect();
            if !chosen.is_subset(&participants) {
                return Err(AppError::field("companies", Problem::UnknownCompany));
            }
            chosen.into_iter().collect()
        }
    };
    if companies.is_empty() {
        return Err(AppError::Invalid(FieldErrors::single(
            "companies",
            Problem::NoRecipients,
        )));
    }

    let txn = db.begin().await?;
    super::events::get(&txn, event_id).await?;
    let created = campaign::ActiveModel {
        event_id: Set(event_id),
        form_version_id: Set(draft.form_version_id),
        title: Set(draft.title.clone()),
        opens_at: Set(draft.window.opens_at),
        deadline: Set(draft.window.deadline),
        archived: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // In chunks: one statement per company would be slow for 400 companies, one
    // statement for all of them could pass SQLite's limit on bound values.
    for chunk in companies.chunks(100) {
        invitation::Entity::insert_many(
            chunk
                .iter()
                .map(|&company_id| new_invitation(links, created.id, company_id, now)),
        )
        .exec(&txn)
        .await?;
    }
    audit::record(
        &txn,
        now,
        actor,
        Action::CampaignCreated,
        &format!("event {event_id}"),
        json!({
            "campaign": created.id,
            "title": created.title,
            "form_version": draft.form_version_id,
            "companies": companies.len(),
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// The campaigns of an event, oldest first, with how many companies were asked and
/// how many have submitted.
pub async fn list_for_event(
    db: &DatabaseConnection,
    event_id: i32,
) -> Result<Vec<CampaignDto>, AppError> {
    let rows = campaign::Entity::find()
        .filter(campaign::Column::EventId.eq(event_id))
        .filter(campaign::Column::Archived.eq(false))
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(dto(db, row).await?);
    }
    Ok(out)
}

pub async fn dto(db: &impl ConnectionTrait, row: campaign::Model) -> Result<CampaignDto, AppError> {
    let version = form_version::Entity::find_by_id(row.form_version_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Counted by the database: a campaign may ask thousands of companies.
    let statuses: Vec<(String, i64)> = invitation::Entity::find()
        .select_only()
        .column(invitation::Column::Status)
        .column_as(invitation::Column::Id.count(), "count")
        .filter(invitation::Column::CampaignId.eq(row.id))
        .group_by(invitation::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let invited: i64 = statuses.iter().map(|(_, n)| n).sum();
    let submitted: i64 = statuses
        .iter()
        .filter(|(status, _)| InvitationStatus::submitted_codes().contains(&status.as_str()))
        .map(|(_, n)| n)
        .sum();
    Ok(CampaignDto {
        id: row.id,
        event_id: row.event_id,
        title: row.title,
        form_id: version.form_id,
        form_version: version.version,
        opens_at: row.opens_at,
        deadline: row.deadline,
        invited: u32::try_from(invited).unwrap_or(u32::MAX),
        submitted: u32::try_from(submitted).unwrap_or(u32::MAX),
    })
}

/// The personal links of a campaign, by company name.
pub async fn invitations(
    db: &DatabaseConnection,
    links: &LinkKey,
    campaign_id: i32,
) -> Result<Vec<InvitationDto>, AppError> {
    let rows = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign_id))
        .all(db)
        .await?;
    let names: HashMap<i32, String> = company::Entity::find()
        .filter(company::Column::Id.is_in(rows.iter().map(|row| row.company_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|company| (company.id, company.name))
        .collect();
    let mut out: Vec<InvitationDto> = rows
        .into_iter()
        .map(|row| InvitationDto {
            id: row.id,
            company_id: row.company_id,
            company: names.get(&row.company_id).cloned().unwrap_or_default(),
            status: InvitationStatus::parse(&row.status).unwrap_or(InvitationStatus::NotOpened),
            path: link_path(links, &row),
            extended_until: row.extended_until,
            submitted_at: row.submitted_at,
        })
        .collect();
    out.sort_by(|a, b| a.company.cmp(&b.company));
    Ok(out)
}

async fn invitation_of(db: &impl ConnectionTrait, id: i32) -> Result<invitation::Model, AppError> {
    invitation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A new link for one company: the old one stops working at once.
pub async fn regenerate_link(
    db: &DatabaseConnection,
    links: &LinkKey,
    now: DateTime<Utc>,
    actor: &Actor,
    invitation_id: i32,
) -> Result<String, AppError> {
    let txn = db.begin().await?;
    let row = invitation_of(&txn, invitation_id).await?;
    let (seed, hash) = fresh_link(links);
    let mut active: invitation::ActiveModel = row.clone().into();
    active.token_seed = Set(seed);
    active.token_hash = Set(hash);
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        actor,
        Action::LinkRegenerated,
        &format!("campaign {}", row.campaign_id),
        json!({ "invitation": row.id, "company": row.company_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(link_path(links, &updated))
}

/// Lets one company answer until `until` (or back to the campaign's deadline with
/// `None`).
pub async fn extend_deadline(
    db: &DatabaseConnection,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
    actor: &Actor,
    invitation_id: i32,
    until: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let row = invitation_of(&txn, invitation_id).await?;
    let campaign = get(&txn, row.campaign_id).await?;
    if let Some(until) = until
        && until <= campaign.deadline
    {
        return Err(AppError::field("until", Problem::ExtensionNotLater));
    }
    let mut active: invitation::ActiveModel = row.clone().into();
    active.extended_until = Set(until);
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    // Its reminders follow its own deadline now.
    if campaign.invitations_queued_at.is_some() {
        super::mail::scheduler::reschedule(&txn, &campaign, &[updated], calendar, now).await?;
    }
    audit::record(
        &txn,
        now,
        actor,
        Action::DeadlineExtended,
        &format!("campaign {}", row.campaign_id),
        json!({ "invitation": row.id, "company": row.company_id, "until": until }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

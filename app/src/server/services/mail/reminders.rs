//! What an officer does about a campaign's reminders: change the policy (every company
//! not yet reminded to the end is rescheduled), remind one company now, pause or resume
//! one company. Each is audited.

use super::compose::Composer;
use super::scheduler::{self, policy_of};
use crate::api::mail_dto::{DeliveryLogDto, ReminderRowDto};
use crate::domain::campaigns::InvitationStatus;
use crate::domain::mail::{BusinessCalendar, ReminderPolicy};
use crate::error::AppError;
use crate::server::entities::{campaign, company, event, invitation};
use crate::server::services::audit::{self, Action, Actor};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

/// The campaign's email page.
pub async fn page(
    db: &DatabaseConnection,
    composer: &Composer,
    calendar: &BusinessCalendar,
    row: &campaign::Model,
) -> Result<DeliveryLogDto, AppError> {
    let event = event::Entity::find_by_id(row.event_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(row.id))
        .all(db)
        .await?;
    let names: HashMap<i32, String> = company::Entity::find()
        .filter(company::Column::Id.is_in(invitations.iter().map(|inv| inv.company_id)))
        .order_by_asc(company::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut companies: Vec<ReminderRowDto> = invitations
        .into_iter()
        .map(|inv| ReminderRowDto {
            invitation_id: inv.id,
            company_id: inv.company_id,
            company: names.get(&inv.company_id).cloned().unwrap_or_default(),
            status: InvitationStatus::parse(&inv.status).unwrap_or(InvitationStatus::NotOpened),
            reminders_queued: inv.reminders_queued,
            next_reminder_at: inv.next_reminder_at,
            paused: inv.reminders_paused,
        })
        .collect();
    companies.sort_by(|a, b| a.company.cmp(&b.company));
    let policy = policy_of(row);
    Ok(DeliveryLogDto {
        event_name: event.name,
        campaign_title: row.title.clone(),
        deadline: row.deadline,
        schedule: policy.schedule(row.opens_at, row.deadline, calendar),
        policy: policy.to_input(),
        companies,
        messages: super::log::for_campaign(db, row.id).await?,
        templates: super::templates::summaries(db, composer, row.id).await?,
    })
}

/// Stores a new policy and reschedules every company that has not submitted.
pub async fn set_policy(
    db: &DatabaseConnection,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
    actor: &Actor,
    row: campaign::Model,
    policy: ReminderPolicy,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let stored = serde_json::to_string(&policy)
        .map_err(|error| AppError::internal("storing a reminder policy", error))?;
    let mut active: campaign::ActiveModel = row.clone().into();
    active.reminder_policy = Set(stored);
    let updated = active.update(&txn).await?;
    let open = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(row.id))
        .filter(invitation::Column::Status.is_not_in(InvitationStatus::submitted_codes()))
        .all(&txn)
        .await?;
    // Before the opening the scheduler sets the times when it sends the invitations.
    if updated.invitations_queued_at.is_some() {
        scheduler::reschedule(&txn, &updated, &open, calendar, now).await?;
    }
    audit::record(
        &txn,
        now,
        actor,
        Action::ReminderPolicyChanged,
        &format!("campaign {}", row.id),
        json!({ "policy": policy }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Queues a reminder to one company now, unless it has submitted. Returns whether one
/// was queued.
pub async fn remind_now(
    db: &DatabaseConnection,
    composer: &Composer,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
    actor: &Actor,
    row: &campaign::Model,
    invitation_id: i32,
) -> Result<bool, AppError> {
    let invitation = invitation_of(db, row, invitation_id).await?;
    let queued = scheduler::remind_now(db, composer, calendar, row, &[invitation.company_id], now)
        .await?
        > 0;
    if queued {
        audit::record(
            db,
            now,
            actor,
            Action::ReminderSentNow,
            &format!("campaign {}", row.id),
            json!({ "company": invitation.company_id }),
        )
        .await?;
    }
    Ok(queued)
}

/// Pauses or resumes one company's automatic reminders.
pub async fn set_paused(
    db: &DatabaseConnection,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
    actor: &Actor,
    row: &campaign::Model,
    invitation_id: i32,
    paused: bool,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let found = invitation_of(&txn, row, invitation_id).await?;
    let mut active: invitation::ActiveModel = found.into();
    active.reminders_paused = Set(paused);
    let updated = active.update(&txn).await?;
    if !paused && row.invitations_queued_at.is_some() {
        // Resumed: the next reminder is the schedule's next one from now, not the ones
        // missed while paused.
        scheduler::reschedule(&txn, row, std::slice::from_ref(&updated), calendar, now).await?;
    }
    audit::record(
        &txn,
        now,
        actor,
        Action::RemindersPaused,
        &format!("campaign {}", row.id),
        json!({ "company": updated.company_id, "paused": paused }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn invitation_of(
    db: &impl sea_orm::ConnectionTrait,
    row: &campaign::Model,
    invitation_id: i32,
) -> Result<invitation::Model, AppError> {
    invitation::Entity::find_by_id(invitation_id)
        .filter(invitation::Column::CampaignId.eq(row.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

//! What the scheduler decides, one pass at a time: campaigns whose opening has come get
//! their invitations queued, and companies whose next reminder is due get it queued.
//! Each decision and its outbox rows are one transaction with a guard (a compare and
//! set on the campaign or the invitation), so two instances deciding at once queue a
//! message once; the outbox's unique key is the second lock on that door. All state is
//! in the database: a restarted server carries on where it stopped. On business-day
//! mornings it also queues the officers' digest (`digest`).

use super::compose::Composer;
use super::outbox::{self, Wanted};
use crate::domain::campaigns::InvitationStatus;
use crate::domain::mail::{BusinessCalendar, Purpose, ReminderPolicy};
use crate::error::AppError;
use crate::server::entities::{campaign, invitation};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use std::collections::HashMap;

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub invitations: u64,
    pub reminders: u64,
    pub digests: u64,
}

/// The most reminders one pass decides: a pass stays short, the next one goes on.
pub const REMINDER_BATCH: u64 = 500;

/// One pass. `digest_links`: the base URL of the officers' digest links, or `None` when
/// the office turned the digest off.
pub async fn run_pass(
    db: &DatabaseConnection,
    composer: &Composer,
    calendar: &BusinessCalendar,
    digest_links: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Pass, AppError> {
    let invitations = queue_invitations(db, composer, calendar, now).await?;
    let reminders = queue_reminders(db, composer, calendar, now, REMINDER_BATCH).await?;
    let digests = match digest_links {
        Some(base_url) => {
            super::digest::queue_digests(db, composer, calendar, base_url, now).await?
        }
        None => 0,
    };
    Ok(Pass {
        invitations,
        reminders,
        digests,
    })
}

/// The stored policy of a campaign.
pub fn policy_of(campaign: &campaign::Model) -> ReminderPolicy {
    serde_json::from_str(&campaign.reminder_policy).unwrap_or_default()
}

/// A company's deadline: the campaign's, or the later one an officer gave it.
fn deadline_of(campaign: &campaign::Model, invitation: &invitation::Model) -> DateTime<Utc> {
    invitation
        .extended_until
        .map_or(campaign.deadline, |until| until.max(campaign.deadline))
}

/// Queues the invitations of every campaign whose opening has come.
pub async fn queue_invitations(
    db: &DatabaseConnection,
    composer: &Composer,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let opening = campaign::Entity::find()
        .filter(campaign::Column::InvitationsQueuedAt.is_null())
        .filter(campaign::Column::OpensAt.lte(now))
        .filter(campaign::Column::Archived.eq(false))
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await?;
    let mut queued = 0;
    for row in opening {
        let txn = db.begin().await?;
        // The guard: only the instance that marks the campaign queues its invitations.
        let marked = campaign::Entity::update_many()
            .col_expr(
                campaign::Column::InvitationsQueuedAt,
                Expr::value(Some(now)),
            )
            .filter(campaign::Column::Id.eq(row.id))
            .filter(campaign::Column::InvitationsQueuedAt.is_null())
            .exec(&txn)
            .await?;
        if marked.rows_affected != 1 {
            continue;
        }
        let invitations = invitation::Entity::find()
            .filter(invitation::Column::CampaignId.eq(row.id))
            .order_by_asc(invitation::Column::Id)
            .all(&txn)
            .await?;
        let wanted: Vec<Wanted> = invitations
            .iter()
            .map(|inv| Wanted {
                invitation_id: inv.id,
                company_id: inv.company_id,
                sequence: 1,
                receipt: None,
                comment: None,
            })
            .collect();
        queued +=
            outbox::enqueue(&txn, composer, &row, Purpose::Invitation, &wanted, now, now).await?;
        reschedule(&txn, &row, &invitations, calendar, now).await?;
        txn.commit().await?;
    }
    Ok(queued)
}

/// Sets the next reminder time of `invitations` (of `campaign`) from its policy: after
/// the opening, after the policy changed, after a company's deadline was extended.
pub async fn reschedule(
    conn: &impl ConnectionTrait,
    campaign: &campaign::Model,
    invitations: &[invitation::Model],
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let policy = policy_of(campaign);
    // Invitations that share a deadline share a next time: one UPDATE per group.
    let mut groups: HashMap<Option<DateTime<Utc>>, Vec<i32>> = HashMap::new();
    for inv in invitations {
        let next = policy.next_after(
            campaign.opens_at,
            deadline_of(campaign, inv),
            calendar,
            u16::try_from(inv.reminders_queued).unwrap_or(u16::MAX),
            now,
        );
        groups.entry(next).or_default().push(inv.id);
    }
    for (next, ids) in groups {
        for chunk in ids.chunks(500) {
            invitation::Entity::update_many()
                .col_expr(invitation::Column::NextReminderAt, Expr::value(next))
                .filter(invitation::Column::Id.is_in(chunk.iter().copied()))
                .exec(conn)
                .await?;
        }
    }
    Ok(())
}

/// Queues the reminders that are due: companies that have not submitted, not paused,
/// whose next reminder time has come. Each is marked (count and next time) in the same
/// transaction, guarded by its previous count, so no reminder is decided twice.
pub async fn queue_reminders(
    db: &DatabaseConnection,
    composer: &Composer,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<u64, AppError> {
    let due = due_reminders(db, now, limit).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let campaigns: HashMap<i32, campaign::Model> = campaign::Entity::find()
        .filter(campaign::Column::Id.is_in(due.iter().map(|inv| inv.campaign_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let mut by_campaign: HashMap<i32, Vec<invitation::Model>> = HashMap::new();
    for inv in due {
        by_campaign.entry(inv.campaign_id).or_default().push(inv);
    }
    let mut queued = 0;
    for (campaign_id, invitations) in by_campaign {
        let Some(campaign) = campaigns.get(&campaign_id) else {
            continue;
        };
        let policy = policy_of(campaign);
        let txn = db.begin().await?;
        let mut wanted = Vec::new();
        for inv in invitations {
            let sequence = inv.reminders_queued + 1;
            if sequence > i32::from(policy.max_reminders) {
                // Reminders sent by hand count too: none left for the schedule.
                invitation::Entity::update_many()
                    .col_expr(
                        invitation::Column::NextReminderAt,
                        Expr::value(Option::<DateTime<Utc>>::None),
                    )
                    .filter(invitation::Column::Id.eq(inv.id))
                    .exec(&txn)
                    .await?;
                continue;
            }
            let scheduled = Reminding::Scheduled;
            wanted.extend(
                mark_reminded(&txn, &policy, campaign, calendar, &inv, scheduled, now).await?,
            );
        }
        // A reminder found due outside the sending window waits for its opening.
        let due_at = policy.next_sending_time(now, calendar);
        queued += outbox::enqueue(
            &txn,
            composer,
            campaign,
            Purpose::Reminder,
            &wanted,
            due_at,
            now,
        )
        .await?;
        txn.commit().await?;
    }
    Ok(queued)
}

/// Who decided a reminder: the schedule skips a paused company; an officer's "remind
/// now" does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reminding {
    Scheduled,
    ByHand,
}

/// Counts one more reminder for `inv` and moves its next time on, guarded by the count
/// read before (compare and set: of two deciders, one wins) and by its status (a company
/// that submitted meanwhile gets none). The reminder to queue, if this decision won.
async fn mark_reminded(
    txn: &impl ConnectionTrait,
    policy: &ReminderPolicy,
    campaign: &campaign::Model,
    calendar: &BusinessCalendar,
    inv: &invitation::Model,
    by: Reminding,
    now: DateTime<Utc>,
) -> Result<Option<Wanted>, AppError> {
    let sequence = inv.reminders_queued + 1;
    let next = policy.next_after(
        campaign.opens_at,
        deadline_of(campaign, inv),
        calendar,
        u16::try_from(sequence).unwrap_or(u16::MAX),
        now,
    );
    let mut update = invitation::Entity::update_many()
        .col_expr(invitation::Column::RemindersQueued, Expr::value(sequence))
        .col_expr(invitation::Column::NextReminderAt, Expr::value(next))
        .filter(invitation::Column::Id.eq(inv.id))
        .filter(invitation::Column::RemindersQueued.eq(inv.reminders_queued))
        .filter(invitation::Column::Status.is_not_in(InvitationStatus::submitted_codes()));
    if by == Reminding::Scheduled {
        update = update.filter(invitation::Column::RemindersPaused.eq(false));
    }
    let marked = update.exec(txn).await?;
    Ok((marked.rows_affected == 1).then_some(Wanted {
        invitation_id: inv.id,
        company_id: inv.company_id,
        sequence,
        receipt: None,
        comment: None,
    }))
}

/// Invitations whose next reminder time has come and whose company may be reminded:
/// the scheduler's scan, served by the index on `next_reminder_at`.
pub async fn due_reminders(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<invitation::Model>, AppError> {
    Ok(invitation::Entity::find()
        .filter(invitation::Column::NextReminderAt.lte(now))
        .filter(invitation::Column::Status.is_not_in(InvitationStatus::submitted_codes()))
        .filter(invitation::Column::RemindersPaused.eq(false))
        .order_by_asc(invitation::Column::NextReminderAt)
        .order_by_asc(invitation::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// An officer's "send a reminder now" to chosen companies of a campaign that have not
/// submitted: queued at once, counted like scheduled ones (towards the maximum).
/// Returns how many.
pub async fn remind_now(
    db: &DatabaseConnection,
    composer: &Composer,
    calendar: &BusinessCalendar,
    campaign: &campaign::Model,
    company_ids: &[i32],
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let txn = db.begin().await?;
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .filter(invitation::Column::CompanyId.is_in(company_ids.iter().copied()))
        .filter(invitation::Column::Status.is_not_in(InvitationStatus::submitted_codes()))
        .all(&txn)
        .await?;
    let policy = policy_of(campaign);
    let mut wanted = Vec::new();
    for inv in invitations {
        // It counts towards the policy's maximum, and the schedule goes on after it.
        let by_hand = Reminding::ByHand;
        wanted.extend(mark_reminded(&txn, &policy, campaign, calendar, &inv, by_hand, now).await?);
    }
    let queued = outbox::enqueue(
        &txn,
        composer,
        campaign,
        Purpose::Reminder,
        &wanted,
        now,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(queued)
}

//! The officers' digest: on each business day, from the opening of the sending window
//! (09:00 office time) until its end, every active admin and officer gets one message
//! saying where each open request stands — submitted of invited, what changed since the
//! previous business day's digest, reminders, addresses to fix — with a link to each
//! request. Viewers (the review council) get none. A day without an open request sends
//! nothing. Each digest is an outbox row unique per officer and day, so several
//! schedulers (or a restart) never queue it twice.

use super::compose::{CampaignStanding, Composer, DigestFacts};
use super::recipients::{self, Mailbox};
use crate::domain::Role;
use crate::domain::campaigns::InvitationStatus;
use crate::domain::mail::{BusinessCalendar, DeliveryState, Purpose};
use crate::domain::office_time::office_offset;
use crate::error::AppError;
use crate::server::entities::{campaign, event, invitation, officer, outbox_message};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::RngCore;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait, TryInsertResult,
};
use std::collections::{HashMap, HashSet};

/// The hours (office time) in which a day's digest is sent: a server that was down at
/// nine sends it when it comes back, but not in the evening.
pub const DIGEST_FROM_HOUR: u32 = 9;
pub const DIGEST_UNTIL_HOUR: u32 = 17;
/// A request stays in the digest this long after its deadline (late answers, reminders
/// sent after the deadline).
pub const DAYS_AFTER_DEADLINE: i64 = 14;

/// The digest's sequence for a day: 20260608. Unique per officer with the purpose.
fn sequence_of(day: NaiveDate) -> i32 {
    day.year() * 10_000 + day.month() as i32 * 100 + day.day() as i32
}

fn office_instant(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default();
    office_offset()
        .from_local_datetime(&day.and_time(time))
        .single()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_default()
}

/// Queues today's digest for every officer who has none yet, when it is time. Returns
/// how many were queued.
pub async fn queue_digests(
    db: &DatabaseConnection,
    composer: &Composer,
    calendar: &BusinessCalendar,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let today = now.with_timezone(&office_offset()).date_naive();
    let from = office_instant(today, DIGEST_FROM_HOUR);
    if !calendar.is_business_day(today)
        || now < from
        || now >= office_instant(today, DIGEST_UNTIL_HOUR)
    {
        return Ok(0);
    }
    let officers: Vec<officer::Model> = officer::Entity::find()
        .filter(officer::Column::Active.eq(true))
        .filter(officer::Column::Role.is_in([Role::Admin.as_str(), Role::Officer.as_str()]))
        .order_by_asc(officer::Column::Id)
        .all(db)
        .await?;
    let sequence = sequence_of(today);
    // The usual pass: every officer has today's digest already; one indexed lookup.
    let done: Vec<i32> = outbox_message::Entity::find()
        .filter(outbox_message::Column::OfficerId.is_in(officers.iter().map(|o| o.id)))
        .filter(outbox_message::Column::Purpose.eq(Purpose::Digest.as_code()))
        .filter(outbox_message::Column::Sequence.eq(sequence))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| row.officer_id)
        .collect();
    let waiting: Vec<&officer::Model> = officers.iter().filter(|o| !done.contains(&o.id)).collect();
    if waiting.is_empty() {
        return Ok(0);
    }
    // "Since the last digest": since the previous business day's.
    let previous = calendar.on_or_before(today - Duration::days(1));
    let since = office_instant(previous, DIGEST_FROM_HOUR);
    let standings = standings(db, base_url, now, since).await?;
    if standings.is_empty() {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let mut queued = 0;
    for officer in waiting {
        let rendered = composer.render_digest(&DigestFacts {
            officer: officer.name.clone(),
            date: today,
            campaigns: standings.clone(),
        })?;
        let to = [Mailbox {
            name: super::compose::one_line(&officer.name),
            email: officer.email.clone(),
        }];
        let row = outbox_message::ActiveModel {
            invitation_id: Set(None),
            campaign_id: Set(None),
            company_id: Set(None),
            officer_id: Set(Some(officer.id)),
            purpose: Set(Purpose::Digest.as_code().to_owned()),
            sequence: Set(sequence),
            language: Set(composer.language.as_code().to_owned()),
            to_addresses: Set(recipients::store(&to)),
            cc_addresses: Set(recipients::store(&[])),
            subject: Set(rendered.subject),
            body_text: Set(rendered.text),
            body_html: Set(rendered.html),
            message_id: Set(message_id(composer, officer.id, sequence)),
            state: Set(DeliveryState::Queued.as_code().to_owned()),
            due_at: Set(now),
            attempts: Set(0),
            lease_id: Set(None),
            lease_until: Set(None),
            last_reply: Set(String::new()),
            sent_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let inserted = outbox_message::Entity::insert(row)
            .on_conflict_do_nothing_on([
                outbox_message::Column::OfficerId,
                outbox_message::Column::Purpose,
                outbox_message::Column::Sequence,
            ])
            .exec_without_returning(&txn)
            .await?;
        if let TryInsertResult::Inserted(count) = inserted {
            queued += count;
        }
    }
    txn.commit().await?;
    Ok(queued)
}

fn message_id(composer: &Composer, officer_id: i32, sequence: i32) -> String {
    let mut random = [0u8; 8];
    rand::rng().fill_bytes(&mut random);
    let random: String = random.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "<kotae.digest.{officer_id}.{sequence}.{random}@{}>",
        composer.domain
    )
}

/// Every request that is open (or closed within the last two weeks), by deadline.
async fn standings(
    db: &impl ConnectionTrait,
    base_url: &str,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
) -> Result<Vec<CampaignStanding>, AppError> {
    let campaigns = campaign::Entity::find()
        .filter(campaign::Column::Archived.eq(false))
        .filter(campaign::Column::OpensAt.lte(now))
        .filter(campaign::Column::Deadline.gte(now - Duration::days(DAYS_AFTER_DEADLINE)))
        .order_by_asc(campaign::Column::Deadline)
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await?;
    if campaigns.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = campaigns.iter().map(|c| c.id).collect();
    let events: HashMap<i32, String> = event::Entity::find()
        .filter(event::Column::Id.is_in(campaigns.iter().map(|c| c.event_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect();
    let mut by_campaign: HashMap<i32, CampaignStanding> = HashMap::new();
    for row in invitation::Entity::find()
        .filter(invitation::Column::CampaignId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        let standing = by_campaign.entry(row.campaign_id).or_default();
        standing.invited += 1;
        match InvitationStatus::parse(&row.status) {
            Ok(status) if status.counts_as_submitted() => standing.submitted += 1,
            Ok(InvitationStatus::Draft) => standing.drafts += 1,
            Ok(InvitationStatus::NotOpened) => standing.not_opened += 1,
            _ => {}
        }
        if row.submitted_at.is_some_and(|at| at >= since) {
            standing.submitted_since += 1;
        }
    }
    let mut to_fix = HashSet::new();
    for row in outbox_message::Entity::find()
        .filter(outbox_message::Column::CampaignId.is_in(ids.iter().copied()))
        .filter(
            outbox_message::Column::Purpose
                .eq(Purpose::Reminder.as_code())
                .and(outbox_message::Column::CreatedAt.gte(since))
                .or(outbox_message::Column::State.eq(DeliveryState::Failed.as_code())),
        )
        .all(db)
        .await?
    {
        let Some(standing) = row.campaign_id.and_then(|id| by_campaign.get_mut(&id)) else {
            continue;
        };
        if row.state == DeliveryState::Failed.as_code() {
            // Companies, not messages: one wrong address fails all of its messages.
            if to_fix.insert((row.campaign_id, row.company_id)) {
                standing.failures += 1;
            }
        } else if row.purpose == Purpose::Reminder.as_code() {
            standing.reminders_since += 1;
        }
    }
    Ok(campaigns
        .into_iter()
        .filter_map(|c| {
            let mut standing = by_campaign.remove(&c.id)?;
            standing.event = events.get(&c.event_id).cloned().unwrap_or_default();
            standing.title = c.title;
            standing.deadline = c.deadline;
            standing.closed = c.deadline <= now;
            standing.url = format!("{base_url}/events/{}/campaigns/{}", c.event_id, c.id);
            Some(standing)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_days_sequence_reads_as_its_date() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 8).expect("a date");
        assert_eq!(sequence_of(day), 20_260_608);
    }

    #[test]
    fn the_digest_hours_are_office_time() {
        let day = NaiveDate::from_ymd_opt(2026, 6, 8).expect("a date");
        assert_eq!(
            office_instant(day, DIGEST_FROM_HOUR).to_rfc3339(),
            "2026-06-08T00:00:00+00:00"
        );
    }
}

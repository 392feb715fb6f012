//! The outbox table: queueing (in the caller's transaction), claiming with a lease,
//! recording an outcome under that lease, and re-queueing after an address is fixed.

use super::compose::{Composer, Facts};
use super::recipients::{self, Recipients};
use crate::domain::mail::{DeliveryState, Purpose};
use crate::error::AppError;
use crate::server::entities::{campaign, company, contact, event, invitation, outbox_message};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, Set, TryInsertResult,
};
use std::collections::HashMap;

/// What to queue for one invitation.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub invitation_id: i32,
    pub company_id: i32,
    pub sequence: i32,
    /// Receipts: the receipt number.
    pub receipt: Option<String>,
    /// Returned answers: the officer's comment.
    pub comment: Option<String>,
}

/// Queues `purpose` for each invitation of `campaign`, due at `due_at`, in the caller's
/// transaction. A message already queued (same invitation, purpose and sequence) is
/// left alone: the return value counts only new ones. A company without a usable
/// address gets a failed message, which the event's board shows as "address needs
/// fixing".
pub async fn enqueue(
    txn: &impl ConnectionTrait,
    composer: &Composer,
    campaign: &campaign::Model,
    purpose: Purpose,
    wanted: &[Wanted],
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    if wanted.is_empty() {
        return Ok(0);
    }
    let event = event::Entity::find_by_id(campaign.event_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut names = HashMap::new();
    let company_ids: Vec<i32> = wanted.iter().map(|w| w.company_id).collect();
    for chunk in company_ids.chunks(500) {
        for row in company::Entity::find()
            .filter(company::Column::Id.is_in(chunk.iter().copied()))
            .all(txn)
            .await?
        {
            names.insert(row.id, row.name);
        }
    }
    let known = Known {
        event: &event.name,
        companies: &names,
    };
    enqueue_known(
        txn, composer, campaign, &known, purpose, wanted, due_at, now,
    )
    .await
}

/// Names the caller already has: the event's, and each company's by id.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub event: &'a str,
    pub companies: &'a HashMap<i32, String>,
}

/// [`enqueue`] for a caller that has the names at hand (a submission queueing its
/// receipt): two lookups fewer on the hot path.
#[allow(clippy::too_many_arguments)]
pub async fn enqueue_known(
    txn: &impl ConnectionTrait,
    composer: &Composer,
    campaign: &campaign::Model,
    known: &Known<'_>,
    purpose: Purpose,
    wanted: &[Wanted],
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let custom = super::templates::custom(txn, composer, campaign.id, purpose).await?;
    let company_ids: Vec<i32> = wanted.iter().map(|w| w.company_id).collect();
    let mut contacts: HashMap<i32, Vec<contact::Model>> = HashMap::new();
    for chunk in company_ids.chunks(500) {
        for row in contact::Entity::find()
            .filter(contact::Column::CompanyId.is_in(chunk.iter().copied()))
            .order_by_asc(contact::Column::Id)
            .all(txn)
            .await?
        {
            contacts.entry(row.company_id).or_default().push(row);
        }
    }
    let mut rows = Vec::with_capacity(wanted.len());
    for item in wanted {
        let recipients = Recipients::of(
            contacts
                .get(&item.company_id)
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            composer.cc_others,
        );
        let rendered = composer.render(
            purpose,
            &Facts {
                company: known
                    .companies
                    .get(&item.company_id)
                    .map(String::as_str)
                    .unwrap_or(""),
                contact: &recipients.greeting_name,
                event: known.event,
                form: &campaign.title,
                deadline: campaign.deadline,
                receipt: item.receipt.as_deref(),
                comment: item.comment.as_deref(),
            },
            custom.as_ref(),
        )?;
        let (state, reply) = if recipients.is_empty() {
            (DeliveryState::Failed, NO_ADDRESS)
        } else {
            (DeliveryState::Queued, "")
        };
        rows.push(outbox_message::ActiveModel {
            invitation_id: Set(Some(item.invitation_id)),
            campaign_id: Set(Some(campaign.id)),
            company_id: Set(Some(item.company_id)),
            purpose: Set(purpose.as_code().to_owned()),
            sequence: Set(item.sequence),
            language: Set(composer.language.as_code().to_owned()),
            to_addresses: Set(recipients::store(&recipients.to)),
            cc_addresses: Set(recipients::store(&recipients.cc)),
            subject: Set(rendered.subject),
            body_text: Set(rendered.text),
            body_html: Set(rendered.html),
            message_id: Set(message_id(composer, purpose, item)),
            state: Set(state.as_code().to_owned()),
            due_at: Set(due_at),
            attempts: Set(0),
            lease_id: Set(None),
            lease_until: Set(None),
            last_reply: Set(reply.to_owned()),
            sent_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    let mut inserted = 0;
    // Chunks keep each statement under SQLite's limit on bound values.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(40).collect();
        let result = outbox_message::Entity::insert_many(chunk)
            .on_conflict_do_nothing_on([
                outbox_message::Column::InvitationId,
                outbox_message::Column::Purpose,
                outbox_message::Column::Sequence,
            ])
            .exec_without_returning(txn)
            .await?;
        if let TryInsertResult::Inserted(count) = result {
            inserted += count;
        }
    }
    Ok(inserted)
}

/// The reply recorded for a company without a usable address.
pub const NO_ADDRESS: &str = "no recipient address";

/// Ours, random, and fixed when queued: a retry after a crash carries the same one, so
/// a duplicate (the rare message accepted just before the crash) can be recognised.
fn message_id(composer: &Composer, purpose: Purpose, item: &Wanted) -> String {
    let mut random = [0u8; 8];
    rand::rng().fill_bytes(&mut random);
    let random: String = random.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "<kotae.{}.{}.{}.{random}@{}>",
        purpose.as_code(),
        item.invitation_id,
        item.sequence,
        composer.domain
    )
}

/// A message claimed by a worker: it may send it and must record the outcome under
/// `lease_id`.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub message: outbox_message::Model,
    pub lease_id: String,
    /// The invitation's seed, to put the current personal link in the message.
    pub token_seed: String,
    /// A reminder for a company that has submitted or was paused since it was queued.
    pub no_longer_wanted: bool,
}

/// Claims up to `limit` due messages for `lease`: queued ones whose time has come and
/// ones whose previous claim expired (a worker that died mid-send). On PostgreSQL the
/// rows are locked with SKIP LOCKED so that several instances never claim the same
/// message; SQLite serialises writers, and one instance is assumed there.
pub async fn claim(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease: std::time::Duration,
    limit: u64,
) -> Result<Vec<Claimed>, AppError> {
    let lease_id = new_lease_id();
    let lease_until = now + Duration::from_std(lease).unwrap_or(Duration::minutes(5));
    let queued = DeliveryState::Queued.as_code();
    let sending = DeliveryState::Sending.as_code();
    let mut due = Query::select();
    due.column(outbox_message::Column::Id)
        .from(outbox_message::Entity)
        .cond_where(
            Expr::col(outbox_message::Column::State)
                .eq(queued)
                .and(Expr::col(outbox_message::Column::DueAt).lte(now))
                .or(Expr::col(outbox_message::Column::State)
                    .eq(sending)
                    .and(Expr::col(outbox_message::Column::LeaseUntil).lt(now))),
        )
        .order_by(outbox_message::Column::DueAt, sea_orm::Order::Asc)
        .order_by(outbox_message::Column::Id, sea_orm::Order::Asc)
        .limit(limit);
    if db.get_database_backend() == DbBackend::Postgres {
        due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let update = Query::update()
        .table(outbox_message::Entity)
        .value(outbox_message::Column::State, sending)
        .value(outbox_message::Column::LeaseId, lease_id.clone())
        .value(outbox_message::Column::LeaseUntil, lease_until)
        .value(
            outbox_message::Column::Attempts,
            Expr::col(outbox_message::Column::Attempts).add(1),
        )
        .value(outbox_message::Column::UpdatedAt, now)
        .and_where(Expr::col(outbox_message::Column::Id).in_subquery(due))
        .to_owned();
    let claimed = db.execute(&update).await?.rows_affected();
    if claimed == 0 {
        return Ok(Vec::new());
    }
    let messages = outbox_message::Entity::find()
        .filter(outbox_message::Column::LeaseId.eq(lease_id.clone()))
        .order_by_asc(outbox_message::Column::DueAt)
        .order_by_asc(outbox_message::Column::Id)
        .all(db)
        .await?;
    let invitations: HashMap<i32, invitation::Model> = invitation::Entity::find()
        .filter(invitation::Column::Id.is_in(messages.iter().filter_map(|m| m.invitation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    Ok(messages
        .into_iter()
        .map(|message| {
            let invitation = message.invitation_id.and_then(|id| invitations.get(&id));
            let purpose = Purpose::parse(&message.purpose).unwrap_or(Purpose::Reminder);
            // An officer's digest has no invitation and is always wanted.
            let no_longer_wanted = purpose.is_for_companies()
                && invitation.is_none_or(|inv| {
                    (!purpose.wanted_after_submission() && inv.submitted_at.is_some())
                        || (purpose == Purpose::Reminder && inv.reminders_paused)
                });
            Claimed {
                token_seed: invitation
                    .map(|inv| inv.token_seed.clone())
                    .unwrap_or_default(),
                lease_id: lease_id.clone(),
                message,
                no_longer_wanted,
            }
        })
        .collect())
}

fn new_lease_id() -> String {
    let mut random = [0u8; 16];
    rand::rng().fill_bytes(&mut random);
    random.iter().map(|b| format!("{b:02x}")).collect()
}

/// How a send ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The mail server accepted it; its reply.
    Sent(String),
    /// Worth trying again later (4xx, connection refused, timeout).
    Transient(String),
    /// Will never work as addressed (5xx, an address the server rejects).
    Permanent(String),
    /// Not sent: no longer wanted.
    Cancelled,
}

/// Attempts after which a message that keeps failing transiently is given up on.
pub const MAX_ATTEMPTS: i32 = 8;

/// The wait before attempt `attempts + 1`: one minute, doubling, at most six hours.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    let minutes = Ord::min(1_i64.checked_shl(exponent).unwrap_or(i64::MAX), 360);
    Duration::minutes(minutes)
}

/// Records the outcome of `claimed`, only if its lease is still the current one: a
/// worker whose lease expired (and whose message another worker rescued) must not
/// overwrite the newer attempt. Returns whether it was recorded.
pub async fn record(
    db: &impl ConnectionTrait,
    claimed: &Claimed,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let attempts = claimed.message.attempts;
    let (state, reply, due_at, sent_at) = match outcome {
        Outcome::Sent(reply) => (DeliveryState::Sent, reply.clone(), None, Some(now)),
        Outcome::Cancelled => (DeliveryState::Cancelled, String::new(), None, None),
        Outcome::Permanent(reply) => (DeliveryState::Failed, reply.clone(), None, None),
        Outcome::Transient(reply) if attempts >= MAX_ATTEMPTS => (
            DeliveryState::Failed,
            format!("gave up after {attempts} attempts: {reply}"),
            None,
            None,
        ),
        Outcome::Transient(reply) => (
            DeliveryState::Queued,
            reply.clone(),
            Some(now + backoff(attempts)),
            None,
        ),
    };
    let mut update = Query::update();
    update
        .table(outbox_message::Entity)
        .value(outbox_message::Column::State, state.as_code())
        .value(outbox_message::Column::LastReply, truncate(&reply, 1000))
        .value(outbox_message::Column::LeaseId, Option::<String>::None)
        .value(
            outbox_message::Column::LeaseUntil,
            Option::<DateTime<Utc>>::None,
        )
        .value(outbox_message::Column::UpdatedAt, now)
        .and_where(Expr::col(outbox_message::Column::Id).eq(claimed.message.id))
        .and_where(Expr::col(outbox_message::Column::LeaseId).eq(claimed.lease_id.clone()));
    if let Some(due_at) = due_at {
        update.value(outbox_message::Column::DueAt, due_at);
    }
    if let Some(sent_at) = sent_at {
        update.value(outbox_message::Column::SentAt, sent_at);
    }
    Ok(db.execute(&update).await?.rows_affected() == 1)
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// After a company's contacts changed: its failed messages get the new addresses and
/// go back in the queue (a reminder only while the company has not submitted).
pub async fn readdress(
    txn: &impl ConnectionTrait,
    cc_others: bool,
    company_id: i32,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let failed = outbox_message::Entity::find()
        .filter(outbox_message::Column::CompanyId.eq(company_id))
        .filter(outbox_message::Column::State.eq(DeliveryState::Failed.as_code()))
        .all(txn)
        .await?;
    if failed.is_empty() {
        return Ok(0);
    }
    let contacts = contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(company_id))
        .order_by_asc(contact::Column::Id)
        .all(txn)
        .await?;
    let recipients = Recipients::of(&contacts, cc_others);
    if recipients.is_empty() {
        return Ok(0);
    }
    let mut requeued = 0;
    for row in failed {
        let mut row: outbox_message::ActiveModel = row.into();
        row.to_addresses = Set(recipients::store(&recipients.to));
        row.cc_addresses = Set(recipients::store(&recipients.cc));
        row.state = Set(DeliveryState::Queued.as_code().to_owned());
        row.attempts = Set(0);
        row.due_at = Set(now);
        row.last_reply = Set(String::new());
        row.updated_at = Set(now);
        row.update(txn).await?;
        requeued += 1;
    }
    Ok(requeued)
}

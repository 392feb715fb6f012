//! The review loop of submitted answers. An officer reads a company's response and
//! either returns it for correction (差し戻し) with a comment the company sees on its
//! link and by email, or approves it. A returned response counts as not submitted: it
//! leaves the aggregates, reminders resume, and the company can edit and submit again
//! (after the deadline, it gets [`RETURN_GRACE_DAYS`] more). Every round is kept: each
//! submitted revision, and each decision with its comment.

use crate::api::review_dto::{HistoryEntryDto, ResponseReviewDto};
use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::Answers;
use crate::domain::forms::describe::describe;
use crate::domain::mail::{BusinessCalendar, Purpose};
use crate::domain::{FieldErrors, Problem};
use crate::error::AppError;
use crate::server::entities::{
    campaign, company, event, invitation, officer, response, response_revision, review,
};
use crate::server::services::answering::FormVersionCache;
use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::mail::{Composer, outbox, scheduler};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

/// Days a company has to fix a response returned after its deadline.
pub const RETURN_GRACE_DAYS: i64 = 7;
/// The longest comment an officer can write.
pub const MAX_COMMENT: usize = 2000;

/// What an officer decides about a submitted response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Return,
    Approve,
}

impl Decision {
    pub fn as_code(self) -> &'static str {
        match self {
            Decision::Return => "returned",
            Decision::Approve => "approved",
        }
    }
}

async fn invitation_in(
    db: &impl ConnectionTrait,
    row: &campaign::Model,
    invitation_id: i32,
) -> Result<invitation::Model, AppError> {
    invitation::Entity::find_by_id(invitation_id)
        .filter(invitation::Column::CampaignId.eq(row.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The response of one company as the reviewing officer reads it.
pub async fn page(
    db: &DatabaseConnection,
    versions: &FormVersionCache,
    row: &campaign::Model,
    invitation_id: i32,
    english: bool,
    other: &str,
) -> Result<ResponseReviewDto, AppError> {
    let invitation = invitation_in(db, row, invitation_id).await?;
    let event = event::Entity::find_by_id(row.event_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let company = company::Entity::find_by_id(invitation.company_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation.id))
        .one(db)
        .await?;
    let status = InvitationStatus::parse(&invitation.status).unwrap_or(InvitationStatus::NotOpened);
    let mut history = Vec::new();
    let mut lines = Vec::new();
    let mut revision = None;
    let mut offered = false;
    if let Some(current) = &current {
        let submitted = response_revision::Entity::find()
            .filter(response_revision::Column::ResponseId.eq(current.id))
            .filter(response_revision::Column::State.eq("submitted"))
            .order_by_asc(response_revision::Column::Revision)
            .all(db)
            .await?;
        // The officer reads the last submitted version (a company's later draft is its
        // own until it submits).
        if let Some(last) = submitted.last() {
            let version = versions.get(db, current.form_version_id).await?;
            offered = version
                .definition
                .questions()
                .any(|q| q.id.as_str() == crate::domain::sharing::CONSENT_QUESTION);
            let answers: Answers = serde_json::from_str(&last.answers)
                .map_err(|error| AppError::internal("reading submitted answers", error))?;
            lines = describe(&version.definition, &answers, english, other);
            revision = Some(last.revision);
        }
        history.extend(submitted.iter().map(|s| HistoryEntryDto {
            at: s.saved_at,
            kind: "submitted".to_owned(),
            revision: s.revision,
            comment: String::new(),
            by: company.name.clone(),
        }));
        let decisions = review::Entity::find()
            .filter(review::Column::ResponseId.eq(current.id))
            .order_by_asc(review::Column::Id)
            .all(db)
            .await?;
        let officers: HashMap<i32, String> = officer::Entity::find()
            .filter(officer::Column::Id.is_in(decisions.iter().filter_map(|d| d.officer_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        history.extend(decisions.into_iter().map(|d| {
            HistoryEntryDto {
                at: d.created_at,
                kind: d.decision,
                revision: d.revision,
                comment: d.comment,
                by: d
                    .officer_id
                    .and_then(|id| officers.get(&id).cloned())
                    .unwrap_or_default(),
            }
        }));
    }
    // A revision's submission comes before the decisions on it (even within one second).
    let rank = |entry: &HistoryEntryDto| (entry.revision, entry.kind != "submitted", entry.at);
    history.sort_by_key(rank);
    Ok(ResponseReviewDto {
        event_name: event.name,
        campaign_title: row.title.clone(),
        company_id: company.id,
        company: company.name,
        status,
        revision,
        lines,
        history,
        sharing: super::sharing::state(db, &invitation, offered).await?,
    })
}

/// The officer's comment of the company's last return, while it stands returned: what
/// its answer page shows at the top.
pub async fn open_comment(
    db: &impl ConnectionTrait,
    invitation: &invitation::Model,
) -> Result<Option<String>, AppError> {
    if invitation.status != InvitationStatus::Returned.as_code() {
        return Ok(None);
    }
    Ok(review::Entity::find()
        .filter(review::Column::InvitationId.eq(invitation.id))
        .filter(review::Column::Decision.eq(Decision::Return.as_code()))
        .order_by_desc(review::Column::Id)
        .one(db)
        .await?
        .map(|row| row.comment))
}

/// Returns (with `comment`, required) or approves the response the officer read
/// (`revision`): refused when the company has submitted a newer one since, or when
/// there is nothing submitted to decide on.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    db: &DatabaseConnection,
    composer: &Composer,
    calendar: &BusinessCalendar,
    now: DateTime<Utc>,
    actor: &Actor,
    row: &campaign::Model,
    invitation_id: i32,
    revision: i32,
    decision: Decision,
    comment: &str,
) -> Result<(), AppError> {
    let comment = comment.replace("\r\n", "\n").trim().to_owned();
    if decision == Decision::Return {
        let mut errors = FieldErrors::default();
        if comment.is_empty() {
            errors.push("comment", Problem::Required);
        } else if comment.chars().count() > MAX_COMMENT {
            errors.push("comment", Problem::TooLong { max: MAX_COMMENT });
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
    }
    let txn = db.begin().await?;
    let invitation = invitation_in(&txn, row, invitation_id).await?;
    let status = InvitationStatus::parse(&invitation.status).unwrap_or(InvitationStatus::NotOpened);
    let allowed = match decision {
        Decision::Return => status.counts_as_submitted(),
        Decision::Approve => status == InvitationStatus::Submitted,
    };
    let current = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation.id))
        .one(&txn)
        .await?;
    let Some(current) = current.filter(|r| allowed && r.state == "submitted") else {
        return Err(AppError::field("decision", Problem::NotSubmitted));
    };
    if current.revision != revision {
        return Err(AppError::field("decision", Problem::NewerRevision));
    }
    // Compare and set on the revision read: a resubmission in between wins.
    if decision == Decision::Return {
        let updated = response::Entity::update_many()
            .col_expr(response::Column::State, Expr::value("returned"))
            .col_expr(response::Column::UpdatedAt, Expr::value(now))
            .filter(response::Column::Id.eq(current.id))
            .filter(response::Column::Revision.eq(revision))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(AppError::field("decision", Problem::NewerRevision));
        }
    }
    let mut active: invitation::ActiveModel = invitation.clone().into();
    active.updated_at = Set(now);
    match decision {
        Decision::Return => {
            active.status = Set(InvitationStatus::Returned.as_code().to_owned());
            active.submitted_at = Set(None);
            // Room to fix it when the deadline has passed.
            let closes = invitation
                .extended_until
                .map_or(row.deadline, |until| until.max(row.deadline));
            if closes < now + Duration::days(1) {
                active.extended_until = Set(Some(now + Duration::days(RETURN_GRACE_DAYS)));
            }
        }
        Decision::Approve => {
            active.status = Set(InvitationStatus::Approved.as_code().to_owned());
        }
    }
    let updated = active.update(&txn).await?;
    review::ActiveModel {
        invitation_id: Set(invitation.id),
        response_id: Set(current.id),
        decision: Set(decision.as_code().to_owned()),
        revision: Set(revision),
        comment: Set(comment.clone()),
        officer_id: Set(match actor {
            Actor::Officer { id, .. } => Some(*id),
            _ => None,
        }),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if decision == Decision::Return {
        // Reminders resume on the policy's schedule, and the company is told by email.
        if row.invitations_queued_at.is_some() {
            scheduler::reschedule(&txn, row, &[updated], calendar, now).await?;
        }
        let returns = review::Entity::find()
            .filter(review::Column::InvitationId.eq(invitation.id))
            .filter(review::Column::Decision.eq(Decision::Return.as_code()))
            .all(&txn)
            .await?
            .len();
        outbox::enqueue(
            &txn,
            composer,
            row,
            Purpose::Returned,
            &[outbox::Wanted {
                invitation_id: invitation.id,
                company_id: invitation.company_id,
                sequence: i32::try_from(returns).unwrap_or(i32::MAX),
                receipt: None,
                comment: Some(comment.clone()),
            }],
            now,
            now,
        )
        .await?;
    }
    audit::record(
        &txn,
        now,
        actor,
        match decision {
            Decision::Return => Action::ResponseReturned,
            Decision::Approve => Action::ResponseApproved,
        },
        &format!("campaign {}", row.id),
        json!({
            "invitation": invitation.id,
            "company": invitation.company_id,
            "revision": revision,
            "comment": comment,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

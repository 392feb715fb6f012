//! Saving a company's answers: a draft to finish later, or a submission.
//!
//! Each save names the revision it was based on and carries a key unique to the page
//! that sent it. A save based on an older revision is refused as a conflict (another
//! contact of the company saved in between) unless it carries the key of the save that
//! made the current revision: a double click or a retried request gets the first
//! outcome again instead. (A page that autosaves moves its base revision forward with
//! each save, so its later saves are ordinary updates.) Every
//! submitted revision is kept in `response_revisions`, so nothing submitted is ever
//! overwritten without a trace; drafts replace the working copy only.

use super::{FormVersionCache, Opened, SaveDeps, find, read_answers};
use crate::domain::campaigns::{InvitationStatus, WindowState};
use crate::domain::forms::{Answers, Mode, RawAnswers, Refused};
use crate::domain::mail::Purpose;
use crate::error::AppError;
use crate::server::entities::{invitation, response, response_revision};
use crate::server::services::mail;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, SqlErr,
};

/// The longest idempotency key kept; the page makes 22-character keys.
const SAVE_KEY_MAX: usize = 64;

#[derive(Debug, Clone)]
pub struct SaveRequest {
    pub raw: RawAnswers,
    pub mode: Mode,
    /// The revision the page showed: 0 for a form never saved.
    pub base_revision: i32,
    /// Unique per page view and kept across its retries.
    pub save_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOutcome {
    pub revision: i32,
    pub mode: Mode,
    /// Set for submissions: what the confirmation page shows.
    pub receipt: Option<String>,
    /// Whether this request repeated a save already done.
    pub replayed: bool,
}

#[derive(Debug, Clone)]
pub enum SaveRefusal {
    /// Nothing was saved: the link is unknown or the form is not open.
    Link(AppError),
    NotYetOpen,
    Closed,
    /// Something typed cannot be saved; the posted fields come back.
    Invalid(Refused),
    /// Someone else saved since this page was loaded: their answers and revision.
    Conflict {
        saved: Answers,
        revision: i32,
    },
    /// A draft cannot replace answers already submitted: send them again instead.
    AlreadySubmitted,
}

impl From<AppError> for SaveRefusal {
    fn from(error: AppError) -> Self {
        SaveRefusal::Link(error)
    }
}

impl From<sea_orm::DbErr> for SaveRefusal {
    fn from(error: sea_orm::DbErr) -> Self {
        SaveRefusal::Link(error.into())
    }
}

/// The receipt number of a submitted revision: short enough to read out on the phone.
fn receipt(opened: &Opened, revision: i32) -> String {
    format!(
        "{:03}-{:05}-{revision}",
        opened.campaign.id, opened.invitation.id
    )
}

/// Why [`save_in`] did not save.
pub(super) enum Failure {
    Refused(SaveRefusal),
    /// The first save of this link lost a race with another one: the statement failed,
    /// so the caller rolls back and reads what the other save left.
    Raced,
}

impl<E: Into<SaveRefusal>> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure::Refused(error.into())
    }
}

/// Saves `request` for the link `token` in a transaction of its own: the plain path,
/// one commit per save. The server batches saves instead (see [`super::writer`]).
pub async fn save(
    db: &DatabaseConnection,
    deps: &SaveDeps,
    now: DateTime<Utc>,
    token: &str,
    request: SaveRequest,
) -> Result<SaveOutcome, SaveRefusal> {
    let txn = super::begin_write(db).await?;
    match save_in(&txn, deps, now, token, request).await {
        Ok(outcome) => {
            txn.commit().await?;
            Ok(outcome)
        }
        Err(Failure::Refused(refusal)) => Err(refusal),
        Err(Failure::Raced) => {
            drop(txn);
            Err(conflict_after_race(db, &deps.versions, token).await)
        }
    }
}

/// The work of one save on `conn` (a transaction or a savepoint), which the caller
/// commits or rolls back.
pub(super) async fn save_in(
    conn: &impl ConnectionTrait,
    deps: &SaveDeps,
    now: DateTime<Utc>,
    token: &str,
    request: SaveRequest,
) -> Result<SaveOutcome, Failure> {
    let opened = find(conn, &deps.versions, token).await?;
    match opened.window().state(now) {
        WindowState::NotYetOpen => return Err(Failure::Refused(SaveRefusal::NotYetOpen)),
        WindowState::Closed => return Err(Failure::Refused(SaveRefusal::Closed)),
        WindowState::Open => {}
    }
    let answers = Answers::parse(&opened.version.definition, request.raw, request.mode)
        .map_err(|refused| Failure::Refused(SaveRefusal::Invalid(refused)))?;
    let key: String = request.save_key.chars().take(SAVE_KEY_MAX).collect();
    let json = serde_json::to_string(&answers)
        .map_err(|error| AppError::internal("answers to JSON", error))?;
    let submitting = request.mode == Mode::Submit;

    let (response_id, outcome) = match &opened.response {
        None => {
            if request.base_revision != 0 {
                return Err(Failure::Refused(SaveRefusal::Conflict {
                    saved: Answers::default(),
                    revision: 0,
                }));
            }
            let receipt = submitting.then(|| receipt(&opened, 1));
            let row = response::ActiveModel {
                invitation_id: Set(opened.invitation.id),
                form_version_id: Set(opened.version.row.id),
                state: Set(state_code(request.mode).to_owned()),
                revision: Set(1),
                answers: Set(json.clone()),
                last_save_key: Set(key),
                receipt: Set(receipt.clone()),
                submitted_at: Set(submitting.then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            };
            // A concurrent first save of the same link fails here on the unique
            // invitation: the transaction is rolled back and the page asked to reload.
            let row = match row.insert(conn).await {
                Ok(row) => row,
                // Only a unique violation means another save of this link came first; any
                // other failure (SQLite refusing a write it cannot order) is the database's.
                Err(error)
                    if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) =>
                {
                    tracing::warn!(%error, "first save of a response lost a race");
                    return Err(Failure::Raced);
                }
                Err(error) => return Err(error.into()),
            };
            (
                row.id,
                SaveOutcome {
                    revision: row.revision,
                    mode: request.mode,
                    receipt,
                    replayed: false,
                },
            )
        }
        Some(current) => {
            let same_page = !key.is_empty() && current.last_save_key == key;
            if current.revision != request.base_revision {
                // Based on an older revision. If this page made the current one, it has
                // seen those answers: an identical request is a repeat (a double click,
                // a retry) and gets the first outcome again; a different one (a submit
                // sent while its autosave was in flight) goes on top of it. Any other
                // save would overwrite answers it has not seen.
                if same_page {
                    if current.answers == json && mode_of(&current.state) == request.mode {
                        return Ok(SaveOutcome {
                            revision: current.revision,
                            mode: request.mode,
                            receipt: current.receipt.clone(),
                            replayed: true,
                        });
                    }
                } else {
                    return Err(Failure::Refused(SaveRefusal::Conflict {
                        saved: read_answers(&current.answers)?,
                        revision: current.revision,
                    }));
                }
            }
            let already_submitted = mode_of(&current.state) == Mode::Submit;
            if already_submitted && !submitting {
                return Err(Failure::Refused(SaveRefusal::AlreadySubmitted));
            }
            let revision = current.revision + 1;
            let receipt = if submitting {
                Some(receipt(&opened, revision))
            } else {
                current.receipt.clone()
            };
            // Compare and set: of two saves based on the same revision, one wins.
            let updated = response::Entity::update_many()
                .col_expr(response::Column::Revision, Expr::value(revision))
                .col_expr(
                    response::Column::State,
                    Expr::value(state_code(if already_submitted {
                        Mode::Submit
                    } else {
                        request.mode
                    })),
                )
                .col_expr(response::Column::Answers, Expr::value(json.clone()))
                .col_expr(response::Column::LastSaveKey, Expr::value(key))
                .col_expr(response::Column::Receipt, Expr::value(receipt.clone()))
                .col_expr(
                    response::Column::SubmittedAt,
                    Expr::value(if submitting {
                        Some(now)
                    } else {
                        current.submitted_at
                    }),
                )
                .col_expr(response::Column::UpdatedAt, Expr::value(now))
                .filter(response::Column::Id.eq(current.id))
                .filter(response::Column::Revision.eq(current.revision))
                .exec(conn)
                .await?;
            if updated.rows_affected != 1 {
                return Err(Failure::Raced);
            }
            (
                current.id,
                SaveOutcome {
                    revision,
                    mode: request.mode,
                    receipt,
                    replayed: false,
                },
            )
        }
    };
    if submitting {
        response_revision::ActiveModel {
            response_id: Set(response_id),
            revision: Set(outcome.revision),
            state: Set(state_code(Mode::Submit).to_owned()),
            answers: Set(json),
            receipt: Set(outcome.receipt.clone()),
            saved_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    let status = opened.status().advance(if submitting {
        InvitationStatus::Submitted
    } else {
        InvitationStatus::Draft
    });
    let mut invitation_row: invitation::ActiveModel = opened.invitation.clone().into();
    invitation_row.status = Set(status.as_code().to_owned());
    if opened.invitation.opened_at.is_none() {
        invitation_row.opened_at = Set(Some(now));
    }
    if submitting {
        invitation_row.submitted_at = Set(Some(now));
    }
    invitation_row.updated_at = Set(now);
    invitation_row.update(conn).await?;
    if submitting {
        // The receipt by email, queued with the submission it confirms: one per
        // submitted revision, so a replayed request queues nothing new.
        let companies = std::collections::HashMap::from([(
            opened.invitation.company_id,
            opened.company.clone(),
        )]);
        mail::outbox::enqueue_known(
            conn,
            &deps.composer,
            &opened.campaign,
            &mail::outbox::Known {
                event: &opened.event,
                companies: &companies,
            },
            Purpose::Receipt,
            &[mail::outbox::Wanted {
                invitation_id: opened.invitation.id,
                company_id: opened.invitation.company_id,
                sequence: outcome.revision,
                receipt: outcome.receipt.clone(),
                comment: None,
            }],
            now,
            now,
        )
        .await?;
    }
    Ok(outcome)
}

/// After losing a race with another save: what is saved now.
pub(super) async fn conflict_after_race(
    db: &impl ConnectionTrait,
    versions: &FormVersionCache,
    token: &str,
) -> SaveRefusal {
    match find(db, versions, token).await {
        Ok(opened) => match opened.answers() {
            Ok(saved) => SaveRefusal::Conflict {
                saved,
                revision: opened.revision(),
            },
            Err(error) => SaveRefusal::Link(error),
        },
        Err(error) => SaveRefusal::Link(error),
    }
}

fn state_code(mode: Mode) -> &'static str {
    match mode {
        Mode::Draft => "draft",
        Mode::Submit => "submitted",
    }
}

fn mode_of(state: &str) -> Mode {
    if state == "submitted" {
        Mode::Submit
    } else {
        Mode::Draft
    }
}

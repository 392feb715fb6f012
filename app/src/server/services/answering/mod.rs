//! A company answering through its personal link: finding the invitation of a token,
//! noting that the link was opened, and saving drafts and submissions (see [`save`]).

mod save;
mod writer;

pub use save::{SaveOutcome, SaveRefusal, SaveRequest, save};
pub use writer::SaveQueue;

use super::forms::{self, Version};
use crate::domain::campaigns::{AnswerWindow, InvitationStatus};
use crate::domain::forms::Answers;
use crate::error::AppError;
use crate::server::entities::{campaign, company, event, invitation, response};
use crate::server::links::token_hash;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Everything the answer page shows for one link.
#[derive(Debug, Clone)]
pub struct Opened {
    pub invitation: invitation::Model,
    pub campaign: campaign::Model,
    pub company: String,
    pub event: String,
    pub version: Version,
    pub response: Option<response::Model>,
}

impl Opened {
    pub fn window(&self) -> AnswerWindow {
        AnswerWindow {
            opens_at: self.campaign.opens_at,
            deadline: self.campaign.deadline,
            extended_until: self.invitation.extended_until,
        }
    }

    /// The saved answers (the working copy), or none yet.
    pub fn answers(&self) -> Result<Answers, AppError> {
        match &self.response {
            None => Ok(Answers::default()),
            Some(row) => read_answers(&row.answers),
        }
    }

    /// The revision a new save must be based on: 0 before the first save.
    pub fn revision(&self) -> i32 {
        self.response.as_ref().map_or(0, |row| row.revision)
    }

    pub fn status(&self) -> InvitationStatus {
        InvitationStatus::parse(&self.invitation.status).unwrap_or(InvitationStatus::NotOpened)
    }
}

/// A transaction that writes: on SQLite it takes the write lock at `BEGIN` (waiting
/// with the busy timeout), because a deferred transaction that read first and then
/// writes fails at once with `SQLITE_BUSY_SNAPSHOT` when another connection wrote in
/// between (a link being opened, say). PostgreSQL ignores the option.
pub(crate) async fn begin_write(
    db: &DatabaseConnection,
) -> Result<DatabaseTransaction, sea_orm::DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

pub(crate) fn read_answers(json: &str) -> Result<Answers, AppError> {
    serde_json::from_str(json).map_err(|error| AppError::internal("stored answers", error))
}

/// The invitation of a token, or `NotFound` for a token that is malformed, unknown or
/// replaced by a newer link.
pub async fn find(db: &impl ConnectionTrait, token: &str) -> Result<Opened, AppError> {
    let hash = token_hash(token).ok_or(AppError::NotFound)?;
    let invitation = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(hash))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let campaign = campaign::Entity::find_by_id(invitation.campaign_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if campaign.archived {
        return Err(AppError::NotFound);
    }
    let company = company::Entity::find_by_id(invitation.company_id)
        .one(db)
        .await?
        .map(|row| row.name)
        .unwrap_or_default();
    let event = event::Entity::find_by_id(campaign.event_id)
        .one(db)
        .await?
        .map(|row| row.name)
        .unwrap_or_default();
    let version = forms::version(db, campaign.form_version_id).await?;
    let response = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation.id))
        .one(db)
        .await?;
    Ok(Opened {
        invitation,
        campaign,
        company,
        event,
        version,
        response,
    })
}

/// [`find`], and the first time a link is opened, notes it for the completion board.
/// Later views write nothing.
pub async fn open(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    token: &str,
) -> Result<Opened, AppError> {
    let mut opened = find(db, token).await?;
    if opened.status() == InvitationStatus::NotOpened {
        // Conditional, so a view racing a first save never moves the status back.
        invitation::Entity::update_many()
            .col_expr(
                invitation::Column::Status,
                Expr::value(InvitationStatus::Opened.as_code()),
            )
            .col_expr(invitation::Column::OpenedAt, Expr::value(now))
            .filter(invitation::Column::Id.eq(opened.invitation.id))
            .filter(invitation::Column::Status.eq(InvitationStatus::NotOpened.as_code()))
            .exec(db)
            .await?;
        opened.invitation.status = InvitationStatus::Opened.as_code().to_owned();
        opened.invitation.opened_at = Some(now);
    }
    Ok(opened)
}

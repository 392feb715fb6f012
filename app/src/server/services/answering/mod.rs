//! A company answering through its personal link: finding the invitation of a token,
//! noting that the link was opened, and saving drafts and submissions (see [`save`]).

mod save;
mod versions;
mod writer;

pub use save::{SaveOutcome, SaveRefusal, SaveRequest, save};
pub use versions::FormVersionCache;
pub use writer::SaveQueue;

/// What a save needs besides the database: the published form versions and the
/// composer of the receipt it queues.
#[derive(Debug, Clone)]
pub struct SaveDeps {
    pub versions: FormVersionCache,
    pub composer: super::mail::Composer,
}

use super::forms::Version;
use crate::domain::campaigns::{AnswerWindow, InvitationStatus};
use crate::domain::forms::Answers;
use crate::error::AppError;
use crate::server::entities::{campaign, company, event, invitation, response};
use crate::server::links::token_hash;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DerivePartialModel,
    EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait, SelectModel, Selector,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::sync::Arc;

/// Everything the answer page shows for one link.
#[derive(Debug, Clone)]
pub struct Opened {
    pub invitation: invitation::Model,
    pub campaign: campaign::Model,
    pub company: String,
    pub event: String,
    /// Shared with the cache of published versions.
    pub version: Arc<Version>,
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

/// The row [`find`] reads: an invitation with its campaign, the names it shows and the
/// saved answers, in one query. The foreign keys (`RESTRICT`) guarantee the campaign,
/// company and event; the response may not exist yet.
#[derive(DerivePartialModel)]
#[sea_orm(entity = "invitation::Entity")]
struct Found {
    #[sea_orm(nested)]
    invitation: invitation::Model,
    #[sea_orm(nested)]
    campaign: campaign::Model,
    #[sea_orm(from_expr = "company::Column::Name")]
    company: String,
    #[sea_orm(from_expr = "event::Column::Name")]
    event: String,
    #[sea_orm(nested)]
    response: Option<response::Model>,
}

/// The one query of [`find`].
fn by_token_hash(hash: String) -> Selector<SelectModel<Found>> {
    invitation::Entity::find()
        .inner_join(campaign::Entity)
        .inner_join(company::Entity)
        .join(JoinType::InnerJoin, campaign::Relation::Event.def())
        .left_join(response::Entity)
        .filter(invitation::Column::TokenHash.eq(hash))
        .into_partial_model()
}

/// The invitation of a token, or `NotFound` for a token that is malformed, unknown or
/// replaced by a newer link, or whose campaign is archived.
pub async fn find(
    db: &impl ConnectionTrait,
    versions: &FormVersionCache,
    token: &str,
) -> Result<Opened, AppError> {
    let hash = token_hash(token).ok_or(AppError::NotFound)?;
    let found = by_token_hash(hash)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if found.campaign.archived {
        return Err(AppError::NotFound);
    }
    let version = versions.get(db, found.campaign.form_version_id).await?;
    Ok(Opened {
        invitation: found.invitation,
        campaign: found.campaign,
        company: found.company,
        event: found.event,
        version,
        response: found.response,
    })
}

/// [`find`], and the first time a link is opened, notes it for the completion board.
/// Later views write nothing.
pub async fn open(
    db: &impl ConnectionTrait,
    versions: &FormVersionCache,
    now: DateTime<Utc>,
    token: &str,
) -> Result<Opened, AppError> {
    let mut opened = find(db, versions, token).await?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::DbBackend;

    /// A view or a save reads its link in one statement, the same on both databases.
    #[test]
    fn a_link_is_read_in_one_query() {
        for backend in [DbBackend::Sqlite, DbBackend::Postgres] {
            let sql = by_token_hash("ab".repeat(32))
                .into_statement(backend)
                .to_string();
            let joins = [
                r#"FROM "invitations" INNER JOIN "campaigns" ON "invitations"."campaign_id" = "campaigns"."id""#,
                r#"INNER JOIN "companies" ON "invitations"."company_id" = "companies"."id""#,
                r#"INNER JOIN "events" ON "campaigns"."event_id" = "events"."id""#,
                r#"LEFT JOIN "responses" ON "invitations"."id" = "responses"."invitation_id""#,
                r#"WHERE "invitations"."token_hash" = "#,
            ];
            for part in joins {
                assert!(sql.contains(part), "{backend:?}: {part} in {sql}");
            }
        }
    }
}

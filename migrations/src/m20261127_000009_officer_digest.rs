//! The officers' daily digest goes through the outbox like every other email, but it
//! belongs to an officer, not to a company's invitation: the outbox's invitation,
//! campaign and company become optional, it gains `officer_id`, and a digest is unique
//! per officer, purpose and sequence (the day), as a company's message is per
//! invitation. SQLite cannot drop NOT NULL from a column, so there the table is rebuilt
//! (nothing refers to it); PostgreSQL alters it in place.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on SQLite too (sea-orm-migration runs SQLite migrations without
    /// one by default): the copy, drop and rename happen on one connection, and a crash
    /// midway leaves the old table as it was.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                manager.create_table(outbox_table(Outbox::Rebuilt)).await?;
                db.execute_unprepared(&format!(
                    "INSERT INTO outbox_messages_rebuilt ({COLUMNS}) \
                     SELECT {COLUMNS} FROM outbox_messages"
                ))
                .await?;
                manager
                    .drop_table(Table::drop().table(Outbox::Table).to_owned())
                    .await?;
                manager
                    .rename_table(
                        Table::rename()
                            .table(Outbox::Rebuilt, Outbox::Table)
                            .to_owned(),
                    )
                    .await?;
                create_indexes(manager).await?;
            }
            _ => {
                for column in [Outbox::InvitationId, Outbox::CampaignId, Outbox::CompanyId] {
                    manager
                        .alter_table(
                            Table::alter()
                                .table(Outbox::Table)
                                .modify_column(ColumnDef::new(column).integer().null())
                                .to_owned(),
                        )
                        .await?;
                }
                manager
                    .alter_table(
                        Table::alter()
                            .table(Outbox::Table)
                            .add_column(integer_null(Outbox::OfficerId))
                            .add_foreign_key(
                                TableForeignKey::new()
                                    .name("fk_outbox_officer")
                                    .from_tbl(Outbox::Table)
                                    .from_col(Outbox::OfficerId)
                                    .to_tbl(Officers::Table)
                                    .to_col(Officers::Id)
                                    .on_delete(ForeignKeyAction::Restrict)
                                    .on_update(ForeignKeyAction::Restrict),
                            )
                            .to_owned(),
                    )
                    .await?;
                manager.create_index(digest_index()).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Digests have no invitation; they cannot go back into the old table.
        Err(DbErr::Migration(
            "the officer digest migration cannot be undone".to_owned(),
        ))
    }
}

/// Every column of the outbox before this migration, to copy on SQLite.
const COLUMNS: &str = "id, invitation_id, campaign_id, company_id, purpose, sequence, \
    language, to_addresses, cc_addresses, subject, body_text, body_html, message_id, state, \
    due_at, attempts, lease_id, lease_until, last_reply, sent_at, created_at, updated_at";

fn outbox_table(name: Outbox) -> TableCreateStatement {
    Table::create()
        .table(name)
        .col(pk_auto(Outbox::Id))
        .col(integer_null(Outbox::InvitationId))
        .col(integer_null(Outbox::CampaignId))
        .col(integer_null(Outbox::CompanyId))
        .col(string_len(Outbox::Purpose, 20))
        .col(integer(Outbox::Sequence))
        .col(string_len(Outbox::Language, 8))
        .col(text(Outbox::ToAddresses))
        .col(text(Outbox::CcAddresses))
        .col(text(Outbox::Subject))
        .col(text(Outbox::BodyText))
        .col(text(Outbox::BodyHtml))
        .col(string_len(Outbox::MessageId, 200))
        .col(string_len(Outbox::State, 20))
        .col(timestamp_with_time_zone(Outbox::DueAt))
        .col(integer(Outbox::Attempts).default(0))
        .col(string_len_null(Outbox::LeaseId, 64))
        .col(timestamp_with_time_zone_null(Outbox::LeaseUntil))
        .col(text(Outbox::LastReply).default(""))
        .col(timestamp_with_time_zone_null(Outbox::SentAt))
        .col(timestamp_with_time_zone(Outbox::CreatedAt))
        .col(timestamp_with_time_zone(Outbox::UpdatedAt))
        .col(integer_null(Outbox::OfficerId))
        .foreign_key(&mut restrict(
            "fk_outbox_invitation",
            Outbox::InvitationId,
            Invitations::Table,
            Invitations::Id,
        ))
        .foreign_key(&mut restrict(
            "fk_outbox_campaign",
            Outbox::CampaignId,
            Campaigns::Table,
            Campaigns::Id,
        ))
        .foreign_key(&mut restrict(
            "fk_outbox_officer",
            Outbox::OfficerId,
            Officers::Table,
            Officers::Id,
        ))
        .to_owned()
}

async fn create_indexes(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_index(
            Index::create()
                .name("idx_outbox_once")
                .table(Outbox::Table)
                .col(Outbox::InvitationId)
                .col(Outbox::Purpose)
                .col(Outbox::Sequence)
                .unique()
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_outbox_due")
                .table(Outbox::Table)
                .col(Outbox::State)
                .col(Outbox::DueAt)
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idx_outbox_campaign")
                .table(Outbox::Table)
                .col(Outbox::CampaignId)
                .to_owned(),
        )
        .await?;
    manager.create_index(digest_index()).await
}

/// One digest per officer and day (the sequence), as one message per invitation.
fn digest_index() -> IndexCreateStatement {
    Index::create()
        .name("idx_outbox_digest_once")
        .table(Outbox::Table)
        .col(Outbox::OfficerId)
        .col(Outbox::Purpose)
        .col(Outbox::Sequence)
        .unique()
        .to_owned()
}

fn restrict(
    name: &str,
    from: Outbox,
    table: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(Outbox::Table, from)
        .to(table, to)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .to_owned()
}

#[derive(DeriveIden)]
enum Outbox {
    #[sea_orm(iden = "outbox_messages")]
    Table,
    #[sea_orm(iden = "outbox_messages_rebuilt")]
    Rebuilt,
    Id,
    InvitationId,
    CampaignId,
    CompanyId,
    OfficerId,
    Purpose,
    Sequence,
    Language,
    ToAddresses,
    CcAddresses,
    Subject,
    BodyText,
    BodyHtml,
    MessageId,
    State,
    DueAt,
    Attempts,
    LeaseId,
    LeaseUntil,
    LastReply,
    SentAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Campaigns {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Officers {
    Table,
    Id,
}

//! Email: the outbox (one row per message, written in the transaction that decides to
//! send it, unique per invitation, purpose and sequence so it can never be queued
//! twice), each campaign's reminder policy and whether its invitations were queued, and
//! each invitation's reminder marker (the next due time, how many were queued, paused).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessages::Table)
                    .if_not_exists()
                    .col(pk_auto(OutboxMessages::Id))
                    .col(integer(OutboxMessages::InvitationId))
                    .col(integer(OutboxMessages::CampaignId))
                    .col(integer(OutboxMessages::CompanyId))
                    .col(string_len(OutboxMessages::Purpose, 20))
                    .col(integer(OutboxMessages::Sequence))
                    .col(string_len(OutboxMessages::Language, 8))
                    // Comma-separated addresses; names are looked up when rendered.
                    .col(text(OutboxMessages::ToAddresses))
                    .col(text(OutboxMessages::CcAddresses))
                    .col(text(OutboxMessages::Subject))
                    // Bodies hold a placeholder for the personal link, so the database
                    // never holds a token; the worker puts the current link in.
                    .col(text(OutboxMessages::BodyText))
                    .col(text(OutboxMessages::BodyHtml))
                    .col(string_len(OutboxMessages::MessageId, 200))
                    .col(string_len(OutboxMessages::State, 20))
                    .col(timestamp_with_time_zone(OutboxMessages::DueAt))
                    .col(integer(OutboxMessages::Attempts).default(0))
                    .col(string_len_null(OutboxMessages::LeaseId, 64))
                    .col(timestamp_with_time_zone_null(OutboxMessages::LeaseUntil))
                    .col(text(OutboxMessages::LastReply).default(""))
                    .col(timestamp_with_time_zone_null(OutboxMessages::SentAt))
                    .col(timestamp_with_time_zone(OutboxMessages::CreatedAt))
                    .col(timestamp_with_time_zone(OutboxMessages::UpdatedAt))
                    .foreign_key(&mut restrict(
                        "fk_outbox_invitation",
                        OutboxMessages::InvitationId,
                        Invitations::Table,
                        Invitations::Id,
                    ))
                    .foreign_key(&mut restrict(
                        "fk_outbox_campaign",
                        OutboxMessages::CampaignId,
                        Campaigns::Table,
                        Campaigns::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_once")
                    .table(OutboxMessages::Table)
                    .col(OutboxMessages::InvitationId)
                    .col(OutboxMessages::Purpose)
                    .col(OutboxMessages::Sequence)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(OutboxMessages::Table)
                    .col(OutboxMessages::State)
                    .col(OutboxMessages::DueAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_campaign")
                    .table(OutboxMessages::Table)
                    .col(OutboxMessages::CampaignId)
                    .to_owned(),
            )
            .await?;

        // SQLite adds one column per statement.
        for column in [
            string_len(Campaigns::ReminderPolicy, 400)
                .default("")
                .to_owned(),
            timestamp_with_time_zone_null(Campaigns::InvitationsQueuedAt).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Campaigns::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            timestamp_with_time_zone_null(Invitations::NextReminderAt).to_owned(),
            integer(Invitations::RemindersQueued).default(0).to_owned(),
            boolean(Invitations::RemindersPaused)
                .default(false)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Invitations::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_invitations_next_reminder")
                    .table(Invitations::Table)
                    .col(Invitations::NextReminderAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_invitations_next_reminder")
                    .table(Invitations::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Invitations::NextReminderAt,
            Invitations::RemindersQueued,
            Invitations::RemindersPaused,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Invitations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [Campaigns::ReminderPolicy, Campaigns::InvitationsQueuedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Campaigns::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(OutboxMessages::Table).to_owned())
            .await
    }
}

fn restrict(
    name: &str,
    from: OutboxMessages,
    table: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(OutboxMessages::Table, from)
        .to(table, to)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .to_owned()
}

#[derive(DeriveIden, Clone, Copy)]
enum OutboxMessages {
    Table,
    Id,
    InvitationId,
    CampaignId,
    CompanyId,
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
enum Campaigns {
    Table,
    Id,
    ReminderPolicy,
    InvitationsQueuedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    NextReminderAt,
    RemindersQueued,
    RemindersPaused,
}

//! A campaign's own wording of its messages: one subject and plain-text body per kind of
//! message (invitation, reminder, receipt) and language. Without a row, the built-in
//! template is used.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MailTemplates::Table)
                    .if_not_exists()
                    .col(pk_auto(MailTemplates::Id))
                    .col(integer(MailTemplates::CampaignId))
                    .col(string_len(MailTemplates::Purpose, 20))
                    .col(string_len(MailTemplates::Language, 8))
                    .col(text(MailTemplates::Subject))
                    .col(text(MailTemplates::Body))
                    .col(integer_null(MailTemplates::UpdatedBy))
                    .col(timestamp_with_time_zone(MailTemplates::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mail_templates_campaign")
                            .from(MailTemplates::Table, MailTemplates::CampaignId)
                            .to(Campaigns::Table, Campaigns::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mail_templates_once")
                    .table(MailTemplates::Table)
                    .col(MailTemplates::CampaignId)
                    .col(MailTemplates::Purpose)
                    .col(MailTemplates::Language)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MailTemplates::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum MailTemplates {
    Table,
    Id,
    CampaignId,
    Purpose,
    Language,
    Subject,
    Body,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Campaigns {
    Table,
    Id,
}

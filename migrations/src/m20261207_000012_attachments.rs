//! Files companies attach to their answers (the seminar report's 資料). The bytes live on
//! disk, named by their sha-256; a row says whose file it is (the invitation, so a draft
//! keeps its files across saves), for which question, and what it is: the name the
//! browser sent, the size and the type found in the content.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .if_not_exists()
                    .col(pk_auto(Attachments::Id))
                    .col(integer(Attachments::InvitationId))
                    .col(string_len(Attachments::QuestionId, 64))
                    .col(string_len(Attachments::Name, 255))
                    .col(big_integer(Attachments::Size))
                    .col(string_len(Attachments::Mime, 128))
                    .col(string_len(Attachments::Sha256, 64))
                    .col(timestamp_with_time_zone(Attachments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachments_invitation")
                            .from(Attachments::Table, Attachments::InvitationId)
                            .to(Invitations::Table, Invitations::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attachments_invitation")
                    .table(Attachments::Table)
                    .col(Attachments::InvitationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Attachments::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    InvitationId,
    QuestionId,
    Name,
    Size,
    Mime,
    Sha256,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
}

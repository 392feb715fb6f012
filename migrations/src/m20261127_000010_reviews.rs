//! The review loop of submitted answers: an officer returns a response for correction
//! (差し戻し, with a comment the company sees) or approves it. Each decision is a row, so
//! the response's history (submitted, returned with comment, resubmitted, approved) is
//! kept in full beside its revisions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Reviews::Table)
                    .if_not_exists()
                    .col(pk_auto(Reviews::Id))
                    .col(integer(Reviews::InvitationId))
                    .col(integer(Reviews::ResponseId))
                    // `returned` or `approved`.
                    .col(string_len(Reviews::Decision, 20))
                    // The revision the officer read.
                    .col(integer(Reviews::Revision))
                    .col(text(Reviews::Comment))
                    .col(integer_null(Reviews::OfficerId))
                    .col(timestamp_with_time_zone(Reviews::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reviews_invitation")
                            .from(Reviews::Table, Reviews::InvitationId)
                            .to(Invitations::Table, Invitations::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reviews_response")
                            .from(Reviews::Table, Reviews::ResponseId)
                            .to(Responses::Table, Responses::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reviews_invitation")
                    .table(Reviews::Table)
                    .col(Reviews::InvitationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Reviews::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Reviews {
    Table,
    Id,
    InvitationId,
    ResponseId,
    Decision,
    Revision,
    Comment,
    OfficerId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    Id,
}

//! Seminar reports shared with the other participating companies: one row per company's
//! response, naming the approved revision that is shared. Withdrawing keeps the row (and
//! who withdrew it when); a newer submission hides it until an officer shares again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SharedReports::Table)
                    .if_not_exists()
                    .col(pk_auto(SharedReports::Id))
                    .col(integer_uniq(SharedReports::InvitationId))
                    .col(integer(SharedReports::ResponseId))
                    .col(integer(SharedReports::Revision))
                    .col(integer(SharedReports::EventId))
                    .col(integer(SharedReports::CampaignId))
                    .col(integer(SharedReports::CompanyId))
                    .col(timestamp_with_time_zone(SharedReports::SharedAt))
                    .col(integer_null(SharedReports::SharedBy))
                    .col(timestamp_with_time_zone_null(SharedReports::WithdrawnAt))
                    .col(integer_null(SharedReports::WithdrawnBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shared_reports_invitation")
                            .from(SharedReports::Table, SharedReports::InvitationId)
                            .to(Invitations::Table, Invitations::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_shared_reports_response")
                            .from(SharedReports::Table, SharedReports::ResponseId)
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
                    .name("idx_shared_reports_event")
                    .table(SharedReports::Table)
                    .col(SharedReports::EventId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SharedReports::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SharedReports {
    Table,
    Id,
    InvitationId,
    ResponseId,
    Revision,
    EventId,
    CampaignId,
    CompanyId,
    SharedAt,
    SharedBy,
    WithdrawnAt,
    WithdrawnBy,
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

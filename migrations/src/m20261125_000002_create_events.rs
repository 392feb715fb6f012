use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .if_not_exists()
                    .col(pk_auto(Events::Id))
                    .col(string_len(Events::Name, 200))
                    .col(string_len(Events::Kind, 32))
                    .col(string_len(Events::Venue, 200))
                    .col(date(Events::StartDate))
                    .col(date(Events::EndDate))
                    .col(integer(Events::FiscalYear))
                    .col(text(Events::Notes))
                    .col(timestamp_with_time_zone_null(Events::ArchivedAt))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .col(timestamp_with_time_zone(Events::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_events_fiscal_year")
                    .table(Events::Table)
                    .col(Events::FiscalYear)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Events::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    Name,
    Kind,
    Venue,
    StartDate,
    EndDate,
    FiscalYear,
    Notes,
    ArchivedAt,
    CreatedAt,
    UpdatedAt,
}

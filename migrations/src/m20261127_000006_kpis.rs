//! KPIs of the programme: a measure with a baseline, and for each fiscal year a target
//! and (for KPIs typed by hand) an actual value. Values are kept as exact decimal text
//! (`1234.5`), the same on SQLite and PostgreSQL. Years restrict deletion of their KPI.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Kpis::Table)
                    .if_not_exists()
                    .col(pk_auto(Kpis::Id))
                    .col(string_len(Kpis::Name, 100))
                    .col(string_len(Kpis::Unit, 20).default(""))
                    // `question` (the sum of a number question) or `manual`.
                    .col(string_len(Kpis::Source, 20))
                    .col(string_len(Kpis::QuestionId, 64).default(""))
                    .col(string_len_null(Kpis::Baseline, 40))
                    .col(timestamp_with_time_zone(Kpis::CreatedAt))
                    .col(timestamp_with_time_zone(Kpis::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiYears::Table)
                    .if_not_exists()
                    .col(pk_auto(KpiYears::Id))
                    .col(integer(KpiYears::KpiId))
                    .col(integer(KpiYears::FiscalYear))
                    .col(string_len_null(KpiYears::Target, 40))
                    .col(string_len_null(KpiYears::Actual, 40))
                    .col(timestamp_with_time_zone(KpiYears::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_kpi_years_kpi")
                            .from(KpiYears::Table, KpiYears::KpiId)
                            .to(Kpis::Table, Kpis::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_kpi_years_kpi_year")
                    .table(KpiYears::Table)
                    .col(KpiYears::KpiId)
                    .col(KpiYears::FiscalYear)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(KpiYears::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Kpis::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Kpis {
    Table,
    Id,
    Name,
    Unit,
    Source,
    QuestionId,
    Baseline,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum KpiYears {
    Table,
    Id,
    KpiId,
    FiscalYear,
    Target,
    Actual,
    UpdatedAt,
}

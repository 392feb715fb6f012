//! The roster: companies, their contacts, and which company exhibits at which event.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Companies::Table)
                    .if_not_exists()
                    .col(pk_auto(Companies::Id))
                    .col(string_len(Companies::Name, 200))
                    .col(string_len(Companies::NameKana, 200).default(""))
                    // 法人番号: optional, but one company per number.
                    .col(string_len_null(Companies::CorporateNumber, 13).unique_key())
                    .col(string_len(Companies::Industry, 100).default(""))
                    .col(string_len(Companies::Address, 300).default(""))
                    // 地域未来牽引企業
                    .col(boolean(Companies::RegionalLeader).default(false))
                    .col(timestamp_with_time_zone(Companies::CreatedAt))
                    .col(timestamp_with_time_zone(Companies::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Contacts::Table)
                    .if_not_exists()
                    .col(pk_auto(Contacts::Id))
                    .col(integer(Contacts::CompanyId))
                    .col(string_len(Contacts::Name, 100).default(""))
                    .col(string_len(Contacts::Department, 100).default(""))
                    .col(string_len(Contacts::Email, 254))
                    .col(string_len(Contacts::Phone, 40).default(""))
                    .col(boolean(Contacts::IsPrimary).default(false))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contacts_company")
                            .from(Contacts::Table, Contacts::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contacts_company_email")
                    .table(Contacts::Table)
                    .col(Contacts::CompanyId)
                    .col(Contacts::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Participations::Table)
                    .if_not_exists()
                    .col(pk_auto(Participations::Id))
                    .col(integer(Participations::EventId))
                    .col(integer(Participations::CompanyId))
                    .col(string_len(Participations::Booth, 40).default(""))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_participations_event")
                            .from(Participations::Table, Participations::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_participations_company")
                            .from(Participations::Table, Participations::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_participations_event_company")
                    .table(Participations::Table)
                    .col(Participations::EventId)
                    .col(Participations::CompanyId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Participations::Table.into_iden(),
            Contacts::Table.into_iden(),
            Companies::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    Name,
    NameKana,
    CorporateNumber,
    Industry,
    Address,
    RegionalLeader,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Contacts {
    Table,
    Id,
    CompanyId,
    Name,
    Department,
    Email,
    Phone,
    IsPrimary,
}

#[derive(DeriveIden)]
enum Participations {
    Table,
    Id,
    EventId,
    CompanyId,
    Booth,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

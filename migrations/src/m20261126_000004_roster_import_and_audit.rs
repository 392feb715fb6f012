//! Roster imports (the pending upload between preview and commit, and the record of
//! every import), header mappings remembered per header row, and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    // No foreign key: the log outlives whatever it mentions.
                    .col(integer_null(AuditLog::OfficerId))
                    .col(string_len(AuditLog::Actor, 254).default(""))
                    .col(string_len(AuditLog::Action, 60))
                    .col(string_len(AuditLog::Subject, 300).default(""))
                    .col(text(AuditLog::Details))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RosterImports::Table)
                    .if_not_exists()
                    .col(pk_auto(RosterImports::Id))
                    .col(integer(RosterImports::EventId))
                    // None for imports from the command line.
                    .col(integer_null(RosterImports::OfficerId))
                    .col(string_len(RosterImports::FileName, 255))
                    .col(big_integer(RosterImports::FileSize))
                    .col(string_len(RosterImports::Sha256, 64))
                    .col(string_len(RosterImports::Format, 10))
                    // The original file, relative to the data directory, kept for audits.
                    .col(string_len(RosterImports::StoredPath, 500))
                    .col(string_len(RosterImports::Sheet, 200).default(""))
                    // The column mapping as JSON (`ColumnMapping`), empty until chosen.
                    .col(text(RosterImports::Mapping))
                    // pending | committed | discarded
                    .col(string_len(RosterImports::Status, 20))
                    .col(integer(RosterImports::CountNew).default(0))
                    .col(integer(RosterImports::CountUpdated).default(0))
                    .col(integer(RosterImports::CountUnchanged).default(0))
                    .col(integer(RosterImports::CountSkipped).default(0))
                    .col(integer(RosterImports::CountInvalid).default(0))
                    .col(timestamp_with_time_zone(RosterImports::CreatedAt))
                    .col(timestamp_with_time_zone_null(RosterImports::CommittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_roster_imports_event")
                            .from(RosterImports::Table, RosterImports::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RosterMappings::Table)
                    .if_not_exists()
                    .col(pk_auto(RosterMappings::Id))
                    // sha-256 of the normalised header texts (`mapping_signature`).
                    .col(string_len(RosterMappings::Signature, 64).unique_key())
                    .col(text(RosterMappings::Mapping))
                    .col(timestamp_with_time_zone(RosterMappings::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RosterMappings::Table.into_iden(),
            RosterImports::Table.into_iden(),
            AuditLog::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    OfficerId,
    Actor,
    Action,
    Subject,
    Details,
}

#[derive(DeriveIden)]
enum RosterImports {
    Table,
    Id,
    EventId,
    OfficerId,
    FileName,
    FileSize,
    Sha256,
    Format,
    StoredPath,
    Sheet,
    Mapping,
    Status,
    CountNew,
    CountUpdated,
    CountUnchanged,
    CountSkipped,
    CountInvalid,
    CreatedAt,
    CommittedAt,
}

#[derive(DeriveIden)]
enum RosterMappings {
    Table,
    Id,
    Signature,
    Mapping,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

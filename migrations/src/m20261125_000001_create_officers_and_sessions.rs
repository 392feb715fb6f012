use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Officers::Table)
                    .if_not_exists()
                    .col(pk_auto(Officers::Id))
                    .col(string_len_uniq(Officers::Email, 254))
                    .col(string_len(Officers::Name, 100))
                    .col(string_len(Officers::Role, 16))
                    .col(string(Officers::PasswordHash))
                    .col(boolean(Officers::Active).default(true))
                    .col(timestamp_with_time_zone(Officers::CreatedAt))
                    .col(timestamp_with_time_zone(Officers::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        // Server-side sessions for tower-sessions (see app::server::session_store).
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(text(Sessions::Data))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sessions_expires_at")
                    .table(Sessions::Table)
                    .col(Sessions::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Sessions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Officers::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Officers {
    Table,
    Id,
    Email,
    Name,
    Role,
    PasswordHash,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

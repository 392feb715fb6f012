//! Questionnaires: forms and their versions, campaigns (a form version sent to an
//! event's companies), invitations (one personal link per company and campaign), and
//! responses with every earlier revision.
//!
//! Every foreign key here restricts deletion: an event, company, form or campaign that
//! has answers cannot disappear with them (they are archived instead).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn restrict(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Forms::Table)
                    .if_not_exists()
                    .col(pk_auto(Forms::Id))
                    .col(string_len(Forms::Title, 200))
                    // The built-in template it started from, if any.
                    .col(string_len(Forms::Template, 40).default(""))
                    .col(boolean(Forms::Archived).default(false))
                    .col(timestamp_with_time_zone(Forms::CreatedAt))
                    .col(timestamp_with_time_zone(Forms::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FormVersions::Table)
                    .if_not_exists()
                    .col(pk_auto(FormVersions::Id))
                    .col(integer(FormVersions::FormId))
                    .col(integer(FormVersions::Version))
                    // `FormDefinition` as JSON; never changed once published.
                    .col(text(FormVersions::Definition))
                    .col(timestamp_with_time_zone_null(FormVersions::PublishedAt))
                    .col(timestamp_with_time_zone(FormVersions::CreatedAt))
                    .col(timestamp_with_time_zone(FormVersions::UpdatedAt))
                    .foreign_key(&mut restrict(
                        "fk_form_versions_form",
                        (FormVersions::Table, FormVersions::FormId),
                        (Forms::Table, Forms::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_form_versions_form_version")
                    .table(FormVersions::Table)
                    .col(FormVersions::FormId)
                    .col(FormVersions::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Campaigns::Table)
                    .if_not_exists()
                    .col(pk_auto(Campaigns::Id))
                    .col(integer(Campaigns::EventId))
                    .col(integer(Campaigns::FormVersionId))
                    .col(string_len(Campaigns::Title, 200))
                    .col(timestamp_with_time_zone(Campaigns::OpensAt))
                    .col(timestamp_with_time_zone(Campaigns::Deadline))
                    .col(boolean(Campaigns::Archived).default(false))
                    .col(timestamp_with_time_zone(Campaigns::CreatedAt))
                    .foreign_key(&mut restrict(
                        "fk_campaigns_event",
                        (Campaigns::Table, Campaigns::EventId),
                        (Events::Table, Events::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_campaigns_form_version",
                        (Campaigns::Table, Campaigns::FormVersionId),
                        (FormVersions::Table, FormVersions::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .if_not_exists()
                    .col(pk_auto(Invitations::Id))
                    .col(integer(Invitations::CampaignId))
                    .col(integer(Invitations::CompanyId))
                    // The link's token is HMAC(server key, seed): the database alone
                    // gives no working link; the hash finds the invitation of a token.
                    .col(string_len(Invitations::TokenSeed, 64))
                    .col(string_len(Invitations::TokenHash, 64).unique_key())
                    // not_opened | opened | draft | submitted
                    .col(string_len(Invitations::Status, 20))
                    // A later deadline for this company only.
                    .col(timestamp_with_time_zone_null(Invitations::ExtendedUntil))
                    .col(timestamp_with_time_zone_null(Invitations::OpenedAt))
                    .col(timestamp_with_time_zone_null(Invitations::SubmittedAt))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::UpdatedAt))
                    .foreign_key(&mut restrict(
                        "fk_invitations_campaign",
                        (Invitations::Table, Invitations::CampaignId),
                        (Campaigns::Table, Campaigns::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_invitations_company",
                        (Invitations::Table, Invitations::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_invitations_campaign_company")
                    .table(Invitations::Table)
                    .col(Invitations::CampaignId)
                    .col(Invitations::CompanyId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Responses::Table)
                    .if_not_exists()
                    .col(pk_auto(Responses::Id))
                    .col(integer(Responses::InvitationId).unique_key())
                    .col(integer(Responses::FormVersionId))
                    // draft | submitted: a submitted response edited as a draft again
                    // stays submitted; the draft is the working copy.
                    .col(string_len(Responses::State, 20))
                    // Raised by every save; a save based on an older revision conflicts.
                    .col(integer(Responses::Revision))
                    // The working copy (`Answers` JSON), what the page shows.
                    .col(text(Responses::Answers))
                    // The idempotency key of the last save, so a repeated post is
                    // recognised instead of conflicting with itself.
                    .col(string_len(Responses::LastSaveKey, 64).default(""))
                    .col(string_len_null(Responses::Receipt, 40))
                    .col(timestamp_with_time_zone_null(Responses::SubmittedAt))
                    .col(timestamp_with_time_zone(Responses::CreatedAt))
                    .col(timestamp_with_time_zone(Responses::UpdatedAt))
                    .foreign_key(&mut restrict(
                        "fk_responses_invitation",
                        (Responses::Table, Responses::InvitationId),
                        (Invitations::Table, Invitations::Id),
                    ))
                    .foreign_key(&mut restrict(
                        "fk_responses_form_version",
                        (Responses::Table, Responses::FormVersionId),
                        (FormVersions::Table, FormVersions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ResponseRevisions::Table)
                    .if_not_exists()
                    .col(pk_auto(ResponseRevisions::Id))
                    .col(integer(ResponseRevisions::ResponseId))
                    .col(integer(ResponseRevisions::Revision))
                    .col(string_len(ResponseRevisions::State, 20))
                    .col(text(ResponseRevisions::Answers))
                    .col(string_len_null(ResponseRevisions::Receipt, 40))
                    .col(timestamp_with_time_zone(ResponseRevisions::SavedAt))
                    .foreign_key(&mut restrict(
                        "fk_response_revisions_response",
                        (ResponseRevisions::Table, ResponseRevisions::ResponseId),
                        (Responses::Table, Responses::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_response_revisions_response_revision")
                    .table(ResponseRevisions::Table)
                    .col(ResponseRevisions::ResponseId)
                    .col(ResponseRevisions::Revision)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ResponseRevisions::Table.into_iden(),
            Responses::Table.into_iden(),
            Invitations::Table.into_iden(),
            Campaigns::Table.into_iden(),
            FormVersions::Table.into_iden(),
            Forms::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Forms {
    Table,
    Id,
    Title,
    Template,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FormVersions {
    Table,
    Id,
    FormId,
    Version,
    Definition,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Campaigns {
    Table,
    Id,
    EventId,
    FormVersionId,
    Title,
    OpensAt,
    Deadline,
    Archived,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    CampaignId,
    CompanyId,
    TokenSeed,
    TokenHash,
    Status,
    ExtendedUntil,
    OpenedAt,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Responses {
    Table,
    Id,
    InvitationId,
    FormVersionId,
    State,
    Revision,
    Answers,
    LastSaveKey,
    Receipt,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ResponseRevisions {
    Table,
    Id,
    ResponseId,
    Revision,
    State,
    Answers,
    Receipt,
    SavedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

//! Database schema for Kotae. Every migration runs on both SQLite and PostgreSQL,
//! so only portable column types are used (no enums, no arrays): enumerations are
//! stored as short strings and checked by the domain types in `app::domain`.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_create_officers_and_sessions;
mod m20261125_000002_create_events;
mod m20261125_000003_create_roster;
mod m20261126_000004_roster_import_and_audit;
mod m20261126_000005_questionnaires;
mod m20261127_000006_kpis;
mod m20261127_000007_outbox;
mod m20261127_000008_mail_templates;
mod m20261127_000009_officer_digest;
mod m20261127_000010_reviews;
mod m20261127_000011_shared_reports;
mod m20261207_000012_attachments;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_officers_and_sessions::Migration),
            Box::new(m20261125_000002_create_events::Migration),
            Box::new(m20261125_000003_create_roster::Migration),
            Box::new(m20261126_000004_roster_import_and_audit::Migration),
            Box::new(m20261126_000005_questionnaires::Migration),
            Box::new(m20261127_000006_kpis::Migration),
            Box::new(m20261127_000007_outbox::Migration),
            Box::new(m20261127_000008_mail_templates::Migration),
            Box::new(m20261127_000009_officer_digest::Migration),
            Box::new(m20261127_000010_reviews::Migration),
            Box::new(m20261127_000011_shared_reports::Migration),
            Box::new(m20261207_000012_attachments::Migration),
        ]
    }
}

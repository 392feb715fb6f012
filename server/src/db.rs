//! Connecting to the database and bringing its schema up to date.

use crate::config::{Backend, DatabaseUrl};
use anyhow::Context;
use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::time::Duration;

/// Connects with settings that suit each backend, then runs pending migrations.
pub async fn connect_and_migrate(url: &DatabaseUrl) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.expose());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10));
    if url.backend() == Backend::Sqlite {
        // WAL lets pages read while a write is in progress; the busy timeout makes a
        // second writer wait instead of failing; foreign keys are off by default in SQLite.
        // FULL syncs the log at every commit: a save acknowledged to a company survives
        // a power loss (the saves are grouped so this stays fast; see SaveQueue).
        options.max_connections(5).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    } else {
        options.max_connections(10);
    }
    let db = Database::connect(options).await.with_context(|| {
        format!(
            "cannot connect to the database {:?}: check DATABASE_URL (sqlite://path?mode=rwc or postgres://user@host:5432/db)",
            url
        )
    })?;
    Migrator::up(&db, None)
        .await
        .with_context(|| format!("cannot bring the database {url:?} up to date"))?;
    Ok(db)
}

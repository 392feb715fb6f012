//! Demo data for a first run: three officers (one per role), events of every kind
//! across two fiscal years, and a roster of 20 companies (from the sample roster of a
//! business-matching fair) exhibiting at three of them. Loading twice changes nothing.

use anyhow::Context;
use app::domain::{Email, EventDraft, EventKind, NewOfficer, Password, Role};
use app::server::entities::event;
use app::server::services::audit::Actor;
use app::server::services::roster::import::{self, Storage};
use app::server::services::{events, officers};
use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

pub const DEMO_PASSWORD: &str = "kotae-demo-2026";
pub const DEMO_ADMIN: &str = "admin@example.jp";

const OFFICERS: &[(&str, &str, Role)] = &[
    (DEMO_ADMIN, "産業振興課 管理者", Role::Admin),
    ("tanaka@example.jp", "田中 美咲", Role::Officer),
    ("review@example.jp", "年次評価委員", Role::Viewer),
];

struct DemoEvent {
    name: &'static str,
    kind: EventKind,
    venue: &'static str,
    start: (i32, u32, u32),
    end: (i32, u32, u32),
    notes: &'static str,
}

const EVENTS: &[DemoEvent] = &[
    DemoEvent {
        name: "ものづくり企業技術展 2026",
        kind: EventKind::TechExpo,
        venue: "市産業展示館",
        start: (2026, 10, 15),
        end: (2026, 10, 16),
        notes: "市主催。出展 62 社。",
    },
    DemoEvent {
        name: "ものづくり企業技術展 2025",
        kind: EventKind::TechExpo,
        venue: "市産業展示館",
        start: (2025, 10, 16),
        end: (2025, 10, 17),
        notes: "",
    },
    DemoEvent {
        name: "ビジネスマッチング展示商談会 2026",
        kind: EventKind::BusinessMatching,
        venue: "市民文化会館 展示ホール",
        start: (2026, 7, 9),
        end: (2026, 7, 9),
        notes: "発注企業 30 社との個別商談。",
    },
    DemoEvent {
        name: "冬の展示商談会 2026",
        kind: EventKind::BusinessMatching,
        venue: "商工会議所 大ホール",
        start: (2027, 2, 4),
        end: (2027, 2, 4),
        notes: "2月開催のため 2026 年度に計上。",
    },
    DemoEvent {
        name: "メッセナゴヤ 2026 共同出展",
        kind: EventKind::JointExhibit,
        venue: "ポートメッセなごや",
        start: (2026, 11, 4),
        end: (2026, 11, 7),
        notes: "市ブース 8 小間。",
    },
    DemoEvent {
        name: "HOSPEX Japan 2026 共同出展",
        kind: EventKind::JointExhibit,
        venue: "東京ビッグサイト",
        start: (2026, 10, 21),
        end: (2026, 10, 23),
        notes: "医療・福祉機器展。",
    },
    DemoEvent {
        name: "M-Tech 2026 共同出展",
        kind: EventKind::JointExhibit,
        venue: "東京ビッグサイト",
        start: (2026, 6, 17),
        end: (2026, 6, 19),
        notes: "",
    },
    DemoEvent {
        name: "産学連携セミナー 2026",
        kind: EventKind::Other,
        venue: "市産業振興センター",
        start: (2026, 12, 3),
        end: (2026, 12, 3),
        notes: "大学の研究室紹介と個別相談。",
    },
];

fn date((y, m, d): (i32, u32, u32)) -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| anyhow::anyhow!("bad demo date {y}-{m}-{d}"))
}

/// The sample roster, embedded so the demo needs no files beside the binary.
const ROSTER_CSV: &str = include_str!("../demo/roster_business_fair_2026.csv");

/// Which demo events get which part of the roster (rows from, rows to).
const ROSTER_AT: &[(&str, usize, usize)] = &[
    ("ビジネスマッチング展示商談会 2026", 0, 20),
    ("メッセナゴヤ 2026 共同出展", 0, 8),
    ("HOSPEX Japan 2026 共同出展", 8, 14),
];

pub async fn load(db: &DatabaseConnection, roster_files: &Storage) -> anyhow::Result<()> {
    load_officers(db).await?;
    load_events(db).await?;
    load_roster(db, roster_files).await
}

async fn load_officers(db: &DatabaseConnection) -> anyhow::Result<()> {
    for (email, name, role) in OFFICERS {
        if officers::find_by_email(db, email).await?.is_some() {
            continue;
        }
        let officer = NewOfficer {
            email: Email::parse(email).map_err(|p| anyhow::anyhow!("demo email {email}: {p:?}"))?,
            name: (*name).to_owned(),
            role: *role,
            password: Password::parse(DEMO_PASSWORD)
                .map_err(|p| anyhow::anyhow!("demo password: {p:?}"))?,
        };
        officers::create(db, officer, &Actor::System("demo"), Utc::now()).await?;
    }
    Ok(())
}

async fn load_events(db: &DatabaseConnection) -> anyhow::Result<()> {
    for demo in EVENTS {
        let exists = event::Entity::find()
            .filter(event::Column::Name.eq(demo.name))
            .one(db)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let draft = EventDraft {
            name: demo.name.to_owned(),
            kind: demo.kind,
            venue: demo.venue.to_owned(),
            start_date: date(demo.start)?,
            end_date: date(demo.end)?,
            notes: demo.notes.to_owned(),
        };
        events::create(db, draft).await?;
    }
    Ok(())
}

/// Imports each event's part of the embedded roster through the roster importer, the
/// same path as every other roster. An event that already has this file is left alone.
async fn load_roster(db: &DatabaseConnection, files: &Storage) -> anyhow::Result<()> {
    let text = ROSTER_CSV.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let header = lines.next().context("demo roster header")?;
    let rows: Vec<&str> = lines.filter(|line| !line.trim().is_empty()).collect();
    for (event_name, from, to) in ROSTER_AT {
        let Some(event) = event::Entity::find()
            .filter(event::Column::Name.eq(*event_name))
            .one(db)
            .await?
        else {
            continue;
        };
        let part = rows.get(*from..*to).context("demo roster range")?;
        let csv = format!("{header}\n{}\n", part.join("\n"));
        if import::list_for_event(db, event.id)
            .await
            .map_err(|e| anyhow::anyhow!("listing imports: {e}"))?
            .iter()
            .any(|done| done.status == import::COMMITTED && done.file_name == DEMO_FILE)
        {
            continue;
        }
        let now = Utc::now();
        let staged = import::stage(db, files, now, None, event.id, DEMO_FILE, csv.into_bytes())
            .await
            .map_err(|e| anyhow::anyhow!("staging the demo roster: {e}"))?;
        import::commit(db, files, now, &Actor::System("demo"), staged.id)
            .await
            .map_err(|e| anyhow::anyhow!("importing the demo roster: {e}"))?;
    }
    Ok(())
}

/// The name the demo roster is imported under.
const DEMO_FILE: &str = "roster_business_fair_2026.csv";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_roster_has_twenty_companies_and_covers_the_demo_ranges() {
        let rows = ROSTER_CSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        assert_eq!(rows, 20);
        assert!(
            ROSTER_AT
                .iter()
                .all(|(_, from, to)| from < to && *to <= rows)
        );
    }
}

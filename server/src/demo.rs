//! Demo data for a first run: three officers (one per role) and events of every kind
//! across two fiscal years. Loading twice changes nothing.

use app::domain::{Email, EventDraft, EventKind, NewOfficer, Password, Role};
use app::server::entities::event;
use app::server::services::{events, officers};
use chrono::NaiveDate;
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

pub async fn load(db: &DatabaseConnection) -> anyhow::Result<()> {
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
        officers::create(db, officer).await?;
    }
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

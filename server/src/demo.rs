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

/// (name, kind, venue, start, end, notes)
const EVENTS: &[(
    &str,
    EventKind,
    &str,
    (i32, u32, u32),
    (i32, u32, u32),
    &str,
)] = &[
    (
        "ものづくり企業技術展 2026",
        EventKind::TechExpo,
        "市産業展示館",
        (2026, 10, 15),
        (2026, 10, 16),
        "市主催。出展 62 社。",
    ),
    (
        "ものづくり企業技術展 2025",
        EventKind::TechExpo,
        "市産業展示館",
        (2025, 10, 16),
        (2025, 10, 17),
        "",
    ),
    (
        "ビジネスマッチング展示商談会 2026",
        EventKind::BusinessMatching,
        "市民文化会館 展示ホール",
        (2026, 7, 9),
        (2026, 7, 9),
        "発注企業 30 社との個別商談。",
    ),
    (
        "冬の展示商談会 2026",
        EventKind::BusinessMatching,
        "商工会議所 大ホール",
        (2027, 2, 4),
        (2027, 2, 4),
        "2月開催のため 2026 年度に計上。",
    ),
    (
        "メッセナゴヤ 2026 共同出展",
        EventKind::JointExhibit,
        "ポートメッセなごや",
        (2026, 11, 4),
        (2026, 11, 7),
        "市ブース 8 小間。",
    ),
    (
        "HOSPEX Japan 2026 共同出展",
        EventKind::JointExhibit,
        "東京ビッグサイト",
        (2026, 10, 21),
        (2026, 10, 23),
        "医療・福祉機器展。",
    ),
    (
        "M-Tech 2026 共同出展",
        EventKind::JointExhibit,
        "東京ビッグサイト",
        (2026, 6, 17),
        (2026, 6, 19),
        "",
    ),
    (
        "産学連携セミナー 2026",
        EventKind::Other,
        "市産業振興センター",
        (2026, 12, 3),
        (2026, 12, 3),
        "大学の研究室紹介と個別相談。",
    ),
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
    for (name, kind, venue, start, end, notes) in EVENTS {
        let exists = event::Entity::find()
            .filter(event::Column::Name.eq(*name))
            .one(db)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let draft = EventDraft {
            name: (*name).to_owned(),
            kind: *kind,
            venue: (*venue).to_owned(),
            start_date: date(*start)?,
            end_date: date(*end)?,
            notes: (*notes).to_owned(),
        };
        events::create(db, draft).await?;
    }
    Ok(())
}

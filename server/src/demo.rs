//! Demo data for a first run: three officers (one per role), events of every kind
//! across two fiscal years, and a roster of 20 companies (from the sample roster of a
//! business-matching fair) exhibiting at three of them. Loading twice changes nothing.

use anyhow::Context;
use app::domain::{CorporateNumber, Email, EventDraft, EventKind, NewOfficer, Password, Role};
use app::server::entities::{company, contact, event, participation};
use app::server::services::{events, officers};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

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

pub async fn load(db: &DatabaseConnection) -> anyhow::Result<()> {
    load_officers(db).await?;
    load_events(db).await?;
    load_roster(db).await
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
        officers::create(db, officer).await?;
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

/// One row of the embedded roster.
struct RosterRow {
    booth: String,
    company: String,
    corporate_number: Option<CorporateNumber>,
    industry: String,
    contact: String,
    department: String,
    email: String,
    phone: String,
    address: String,
    regional_leader: bool,
}

fn roster_rows() -> anyhow::Result<Vec<RosterRow>> {
    let text = ROSTER_CSV.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.context("demo roster")?;
        let field = |i: usize| record.get(i).unwrap_or_default().trim().to_owned();
        rows.push(RosterRow {
            booth: field(0),
            company: field(1),
            corporate_number: CorporateNumber::parse(&field(2)).ok(),
            industry: field(3),
            contact: field(4),
            department: field(5),
            email: field(6).to_lowercase(),
            phone: field(7),
            address: field(8),
            regional_leader: !field(9).is_empty(),
        });
    }
    Ok(rows)
}

async fn load_roster(db: &DatabaseConnection) -> anyhow::Result<()> {
    let rows = roster_rows()?;
    let now = Utc::now();
    let mut company_ids = Vec::with_capacity(rows.len());
    for row in &rows {
        let existing = company::Entity::find()
            .filter(company::Column::Name.eq(row.company.as_str()))
            .one(db)
            .await?;
        let company_id = match existing {
            Some(company) => company.id,
            None => {
                let company = company::ActiveModel {
                    name: Set(row.company.clone()),
                    name_kana: Set(String::new()),
                    corporate_number: Set(row
                        .corporate_number
                        .as_ref()
                        .map(|n| n.as_str().to_owned())),
                    industry: Set(row.industry.clone()),
                    address: Set(row.address.clone()),
                    regional_leader: Set(row.regional_leader),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                contact::ActiveModel {
                    company_id: Set(company.id),
                    name: Set(row.contact.clone()),
                    department: Set(row.department.clone()),
                    email: Set(row.email.clone()),
                    phone: Set(row.phone.clone()),
                    is_primary: Set(true),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                company.id
            }
        };
        company_ids.push(company_id);
    }
    for (event_name, from, to) in ROSTER_AT {
        let Some(event) = event::Entity::find()
            .filter(event::Column::Name.eq(*event_name))
            .one(db)
            .await?
        else {
            continue;
        };
        for (row, company_id) in rows.iter().zip(&company_ids).take(*to).skip(*from) {
            let exists = participation::Entity::find()
                .filter(participation::Column::EventId.eq(event.id))
                .filter(participation::Column::CompanyId.eq(*company_id))
                .one(db)
                .await?
                .is_some();
            if !exists {
                participation::ActiveModel {
                    event_id: Set(event.id),
                    company_id: Set(*company_id),
                    booth: Set(row.booth.clone()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_roster_parses_with_valid_corporate_numbers() {
        let rows = roster_rows().expect("parses");
        assert_eq!(rows.len(), 20);
        assert!(rows.iter().all(|r| r.corporate_number.is_some()));
        assert_eq!(rows.iter().filter(|r| r.regional_leader).count(), 1);
        assert!(rows.iter().all(|r| r.email.contains('@')));
    }
}

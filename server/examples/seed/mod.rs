//! Seeding shared by the benchmark examples: an event with N companies, all asked by one
//! campaign of a published 20-question form (the 出展後アンケート and eleven more).

use app::domain::EventDraft;
use app::domain::EventKind;
use app::domain::campaigns::{AnswerWindow, Audience, CampaignDraft};
use app::domain::forms::templates::after_exhibit;
use app::domain::forms::{Item, Question, QuestionId, QuestionKind, Text};
use app::server::entities::{campaign, company, participation};
use app::server::links::LinkKey;
use app::server::services::audit::Actor;
use app::server::services::{campaigns, events, forms};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, Set};

/// An event starting on `start` with `count` companies (named from `first`), and a
/// campaign that asks them all.
pub async fn campaign_for(
    db: &DatabaseConnection,
    links: &LinkKey,
    now: DateTime<Utc>,
    start: NaiveDate,
    count: usize,
    first: usize,
) -> anyhow::Result<campaign::Model> {
    let actor = Actor::System("bench");
    let event = events::create(
        db,
        EventDraft {
            name: format!("ベンチマーク展示会 {} {first}", now.timestamp()),
            kind: EventKind::TechExpo,
            venue: "ポートメッセなごや".into(),
            start_date: start,
            end_date: start,
            notes: String::new(),
        },
    )
    .await?;

    for chunk_start in (first..first + count).step_by(500) {
        let chunk_end = (chunk_start + 500).min(first + count);
        let inserted = company::Entity::insert_many((chunk_start..chunk_end).map(|n| {
            company::ActiveModel {
                name: Set(format!("ベンチ工業{n:06}株式会社")),
                name_kana: Set(String::new()),
                corporate_number: Set(None),
                industry: Set(if n % 3 == 0 {
                    "製造業"
                } else {
                    "情報通信業"
                }
                .into()),
                address: Set(String::new()),
                regional_leader: Set(n % 5 == 0),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        }))
        .exec_with_returning_keys(db)
        .await?;
        participation::Entity::insert_many(inserted.into_iter().map(|company_id| {
            participation::ActiveModel {
                event_id: Set(event.id),
                company_id: Set(company_id),
                booth: Set(String::new()),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }

    let form = forms::create(db, now, &actor, &twenty_questions(), None).await?;
    let version = forms::publish(db, now, &actor, form.id).await?;
    let draft = CampaignDraft {
        title: "ベンチマーク".into(),
        form_version_id: version.row.id,
        window: AnswerWindow {
            opens_at: now - Duration::days(1),
            deadline: now + Duration::days(30),
            extended_until: None,
        },
        audience: Audience::AllParticipants,
    };
    Ok(campaigns::create(db, links, now, &actor, event.id, draft).await?)
}

/// The 出展後アンケート with eleven more questions: the benchmark's 20-question form.
pub fn twenty_questions() -> app::domain::forms::FormDefinition {
    let mut definition = after_exhibit();
    for n in 1..=11 {
        let kind = if n % 2 == 0 {
            QuestionKind::ShortText { max_chars: 100 }
        } else {
            QuestionKind::Integer {
                min: Some(0),
                max: Some(100_000),
                unit: Some(Text::ja("件")),
            }
        };
        definition.items.push(Item::Question(Question {
            id: QuestionId::new(&format!("extra_{n}")),
            label: Text::ja(&format!("追加の質問 {n}")),
            help: Text::default(),
            required: true,
            kind,
            show_if: None,
        }));
    }
    definition
}

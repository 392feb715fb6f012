//! Seeds a database for the answer benchmarks (scripts/bench-answers): one event with
//! N companies, a published 20-question form (the 出展後アンケート and eleven more
//! questions), one campaign asking every company, and a file with each company's link
//! token and the CSRF token of its answer page, one `token<TAB>csrf` per line.
//!
//!     KOTAE_DATA_DIR=… [DATABASE_URL=…] cargo run --release -p server --example bench_seed -- 30000 tokens.tsv
//!
//! Uses the same configuration as the server (and so the same secret key), so the
//! tokens work against a server started on the same data directory.

use anyhow::Context;
use app::domain::EventDraft;
use app::domain::EventKind;
use app::domain::campaigns::{AnswerWindow, Audience, CampaignDraft};
use app::domain::forms::templates::after_exhibit;
use app::domain::forms::{Item, Question, QuestionId, QuestionKind, Text};
use app::server::entities::{company, invitation, participation};
use app::server::links::LinkKey;
use app::server::services::audit::Actor;
use app::server::services::{campaigns, events, forms};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use std::io::Write;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args
        .next()
        .unwrap_or_else(|| "30000".into())
        .parse()
        .context("the first argument is the number of companies")?;
    let out = args.next().unwrap_or_else(|| "tokens.tsv".into());

    let config = server::config::Config::from_env()?;
    let db = server::db::connect_and_migrate(&config.database_url).await?;
    let now = Utc::now();
    let actor = Actor::System("bench");

    let event = events::create(
        &db,
        EventDraft {
            name: format!("ベンチマーク展示会 {}", now.timestamp()),
            kind: EventKind::TechExpo,
            venue: "ポートメッセなごや".into(),
            start_date: NaiveDate::from_ymd_opt(2026, 10, 1).context("date")?,
            end_date: NaiveDate::from_ymd_opt(2026, 10, 3).context("date")?,
            notes: String::new(),
        },
    )
    .await?;

    for chunk_start in (0..count).step_by(500) {
        let chunk_end = (chunk_start + 500).min(count);
        let inserted =
            company::Entity::insert_many((chunk_start..chunk_end).map(|n| company::ActiveModel {
                name: Set(format!("ベンチ工業{n:06}株式会社")),
                name_kana: Set(String::new()),
                corporate_number: Set(None),
                industry: Set("製造業".into()),
                address: Set(String::new()),
                regional_leader: Set(false),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }))
            .exec_with_returning_keys(&db)
            .await?;
        participation::Entity::insert_many(inserted.into_iter().map(|company_id| {
            participation::ActiveModel {
                event_id: Set(event.id),
                company_id: Set(company_id),
                booth: Set(String::new()),
                ..Default::default()
            }
        }))
        .exec(&db)
        .await?;
    }

    let form = forms::create(&db, now, &actor, &twenty_questions(), None).await?;
    let version = forms::publish(&db, now, &actor, form.id).await?;
    let links = LinkKey::derive(config.secret_key.expose());
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
    let campaign = campaigns::create(&db, &links, now, &actor, event.id, draft).await?;
    let rows = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .all(&db)
        .await?;
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    for row in &rows {
        let token = links.token(&row.token_seed);
        let csrf = links.bind("answer", &token);
        writeln!(file, "{token}\t{csrf}")?;
    }
    file.flush()?;
    eprintln!(
        "{} links of campaign {} written to {out}",
        rows.len(),
        campaign.id
    );
    Ok(())
}

/// The 出展後アンケート with eleven more questions: the benchmark's 20-question form.
fn twenty_questions() -> app::domain::forms::FormDefinition {
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

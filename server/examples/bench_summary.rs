//! Benchmarks aggregation and export (issue 9) on a release build against SQLite:
//! a campaign of N companies that have all submitted a 20-question form, and a fiscal
//! year of many events. Each step runs in a process of its own, so the peak memory it
//! reports is its own. `scripts/bench-summary` runs them all:
//!
//!     KOTAE_DATA_DIR=… cargo run --release -p server --example bench_summary -- seed-campaign 100000
//!     … -- summary EVENT CAMPAIGN RUNS     the full summary page data, timed
//!     … -- export EVENT CAMPAIGN           the .xlsx export, timed, with peak memory
//!     … -- seed-year EVENTS COMPANIES      EVENTS events of FY2026, COMPANIES each
//!     … -- year 2026 RUNS                  the fiscal-year dashboard, timed

mod seed;

use anyhow::Context;
use app::api::summary_dto::SummaryFilters;
use app::domain::forms::{Answer, Answers, QuestionId};
use app::i18n::Locale;
use app::server::entities::{campaign, invitation, response};
use app::server::export::Format;
use app::server::links::LinkKey;
use app::server::services::answering::FormVersionCache;
use app::server::services::audit::Actor;
use app::server::services::{dashboards, summary};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |n: usize| -> anyhow::Result<i64> {
        args.get(n)
            .with_context(|| format!("argument {n} missing"))?
            .parse()
            .with_context(|| format!("argument {n} is a number"))
    };
    let config = server::config::Config::from_env()?;
    let db = server::db::connect_and_migrate(&config.database_url).await?;
    let links = LinkKey::derive(config.secret_key.expose());
    let versions = FormVersionCache::default();
    match args.first().map(String::as_str) {
        Some("seed-campaign") => {
            let start = NaiveDate::from_ymd_opt(2026, 10, 1).context("date")?;
            let campaign = seeded(&db, &links, start, usize::try_from(arg(1)?)?, 0).await?;
            println!("{} {}", campaign.event_id, campaign.id);
        }
        Some("seed-year") => {
            let (events, companies) = (usize::try_from(arg(1)?)?, usize::try_from(arg(2)?)?);
            for n in 0..events {
                let start = NaiveDate::from_ymd_opt(2026, 4, 1)
                    .context("date")?
                    .checked_add_days(chrono::Days::new(u64::try_from(n * 7)?))
                    .context("date")?;
                seeded(&db, &links, start, companies, 1_000_000 + n * companies).await?;
            }
        }
        Some("summary") => {
            let (event, campaign) = (i32::try_from(arg(1)?)?, i32::try_from(arg(2)?)?);
            let runs = timed(arg(3)?, || async {
                summary::summary(&db, &versions, event, campaign, SummaryFilters::default())
                    .await
                    .map(|s| s.submitted)
            })
            .await?;
            report("summary", &runs);
        }
        Some("export") => {
            let (event, campaign) = (i32::try_from(arg(1)?)?, i32::try_from(arg(2)?)?);
            let started = Instant::now();
            let file = summary::export(
                &db,
                &versions,
                Utc::now(),
                &Actor::System("bench"),
                event,
                campaign,
                &SummaryFilters::default(),
                Format::Xlsx,
                Locale::ja,
            )
            .await?;
            println!(
                "export xlsx: {} ms, {} bytes, peak memory of the process {} MiB",
                started.elapsed().as_millis(),
                file.bytes.len(),
                peak_mib()
            );
        }
        Some("year") => {
            let year = i32::try_from(arg(1)?)?;
            let runs = timed(arg(2)?, || async {
                dashboards::fiscal_year_dashboard(&db, year)
                    .await
                    .map(|d| d.totals.events)
            })
            .await?;
            report("fiscal-year dashboard", &runs);
        }
        _ => anyhow::bail!("usage: see the comment at the top of bench_summary.rs"),
    }
    Ok(())
}

/// A campaign of `count` companies, every one of which has submitted.
async fn seeded(
    db: &DatabaseConnection,
    links: &LinkKey,
    start: NaiveDate,
    count: usize,
    first: usize,
) -> anyhow::Result<campaign::Model> {
    let now = Utc::now();
    let campaign = seed::campaign_for(db, links, now, start, count, first).await?;
    let invitations: Vec<i32> = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.id)
        .collect();
    for chunk in invitations.chunks(500) {
        let txn = db.begin().await?;
        response::Entity::insert_many(chunk.iter().map(|&invitation_id| {
            let n = usize::try_from(invitation_id).unwrap_or_default();
            response::ActiveModel {
                invitation_id: Set(invitation_id),
                form_version_id: Set(campaign.form_version_id),
                state: Set("submitted".into()),
                revision: Set(1),
                answers: Set(serde_json::to_string(&answers(n)).unwrap_or_default()),
                last_save_key: Set(format!("bench-{invitation_id}")),
                receipt: Set(Some(format!("001-{invitation_id:05}-1"))),
                submitted_at: Set(Some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
        txn.commit().await?;
    }
    invitation::Entity::update_many()
        .col_expr(invitation::Column::Status, Expr::value("submitted"))
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .exec(db)
        .await?;
    Ok(campaign)
}

/// A complete, valid answer to the 20-question form, varied by `n`.
fn answers(n: usize) -> Answers {
    let mut answers = Answers::default();
    let mut put = |id: &str, answer: Answer| answers.insert(QuestionId::new(id), answer);
    let int = |v: usize| Answer::Integer(i64::try_from(v).unwrap_or_default());
    let choice = |v: &str| Answer::Choice {
        value: v.into(),
        other: None,
    };
    put("negotiations", int(n % 50));
    put("expected_contracts", int(n % 10));
    put("contracts", int(n % 5));
    put("business_cards", int(n % 300));
    let reactions = ["very_good", "good", "neutral", "poor", "very_poor"];
    put("visitor_reaction", choice(reactions[n % 5]));
    put(
        "satisfaction",
        Answer::Rating(u8::try_from(1 + n % 5).unwrap_or(3)),
    );
    let again = ["yes", "no", "undecided"][n % 3];
    put("exhibit_again", choice(again));
    if again == "no" {
        put(
            "reason_not_again",
            Answer::Text("遠方のため、移動の負担が大きい。".into()),
        );
    }
    put(
        "requests",
        Answer::Text(format!(
            "駐車場の案内を増やしてください。商談スペースも広く。({n})"
        )),
    );
    for extra in 1..=11 {
        let id = format!("extra_{extra}");
        if extra % 2 == 0 {
            put(&id, Answer::Text(format!("回答 {extra}-{n}")));
        } else {
            put(&id, int((n * extra) % 100_000));
        }
    }
    answers
}

async fn timed<F, Fut, T>(runs: i64, mut run: F) -> anyhow::Result<Vec<Duration>>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, app::error::AppError>>,
{
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        run().await.map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(started.elapsed());
    }
    Ok(times)
}

fn report(name: &str, runs: &[Duration]) {
    let mut ms: Vec<u128> = runs.iter().map(Duration::as_millis).collect();
    ms.sort_unstable();
    println!(
        "{name}: {} runs, min {} ms, median {} ms, max {} ms, peak memory of the process {} MiB",
        ms.len(),
        ms.first().copied().unwrap_or_default(),
        ms.get(ms.len() / 2).copied().unwrap_or_default(),
        ms.last().copied().unwrap_or_default(),
        peak_mib()
    );
}

/// The peak resident memory of this process (VmHWM), in MiB.
fn peak_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kib| kib / 1024)
}

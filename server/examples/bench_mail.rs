//! Benchmarks email (issue 8) on a release build, against SQLite (or DATABASE_URL):
//!
//!     KOTAE_DATA_DIR=… cargo run --release -p server --example bench_mail -- scan 100000 RUNS
//!         a campaign of 100,000 companies whose invitations went out; one in a hundred has
//!         a reminder due. Times the scheduler's scan (the due invitations, at most one
//!         batch) RUNS times, then one whole reminder pass (decide, render, queue 500).
//!     … -- deliver 10000
//!         a campaign of 10,000 companies: times queueing their invitations, then the
//!         worker delivering them over pooled SMTP connections to a sink on loopback
//!         (an SMTP server in this process), and reports messages per second.
//!
//! `scripts/bench-mail` runs both.

mod seed;
#[path = "../tests/support/smtp.rs"]
mod smtp;

use anyhow::Context;
use app::server::clock::Clock;
use app::server::entities::{contact, invitation, participation};
use app::server::links::LinkKey;
use app::server::services::mail::scheduler;
use chrono::{Duration as Days, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |n: usize| -> anyhow::Result<usize> {
        args.get(n)
            .with_context(|| format!("argument {n} missing"))?
            .parse()
            .with_context(|| format!("argument {n} is a number"))
    };
    let mut config = server::config::Config::from_env()?;
    let port = smtp::SmtpSink::free_port();
    // BENCH_SMTP_URL: an SMTP server of your own instead of the one in this process.
    let external = std::env::var("BENCH_SMTP_URL").ok();
    config.mail.transport = server::config::MailTransport::Smtp(
        external
            .clone()
            .unwrap_or_else(|| smtp::SmtpSink::url(port)),
    );
    let db = server::db::connect_and_migrate(&config.database_url).await?;
    let links = LinkKey::derive(config.secret_key.expose());
    let clock = Clock::system();
    let composer = server::mail::composer(&config);
    let calendar = Arc::new(server::mail::calendar(&config.mail, &clock));
    let mailer = server::mail::Mailer::new(
        &config,
        db.clone(),
        clock.clone(),
        composer.clone(),
        calendar.clone(),
        links.clone(),
    )?;
    match args.first().map(String::as_str) {
        Some("scan") => {
            let (count, runs) = (arg(1)?, arg(2)?);
            let event = seeded(&db, &links, count).await?;
            let started = Instant::now();
            let pass = mailer.schedule().await?;
            println!(
                "queued {} invitations in {:.2?} (one transaction)",
                pass.invitations,
                started.elapsed()
            );
            // One company in a hundred has a reminder due now; the rest in three days.
            let now = Utc::now();
            invitation::Entity::update_many()
                .col_expr(
                    invitation::Column::NextReminderAt,
                    Expr::value(Some(now + Days::days(3))),
                )
                .exec(&db)
                .await?;
            invitation::Entity::update_many()
                .col_expr(
                    invitation::Column::NextReminderAt,
                    Expr::value(Some(now - Days::hours(1))),
                )
                .filter(Expr::cust("id % 100 = 0"))
                .exec(&db)
                .await?;
            let mut times = Vec::new();
            let mut found = 0;
            for _ in 0..runs {
                let started = Instant::now();
                found = scheduler::due_reminders(&db, now, scheduler::REMINDER_BATCH)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?
                    .len();
                times.push(started.elapsed());
            }
            report(
                &format!("scan of {count} invitations ({found} due)"),
                &mut times,
            );
            let started = Instant::now();
            let queued = scheduler::queue_reminders(
                &db,
                &composer,
                &calendar,
                now,
                scheduler::REMINDER_BATCH,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!(
                "a reminder pass queued {queued} reminders in {:.2?}",
                started.elapsed()
            );
            let _ = event;
        }
        Some("deliver") => {
            let count = arg(1)?;
            seeded(&db, &links, count).await?;
            let sink = external.is_none().then(|| smtp::SmtpSink::start_on(port));
            let started = Instant::now();
            let pass = mailer.schedule().await?;
            println!(
                "queued {} invitations in {:.2?}",
                pass.invitations,
                started.elapsed()
            );
            let started = Instant::now();
            let done = mailer.deliver_due().await?;
            let elapsed = started.elapsed();
            let received = sink.map_or(count, |sink| sink.received().len());
            println!(
                "delivered {} messages ({} received by the sink) in {:.2?}: {:.0} messages/s",
                done.sent,
                received,
                elapsed,
                f64::from(done.sent) / elapsed.as_secs_f64()
            );
            anyhow::ensure!(received == count, "the sink received {received} of {count}");
        }
        _ => anyhow::bail!("usage: bench_mail scan COMPANIES RUNS | deliver COMPANIES"),
    }
    Ok(())
}

/// A campaign of `count` companies, each with one contact. Returns the event's id.
async fn seeded(db: &DatabaseConnection, links: &LinkKey, count: usize) -> anyhow::Result<i32> {
    let start = NaiveDate::from_ymd_opt(2026, 10, 1).context("date")?;
    let campaign = seed::campaign_for(db, links, Utc::now(), start, count, 0).await?;
    let companies: Vec<i32> = participation::Entity::find()
        .filter(participation::Column::EventId.eq(campaign.event_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.company_id)
        .collect();
    for chunk in companies.chunks(500) {
        contact::Entity::insert_many(chunk.iter().map(|&company_id| contact::ActiveModel {
            company_id: Set(company_id),
            name: Set(format!("担当者{company_id}")),
            department: Set(String::new()),
            email: Set(format!("c{company_id}@example.jp")),
            phone: Set(String::new()),
            is_primary: Set(true),
            ..Default::default()
        }))
        .exec(db)
        .await?;
    }
    Ok(campaign.event_id)
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let median = times[times.len() / 2];
    let max = times[times.len() - 1];
    println!(
        "{what}: median {median:.2?}, max {max:.2?} over {} runs",
        times.len()
    );
}

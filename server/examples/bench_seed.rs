//! Seeds a database for the answer benchmarks (scripts/bench-answers): one event with
//! N companies, a published 20-question form (the 出展後アンケート and eleven more
//! questions), one campaign asking every company, and a file with each company's link
//! token and the CSRF token of its answer page, one `token<TAB>csrf` per line.
//!
//!     KOTAE_DATA_DIR=… [DATABASE_URL=…] cargo run --release -p server --example bench_seed -- 30000 tokens.tsv
//!
//! Uses the same configuration as the server (and so the same secret key), so the
//! tokens work against a server started on the same data directory.

mod seed;

use anyhow::Context;
use app::server::entities::invitation;
use app::server::links::LinkKey;
use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
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

    let links = LinkKey::derive(config.secret_key.expose());
    let start = NaiveDate::from_ymd_opt(2026, 10, 1).context("date")?;
    let campaign = seed::campaign_for(&db, &links, now, start, count, 0).await?;
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

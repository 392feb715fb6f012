//! `server import-roster`: the roster import from the command line, through the same
//! service as the web pages, with the same counts and reasons.

use crate::config::Config;
use crate::db;
use anyhow::{Context, bail};
use app::domain::roster::RowClass;
use app::error::AppError;
use app::i18n::Locale;
use app::routes::roster::text;
use app::server::services::audit::Actor;
use app::server::services::roster::import::{self, Preview};
use chrono::Utc;
use std::path::Path;

pub async fn run(
    config: &Config,
    event_id: i32,
    sheet: Option<String>,
    dry_run: bool,
    file: &Path,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let db = db::connect_and_migrate(&config.database_url).await?;
    let storage = config.roster_files();
    let sheet = sheet.unwrap_or_default();
    let now = Utc::now();
    let preview = if dry_run {
        import::preview_file(
            &db,
            &storage.limits,
            now,
            event_id,
            &file_name,
            &bytes,
            &sheet,
        )
        .await
        .map_err(explain)?
    } else {
        let staged = import::stage(&db, &storage, now, None, event_id, &file_name, bytes)
            .await
            .map_err(explain)?;
        if !sheet.is_empty() {
            import::choose_mapping(&db, &storage, now, staged.id, &sheet, None)
                .await
                .map_err(explain)?;
        }
        import::commit(&db, &storage, now, &Actor::System("cli"), staged.id)
            .await
            .map_err(explain)?
    };
    print!("{}", summary(&preview, dry_run));
    Ok(())
}

/// One line that says what is wrong, in Japanese and English.
fn explain(error: AppError) -> anyhow::Error {
    match error {
        AppError::BadFile(problem) => {
            anyhow::anyhow!("{} / {}", problem.message_ja, problem.message_en)
        }
        AppError::NotFound => anyhow::anyhow!(
            "イベントが見つかりません / no event with that id (see the address of its page: /events/ID)"
        ),
        other => anyhow::anyhow!("the import failed: {other}"),
    }
}

/// What the web page shows, as text: the counts per class, then each invalid row.
pub fn summary(preview: &Preview, dry_run: bool) -> String {
    let locale = Locale::ja;
    let counts = preview.counts();
    let mut out = format!(
        "{}（シート「{}」、見出し {} 行目）\n",
        preview.import.file_name, preview.sheet, preview.header_row
    );
    let line: Vec<String> = RowClass::ALL
        .iter()
        .map(|class| format!("{} {}", text::class(locale, *class), counts.get(*class)))
        .collect();
    out.push_str(&line.join(" / "));
    out.push('\n');
    for row in preview
        .plan
        .rows
        .iter()
        .filter(|row| row.class == RowClass::Invalid)
    {
        let reasons: Vec<String> = row
            .problems
            .iter()
            .map(|p| text::row_problem(locale, p))
            .collect();
        out.push_str(&format!(
            "  {}行目: {}\n",
            row.row_number,
            reasons.join(" / ")
        ));
    }
    if dry_run {
        out.push_str("確認のみ（--dry-run）: 何も書き込んでいません。\n");
    } else {
        out.push_str(&format!(
            "取り込みを確定しました（取り込み番号 {}）。\n",
            preview.import.id
        ));
    }
    out
}

/// Refuses a file that is not there before anything else happens.
pub fn check_file(file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    Ok(())
}

//! `server`: Kotae's single binary. See `server --help`.

use anyhow::{Context, bail};
use app::domain::{NewOfficer, NewOfficerInput};
use chrono::Utc;
use clap::Parser;
use server::cli::{Cli, Command};
use server::config::Config;
use server::startup::{Application, leptos_options, shutdown_signal};
use server::{db, demo, import_cli};
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    // A missing .env is normal; a broken one is worth saying.
    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        eprintln!("warning: ignoring .env: {error}");
    }
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| {
            EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn")
        }))
        .init();

    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&config).await,
        Command::CreateOfficer { email, name, role } => {
            create_officer(&config, email, name, role).await
        }
        Command::Demo => {
            let db = db::connect_and_migrate(&config.database_url).await?;
            demo::load(&db, &config.roster_files()).await?;
            println!(
                "Demo data loaded. Log in as {} with password {} (also tanaka@example.jp = officer, review@example.jp = viewer).",
                demo::DEMO_ADMIN,
                demo::DEMO_PASSWORD
            );
            Ok(())
        }
        Command::ImportRoster {
            event,
            sheet,
            dry_run,
            file,
        } => {
            import_cli::check_file(&file)?;
            import_cli::run(&config, event, sheet, dry_run, &file).await
        }
    }
}

async fn serve(config: &Config) -> anyhow::Result<()> {
    // Before the port opens: a SIGTERM from then on is a clean shutdown.
    let shutdown = shutdown_signal();
    let app = Application::build(config, leptos_options(config.listen)?).await?;
    tracing::info!(
        address = %app.local_addr(),
        database = ?config.database_url,
        "Kotae is listening on http://{}",
        app.local_addr()
    );
    app.run_until(shutdown).await
}

async fn create_officer(
    config: &Config,
    email: String,
    name: String,
    role: String,
) -> anyhow::Result<()> {
    let password = read_password()?;
    let input = NewOfficerInput {
        email,
        name,
        role,
        password,
    };
    let officer = match NewOfficer::try_from(&input) {
        Ok(officer) => officer,
        Err(errors) => {
            let details: Vec<String> = errors
                .0
                .iter()
                .map(|e| format!("{}: {:?}", e.field, e.problem))
                .collect();
            bail!("invalid officer: {}", details.join(", "));
        }
    };
    let db = db::connect_and_migrate(&config.database_url).await?;
    let actor = app::server::services::audit::Actor::System("cli");
    let created = app::server::services::officers::create(&db, officer, &actor, Utc::now())
        .await
        .map_err(|e| anyhow::anyhow!("cannot create the officer: {e}"))?;
    println!(
        "Created {} ({}) with role {}.",
        created.email, created.name, created.role
    );
    Ok(())
}

/// Asks twice at a terminal; otherwise reads the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").context("reading password")?;
        let second = rpassword::prompt_password("Repeat password: ").context("reading password")?;
        if first != second {
            bail!("the passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

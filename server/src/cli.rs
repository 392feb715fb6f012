//! The command line: `serve` (default), `create-officer`, `demo`, `import-roster`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kotae",
    version,
    about = "Kotae: post-exhibition surveys and seminar reports"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Add an officer account. The password is asked for at the prompt, or read from
    /// the first line of standard input when it is not a terminal.
    CreateOfficer {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, officer or viewer
        #[arg(long, default_value = "officer")]
        role: String,
    },
    /// Load demo data (officers, events of every kind) so a first run shows a living
    /// product. Safe to run again: existing rows are left as they are.
    Demo,
    /// Import a participant roster (.xlsx .xlsm .xls .ods .csv) for an event, the same way
    /// the web page does, and print what it did: rows per class and the invalid rows with
    /// their reasons.
    ImportRoster {
        /// The event's id (see the address of its page: /events/ID).
        #[arg(long)]
        event: i32,
        /// The sheet to read; by default the first one with a recognisable header.
        #[arg(long)]
        sheet: Option<String>,
        /// Print the preview without writing anything.
        #[arg(long)]
        dry_run: bool,
        file: PathBuf,
    },
}

//! The command line: `serve` (default), `create-officer`, `demo`.

use clap::{Parser, Subcommand};

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
}

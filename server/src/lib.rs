//! Kotae's server: configuration, start-up, HTTP wiring and the command line.

pub mod answer_files;
pub mod answer_post;
pub mod attachment_download;
pub mod cli;
pub mod config;
pub mod csrf;
pub mod db;
pub mod demo;
pub mod exports;
pub mod form_echo;
pub mod guard;
pub mod health;
pub mod import_cli;
pub mod locale;
pub mod mail;
pub mod roster_upload;
pub mod security_headers;
pub mod startup;
pub mod timeout;

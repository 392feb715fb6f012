//! Kotae's server: configuration, start-up, HTTP wiring and the command line.

pub mod cli;
pub mod config;
pub mod csrf;
pub mod db;
pub mod demo;
pub mod guard;
pub mod health;
pub mod locale;
pub mod startup;
pub mod timeout;

//! One file per page.
//!
//! Page titles are plain strings in the page's language, not reactive closures:
//! leptos_meta reads the title after the page's reactive owner may already be gone,
//! which panicked under load. Switching language reloads the page, so nothing is lost.

pub mod answer;
pub mod audit;
pub mod campaigns;
pub mod companies;
pub mod dashboards;
pub mod event_detail;
pub mod event_new;
pub mod events;
pub mod forms;
pub mod library;
pub mod login;
pub mod mail;
pub mod not_found;
pub mod officers;
pub mod roster;

/// A date as the office writes it (2026/11/25 reads naturally in both languages).
pub(crate) fn format_date(date: chrono::NaiveDate) -> String {
    date.format("%Y/%m/%d").to_string()
}

//! What the shared report library and the sharing controls receive.

use crate::domain::forms::describe::AnswerLine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where one company's report stands with sharing, for the officer's review page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingDto {
    /// The form asks for consent to share (a seminar report).
    pub offered: bool,
    /// The approved answers consent to sharing.
    pub consents: bool,
    pub can_share: bool,
    /// In the library now.
    pub shared: bool,
}

/// One shared report in the library's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryItemDto {
    pub id: i32,
    pub event_id: i32,
    pub event: String,
    pub fiscal_year: i32,
    pub company: String,
    /// The seminar's title as the company wrote it.
    pub title: String,
    pub shared_at: DateTime<Utc>,
}

/// The library: the reports the filter let through, and what the filter can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryDto {
    pub items: Vec<LibraryItemDto>,
    /// Every event and fiscal year that has a shared report, for the filter.
    pub events: Vec<(i32, String)>,
    pub fiscal_years: Vec<i32>,
}

/// One shared report, readable and printable: the company's name and its answers in
/// words (never contact details, never other forms' answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryReportDto {
    pub id: i32,
    pub event: String,
    pub company: String,
    pub title: String,
    pub shared_at: DateTime<Utc>,
    pub lines: Vec<AnswerLine>,
}

//! What the officer's review page of one company's response receives.

use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::describe::AnswerLine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One company's response as the reviewing officer reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseReviewDto {
    pub event_name: String,
    pub campaign_title: String,
    pub company_id: i32,
    pub company: String,
    pub status: InvitationStatus,
    /// The last submitted revision, which the lines show; none before a submission.
    pub revision: Option<i32>,
    pub lines: Vec<AnswerLine>,
    /// Every round, oldest first.
    pub history: Vec<HistoryEntryDto>,
    pub sharing: crate::api::library_dto::SharingDto,
}

/// One round of a response's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntryDto {
    pub at: DateTime<Utc>,
    /// `submitted`, `returned` or `approved`.
    pub kind: String,
    pub revision: i32,
    pub comment: String,
    /// The company (submissions) or the officer (decisions).
    pub by: String,
}

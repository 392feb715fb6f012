//! What the delivery log pages receive.

use crate::domain::FieldErrors;
use crate::domain::campaigns::InvitationStatus;
use crate::domain::mail::{MailTemplateInput, ReminderPolicyInput};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One message of the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryDto {
    pub id: i32,
    pub campaign_id: i32,
    pub company_id: i32,
    pub company: String,
    /// `Purpose` code.
    pub purpose: String,
    pub sequence: i32,
    /// Every recipient's address (To, then Cc).
    pub to: Vec<String>,
    pub subject: String,
    /// `DeliveryState` code.
    pub state: String,
    pub due_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub attempts: i32,
    /// The mail server's last reply, or why the message could not be sent.
    pub last_reply: String,
}

/// One message in full, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageDto {
    pub delivery: DeliveryDto,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub message_id: String,
    pub body_text: String,
}

/// A campaign's email page: its reminder policy, where each company stands with its
/// reminders, and every message sent or waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryLogDto {
    pub event_name: String,
    pub campaign_title: String,
    pub deadline: DateTime<Utc>,
    pub policy: ReminderPolicyInput,
    /// When the policy reminds a company with the campaign's deadline.
    pub schedule: Vec<DateTime<Utc>>,
    pub companies: Vec<ReminderRowDto>,
    pub messages: Vec<DeliveryDto>,
    /// The campaign's wording of each kind of message.
    pub templates: Vec<TemplateSummaryDto>,
}

/// One company's reminders in a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRowDto {
    pub invitation_id: i32,
    pub company_id: i32,
    pub company: String,
    pub status: InvitationStatus,
    pub reminders_queued: i32,
    pub next_reminder_at: Option<DateTime<Utc>>,
    pub paused: bool,
}

/// Whether a campaign words one kind of message its own way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSummaryDto {
    /// `Purpose` code.
    pub purpose: String,
    pub custom: bool,
    pub updated_at: Option<DateTime<Utc>>,
}

/// The editor of one kind of message of a campaign, with a preview when one was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEditorDto {
    pub event_name: String,
    pub campaign_title: String,
    /// `Purpose` code.
    pub purpose: String,
    /// `MailLanguage` code: the office's messages are in this language.
    pub language: String,
    /// The campaign's own wording is stored (else the built-in one is shown).
    pub custom: bool,
    pub updated_at: Option<DateTime<Utc>>,
    /// What the form shows: the preview's text, else the stored or built-in wording.
    pub source: MailTemplateInput,
    /// The placeholders this kind of message can use.
    pub placeholders: Vec<String>,
    /// The invited companies (id, name), to preview the message for one of them.
    pub companies: Vec<(i32, String)>,
    pub preview: Option<PreviewDto>,
    /// Why the previewed text cannot be used (field `subject` or `body`).
    pub preview_errors: FieldErrors,
}

/// A message as one company would receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewDto {
    pub company_id: i32,
    pub company: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

//! What the delivery log pages receive.

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

/// A campaign's delivery log and reminder settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryLogDto {
    pub campaign_title: String,
    pub messages: Vec<DeliveryDto>,
}

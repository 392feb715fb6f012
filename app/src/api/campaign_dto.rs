//! What the campaign pages receive: campaigns of an event, the completion board and the
//! personal links of one campaign.

use crate::domain::campaigns::InvitationStatus;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignDto {
    pub id: i32,
    pub event_id: i32,
    pub title: String,
    pub form_id: i32,
    pub form_version: i32,
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub invited: u32,
    pub submitted: u32,
}

impl CampaignDto {
    /// Companies that have not submitted yet.
    pub fn missing(&self) -> u32 {
        self.invited.saturating_sub(self.submitted)
    }
}

/// One company's row of the completion board: its status in each of the event's
/// campaigns, in the order of [`CompletionBoard::campaigns`]; `None` where the company
/// was not asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    pub company_id: i32,
    pub company: String,
    pub booth: String,
    pub cells: Vec<Option<InvitationStatus>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionBoard {
    pub campaigns: Vec<CampaignDto>,
    pub rows: Vec<BoardRow>,
    /// Messages the mail server refused or that had no address: addresses to fix.
    pub mail_failures: Vec<super::mail_dto::DeliveryDto>,
}

/// A company's personal link for one campaign, as the officer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationDto {
    pub id: i32,
    pub company_id: i32,
    pub company: String,
    pub status: InvitationStatus,
    /// The path of the link (`/a/<token>`); the page puts the site's origin before it.
    pub path: String,
    pub extended_until: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// What the form that opens a campaign offers: the published form versions, the
/// event's companies, and the server's time (for the default opening).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignOptionsDto {
    pub versions: Vec<super::form_dto::PublishedVersionDto>,
    pub participants: Vec<super::dto::ParticipantDto>,
    pub now: DateTime<Utc>,
}

/// One campaign with its personal links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignPageDto {
    pub event_name: String,
    pub campaign: CampaignDto,
    pub invitations: Vec<InvitationDto>,
    /// The site's address, put before each link's path.
    pub base_url: String,
}

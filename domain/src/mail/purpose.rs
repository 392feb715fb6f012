//! What a queued message is for, and where it stands. Codes are stored.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// The personal link, when the campaign opens.
    Invitation,
    /// A company that has not submitted, reminded by the schedule or by an officer.
    Reminder,
    /// To the company after it submitted: its receipt number.
    Receipt,
    /// To an officer, on business-day mornings: where the open requests stand.
    Digest,
    /// To the company: an officer returned its answers for correction, with a comment.
    Returned,
}

impl Purpose {
    pub const ALL: [Purpose; 5] = [
        Purpose::Invitation,
        Purpose::Reminder,
        Purpose::Receipt,
        Purpose::Digest,
        Purpose::Returned,
    ];

    /// The messages a campaign can word its own way.
    pub const EDITABLE: [Purpose; 3] = [Purpose::Invitation, Purpose::Reminder, Purpose::Receipt];

    pub fn as_code(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::Reminder => "reminder",
            Purpose::Receipt => "receipt",
            Purpose::Digest => "digest",
            Purpose::Returned => "returned",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|purpose| purpose.as_code() == code)
    }

    pub fn is_for_companies(self) -> bool {
        self != Purpose::Digest
    }

    /// A reminder is pointless once the company has submitted; other messages stand.
    pub fn wanted_after_submission(self) -> bool {
        !matches!(self, Purpose::Reminder)
    }
}

/// Where a queued message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its time (or for a retry after a transient failure).
    Queued,
    /// Claimed by a worker whose lease has not expired.
    Sending,
    /// Accepted by the mail server.
    Sent,
    /// Refused for good (5xx, no valid address, or too many attempts): an officer must
    /// fix the address.
    Failed,
    /// Not sent because it was no longer wanted (the company submitted first).
    Cancelled,
}

impl DeliveryState {
    pub const ALL: [DeliveryState; 5] = [
        DeliveryState::Queued,
        DeliveryState::Sending,
        DeliveryState::Sent,
        DeliveryState::Failed,
        DeliveryState::Cancelled,
    ];

    pub fn as_code(self) -> &'static str {
        match self {
            DeliveryState::Queued => "queued",
            DeliveryState::Sending => "sending",
            DeliveryState::Sent => "sent",
            DeliveryState::Failed => "failed",
            DeliveryState::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_code() == code)
    }
}

//! What pages receive from server functions. Plain data, never database models.

use crate::domain::{EventKind, FiscalYear, Role};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficerDto {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDto {
    pub id: i32,
    pub name: String,
    pub kind: EventKind,
    pub venue: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub fiscal_year: FiscalYear,
    pub notes: String,
    pub archived: bool,
    /// How many companies exhibit (from the roster).
    pub participants: u32,
}

/// One exhibiting company of an event, with its primary contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantDto {
    pub booth: String,
    pub company: String,
    pub industry: String,
    pub regional_leader: bool,
    pub contact_name: String,
    pub contact_email: String,
}

/// Who is signed in (if anyone) and the session's CSRF token for forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub officer: Option<OfficerDto>,
    pub csrf: String,
}

impl SessionInfo {
    pub fn role(&self) -> Option<Role> {
        self.officer.as_ref().map(|o| o.role)
    }

    pub fn can_write(&self) -> bool {
        self.role().is_some_and(Role::can_write)
    }

    pub fn is_admin(&self) -> bool {
        self.role().is_some_and(Role::is_admin)
    }
}

#[cfg(feature = "ssr")]
mod from_models {
    use super::*;
    use crate::server::auth::Officer;
    use crate::server::entities::{event, officer};

    impl From<event::Model> for EventDto {
        fn from(m: event::Model) -> Self {
            Self {
                id: m.id,
                // Codes are written only by `EventKind::as_str`; an unknown one shows as other.
                kind: EventKind::parse(&m.kind).unwrap_or(EventKind::Other),
                fiscal_year: FiscalYear::new(m.fiscal_year),
                archived: m.archived_at.is_some(),
                name: m.name,
                venue: m.venue,
                start_date: m.start_date,
                end_date: m.end_date,
                notes: m.notes,
                participants: 0,
            }
        }
    }

    impl From<officer::Model> for OfficerDto {
        fn from(m: officer::Model) -> Self {
            Self {
                id: m.id,
                role: Role::parse(&m.role).unwrap_or(Role::Viewer),
                email: m.email,
                name: m.name,
                active: m.active,
            }
        }
    }

    impl From<Officer> for OfficerDto {
        fn from(o: Officer) -> Self {
            Self {
                id: o.id,
                email: o.email,
                name: o.name,
                role: o.role,
                active: true,
            }
        }
    }
}

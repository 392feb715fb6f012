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
    pub company_id: i32,
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

    pub fn can_read_audit_log(&self) -> bool {
        self.role().is_some_and(Role::can_read_audit_log)
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

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntryDto {
    pub id: i32,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: AuditActorDto,
    /// The action code (`AuditAction::as_code`); a code this build does not know is
    /// shown as it is.
    pub action: String,
    pub subject: String,
    /// The details as (key, value) texts; the page translates the keys it knows.
    pub details: Vec<(String, String)>,
}

/// Who did it, as the audit page names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum AuditActorDto {
    Officer(String),
    /// Not signed in: the e-mail address someone typed.
    Anonymous(String),
    /// The command line, the demo loader or a background job.
    System(String),
}

/// One page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPageDto {
    pub entries: Vec<AuditEntryDto>,
    /// How many entries match the filter in all.
    pub total: u64,
    /// 1-based.
    pub page: u64,
}

#[cfg(feature = "ssr")]
impl From<crate::server::entities::audit_log::Model> for AuditEntryDto {
    fn from(m: crate::server::entities::audit_log::Model) -> Self {
        use crate::server::services::audit::detail_pairs;
        // The writer marks the system with a prefix; anyone else without an officer id
        // is someone who was not signed in (a failed login).
        let actor = match (m.officer_id, m.actor.strip_prefix("system:")) {
            (Some(_), _) => AuditActorDto::Officer(m.actor),
            (None, Some(name)) if m.action != "login_failed" => {
                AuditActorDto::System(name.to_owned())
            }
            (None, _) => AuditActorDto::Anonymous(m.actor),
        };
        Self {
            id: m.id,
            at: m.at,
            actor,
            details: detail_pairs(&m.details),
            action: m.action,
            subject: m.subject,
        }
    }
}

/// One row of the company list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyRowDto {
    pub id: i32,
    pub name: String,
    pub name_kana: String,
    pub corporate_number: Option<String>,
    pub industry: String,
    /// 地域未来牽引企業
    pub regional_leader: bool,
    /// The primary contact (else the oldest): name, and address.
    pub contact_name: String,
    pub contact_email: String,
    /// At how many events the company exhibited.
    pub events: u32,
}

/// One page of the company list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyPageDto {
    pub rows: Vec<CompanyRowDto>,
    /// How many companies match the search in all.
    pub total: u64,
    /// 1-based.
    pub page: u64,
    pub pages: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactDto {
    pub id: i32,
    pub name: String,
    pub department: String,
    pub email: String,
    pub phone: String,
    pub primary: bool,
}

/// An event a company exhibited at, with its booth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyEventDto {
    pub id: i32,
    pub name: String,
    pub start_date: NaiveDate,
    pub booth: String,
}

/// One company with its contacts (primary first) and events (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyDto {
    pub id: i32,
    pub name: String,
    pub name_kana: String,
    pub corporate_number: Option<String>,
    pub industry: String,
    pub address: String,
    pub regional_leader: bool,
    pub contacts: Vec<ContactDto>,
    pub events: Vec<CompanyEventDto>,
}

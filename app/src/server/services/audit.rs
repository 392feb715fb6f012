//! The audit log: who did what, and when. Every entry is written on the connection or
//! transaction of the change it records, so a change and its entry stand or fall
//! together.

use crate::error::AppError;
use crate::server::auth::Officer;
use crate::server::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// Who did it: an officer, or the system (the command line, background jobs).
#[derive(Debug, Clone)]
pub enum Actor {
    Officer { id: i32, email: String },
    /// Someone not signed in, e.g. a failed login for this address.
    Anonymous { claimed: String },
    System(&'static str),
}

impl From<&Officer> for Actor {
    fn from(officer: &Officer) -> Self {
        Actor::Officer {
            id: officer.id,
            email: officer.email.clone(),
        }
    }
}

/// What happened. Codes are stable: the audit page translates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Login,
    LoginFailed,
    OfficerCreated,
    OfficerRoleChanged,
    OfficerDisabled,
    OfficerEnabled,
    RosterImported,
    CompanyUpdated,
    CompaniesMerged,
    ContactUpdated,
}

impl Action {
    pub fn as_code(self) -> &'static str {
        match self {
            Action::Login => "login",
            Action::LoginFailed => "login_failed",
            Action::OfficerCreated => "officer_created",
            Action::OfficerRoleChanged => "officer_role_changed",
            Action::OfficerDisabled => "officer_disabled",
            Action::OfficerEnabled => "officer_enabled",
            Action::RosterImported => "roster_imported",
            Action::CompanyUpdated => "company_updated",
            Action::CompaniesMerged => "companies_merged",
            Action::ContactUpdated => "contact_updated",
        }
    }
}

/// Writes one entry. `subject` names what was acted on (an e-mail, "event 3"), and
/// `details` is a JSON object with whatever the entry needs (counts, old and new values).
pub async fn record(
    conn: &impl ConnectionTrait,
    at: DateTime<Utc>,
    actor: &Actor,
    action: Action,
    subject: &str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let (officer_id, actor_text) = match actor {
        Actor::Officer { id, email } => (Some(*id), email.clone()),
        Actor::Anonymous { claimed } => (None, claimed.chars().take(254).collect()),
        Actor::System(name) => (None, format!("system:{name}")),
    };
    audit_log::ActiveModel {
        at: Set(at),
        officer_id: Set(officer_id),
        actor: Set(actor_text),
        action: Set(action.as_code().to_owned()),
        subject: Set(subject.chars().take(300).collect()),
        details: Set(details.to_string()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

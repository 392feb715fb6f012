//! Officer accounts: roles and the input of the "add officer" form.

use super::field_errors::required_text;
use super::{Email, FieldErrors, Problem};
use serde::{Deserialize, Serialize};

/// What an officer may do. Checked on the server for every server function and route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including managing officer accounts.
    Admin,
    /// Creates and edits events, rosters, forms.
    Officer,
    /// Reads everything, changes nothing (e.g. members of the annual review council).
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Officer, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Problem> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == code.trim())
            .ok_or(Problem::InvalidChoice)
    }

    pub fn can_write(self) -> bool {
        matches!(self, Role::Admin | Role::Officer)
    }

    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }

    /// Who may read the audit log: admins, and viewers (the review council reads it);
    /// officers, who do the day-to-day work the log records, may not.
    pub fn can_read_audit_log(self) -> bool {
        matches!(self, Role::Admin | Role::Viewer)
    }
}

/// A new password, long enough to resist guessing. Never serialized back to a browser.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        if raw.is_empty() {
            Err(Problem::Required)
        } else if raw.chars().count() < Self::MIN_CHARS {
            Err(Problem::PasswordTooShort {
                min: Self::MIN_CHARS,
            })
        } else if raw.chars().count() > 1024 {
            Err(Problem::TooLong { max: 1024 })
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// What the "add officer" form posts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOfficerInput {
    pub email: String,
    pub name: String,
    pub role: String,
    pub password: String,
}

/// A valid new officer.
#[derive(Debug, Clone)]
pub struct NewOfficer {
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub password: Password,
}

impl TryFrom<&NewOfficerInput> for NewOfficer {
    type Error = FieldErrors;

    fn try_from(input: &NewOfficerInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = errors.take("email", Email::parse(&input.email));
        let name = errors.take("name", required_text(&input.name, 100));
        let role = errors.take("role", Role::parse(&input.role));
        let password = errors.take("password", Password::parse(&input.password));
        match (email, name, role, password) {
            (Some(email), Some(name), Some(role), Some(password)) => Ok(NewOfficer {
                email,
                name,
                role,
                password,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_and_officers_can_write() {
        assert!(Role::Admin.can_write());
        assert!(Role::Officer.can_write());
        assert!(!Role::Viewer.can_write());
        assert!(!Role::Officer.is_admin());
    }

    #[test]
    fn officers_cannot_read_the_audit_log_but_admins_and_viewers_can() {
        assert!(Role::Admin.can_read_audit_log());
        assert!(Role::Viewer.can_read_audit_log());
        assert!(!Role::Officer.can_read_audit_log());
    }

    #[test]
    fn short_passwords_are_refused_and_never_printed() {
        assert_eq!(
            Password::parse("short"),
            Err(Problem::PasswordTooShort { min: 10 })
        );
        let password = Password::parse("correct horse battery").expect("long enough");
        assert_eq!(format!("{password:?}"), "Password(***)");
    }

    #[test]
    fn new_officer_reports_each_bad_field() {
        let errors = NewOfficer::try_from(&NewOfficerInput {
            email: "not-an-email".into(),
            name: String::new(),
            role: "root".into(),
            password: "x".into(),
        })
        .expect_err("invalid");
        assert_eq!(errors.for_field("email"), Some(&Problem::InvalidEmail));
        assert_eq!(errors.for_field("name"), Some(&Problem::Required));
        assert_eq!(errors.for_field("role"), Some(&Problem::InvalidChoice));
        assert!(matches!(
            errors.for_field("password"),
            Some(Problem::PasswordTooShort { .. })
        ));
    }
}

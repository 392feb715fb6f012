//! An e-mail address, trimmed and lower-cased so that one person has one address.

use super::Problem;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Problem::Required);
        }
        if trimmed.chars().count() > 254 {
            return Err(Problem::TooLong { max: 254 });
        }
        let parsed =
            email_address::EmailAddress::from_str(trimmed).map_err(|_| Problem::InvalidEmail)?;
        // Officers type their address in many ways; the mailbox part is case-insensitive
        // for every provider our users have, so one canonical form avoids duplicates.
        Ok(Self(parsed.as_str().to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        let email = Email::parse("  Tanaka@City.Example.JP ").expect("valid");
        assert_eq!(email.as_str(), "tanaka@city.example.jp");
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        assert_eq!(Email::parse(""), Err(Problem::Required));
        assert_eq!(Email::parse("tanaka"), Err(Problem::InvalidEmail));
        assert_eq!(Email::parse("tanaka@"), Err(Problem::InvalidEmail));
    }
}

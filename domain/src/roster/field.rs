//! The fields a roster column can hold. Their codes are stored with a remembered column
//! mapping and sent through forms, so a code, once published, never changes.

use serde::{Deserialize, Serialize};

/// What one roster column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RosterField {
    CompanyName,
    CompanyKana,
    /// 法人番号.
    CorporateNumber,
    Industry,
    Address,
    /// 地域未来牽引企業: a yes/no flag.
    RegionalLeader,
    ContactName,
    Department,
    Email,
    Phone,
    /// 小間番号.
    Booth,
    Notes,
}

impl RosterField {
    /// Every field, in the order a preview shows them.
    pub const ALL: [RosterField; 12] = [
        RosterField::CompanyName,
        RosterField::CompanyKana,
        RosterField::CorporateNumber,
        RosterField::Industry,
        RosterField::Address,
        RosterField::RegionalLeader,
        RosterField::ContactName,
        RosterField::Department,
        RosterField::Email,
        RosterField::Phone,
        RosterField::Booth,
        RosterField::Notes,
    ];

    /// The stable code, the same text serde writes.
    pub fn as_code(self) -> &'static str {
        match self {
            RosterField::CompanyName => "company_name",
            RosterField::CompanyKana => "company_kana",
            RosterField::CorporateNumber => "corporate_number",
            RosterField::Industry => "industry",
            RosterField::Address => "address",
            RosterField::RegionalLeader => "regional_leader",
            RosterField::ContactName => "contact_name",
            RosterField::Department => "department",
            RosterField::Email => "email",
            RosterField::Phone => "phone",
            RosterField::Booth => "booth",
            RosterField::Notes => "notes",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.as_code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_its_field() {
        for field in RosterField::ALL {
            assert_eq!(RosterField::from_code(field.as_code()), Some(field));
        }
    }

    #[test]
    fn serde_writes_the_same_code_as_as_code() {
        for field in RosterField::ALL {
            let json = serde_json::to_string(&field).expect("serializes");
            assert_eq!(json, format!("\"{}\"", field.as_code()));
            let back: RosterField = serde_json::from_str(&json).expect("deserializes");
            assert_eq!(back, field);
        }
    }

    #[test]
    fn published_codes_do_not_change() {
        assert_eq!(RosterField::RegionalLeader.as_code(), "regional_leader");
        assert_eq!(RosterField::CorporateNumber.as_code(), "corporate_number");
        assert_eq!(RosterField::Booth.as_code(), "booth");
    }

    #[test]
    fn an_unknown_code_is_no_field() {
        assert_eq!(RosterField::from_code("fax"), None);
        assert_eq!(RosterField::from_code(""), None);
        assert_eq!(RosterField::from_code("Email"), None);
    }
}

//! What one roster row becomes: a company with its contacts and its participation, or
//! the reasons it cannot be imported. Everything here is sent to the browser for the
//! preview; problems and warnings are codes that the UI translates.

use super::RosterField;
use crate::{CorporateNumber, Email, Problem};
use serde::{Deserialize, Serialize};

/// A company as one row describes it. Empty text means "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyRecord {
    pub name: String,
    pub kana: String,
    pub corporate_number: Option<CorporateNumber>,
    pub industry: String,
    pub address: String,
    /// 地域未来牽引企業.
    pub regional_leader: bool,
}

/// One person to write to. Empty text means "not given".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactRecord {
    pub name: String,
    pub department: String,
    pub email: Email,
    pub phone: String,
}

/// A row that can be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterRow {
    /// The row number as the spreadsheet shows it (1 for the first row).
    pub row_number: u32,
    pub company: CompanyRecord,
    /// One per address in the e-mail cell, in the order typed; the first is the primary.
    /// Empty for a company given without an address.
    pub contacts: Vec<ContactRecord>,
    /// 小間番号.
    pub booth: Option<String>,
    pub notes: Option<String>,
    pub warnings: Vec<RowWarning>,
}

impl RosterRow {
    pub fn primary_contact(&self) -> Option<&ContactRecord> {
        self.contacts.first()
    }
}

/// What is wrong with one field of a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub field: RosterField,
    pub problem: Problem,
    /// The offending text, where showing it helps: the bad piece of an e-mail cell that
    /// holds several addresses, the corporate number as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl RowProblem {
    pub fn new(field: RosterField, problem: Problem) -> Self {
        Self {
            field,
            problem,
            value: None,
        }
    }

    pub fn with_value(field: RosterField, problem: Problem, value: impl Into<String>) -> Self {
        Self {
            field,
            problem,
            value: Some(value.into()),
        }
    }
}

/// Something the officer should look at before confirming; the row is imported anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RowWarning {
    /// A company without an e-mail address: it is imported, but no one can be asked to
    /// answer. A contact name or phone given without an address is not kept.
    NoEmail,
    /// The phone number had become a number in Excel; its leading zero was put back.
    PhoneZeroRestored { original: String, phone: String },
    /// The phone number is kept as given but does not look like a Japanese number.
    PhoneUnclear { phone: String },
    /// The 地域未来牽引企業 cell was neither a yes nor a no mark; it was read as no.
    RegionalLeaderUnclear { value: String },
    /// The cell held a spreadsheet error such as `#N/A` (a broken formula); it was read
    /// as blank.
    CellError { field: RosterField, value: String },
}

impl RowWarning {
    /// The field the warning is about, for the preview to mark the cell.
    pub fn field(&self) -> RosterField {
        match self {
            RowWarning::NoEmail => RosterField::Email,
            RowWarning::PhoneZeroRestored { .. } | RowWarning::PhoneUnclear { .. } => {
                RosterField::Phone
            }
            RowWarning::RegionalLeaderUnclear { .. } => RosterField::RegionalLeader,
            RowWarning::CellError { field, .. } => *field,
        }
    }
}

/// What became of one data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RowOutcome {
    /// Nothing in any column the import reads: a blank line between blocks.
    Skipped,
    Invalid {
        row_number: u32,
        problems: Vec<RowProblem>,
    },
    /// Boxed: a valid row is several times the size of the other outcomes.
    Valid(Box<RosterRow>),
}

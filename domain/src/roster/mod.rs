//! Roster import: what a participant roster from a spreadsheet means. Plain Rust, free
//! of file formats and the database: the spreadsheet reader (`server::spreadsheet`)
//! turns a file into rows of [`Cell`]s, and this module turns those rows into companies,
//! contacts and participations, or into reasons why a row cannot be imported.
//!
//! The steps, each in its own module: [`header`] finds the header row, [`header_name`]
//! tells which [`RosterField`] a header names, and [`column_mapping`] keeps the result;
//! [`row`] reads each data row through that mapping into the types of [`record`], using
//! the [`normalize`]rs and [`flag`]; [`company_key`] tells when two rows are one company.

pub mod cell;
pub mod column_mapping;
pub mod company_key;
pub mod field;
pub mod flag;
pub mod header;
pub mod header_name;
pub mod normalize;
pub mod plan;
pub mod record;
pub mod row;

pub use cell::Cell;
pub use column_mapping::ColumnMapping;
pub use company_key::{CompanyKey, company_key, comparable_name, email_domain, is_shared_domain};
pub use field::RosterField;
pub use header::{HEADER_SCAN_LIMIT, HeaderRow, find_header, mapping_signature};
pub use header_name::{normalize_header, recognize};
pub use normalize::{EmailCell, PhoneOutcome};
pub use plan::{Change, Plan, PlannedRow, RowClass, StoredCompany, StoredContact, Suggestion};
pub use record::{CompanyRecord, ContactRecord, RosterRow, RowOutcome, RowProblem, RowWarning};
pub use row::parse_row;

//! Domain types shared by the server and the browser. Plain Rust, no HTTP or database
//! types, so the same parsing runs on both sides and is unit-tested alone.

pub mod aggregate;
pub mod audit;
pub mod campaigns;
pub mod companies;
pub mod corporate_number;
pub mod email;
pub mod event;
pub mod field_errors;
pub mod fiscal_year;
pub mod forms;
pub mod kpi;
pub mod mail;
pub mod office_time;
pub mod officer;
pub mod roster;
pub mod sharing;

pub use audit::{AuditAction, AuditFilter, AuditQuery};
pub use companies::{CompanyDraft, CompanyInput, ContactDraft, ContactInput};
pub use corporate_number::CorporateNumber;
pub use email::Email;
pub use event::{EventDraft, EventInput, EventKind};
pub use field_errors::{FieldError, FieldErrors, Problem};
pub use fiscal_year::FiscalYear;
pub use officer::{NewOfficer, NewOfficerInput, Password, Role};

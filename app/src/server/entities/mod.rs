//! sea-orm entities. They stay on the server: pages get DTOs from `crate::api`.

pub mod attachment;
pub mod audit_log;
pub mod campaign;
pub mod company;
pub mod contact;
pub mod event;
pub mod form;
pub mod form_version;
pub mod invitation;
pub mod kpi;
pub mod kpi_year;
pub mod mail_template;
pub mod officer;
pub mod outbox_message;
pub mod participation;
pub mod response;
pub mod response_revision;
pub mod review;
pub mod roster_import;
pub mod roster_mapping;
pub mod session;
pub mod shared_report;

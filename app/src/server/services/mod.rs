//! Business operations on a database connection, free of HTTP: server functions and
//! the CLI call these, and tests can too.

pub mod answering;
pub mod attachments;
pub mod audit;
pub mod campaigns;
pub mod companies;
pub mod dashboards;
pub mod events;
pub mod forms;
pub mod kpis;
pub mod mail;
pub mod officers;
pub mod review;
pub mod roster;
pub mod sharing;
pub mod summary;

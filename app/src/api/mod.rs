//! Server functions: the app's HTTP API under `/api/`. Each one authenticates, parses
//! its input into domain types, calls a service and maps the result to a DTO.
//!
//! Every state-changing function takes a `csrf` argument. The CSRF middleware
//! (`server::csrf`) checks it before the function runs; it is declared here so that a
//! hydrated `ActionForm` keeps the hidden field when it serializes the form.

pub mod answers;
pub mod audit;
pub mod campaign_dto;
pub mod campaigns;
pub mod companies;
pub mod dashboard_dto;
pub mod dashboards;
pub mod dto;
pub mod events;
pub mod form_dto;
pub mod forms;
pub mod kpi_dto;
pub mod kpis;
pub mod library;
pub mod library_dto;
pub mod mail;
pub mod mail_dto;
pub mod mail_templates;
pub mod officers;
pub mod review;
pub mod review_dto;
pub mod roster;
pub mod session;
pub mod summary;
pub mod summary_dto;

#[cfg(feature = "ssr")]
mod respond;

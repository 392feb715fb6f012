//! The dashboards: one event's campaigns (`event`), and a fiscal year's events with
//! the trend over the years (`fiscal_year`), for the office's annual review. Both are
//! complete without JavaScript and print on A4 for the review council's packet.

pub mod event;
mod figures;
pub mod fiscal_year;
pub mod kpi_settings;
mod kpi_table;

//! Reusable pieces of pages.

pub mod answer_form;
pub mod answer_lines;
pub mod company_form;
pub mod event_form;
pub mod form;
pub mod layout;
pub mod pagination;
pub mod saved_banner;

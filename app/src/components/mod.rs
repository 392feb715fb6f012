//! Reusable pieces of pages.

pub mod company_form;
pub mod event_form;
pub mod form;
pub mod layout;

//! Reusable pieces of pages.

pub mod event_form;
pub mod form;
pub mod layout;

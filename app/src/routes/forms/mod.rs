//! The form pages for officers: the list (`list`), one form with its versions and a
//! preview (`detail`, `preview`), the builder that edits the newest version
//! (`builder`), and the problems of a definition in words (`issues`).

pub mod builder;
pub mod detail;
pub mod issues;
pub mod list;
pub mod preview;

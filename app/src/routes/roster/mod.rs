//! The roster import pages: upload a file, then preview, correct and commit it.

pub mod preview;
pub mod text;
pub mod upload;

//! Server-only code of the app crate: database entities, services, sessions and auth.
//! Compiled only with the `ssr` feature, so none of it reaches the wasm bundle.

pub mod attachments;
pub mod auth;
pub mod clock;
pub mod entities;
pub mod export;
pub mod links;
pub mod services;
pub mod session_store;
pub mod spreadsheet;
pub mod state;
pub mod throttle;

pub use state::AppState;

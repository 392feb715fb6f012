//! Email (the outbox): deciding to send a message writes it to `outbox_messages` in the
//! same transaction as the decision, unique per invitation, purpose and sequence, so a
//! message can never be queued twice. The worker in the `server` crate claims due
//! messages with a lease, sends them and records the outcome only under its lease.

pub mod compose;
pub mod digest;
pub mod log;
pub mod outbox;
pub mod recipients;
pub mod reminders;
pub mod scheduler;
pub mod templates;

pub use compose::{Composer, MailLanguage};
pub use outbox::{Claimed, Outcome};

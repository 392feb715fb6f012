//! Email pages of a campaign: `page` (the reminder policy, each company's reminders and
//! the delivery log), `message` (one message as sent), `template_editor`
//! (a campaign's own wording of a kind of message, with a preview); `labels` puts a message's kind
//! and state into words.

mod delivery_table;
pub mod labels;
pub mod message;
pub mod page;
mod policy_form;
mod reminder_table;
pub mod template_editor;
mod template_list;

pub use delivery_table::DeliveryTable;

//! Email rules that need no database or network: the office's business days, when a
//! company is reminded, and what each kind of message is for.

pub mod calendar;
pub mod policy;
pub mod purpose;
pub mod template;

pub use calendar::BusinessCalendar;
pub use policy::{ReminderPolicy, ReminderPolicyInput};
pub use purpose::{DeliveryState, Purpose};
pub use template::{MailTemplate, MailTemplateInput, Placeholder, TemplateText};

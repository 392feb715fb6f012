//! Questionnaires: the forms officers send to companies after an event, and the answers
//! that come back. Plain Rust compiled into the browser bundle too, so the browser checks
//! a form with the same code as the server.
//!
//! [`definition`] and [`question`] describe a form, as stored JSON; [`check`] tells
//! whether a definition can be used; [`read_answer`] reads one question's posted fields,
//! using [`number`] for what companies type as numbers and [`read_choice`] for choices;
//! [`validate`] reads a whole form into [`Answers`] ([`answer`]); [`templates`] holds
//! the built-in forms.

pub mod answer;
pub mod builder;
pub mod check;
pub mod control_ids;
pub mod definition;
pub mod describe;
pub mod number;
pub mod question;
pub mod read_answer;
pub mod read_choice;
pub mod stored;
pub mod templates;
pub mod validate;

#[cfg(test)]
pub(crate) mod fixtures;

pub use answer::{Answer, Answers, FileRef, RawAnswers};
pub use check::{DefinitionIssue, DefinitionProblem};
pub use definition::{FormDefinition, Item, Section, Text};
pub use number::{Decimal, NumberError};
pub use question::{
    ChoiceDisplay, ChoiceOption, Condition, OTHER, Question, QuestionId, QuestionKind,
};
pub use stored::{AnswerRef, AnswerSlots, StoredAnswers};
pub use validate::{Mode, Refused};

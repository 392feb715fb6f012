//! Per-field validation problems. They carry a code, not a sentence: the UI turns each
//! code into a message in the reader's language.

use serde::{Deserialize, Serialize};

/// What is wrong with one field. Bounds are carried as the message shows them: numbers
/// in canonical form, dates as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    InvalidDate,
    EndBeforeStart,
    InvalidChoice,
    InvalidEmail,
    InvalidCorporateNumber,
    EmailTaken,
    PasswordTooShort {
        min: usize,
    },
    CorporateNumberTaken,
    SameCompany,
    UnknownCompany,
    NotANumber,
    NotAWholeNumber,
    OutOfRange {
        min: String,
        max: String,
    },
    TooSmall {
        min: String,
    },
    TooLarge {
        max: String,
    },
    TooManyDecimals {
        max: u8,
    },
    TooFewChoices {
        min: u32,
    },
    TooManyChoices {
        max: u32,
    },
    DateTooEarly {
        min: String,
    },
    DateTooLate {
        max: String,
    },
    InvalidDateTime,
    DeadlineBeforeOpening,
    NoRecipients,
    ExtensionNotLater,
    /// Both companies of a merge were asked in the same campaign.
    BothAsked,
    /// A mail template names a placeholder that does not exist (for this kind of message).
    UnknownPlaceholder {
        name: String,
    },
    /// A mail template leaves out a placeholder it needs (the personal link).
    MissingPlaceholder {
        name: String,
    },
    /// A mail template opens `{{` and never closes it.
    UnclosedPlaceholder,
    /// There is no submitted response to return or approve (any more).
    NotSubmitted,
    /// The company submitted a newer version since the officer read this one.
    NewerRevision,
    /// Only an approved report can be shared.
    NotApproved,
    /// The company did not agree to share its report.
    NoConsent,
    /// A file that is not a PDF, an image or an Office document, whatever its name says.
    FileKindRefused,
    /// One file over the size limit.
    FileTooLarge {
        max_mb: u64,
    },
    /// The files of one response together over the limit.
    FilesTooLarge {
        max_mb: u64,
    },
    TooManyFiles {
        max: u8,
    },
    /// A kept file that is not this company's (a forged post) or no longer exists.
    UnknownFile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// All problems found in one submitted form, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError {
            field: field.to_owned(),
            problem,
        });
    }

    pub fn single(field: &str, problem: Problem) -> Self {
        let mut errors = Self::default();
        errors.push(field, problem);
        errors
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem reported for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.problem)
    }

    /// Records the problem of a parse step and returns its value, so several fields can
    /// be checked before giving up: every problem is shown at once.
    pub fn take<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        result.map_err(|problem| self.push(field, problem)).ok()
    }
}

/// Trims a text field and checks that it is present and not longer than `max` characters.
pub fn required_text(value: &str, max: usize) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        Err(Problem::Required)
    } else {
        optional_text(value, max)
    }
}

/// Trims a text field that may be empty and checks its length in characters.
pub fn optional_text(value: &str, max: usize) -> Result<String, Problem> {
    let value = value.trim();
    if value.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_rejects_blank() {
        assert_eq!(required_text("  展示会 ", 10), Ok("展示会".to_owned()));
        assert_eq!(required_text(" \t ", 10), Err(Problem::Required));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        assert!(required_text("あいう", 3).is_ok());
        assert_eq!(
            required_text("あいうえ", 3),
            Err(Problem::TooLong { max: 3 })
        );
    }
}

//! One question of a form: what is asked, what kind of answer it takes, and when it is
//! shown. Part of the stored JSON format, like [`super::definition`].

use super::definition::Text;
use super::number::Decimal;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable key of an item (`q1`, `negotiations`). Answers are stored under it and
/// aggregation maps indicators to it, so it never changes once a form is in use.
/// [`FormDefinition::check`](super::FormDefinition::check) accepts lower-case ASCII
/// letters, digits and single underscores.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuestionId(String);

/// The value posted for the "other" choice of a choice question. Option values may not
/// start with `__` (see [`check`](super::check)), so it never collides with one.
pub const OTHER: &str = "__other";

/// Appended to a question id to name the field holding the "other" free text.
const OTHER_FIELD_SUFFIX: &str = "__other";

impl QuestionId {
    pub fn new(id: &str) -> Self {
        Self(id.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name of the form field for the free text of the "other" choice (`q3__other`);
    /// problems with that text are reported under this name.
    pub fn other_field(&self) -> String {
        format!("{}{OTHER_FIELD_SUFFIX}", self.0)
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub label: Text,
    #[serde(default)]
    pub help: Text,
    #[serde(default)]
    pub required: bool,
    pub kind: QuestionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

impl Question {
    /// The options of a choice question; empty for every other kind.
    pub fn options(&self) -> &[ChoiceOption] {
        match &self.kind {
            QuestionKind::SingleChoice { options, .. }
            | QuestionKind::MultipleChoice { options, .. } => options,
            _ => &[],
        }
    }

    pub fn is_choice(&self) -> bool {
        matches!(
            self.kind,
            QuestionKind::SingleChoice { .. } | QuestionKind::MultipleChoice { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// One line.
    ShortText {
        max_chars: usize,
    },
    /// A text area.
    LongText {
        max_chars: usize,
    },
    Integer {
        #[serde(default)]
        min: Option<i64>,
        #[serde(default)]
        max: Option<i64>,
        /// Shown after the input (件); a company typing `12件` is understood.
        #[serde(default)]
        unit: Option<Text>,
    },
    Decimal {
        #[serde(default)]
        min: Option<Decimal>,
        #[serde(default)]
        max: Option<Decimal>,
        #[serde(default)]
        unit: Option<Text>,
        max_fraction_digits: u8,
    },
    SingleChoice {
        options: Vec<ChoiceOption>,
        #[serde(default)]
        display: ChoiceDisplay,
        /// Adds an "other" choice with a free text.
        #[serde(default)]
        other: bool,
    },
    MultipleChoice {
        options: Vec<ChoiceOption>,
        #[serde(default)]
        min_selected: Option<u32>,
        #[serde(default)]
        max_selected: Option<u32>,
        #[serde(default)]
        other: bool,
    },
    /// A scale such as 1–5, labelled at both ends.
    Rating {
        min: u8,
        max: u8,
        #[serde(default)]
        min_label: Text,
        #[serde(default)]
        max_label: Text,
    },
    Date {
        #[serde(default)]
        min: Option<NaiveDate>,
        #[serde(default)]
        max: Option<NaiveDate>,
    },
    Email,
    /// Files attached to the answer (the seminar report's 資料): PDF, images, Office
    /// documents, checked by content on the server.
    File {
        #[serde(default = "default_max_files")]
        max_files: u8,
    },
}

/// How many files a file question takes unless its definition says otherwise.
pub const DEFAULT_MAX_FILES: u8 = 5;

fn default_max_files() -> u8 {
    DEFAULT_MAX_FILES
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// What is posted and stored; stable like a question id.
    pub value: String,
    pub label: Text,
}

impl ChoiceOption {
    pub fn new(value: &str, label: Text) -> Self {
        Self {
            value: value.to_owned(),
            label,
        }
    }
}

/// How a single choice is drawn: radio buttons for a few options, a select for many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceDisplay {
    #[default]
    Radio,
    Select,
}

/// Show a question only when an earlier choice question has `equals` selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub question: QuestionId,
    pub equals: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn question_kinds_are_stored_with_a_snake_case_type_tag() {
        let kind = QuestionKind::Integer {
            min: Some(0),
            max: None,
            unit: Some(Text::ja("件")),
        };
        let stored = serde_json::to_value(&kind).expect("serialises");
        assert_eq!(
            stored,
            json!({"type": "integer", "min": 0, "max": null, "unit": {"ja": "件"}})
        );
        assert_eq!(
            serde_json::to_value(QuestionKind::Email).expect("serialises"),
            json!({"type": "email"})
        );
    }

    #[test]
    fn omitted_optional_settings_read_as_their_defaults() {
        let kind: QuestionKind = serde_json::from_value(json!({
            "type": "single_choice",
            "options": [{"value": "yes", "label": {"ja": "はい"}}]
        }))
        .expect("reads");
        assert_eq!(
            kind,
            QuestionKind::SingleChoice {
                options: vec![ChoiceOption::new("yes", Text::ja("はい"))],
                display: ChoiceDisplay::Radio,
                other: false,
            }
        );
    }

    #[test]
    fn the_other_text_field_is_named_after_the_question() {
        assert_eq!(QuestionId::new("q3").other_field(), "q3__other");
    }
}

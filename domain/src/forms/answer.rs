//! What a company answered: [`RawAnswers`] as the browser posts them, and [`Answers`]
//! once read and checked against the form (see [`super::validate`]). Answers are stored
//! as JSON, so the serde names are a stored format.

use super::number::Decimal;
use super::question::{OTHER, QuestionId};
use crate::Email;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The answer to one question, in the type its kind asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// Short or long text, trimmed, line breaks as `\n`.
    Text(String),
    Integer(i64),
    Decimal(Decimal),
    /// A single choice: an option value, or [`OTHER`] with the free text in `other`.
    Choice {
        value: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<String>,
    },
    /// Several choices in the order of the options, [`OTHER`] last.
    Choices {
        values: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        other: Option<String>,
    },
    Rating(u8),
    Date(NaiveDate),
    Email(Email),
    /// Files kept for the answer, in the order attached.
    Files(Vec<FileRef>),
}

/// A file attached to an answer, as the server kept it: the answer names it by the id
/// of its stored row and carries what is shown of it without opening the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub id: i64,
    /// The name the company's browser gave it (shown, and offered when downloading).
    pub name: String,
    pub size: u64,
    /// The type found in its content, not the one its name suggests.
    pub mime: String,
}

impl FileRef {
    /// The posted form of a kept file: the answer form's hidden field for it holds this,
    /// and the server replaces what comes back with its own record of the id before the
    /// answers are read, so a name or size changed in the browser is never believed.
    pub fn to_field(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_field(value: &str) -> Option<Self> {
        serde_json::from_str(value).ok()
    }
}

/// A form's answers by question. Questions left blank, and questions hidden by their
/// condition, have no entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<QuestionId, Answer>);

impl Answers {
    pub fn get(&self, id: &QuestionId) -> Option<&Answer> {
        self.0.get(id)
    }

    pub fn insert(&mut self, id: QuestionId, answer: Answer) {
        self.0.insert(id, answer);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields a form would post to give these answers: a saved draft is rendered
    /// into the form this way, and reading the result gives the same answers back.
    pub fn to_raw(&self) -> RawAnswers {
        let mut raw = RawAnswers::default();
        for (id, answer) in &self.0 {
            let field = id.as_str();
            match answer {
                Answer::Text(text) => raw.push(field, text),
                Answer::Integer(value) => raw.push(field, &value.to_string()),
                Answer::Decimal(value) => raw.push(field, &value.to_string()),
                Answer::Choice { value, other } => {
                    raw.push(field, value);
                    if let Some(other) = other {
                        raw.push(&id.other_field(), other);
                    }
                }
                Answer::Choices { values, other } => {
                    for value in values {
                        raw.push(field, value);
                    }
                    if let Some(other) = other {
                        raw.push(&id.other_field(), other);
                    }
                }
                Answer::Rating(value) => raw.push(field, &value.to_string()),
                Answer::Date(date) => raw.push(field, &date.format("%Y-%m-%d").to_string()),
                Answer::Email(email) => raw.push(field, email.as_str()),
                Answer::Files(files) => {
                    for file in files {
                        raw.push(field, &file.to_field());
                    }
                }
            }
        }
        raw
    }
}

impl Answer {
    /// Whether `value` is among the chosen options (for conditions).
    pub fn has_chosen(&self, value: &str) -> bool {
        match self {
            Answer::Choice { value: chosen, .. } => chosen == value,
            Answer::Choices { values, .. } => values.iter().any(|chosen| chosen == value),
            _ => false,
        }
    }

    /// Whether "other" was chosen.
    pub fn has_other(&self) -> bool {
        self.has_chosen(OTHER)
    }
}

/// A form as posted: each field name with its values in the order sent. Checkbox groups
/// post one name several times (`q3=a&q3=b`); the "other" text of a choice comes as
/// `q3__other`. Fields the form does not know (the idempotency key) are kept, and
/// ignored by the reading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RawAnswers(pub BTreeMap<String, Vec<String>>);

impl RawAnswers {
    /// From `(name, value)` pairs as a URL-encoded body yields them.
    pub fn from_pairs<N, V>(pairs: impl IntoIterator<Item = (N, V)>) -> Self
    where
        N: Into<String>,
        V: Into<String>,
    {
        let mut raw = Self::default();
        for (name, value) in pairs {
            raw.0.entry(name.into()).or_default().push(value.into());
        }
        raw
    }

    pub fn push(&mut self, name: &str, value: &str) {
        self.0
            .entry(name.to_owned())
            .or_default()
            .push(value.to_owned());
    }

    /// Every value posted under `name`; empty when none was.
    pub fn values(&self, name: &str) -> &[String] {
        self.0.get(name).map_or(&[], Vec::as_slice)
    }

    /// The first value posted under `name`, or `""`: what a text input shows.
    pub fn first(&self, name: &str) -> &str {
        self.values(name).first().map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn id(id: &str) -> QuestionId {
        QuestionId::new(id)
    }

    #[test]
    fn answers_are_stored_as_a_map_of_tagged_values() {
        let mut answers = Answers::default();
        answers.insert(id("count"), Answer::Integer(12));
        answers.insert(
            id("again"),
            Answer::Choice {
                value: "no".to_owned(),
                other: None,
            },
        );
        assert_eq!(
            serde_json::to_value(&answers).expect("serialises"),
            json!({
                "again": {"type": "choice", "value": {"value": "no"}},
                "count": {"type": "integer", "value": 12},
            })
        );
    }

    #[test]
    fn posted_pairs_keep_every_value_of_a_repeated_name() {
        let raw = RawAnswers::from_pairs([("q3", "a"), ("q1", "12"), ("q3", "b")]);
        assert_eq!(raw.values("q3"), ["a", "b"]);
        assert_eq!(raw.first("q1"), "12");
        assert_eq!(raw.first("missing"), "");
        assert!(raw.values("missing").is_empty());
    }

    #[test]
    fn answers_become_the_fields_a_form_would_post() {
        let mut answers = Answers::default();
        answers.insert(
            id("q3"),
            Answer::Choices {
                values: vec!["a".to_owned(), OTHER.to_owned()],
                other: Some("展示会".to_owned()),
            },
        );
        answers.insert(id("q4"), Answer::Decimal("1.50".parse().expect("decimal")));
        let date = NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
        answers.insert(id("q5"), Answer::Date(date));
        let raw = answers.to_raw();
        assert_eq!(raw.values("q3"), ["a", OTHER]);
        assert_eq!(raw.first("q3__other"), "展示会");
        assert_eq!(raw.first("q4"), "1.5");
        assert_eq!(raw.first("q5"), "2025-06-01");
    }
}

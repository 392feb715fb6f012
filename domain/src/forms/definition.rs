//! A questionnaire as an officer builds it: a title, a description, and items in the
//! order the company sees them. Stored as JSON and versioned, so every serde name here
//! is part of a stored format: rename nothing without a migration.

use super::question::{Question, QuestionId};
use serde::{Deserialize, Serialize};

/// A text shown to companies. Japanese is always given; English is optional and falls
/// back to Japanese, since most companies answer in Japanese.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub ja: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn new(ja: &str, en: &str) -> Self {
        Self {
            ja: ja.to_owned(),
            en: Some(en.to_owned()),
        }
    }

    /// A text with no English version.
    pub fn ja(ja: &str) -> Self {
        Self {
            ja: ja.to_owned(),
            en: None,
        }
    }

    /// The English text when asked for and given, otherwise the Japanese.
    pub fn for_locale(&self, english: bool) -> &str {
        match &self.en {
            Some(en) if english && !en.trim().is_empty() => en,
            _ => &self.ja,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.ja.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDefinition {
    pub title: Text,
    #[serde(default)]
    pub description: Text,
    pub items: Vec<Item>,
}

/// One entry of a form: a heading that groups the questions after it, or a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Item {
    Section(Section),
    Question(Question),
}

/// A heading between questions. Its id shares the namespace of the question ids, so a
/// form builder can point at any item with one kind of key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub id: QuestionId,
    pub heading: Text,
    #[serde(default)]
    pub help: Text,
}

impl Item {
    pub fn id(&self) -> &QuestionId {
        match self {
            Item::Section(section) => &section.id,
            Item::Question(question) => &question.id,
        }
    }
}

impl FormDefinition {
    /// The questions, in form order, without the sections.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.items.iter().filter_map(|item| match item {
            Item::Question(question) => Some(question),
            Item::Section(_) => None,
        })
    }

    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions().find(|question| &question.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_japanese_when_missing_or_blank() {
        assert_eq!(Text::new("件", "cases").for_locale(true), "cases");
        assert_eq!(Text::new("件", "cases").for_locale(false), "件");
        assert_eq!(Text::ja("件").for_locale(true), "件");
        assert_eq!(Text::new("件", "  ").for_locale(true), "件");
    }

    #[test]
    fn a_text_without_english_is_stored_without_an_en_key() {
        let json = serde_json::to_string(&Text::ja("満足")).expect("serialises");
        assert_eq!(json, r#"{"ja":"満足"}"#);
    }
}

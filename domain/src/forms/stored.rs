//! Stored answers read in place: [`AnswerRef`] is an [`Answer`] whose texts borrow from
//! the JSON they were read from, and [`StoredAnswers`] reads one response's JSON into a
//! slot per question of a form. Summing up or exporting 100,000 responses then allocates
//! a couple of vectors per response instead of a map, a key and a string per answer.

use super::answer::{Answer, FileRef};
use super::definition::FormDefinition;
use super::number::Decimal;
use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// A text of a stored answer: borrowed from the JSON, owned only when it had escapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Str<'a>(pub Cow<'a, str>);

impl Str<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

/// [`Answer`] with borrowed texts, in the same stored format (see [`Answer`]'s serde
/// names). Only read, never written: what is written is an [`Answer`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AnswerRef<'a> {
    Text(#[serde(borrow)] Str<'a>),
    Integer(i64),
    Decimal(#[serde(deserialize_with = "decimal_in_place")] Decimal),
    Choice {
        #[serde(borrow)]
        value: Str<'a>,
        #[serde(default, borrow)]
        other: Option<Str<'a>>,
    },
    Choices {
        #[serde(borrow)]
        values: Vec<Str<'a>>,
        #[serde(default, borrow)]
        other: Option<Str<'a>>,
    },
    Rating(u8),
    Date(NaiveDate),
    Email(#[serde(borrow)] Str<'a>),
    /// Attached files are few and short: read as owned records.
    Files(Vec<FileRef>),
}

fn decimal_in_place<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let text = Str::deserialize(deserializer)?;
    text.as_str()
        .parse()
        .map_err(|_| de::Error::custom(format!("not a decimal number: {:?}", text.as_str())))
}

impl Answer {
    /// This answer as the summaries and tables read it.
    pub fn view(&self) -> AnswerRef<'_> {
        fn text(text: &str) -> Str<'_> {
            Str(Cow::Borrowed(text))
        }
        match self {
            Answer::Text(value) => AnswerRef::Text(text(value)),
            Answer::Integer(value) => AnswerRef::Integer(*value),
            Answer::Decimal(value) => AnswerRef::Decimal(*value),
            Answer::Choice { value, other } => AnswerRef::Choice {
                value: text(value),
                other: other.as_deref().map(text),
            },
            Answer::Choices { values, other } => AnswerRef::Choices {
                values: values.iter().map(|value| text(value)).collect(),
                other: other.as_deref().map(text),
            },
            Answer::Rating(point) => AnswerRef::Rating(*point),
            Answer::Date(date) => AnswerRef::Date(*date),
            Answer::Email(email) => AnswerRef::Email(text(email.as_str())),
            Answer::Files(files) => AnswerRef::Files(files.clone()),
        }
    }
}

impl AnswerRef<'_> {
    /// The free text it holds: a text answer's, or the "other" text of a choice.
    pub fn free_text(&self) -> Option<&str> {
        match self {
            AnswerRef::Text(text) => Some(text.as_str()),
            AnswerRef::Choice { other, .. } | AnswerRef::Choices { other, .. } => {
                other.as_ref().map(Str::as_str)
            }
            _ => None,
        }
    }
}

/// Where each question of a form is among a response's stored answers: built once per
/// form, then [`read`](Self::read) once per response.
#[derive(Debug, Clone)]
pub struct AnswerSlots<'f> {
    positions: HashMap<&'f str, usize>,
}

impl<'f> AnswerSlots<'f> {
    pub fn new(form: &'f FormDefinition) -> Self {
        Self {
            positions: form
                .questions()
                .enumerate()
                .map(|(position, question)| (question.id.as_str(), position))
                .collect(),
        }
    }

    /// Reads one response's answers (the JSON of [`Answers`](super::Answers)) from
    /// `deserializer`.
    pub fn read<'de, D: Deserializer<'de>>(
        &self,
        deserializer: D,
    ) -> Result<StoredAnswers<'de>, D::Error> {
        deserializer.deserialize_map(SlotsVisitor { slots: self })
    }

    fn questions(&self) -> usize {
        self.positions.len()
    }
}

/// One response's answers, in the order stored (by question id, as [`Answers`]
/// keeps them), each found by the question's position in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswers<'a> {
    entries: Vec<(Str<'a>, AnswerRef<'a>)>,
    /// For each question of the form, its index in `entries`, or `NONE`.
    by_position: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl<'a> StoredAnswers<'a> {
    /// The answer to the form's question at `position` (form order, from 0).
    pub fn get(&self, position: usize) -> Option<&AnswerRef<'a>> {
        let index = *self.by_position.get(position)?;
        self.entries
            .get(usize::try_from(index).ok()?)
            .map(|(_, answer)| answer)
    }

    /// Every answer with its question id, the form's questions or not, by question id.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &AnswerRef<'a>)> {
        self.entries
            .iter()
            .map(|(id, answer)| (id.as_str(), answer))
    }
}

struct SlotsVisitor<'s, 'f> {
    slots: &'s AnswerSlots<'f>,
}

impl<'de> Visitor<'de> for SlotsVisitor<'_, '_> {
    type Value = StoredAnswers<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("answers by question id")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut stored = StoredAnswers {
            entries: Vec::with_capacity(map.size_hint().unwrap_or(self.slots.questions())),
            by_position: vec![NONE; self.slots.questions()],
        };
        while let Some(id) = map.next_key::<Str<'de>>()? {
            let answer = map.next_value_seed(AnswerSeed)?;
            if let Some(&position) = self.slots.positions.get(id.as_str()) {
                let index = u32::try_from(stored.entries.len()).unwrap_or(NONE);
                stored.by_position[position] = index;
            }
            stored.entries.push((id, answer));
        }
        Ok(stored)
    }
}

struct AnswerSeed;

impl<'de> DeserializeSeed<'de> for AnswerSeed {
    type Value = AnswerRef<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        AnswerRef::deserialize(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::fixtures::every_kind;
    use crate::forms::{Answers, OTHER, QuestionId};

    fn every_answer() -> Answers {
        let mut answers = Answers::default();
        let mut put = |id: &str, answer| answers.insert(QuestionId::new(id), answer);
        put("text", Answer::Text("改行\nと \"引用\"".to_owned()));
        put("count", Answer::Integer(-12));
        put("weight", Answer::Decimal("1.25".parse().expect("decimal")));
        put(
            "again",
            Answer::Choice {
                value: OTHER.to_owned(),
                other: Some("展示会".to_owned()),
            },
        );
        put(
            "channels",
            Answer::Choices {
                values: vec!["a".to_owned(), "b".to_owned()],
                other: None,
            },
        );
        put("satisfaction", Answer::Rating(4));
        put(
            "date",
            Answer::Date(NaiveDate::from_ymd_opt(2026, 3, 31).expect("date")),
        );
        put(
            "email",
            Answer::Email(crate::Email::parse("a@example.jp").expect("email")),
        );
        answers
    }

    #[test]
    fn every_stored_answer_reads_in_place_as_it_reads_owned() {
        let answers = every_answer();
        let json = serde_json::to_string(&answers).expect("serialises");
        let form = every_kind();
        let slots = AnswerSlots::new(&form);
        let stored = slots
            .read(&mut serde_json::Deserializer::from_str(&json))
            .expect("reads");
        let read: Vec<(&str, &AnswerRef<'_>)> = stored.entries().collect();
        let expected: Vec<(&str, AnswerRef<'_>)> = answers
            .0
            .iter()
            .map(|(id, answer)| (id.as_str(), answer.view()))
            .collect();
        assert_eq!(read.len(), expected.len());
        for ((id, answer), (expected_id, expected_answer)) in read.into_iter().zip(&expected) {
            assert_eq!((id, answer), (*expected_id, expected_answer));
        }
    }

    #[test]
    fn texts_without_escapes_are_borrowed() {
        let json =
            r#"{"q1":{"type":"text","value":"そのまま"},"q2":{"type":"text","value":"a\nb"}}"#;
        let form = every_kind();
        let stored = AnswerSlots::new(&form)
            .read(&mut serde_json::Deserializer::from_str(json))
            .expect("reads");
        let texts: Vec<&AnswerRef<'_>> = stored.entries().map(|(_, answer)| answer).collect();
        assert!(matches!(
            texts[0],
            AnswerRef::Text(Str(Cow::Borrowed("そのまま")))
        ));
        assert!(matches!(texts[1], AnswerRef::Text(Str(Cow::Owned(text))) if text == "a\nb"));
    }

    #[test]
    fn each_question_of_the_form_finds_its_answer() {
        let form = every_kind();
        let first = form.questions().next().expect("a question");
        let mut answers = Answers::default();
        answers.insert(first.id.clone(), Answer::Integer(3));
        answers.insert(QuestionId::new("not_in_the_form"), Answer::Integer(4));
        let json = serde_json::to_string(&answers).expect("serialises");
        let stored = AnswerSlots::new(&form)
            .read(&mut serde_json::Deserializer::from_str(&json))
            .expect("reads");
        assert_eq!(stored.get(0), Some(&AnswerRef::Integer(3)));
        assert!((1..form.questions().count()).all(|position| stored.get(position).is_none()));
        assert_eq!(
            stored.entries().count(),
            2,
            "answers outside the form are kept"
        );
    }
}

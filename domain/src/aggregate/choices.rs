//! Counts of a single or multiple choice question: how many respondents chose each
//! option, and what those who chose "other" wrote.

use super::percent::Percent;
use crate::forms::{AnswerRef, ChoiceOption, OTHER, Question, QuestionKind, Text};
use serde::{Deserialize, Serialize};

/// The options in form order. Shares are of the respondents who answered the question,
/// so a multiple choice's shares may add up to more than 100%.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceSummary {
    pub multiple: bool,
    pub options: Vec<OptionCount>,
    /// Present when the question offers "other", even if nobody chose it.
    pub other: Option<OtherCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionCount {
    pub value: String,
    pub label: Text,
    pub count: u32,
    /// `None` when nobody answered the question.
    pub percent: Option<Percent>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherCount {
    pub count: u32,
    pub percent: Option<Percent>,
    /// The free texts, trimmed, blank ones left out, in the order of the answers.
    pub texts: Vec<String>,
}

/// The counts of one choice question, one answer at a time.
///
/// A single choice fits when its value is an option, or "other" where offered. A
/// multiple choice fits when at least one of its values does; values that are not
/// options (an option renamed after answers came in) are left out of the counts, and a
/// value listed twice counts once, so that every count is a count of respondents.
#[derive(Debug)]
pub(super) struct ChoiceTally<'q> {
    options: &'q [ChoiceOption],
    offers_other: bool,
    multiple: bool,
    counts: Vec<u32>,
    other_count: u32,
    texts: Vec<String>,
    answered: u32,
}

impl<'q> ChoiceTally<'q> {
    pub(super) fn new(question: &'q Question) -> Self {
        let (options, offers_other, multiple) = match &question.kind {
            QuestionKind::SingleChoice { options, other, .. } => {
                (options.as_slice(), *other, false)
            }
            QuestionKind::MultipleChoice { options, other, .. } => {
                (options.as_slice(), *other, true)
            }
            _ => (&[][..], false, false),
        };
        Self {
            options,
            offers_other,
            multiple,
            counts: vec![0; options.len()],
            other_count: 0,
            texts: Vec::new(),
            answered: 0,
        }
    }

    /// Counts one answer; whether it fitted.
    pub(super) fn add(&mut self, answer: &AnswerRef<'_>) -> bool {
        let (values, other_text) = match (answer, self.multiple) {
            (AnswerRef::Choice { value, other }, false) => (std::slice::from_ref(value), other),
            (AnswerRef::Choices { values, other }, true) => (values.as_slice(), other),
            _ => return false,
        };
        let chosen = |option: &ChoiceOption| values.iter().any(|v| v.as_str() == option.value);
        let chose_option = self.options.iter().any(chosen);
        let chose_other = self.offers_other && values.iter().any(|v| v.as_str() == OTHER);
        if !chose_option && !chose_other {
            return false;
        }
        self.answered += 1;
        for (count, option) in self.counts.iter_mut().zip(self.options) {
            *count += u32::from(chosen(option));
        }
        if chose_other {
            self.other_count += 1;
            let text = other_text.as_ref().map_or("", |text| text.as_str().trim());
            if !text.is_empty() {
                self.texts.push(text.to_owned());
            }
        }
        true
    }

    pub(super) fn finish(self) -> (ChoiceSummary, u32) {
        let answered = self.answered;
        let summary = ChoiceSummary {
            multiple: self.multiple,
            options: self
                .options
                .iter()
                .zip(self.counts)
                .map(|(option, count)| OptionCount {
                    value: option.value.clone(),
                    label: option.label.clone(),
                    count,
                    percent: Percent::of(count, answered),
                })
                .collect(),
            other: self.offers_other.then(|| OtherCount {
                count: self.other_count,
                percent: Percent::of(self.other_count, answered),
                texts: self.texts,
            }),
        };
        (summary, answered)
    }
}

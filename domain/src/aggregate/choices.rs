//! Counts of a single or multiple choice question: how many respondents chose each
//! option, and what those who chose "other" wrote.

use super::percent::Percent;
use crate::forms::{Answer, ChoiceOption, OTHER, Question, QuestionKind, Text};
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

/// Counts the answers that fit the question; returns the summary and how many fitted.
///
/// A single choice fits when its value is an option, or "other" where offered. A
/// multiple choice fits when at least one of its values does; values that are not
/// options (an option renamed after answers came in) are left out of the counts, and a
/// value listed twice counts once, so that every count is a count of respondents.
pub(super) fn summarise(question: &Question, answers: &[&Answer]) -> (ChoiceSummary, u32) {
    let (options, offers_other, multiple) = match &question.kind {
        QuestionKind::SingleChoice { options, other, .. } => (options.as_slice(), *other, false),
        QuestionKind::MultipleChoice { options, other, .. } => (options.as_slice(), *other, true),
        _ => (&[][..], false, false),
    };
    let mut counts = vec![0u32; options.len()];
    let mut other_count = 0u32;
    let mut texts = Vec::new();
    let mut answered = 0u32;
    for answer in answers {
        let (values, other_text): (&[String], _) = match (answer, multiple) {
            (Answer::Choice { value, other }, false) => (std::slice::from_ref(value), other),
            (Answer::Choices { values, other }, true) => (values, other),
            _ => continue,
        };
        let chosen = chosen_options(options, values);
        let chose_other = offers_other && values.iter().any(|value| value == OTHER);
        if !chosen.contains(&true) && !chose_other {
            continue;
        }
        answered += 1;
        for (count, chosen) in counts.iter_mut().zip(chosen) {
            *count += u32::from(chosen);
        }
        if chose_other {
            other_count += 1;
            let text = other_text.as_deref().map(str::trim).unwrap_or("");
            if !text.is_empty() {
                texts.push(text.to_owned());
            }
        }
    }
    let summary = ChoiceSummary {
        multiple,
        options: options
            .iter()
            .zip(counts)
            .map(|(option, count)| OptionCount {
                value: option.value.clone(),
                label: option.label.clone(),
                count,
                percent: Percent::of(count, answered),
            })
            .collect(),
        other: offers_other.then(|| OtherCount {
            count: other_count,
            percent: Percent::of(other_count, answered),
            texts,
        }),
    };
    (summary, answered)
}

/// For each option, whether one respondent's values include it.
fn chosen_options(options: &[ChoiceOption], values: &[String]) -> Vec<bool> {
    options
        .iter()
        .map(|option| values.contains(&option.value))
        .collect()
}

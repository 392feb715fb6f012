//! [`QuestionSummary`]: what the answers to one question add up to, whatever its kind.

use super::choices::{self, ChoiceSummary};
use super::numbers::{self, NumberSummary};
use super::rating::{self, RatingSummary};
use crate::forms::{Answer, Answers, FormDefinition, Question, QuestionId, QuestionKind};
use serde::{Deserialize, Serialize};

/// Beyond this many responses the rest are not read. No survey comes near it, and the
/// cap is what proves that no count or sum can overflow.
pub const MAX_RESPONSES: u32 = u32::MAX;

/// One question's answers, summed up. Every response falls in exactly one of
/// `answered`, `blank` and `unfit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionSummary {
    pub question: QuestionId,
    /// Responses with an answer that fits the question.
    pub answered: u32,
    /// Responses without an answer: left blank, or not shown by the question's condition.
    pub blank: u32,
    /// Answers that do not fit the question: of another type, a choice that is not an
    /// option, a rating outside the scale. A campaign's answers are read against the
    /// form version they were given for, so this stays zero unless stored data went
    /// wrong; it is counted so that such answers show rather than vanish.
    pub unfit: u32,
    pub breakdown: Breakdown,
}

/// The part of a summary that depends on the question's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "summary", rename_all = "snake_case")]
pub enum Breakdown {
    Choices(ChoiceSummary),
    /// `None` when nobody answered.
    Numbers(Option<NumberSummary>),
    Rating(RatingSummary),
    /// Texts, dates and email addresses: only counted. Free texts are listed by the
    /// caller, which has them at hand with the company they came from.
    Counted,
}

/// Summarises one question over many responses: `None` for a response without an
/// answer to it. At most [`MAX_RESPONSES`] are read.
pub fn summarise<'a>(
    question: &Question,
    responses: impl IntoIterator<Item = Option<&'a Answer>>,
) -> QuestionSummary {
    let mut blank = 0u32;
    let mut given = Vec::new();
    for answer in responses.into_iter().take(MAX_RESPONSES as usize) {
        match answer {
            Some(answer) => given.push(answer),
            None => blank += 1,
        }
    }
    let (breakdown, answered) = match &question.kind {
        QuestionKind::SingleChoice { .. } | QuestionKind::MultipleChoice { .. } => {
            let (summary, answered) = choices::summarise(question, &given);
            (Breakdown::Choices(summary), answered)
        }
        kind @ (QuestionKind::Integer { .. } | QuestionKind::Decimal { .. }) => {
            let (summary, answered) = numbers::summarise(kind, &given);
            (Breakdown::Numbers(summary), answered)
        }
        kind @ QuestionKind::Rating { .. } => {
            let (summary, answered) = rating::summarise(kind, &given);
            (Breakdown::Rating(summary), answered)
        }
        QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => (
            Breakdown::Counted,
            count_fitting(&given, |a| matches!(a, Answer::Text(_))),
        ),
        QuestionKind::Date { .. } => (
            Breakdown::Counted,
            count_fitting(&given, |a| matches!(a, Answer::Date(_))),
        ),
        QuestionKind::Email => (
            Breakdown::Counted,
            count_fitting(&given, |a| matches!(a, Answer::Email(_))),
        ),
        QuestionKind::File { .. } => (
            Breakdown::Counted,
            count_fitting(&given, |a| matches!(a, Answer::Files(_))),
        ),
    };
    let given = u32::try_from(given.len()).unwrap_or(MAX_RESPONSES);
    QuestionSummary {
        question: question.id.clone(),
        answered,
        blank,
        unfit: given - answered,
        breakdown,
    }
}

/// Summarises every question of `form`, in form order, over `responses`.
pub fn summarise_form(form: &FormDefinition, responses: &[Answers]) -> Vec<QuestionSummary> {
    form.questions()
        .map(|question| {
            summarise(
                question,
                responses.iter().map(|answers| answers.get(&question.id)),
            )
        })
        .collect()
}

fn count_fitting(answers: &[&Answer], fits: impl Fn(&Answer) -> bool) -> u32 {
    let fitting = answers.iter().filter(|answer| fits(answer)).count();
    u32::try_from(fitting).unwrap_or(MAX_RESPONSES)
}

#[cfg(test)]
mod tests;

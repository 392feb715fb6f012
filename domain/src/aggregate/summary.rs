//! [`QuestionSummary`]: what the answers to one question add up to, whatever its kind.

use super::choices::{ChoiceSummary, ChoiceTally};
use super::numbers::{NumberSummary, NumberTally};
use super::rating::{RatingSummary, RatingTally};
use crate::forms::{
    Answer, AnswerRef, Answers, FormDefinition, Question, QuestionId, QuestionKind,
};
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
    let mut tally = QuestionTally::new(question);
    for answer in responses.into_iter().take(MAX_RESPONSES as usize) {
        tally.add(answer.map(Answer::view).as_ref());
    }
    tally.finish()
}

/// One question's summary, taken one response at a time, so that a campaign's answers
/// can be summed up as they are read, without holding them: [`summarise`] over
/// responses that arrive one by one. Responses past [`MAX_RESPONSES`] are not read.
#[derive(Debug)]
pub struct QuestionTally<'q> {
    question: &'q Question,
    read: u32,
    blank: u32,
    given: u32,
    kind: KindTally<'q>,
}

#[derive(Debug)]
enum KindTally<'q> {
    Choices(ChoiceTally<'q>),
    Numbers(NumberTally),
    Rating(RatingTally),
    /// Texts, dates and email addresses, with how many fitted.
    Counted(fn(&AnswerRef<'_>) -> bool, u32),
}

impl<'q> QuestionTally<'q> {
    pub fn new(question: &'q Question) -> Self {
        let kind = match &question.kind {
            QuestionKind::SingleChoice { .. } | QuestionKind::MultipleChoice { .. } => {
                KindTally::Choices(ChoiceTally::new(question))
            }
            kind @ (QuestionKind::Integer { .. } | QuestionKind::Decimal { .. }) => {
                KindTally::Numbers(NumberTally::new(kind))
            }
            kind @ QuestionKind::Rating { .. } => KindTally::Rating(RatingTally::new(kind)),
            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => {
                KindTally::Counted(|a| matches!(a, AnswerRef::Text(_)), 0)
            }
            QuestionKind::Date { .. } => KindTally::Counted(|a| matches!(a, AnswerRef::Date(_)), 0),
            QuestionKind::Email => KindTally::Counted(|a| matches!(a, AnswerRef::Email(_)), 0),
            QuestionKind::File { .. } => {
                KindTally::Counted(|a| matches!(a, AnswerRef::Files(_)), 0)
            }
        };
        Self {
            question,
            read: 0,
            blank: 0,
            given: 0,
            kind,
        }
    }

    /// Takes one response's answer to the question: `None` when it has none.
    pub fn add(&mut self, answer: Option<&AnswerRef<'_>>) {
        if self.read == MAX_RESPONSES {
            return;
        }
        self.read += 1;
        let Some(answer) = answer else {
            self.blank += 1;
            return;
        };
        self.given += 1;
        match &mut self.kind {
            KindTally::Choices(tally) => {
                tally.add(answer);
            }
            KindTally::Numbers(tally) => {
                tally.add(answer);
            }
            KindTally::Rating(tally) => {
                tally.add(answer);
            }
            KindTally::Counted(fits, fitting) => *fitting += u32::from(fits(answer)),
        }
    }

    pub fn finish(self) -> QuestionSummary {
        let (breakdown, answered) = match self.kind {
            KindTally::Choices(tally) => {
                let (summary, answered) = tally.finish();
                (Breakdown::Choices(summary), answered)
            }
            KindTally::Numbers(tally) => {
                let (summary, answered) = tally.finish();
                (Breakdown::Numbers(summary), answered)
            }
            KindTally::Rating(tally) => {
                let (summary, answered) = tally.finish();
                (Breakdown::Rating(summary), answered)
            }
            KindTally::Counted(_, fitting) => (Breakdown::Counted, fitting),
        };
        QuestionSummary {
            question: self.question.id.clone(),
            answered,
            blank: self.blank,
            unfit: self.given - answered,
            breakdown,
        }
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

#[cfg(test)]
mod tests;

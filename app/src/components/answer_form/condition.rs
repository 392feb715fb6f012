//! Conditional questions: the words of the note that tells when to answer one, and
//! whether stored answers showed it.

use super::labels::{Words, choice_label};
use crate::domain::forms::{Answers, Condition, FormDefinition};

/// What a condition asks, in words: the earlier question and the choice made there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ConditionWords {
    pub(super) question: String,
    pub(super) choice: String,
}

/// The question and the choice `condition` names. A definition that passed its check
/// always has the question; should it not, the ids are shown rather than nothing.
pub(super) fn describe(
    definition: &FormDefinition,
    condition: &Condition,
    words: &Words,
) -> ConditionWords {
    match definition.question(&condition.question) {
        Some(question) => ConditionWords {
            question: question.label.for_locale(words.english).to_owned(),
            choice: choice_label(question, &condition.equals, words),
        },
        None => ConditionWords {
            question: condition.question.to_string(),
            choice: condition.equals.clone(),
        },
    }
}

/// Whether the stored answers chose what `condition` asks for, as
/// [`Answers::parse`](crate::domain::forms::Answers::parse) decided when it kept them.
pub(super) fn is_met_by(condition: &Condition, answers: &Answers) -> bool {
    answers
        .get(&condition.question)
        .is_some_and(|answer| answer.has_chosen(&condition.equals))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::answer_form::fixtures::{english, japanese};
    use crate::domain::forms::templates::after_exhibit;
    use crate::domain::forms::{Answer, OTHER, QuestionId};

    fn when(question: &str, equals: &str) -> Condition {
        Condition {
            question: QuestionId::new(question),
            equals: equals.to_owned(),
        }
    }

    #[test]
    fn a_condition_is_described_by_the_labels_of_its_question_and_choice() {
        let form = after_exhibit();
        let condition = when("exhibit_again", "no");
        assert_eq!(
            describe(&form, &condition, &japanese()),
            ConditionWords {
                question: "次回も出展したいですか".to_owned(),
                choice: "いいえ".to_owned(),
            }
        );
        assert_eq!(
            describe(&form, &condition, &english()).choice,
            "No".to_owned()
        );
    }

    #[test]
    fn a_condition_on_a_missing_question_is_described_by_its_ids() {
        let described = describe(&after_exhibit(), &when("gone", "yes"), &japanese());
        assert_eq!(described.question, "gone");
        assert_eq!(described.choice, "yes");
    }

    #[test]
    fn stored_answers_meet_a_condition_when_they_chose_its_value() {
        let mut answers = Answers::default();
        answers.insert(
            QuestionId::new("exhibit_again"),
            Answer::Choice {
                value: "no".to_owned(),
                other: None,
            },
        );
        assert!(is_met_by(&when("exhibit_again", "no"), &answers));
        assert!(!is_met_by(&when("exhibit_again", "yes"), &answers));
        assert!(!is_met_by(&when("topics", OTHER), &answers));
    }
}

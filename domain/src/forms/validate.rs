//! Reads a posted form into [`Answers`]: each shown question through
//! [`read_answer`](super::read_answer), then the rules of the whole form — which
//! questions are shown, which must be answered. A refused form hands the posted fields
//! back with the problems, so the page shows everything the company typed, even what
//! was wrong.

use super::answer::{Answers, RawAnswers};
use super::definition::FormDefinition;
use super::question::Question;
use super::read_answer::read_answer;
use crate::{FieldErrors, Problem};
use serde::{Deserialize, Serialize};

/// What the company is doing with the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Saving to finish later: what was typed must make sense, nothing must be there.
    Draft,
    /// Sending: required questions must be answered too.
    Submit,
}

/// A form that cannot be saved: the fields as posted, and what is wrong with them, keyed
/// by question id (`q3__other` for an "other" text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub raw: RawAnswers,
    pub errors: FieldErrors,
}

impl Answers {
    /// Reads `raw` against `definition`. Questions hidden by their condition are neither
    /// required nor kept: an answer typed before the company changed its mind is dropped.
    /// Fields the form does not know are ignored.
    pub fn parse(
        definition: &FormDefinition,
        raw: RawAnswers,
        mode: Mode,
    ) -> Result<Answers, Refused> {
        let mut answers = Answers::default();
        let mut errors = FieldErrors::default();
        for question in definition.questions() {
            if !is_shown(question, &answers) {
                continue;
            }
            match read_answer(question, &raw, mode) {
                Ok(Some(answer)) => answers.insert(question.id.clone(), answer),
                Ok(None) if mode == Mode::Submit && question.required => {
                    errors.push(question.id.as_str(), Problem::Required);
                }
                Ok(None) => {}
                Err(error) => errors.0.push(error),
            }
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(Refused { raw, errors })
        }
    }
}

/// Conditions look back (see [`check`](super::check)), so the answers read so far
/// decide; a hidden question has no answer, so whatever depends on it is hidden too.
/// So is whatever depends on a refused answer, until the company corrects it.
fn is_shown(question: &Question, answers_so_far: &Answers) -> bool {
    question.show_if.as_ref().is_none_or(|condition| {
        answers_so_far
            .get(&condition.question)
            .is_some_and(|answer| answer.has_chosen(&condition.equals))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Email;
    use crate::forms::fixtures::{
        choice, date, every_kind, form, required, shown_if, text_question,
    };
    use crate::forms::templates::Template;
    use crate::forms::{Answer, Decimal, Item, OTHER, QuestionId};
    use proptest::prelude::*;

    fn id(id: &str) -> QuestionId {
        QuestionId::new(id)
    }

    fn raw(pairs: &[(&str, &str)]) -> RawAnswers {
        RawAnswers::from_pairs(pairs.iter().copied())
    }

    fn problems(refused: &Refused) -> Vec<(&str, &Problem)> {
        refused
            .errors
            .0
            .iter()
            .map(|error| (error.field.as_str(), &error.problem))
            .collect()
    }

    /// `again` (yes/no), then `why` shown only for "no", then `how` shown only when
    /// `why` is shown and "cost" is chosen there.
    fn chained() -> FormDefinition {
        form(vec![
            Item::Question(required(choice("again", &["yes", "no"]))),
            Item::Question(required(shown_if(
                choice("why", &["cost", "time"]),
                "again",
                "no",
            ))),
            Item::Question(required(shown_if(text_question("how"), "why", "cost"))),
        ])
    }

    #[test]
    fn submit_reports_every_unanswered_required_question_in_form_order() {
        let refused = Answers::parse(&every_kind(), RawAnswers::default(), Mode::Submit)
            .expect_err("nothing answered");
        let fields: Vec<&str> = problems(&refused).iter().map(|(field, _)| *field).collect();
        assert_eq!(
            fields,
            [
                "name",
                "notes",
                "count",
                "amount",
                "channel",
                "topics",
                "satisfaction",
                "visited_on",
                "contact",
                "again"
            ]
        );
        assert!(
            refused
                .errors
                .0
                .iter()
                .all(|e| e.problem == Problem::Required)
        );
    }

    #[test]
    fn a_draft_may_leave_required_questions_unanswered() {
        let answers =
            Answers::parse(&every_kind(), raw(&[("count", "3")]), Mode::Draft).expect("a draft");
        assert_eq!(answers.get(&id("count")), Some(&Answer::Integer(3)));
        assert_eq!(answers.len(), 1);
    }

    #[test]
    fn a_draft_still_refuses_what_is_wrong() {
        let refused = Answers::parse(&every_kind(), raw(&[("count", "3.5")]), Mode::Draft)
            .expect_err("not a whole number");
        assert_eq!(problems(&refused), [("count", &Problem::NotAWholeNumber)]);
    }

    #[test]
    fn a_question_hidden_by_its_condition_is_not_required() {
        let answers = Answers::parse(&chained(), raw(&[("again", "yes")]), Mode::Submit)
            .expect("why is hidden");
        assert_eq!(answers.len(), 1);
    }

    #[test]
    fn a_shown_conditional_question_is_required_like_any_other() {
        let refused = Answers::parse(&chained(), raw(&[("again", "no")]), Mode::Submit)
            .expect_err("why is shown");
        assert_eq!(problems(&refused), [("why", &Problem::Required)]);
    }

    #[test]
    fn answers_to_hidden_questions_are_dropped() {
        let posted = raw(&[("again", "yes"), ("why", "cost"), ("how", "値上げ")]);
        let answers = Answers::parse(&chained(), posted, Mode::Submit).expect("valid");
        assert_eq!(answers.get(&id("why")), None);
        assert_eq!(answers.get(&id("how")), None);
    }

    #[test]
    fn a_hidden_answer_is_not_checked_either() {
        let posted = raw(&[("again", "yes"), ("why", "nonsense")]);
        assert!(Answers::parse(&chained(), posted, Mode::Submit).is_ok());
    }

    #[test]
    fn conditions_follow_a_chain_of_choices() {
        let posted = raw(&[("again", "no"), ("why", "cost"), ("how", "値上げ")]);
        let answers = Answers::parse(&chained(), posted, Mode::Submit).expect("valid");
        assert_eq!(
            answers.get(&id("how")),
            Some(&Answer::Text("値上げ".to_owned()))
        );
    }

    #[test]
    fn a_condition_on_a_multiple_choice_holds_when_its_value_is_among_the_chosen() {
        let posted = raw(&[
            ("topics", "ai"),
            ("topics", "export"),
            ("export_markets", "台湾"),
        ]);
        let answers = Answers::parse(&every_kind(), posted, Mode::Draft).expect("valid");
        assert_eq!(
            answers.get(&id("export_markets")),
            Some(&Answer::Text("台湾".to_owned()))
        );
    }

    #[test]
    fn a_refused_form_hands_back_everything_typed() {
        let posted = raw(&[
            ("name", "山田製作所"),
            ("count", "たくさん"),
            ("topics", "ai"),
            ("topics", "robots"),
            ("idempotency_key", "k1"),
        ]);
        let refused =
            Answers::parse(&every_kind(), posted.clone(), Mode::Draft).expect_err("refused");
        assert_eq!(refused.raw, posted);
        assert_eq!(
            problems(&refused),
            [
                ("count", &Problem::NotANumber),
                ("topics", &Problem::InvalidChoice)
            ]
        );
    }

    #[test]
    fn fields_the_form_does_not_know_are_ignored() {
        let posted = raw(&[("idempotency_key", "k1"), ("again", "yes")]);
        let answers = Answers::parse(&chained(), posted, Mode::Submit).expect("valid");
        assert_eq!(answers.len(), 1);
    }

    #[test]
    fn a_saved_draft_reads_back_unchanged() {
        let posted = raw(&[
            ("count", "1,2件"),
            ("count", "ignored second value"),
            ("channel", OTHER),
            ("topics", "iot"),
        ]);
        assert!(Answers::parse(&every_kind(), posted, Mode::Draft).is_err());
        let posted = raw(&[("count", "１２件"), ("channel", OTHER), ("topics", "iot")]);
        let draft = Answers::parse(&every_kind(), posted, Mode::Draft).expect("valid draft");
        let again = Answers::parse(&every_kind(), draft.to_raw(), Mode::Draft);
        assert_eq!(again, Ok(draft));
    }

    fn field_names() -> Vec<String> {
        let mut names = vec!["idempotency_key".to_owned()];
        for template in Template::ALL {
            names.extend(template.definition().questions().map(|q| q.id.to_string()));
        }
        for question in every_kind().questions() {
            names.push(question.id.to_string());
            names.push(question.id.other_field());
        }
        names
    }

    fn typed_value() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,12}",
            prop::sample::select(vec![
                "",
                " ",
                OTHER,
                "yes",
                "no",
                "export",
                "ai",
                "5",
                "0",
                "-1",
                "12件",
                "1,200",
                "3.14",
                "2025-06-01",
                "2030-01-01",
                "a@b.jp",
                "web",
            ])
            .prop_map(str::to_owned),
        ]
    }

    fn posted_form() -> impl Strategy<Value = RawAnswers> {
        prop::collection::vec((prop::sample::select(field_names()), typed_value()), 0..24)
            .prop_map(RawAnswers::from_pairs)
    }

    prop_compose! {
        fn texts_and_numbers()(
            name in "[a-zA-Z0-9ぁ-ん]{1,20}",
            notes in "[a-zあ-ん]{1,5}(\n[a-z]{1,5}){0,3}",
            count in 0i64..=100,
            whole in 0u32..1000,
            cents in 0u32..100,
            satisfaction in 1u8..=5,
            days in 0u64..365,
            contact in "[a-z]{1,8}@[a-z]{1,8}\\.jp",
        ) -> Vec<(&'static str, Answer)> {
            let amount: Decimal = format!("{whole}.{cents:02}").parse().unwrap_or(Decimal::MAX);
            let visited = date(2025, 4, 1) + chrono::Days::new(days);
            vec![
                ("name", Answer::Text(name)),
                ("notes", Answer::Text(notes)),
                ("count", Answer::Integer(count)),
                ("amount", Answer::Decimal(amount)),
                ("satisfaction", Answer::Rating(satisfaction)),
                ("visited_on", Answer::Date(visited)),
                ("contact", Answer::Email(Email::parse(&contact).unwrap_or_else(|_| unreachable!()))),
            ]
        }
    }

    prop_compose! {
        fn choices_and_conditions()(
            channel in prop_oneof![
                prop::sample::select(vec!["web", "mail", "fair"]).prop_map(|v| (v.to_owned(), None)),
                "[a-z]{1,10}".prop_map(|text| (OTHER.to_owned(), Some(text))),
            ],
            topics in prop::sample::subsequence(vec!["ai", "iot", "export", "hiring"], 1..=3),
            topics_other in proptest::option::of("[a-z]{1,10}"),
            export_markets in "[A-Za-z]{1,50}",
            again in prop::sample::select(vec!["yes", "no"]),
            why_not in "[a-z]{1,20}",
        ) -> Vec<(&'static str, Answer)> {
            let topics_other = topics_other.filter(|_| topics.len() < 3);
            let mut topic_values: Vec<String> = topics.iter().map(|v| (*v).to_owned()).collect();
            if topics_other.is_some() {
                topic_values.push(OTHER.to_owned());
            }
            vec![
                ("channel", Answer::Choice { value: channel.0, other: channel.1 }),
                ("topics", Answer::Choices { values: topic_values, other: topics_other }),
                ("export_markets", Answer::Text(export_markets)),
                ("again", Answer::Choice { value: again.to_owned(), other: None }),
                ("why_not", Answer::Text(why_not)),
            ]
        }
    }

    proptest! {
        #[test]
        fn a_draft_never_reports_a_missing_answer(posted in posted_form()) {
            let mut forms: Vec<FormDefinition> =
                Template::ALL.iter().map(|t| t.definition()).collect();
            forms.push(every_kind());
            for form in forms {
                if let Err(refused) = Answers::parse(&form, posted.clone(), Mode::Draft) {
                    prop_assert!(refused.errors.0.iter().all(|e| e.problem != Problem::Required));
                    prop_assert_eq!(&refused.raw, &posted);
                }
            }
        }

        #[test]
        fn a_complete_valid_answer_set_is_accepted_on_submit(
            first in texts_and_numbers(),
            second in choices_and_conditions(),
        ) {
            let mut given = Answers::default();
            for (question, answer) in first.into_iter().chain(second) {
                given.insert(id(question), answer);
            }
            let accepted = Answers::parse(&every_kind(), given.to_raw(), Mode::Submit);
            let mut expected = given.clone();
            for (hidden, on, value) in [("export_markets", "topics", "export"), ("why_not", "again", "no")] {
                if !given.get(&id(on)).is_some_and(|answer| answer.has_chosen(value)) {
                    expected.0.remove(&id(hidden));
                }
            }
            prop_assert_eq!(accepted, Ok(expected));
        }
    }
}

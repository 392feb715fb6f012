//! Whether a form definition can be shown to companies: every item addressable, every
//! question answerable, every condition pointing back at an earlier choice. The form
//! builder runs it before saving and shows the problems next to the items.

use super::definition::{FormDefinition, Item};
use super::number::Decimal;
use super::question::{Question, QuestionId, QuestionKind};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One thing wrong with a definition: a code for the UI, and the item it concerns
/// (`None` for the form itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionProblem {
    pub item: Option<QuestionId>,
    pub issue: DefinitionIssue,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum DefinitionIssue {
    EmptyTitle,
    EmptyId,
    /// Ids are lower-case ASCII letters, digits and single underscores, so they can be
    /// form field names and JSON keys, and never end in the `__other` suffix.
    InvalidId,
    DuplicateId,
    /// The Japanese label of a question or heading of a section is blank.
    EmptyLabel,
    ZeroMaxChars,
    NoOptions,
    /// An option value is blank, or starts with `__` (reserved for "other").
    InvalidOptionValue {
        value: String,
    },
    DuplicateOptionValue {
        value: String,
    },
    EmptyOptionLabel {
        value: String,
    },
    MinAboveMax,
    /// More choices required than there are to choose from.
    MinSelectedAboveOptions,
    /// A file question that takes no file.
    NoFilesAllowed,
    FractionDigitsAboveLimit {
        limit: u8,
    },
    /// A rating needs min < max and at most ten steps between them.
    InvalidRatingScale,
    ConditionOnItself,
    ConditionOnUnknownQuestion,
    ConditionOnLaterQuestion,
    ConditionOnNonChoice,
    ConditionValueNotAnOption,
}

/// The widest rating scale: 0–10 is the widest in common use (NPS).
const MAX_RATING_STEPS: u8 = 10;

impl FormDefinition {
    /// Every problem of the definition at once, in item order.
    pub fn check(&self) -> Result<(), Vec<DefinitionProblem>> {
        let mut problems = Vec::new();
        if self.title.is_blank() {
            problems.push(DefinitionProblem {
                item: None,
                issue: DefinitionIssue::EmptyTitle,
            });
        }
        let mut seen = HashSet::new();
        for (position, item) in self.items.iter().enumerate() {
            let mut report = |issue| {
                problems.push(DefinitionProblem {
                    item: Some(item.id().clone()),
                    issue,
                });
            };
            if let Some(issue) = id_issue(item.id()) {
                report(issue);
            } else if !seen.insert(item.id()) {
                report(DefinitionIssue::DuplicateId);
            }
            match item {
                Item::Section(section) => {
                    if section.heading.is_blank() {
                        report(DefinitionIssue::EmptyLabel);
                    }
                }
                Item::Question(question) => {
                    if question.label.is_blank() {
                        report(DefinitionIssue::EmptyLabel);
                    }
                    kind_issues(&question.kind)
                        .into_iter()
                        .for_each(&mut report);
                    if let Some(issue) = condition_issue(self, position, question) {
                        report(issue);
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

fn id_issue(id: &QuestionId) -> Option<DefinitionIssue> {
    let id = id.as_str();
    if id.is_empty() {
        return Some(DefinitionIssue::EmptyId);
    }
    let allowed = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    (!allowed || id.contains("__")).then_some(DefinitionIssue::InvalidId)
}

fn kind_issues(kind: &QuestionKind) -> Vec<DefinitionIssue> {
    let mut issues = Vec::new();
    let mut min_above_max = |above: bool| {
        if above {
            issues.push(DefinitionIssue::MinAboveMax);
        }
    };
    match kind {
        QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
            if *max_chars == 0 {
                issues.push(DefinitionIssue::ZeroMaxChars);
            }
        }
        QuestionKind::Integer { min, max, .. } => min_above_max(above(min, max)),
        QuestionKind::Decimal {
            min,
            max,
            max_fraction_digits,
            ..
        } => {
            min_above_max(above(min, max));
            if *max_fraction_digits > Decimal::MAX_FRACTION_DIGITS {
                issues.push(DefinitionIssue::FractionDigitsAboveLimit {
                    limit: Decimal::MAX_FRACTION_DIGITS,
                });
            }
        }
        QuestionKind::Date { min, max } => min_above_max(above(min, max)),
        QuestionKind::Rating { min, max, .. } => {
            if min >= max || max - min > MAX_RATING_STEPS {
                issues.push(DefinitionIssue::InvalidRatingScale);
            }
        }
        QuestionKind::SingleChoice { options, .. } => {
            issues.extend(option_issues(options));
        }
        QuestionKind::MultipleChoice {
            options,
            min_selected,
            max_selected,
            other,
        } => {
            min_above_max(above(min_selected, max_selected));
            let choosable = options.len() + usize::from(*other);
            if min_selected
                .is_some_and(|min| usize::try_from(min).unwrap_or(usize::MAX) > choosable)
            {
                issues.push(DefinitionIssue::MinSelectedAboveOptions);
            }
            issues.extend(option_issues(options));
        }
        QuestionKind::Email => {}
        QuestionKind::File { max_files } => {
            if *max_files == 0 {
                issues.push(DefinitionIssue::NoFilesAllowed);
            }
        }
    }
    issues
}

fn above<T: PartialOrd>(min: &Option<T>, max: &Option<T>) -> bool {
    matches!((min, max), (Some(min), Some(max)) if min > max)
}

fn option_issues(options: &[super::ChoiceOption]) -> Vec<DefinitionIssue> {
    if options.is_empty() {
        return vec![DefinitionIssue::NoOptions];
    }
    let mut issues = Vec::new();
    let mut seen = HashSet::new();
    for option in options {
        let value = option.value.clone();
        if option.value.trim().is_empty() || option.value.starts_with("__") {
            issues.push(DefinitionIssue::InvalidOptionValue { value });
        } else if !seen.insert(option.value.as_str()) {
            issues.push(DefinitionIssue::DuplicateOptionValue { value });
        } else if option.label.is_blank() {
            issues.push(DefinitionIssue::EmptyOptionLabel { value });
        }
    }
    issues
}

/// A condition must look back: the form is answered top to bottom, and a condition on a
/// later question could hide the very question that decides it.
fn condition_issue(
    form: &FormDefinition,
    position: usize,
    question: &Question,
) -> Option<DefinitionIssue> {
    let condition = question.show_if.as_ref()?;
    if condition.question == question.id {
        return Some(DefinitionIssue::ConditionOnItself);
    }
    let target = form
        .items
        .iter()
        .position(|item| item.id() == &condition.question);
    let target = match target.map(|at| (at, &form.items[at])) {
        None | Some((_, Item::Section(_))) => {
            return Some(DefinitionIssue::ConditionOnUnknownQuestion);
        }
        Some((at, _)) if at > position => return Some(DefinitionIssue::ConditionOnLaterQuestion),
        Some((_, Item::Question(target))) => target,
    };
    if !target.is_choice() {
        return Some(DefinitionIssue::ConditionOnNonChoice);
    }
    let known = target
        .options()
        .iter()
        .any(|option| option.value == condition.equals);
    (!known).then_some(DefinitionIssue::ConditionValueNotAnOption)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::fixtures::{choice, date, form, integer, text_question};
    use crate::forms::{ChoiceOption, Condition, Section, Text};

    fn issues(form: &FormDefinition) -> Vec<(Option<String>, DefinitionIssue)> {
        form.check()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.item.map(|id| id.as_str().to_owned()), p.issue))
            .collect()
    }

    fn at(id: &str, issue: DefinitionIssue) -> (Option<String>, DefinitionIssue) {
        (Some(id.to_owned()), issue)
    }

    fn with_condition(mut q: Question, on: &str, equals: &str) -> Question {
        q.show_if = Some(Condition {
            question: QuestionId::new(on),
            equals: equals.to_owned(),
        });
        q
    }

    #[test]
    fn a_well_formed_definition_passes() {
        let definition = form(vec![
            Item::Question(choice("again", &["yes", "no"])),
            Item::Question(with_condition(text_question("why"), "again", "no")),
        ]);
        assert_eq!(definition.check(), Ok(()));
    }

    #[test]
    fn a_blank_title_is_reported_for_the_form_itself() {
        let mut definition = form(vec![Item::Question(text_question("q1"))]);
        definition.title = Text::new(" ", "Survey");
        assert_eq!(
            issues(&definition),
            vec![(None, DefinitionIssue::EmptyTitle)]
        );
    }

    #[test]
    fn ids_must_be_present_unique_and_plain() {
        let mut unnamed = text_question("");
        unnamed.label = Text::ja("会社名");
        let definition = form(vec![
            Item::Question(unnamed),
            Item::Question(text_question("q1")),
            Item::Section(Section {
                id: QuestionId::new("q1"),
                heading: Text::ja("見出し"),
                help: Text::default(),
            }),
            Item::Question(text_question("Q 2")),
            Item::Question(text_question("q3__other")),
        ]);
        assert_eq!(
            issues(&definition),
            vec![
                at("", DefinitionIssue::EmptyId),
                at("q1", DefinitionIssue::DuplicateId),
                at("Q 2", DefinitionIssue::InvalidId),
                at("q3__other", DefinitionIssue::InvalidId),
            ]
        );
    }

    #[test]
    fn japanese_labels_and_headings_are_required() {
        let mut unlabelled = text_question("q1");
        unlabelled.label = Text::new("", "Name");
        let definition = form(vec![
            Item::Question(unlabelled),
            Item::Section(Section {
                id: QuestionId::new("s1"),
                heading: Text::default(),
                help: Text::default(),
            }),
        ]);
        assert_eq!(
            issues(&definition),
            vec![
                at("q1", DefinitionIssue::EmptyLabel),
                at("s1", DefinitionIssue::EmptyLabel),
            ]
        );
    }

    #[test]
    fn choices_need_options_with_unique_plain_values_and_labels() {
        let mut unlabelled = choice("q2", &["a"]);
        if let QuestionKind::SingleChoice { options, .. } = &mut unlabelled.kind {
            options.push(ChoiceOption::new("b", Text::ja(" ")));
        }
        let definition = form(vec![
            Item::Question(choice("q1", &[])),
            Item::Question(unlabelled),
            Item::Question(choice("q3", &["a", "a", "__other", " "])),
        ]);
        let value = |v: &str| v.to_owned();
        assert_eq!(
            issues(&definition),
            vec![
                at("q1", DefinitionIssue::NoOptions),
                at(
                    "q2",
                    DefinitionIssue::EmptyOptionLabel { value: value("b") }
                ),
                at(
                    "q3",
                    DefinitionIssue::DuplicateOptionValue { value: value("a") }
                ),
                at(
                    "q3",
                    DefinitionIssue::InvalidOptionValue {
                        value: value("__other")
                    }
                ),
                at(
                    "q3",
                    DefinitionIssue::InvalidOptionValue { value: value(" ") }
                ),
            ]
        );
    }

    #[test]
    fn minimums_may_not_exceed_maximums() {
        let kinds = [
            QuestionKind::Integer {
                min: Some(5),
                max: Some(1),
                unit: None,
            },
            QuestionKind::Decimal {
                min: Some(Decimal::from_integer(2)),
                max: Some(Decimal::from_integer(1)),
                unit: None,
                max_fraction_digits: 1,
            },
            QuestionKind::Date {
                min: Some(date(2025, 5, 1)),
                max: Some(date(2025, 4, 1)),
            },
            QuestionKind::MultipleChoice {
                options: vec![ChoiceOption::new("a", Text::ja("A"))],
                min_selected: Some(2),
                max_selected: Some(1),
                other: true,
            },
        ];
        for kind in kinds {
            assert!(
                kind_issues(&kind).contains(&DefinitionIssue::MinAboveMax),
                "{kind:?}"
            );
        }
        let equal = QuestionKind::Integer {
            min: Some(1),
            max: Some(1),
            unit: None,
        };
        assert_eq!(kind_issues(&equal), vec![]);
    }

    #[test]
    fn a_multiple_choice_cannot_require_more_choices_than_it_offers() {
        let kind = |other| QuestionKind::MultipleChoice {
            options: vec![ChoiceOption::new("a", Text::ja("A"))],
            min_selected: Some(2),
            max_selected: None,
            other,
        };
        assert_eq!(
            kind_issues(&kind(false)),
            vec![DefinitionIssue::MinSelectedAboveOptions]
        );
        assert_eq!(kind_issues(&kind(true)), vec![]);
    }

    #[test]
    fn ratings_need_two_to_eleven_points() {
        let rating = |min, max| QuestionKind::Rating {
            min,
            max,
            min_label: Text::default(),
            max_label: Text::default(),
        };
        assert_eq!(kind_issues(&rating(1, 5)), vec![]);
        assert_eq!(kind_issues(&rating(0, 10)), vec![]);
        for (min, max) in [(3, 3), (5, 1), (0, 11)] {
            assert_eq!(
                kind_issues(&rating(min, max)),
                vec![DefinitionIssue::InvalidRatingScale]
            );
        }
    }

    #[test]
    fn texts_need_room_and_decimals_stay_within_their_precision() {
        assert_eq!(
            kind_issues(&QuestionKind::ShortText { max_chars: 0 }),
            vec![DefinitionIssue::ZeroMaxChars]
        );
        let decimal = QuestionKind::Decimal {
            min: None,
            max: None,
            unit: None,
            max_fraction_digits: 10,
        };
        assert_eq!(
            kind_issues(&decimal),
            vec![DefinitionIssue::FractionDigitsAboveLimit { limit: 9 }]
        );
    }

    #[test]
    fn conditions_must_look_back_at_a_choice_and_one_of_its_values() {
        let definition = form(vec![
            Item::Question(with_condition(text_question("self"), "self", "x")),
            Item::Question(with_condition(text_question("later"), "again", "no")),
            Item::Question(choice("again", &["yes", "no"])),
            Item::Question(integer("count")),
            Item::Question(with_condition(text_question("unknown"), "nowhere", "no")),
            Item::Question(with_condition(text_question("numeric"), "count", "1")),
            Item::Question(with_condition(text_question("value"), "again", "maybe")),
            Item::Section(Section {
                id: QuestionId::new("part"),
                heading: Text::ja("見出し"),
                help: Text::default(),
            }),
            Item::Question(with_condition(text_question("section"), "part", "x")),
        ]);
        assert_eq!(
            issues(&definition),
            vec![
                at("self", DefinitionIssue::ConditionOnItself),
                at("later", DefinitionIssue::ConditionOnLaterQuestion),
                at("unknown", DefinitionIssue::ConditionOnUnknownQuestion),
                at("numeric", DefinitionIssue::ConditionOnNonChoice),
                at("value", DefinitionIssue::ConditionValueNotAnOption),
                at("section", DefinitionIssue::ConditionOnUnknownQuestion),
            ]
        );
    }

    #[test]
    fn problems_are_sent_as_codes_with_the_item_id() {
        let problem = DefinitionProblem {
            item: Some(QuestionId::new("q1")),
            issue: DefinitionIssue::DuplicateOptionValue {
                value: "a".to_owned(),
            },
        };
        assert_eq!(
            serde_json::to_value(&problem).expect("serialises"),
            serde_json::json!({"item": "q1", "issue": {"code": "duplicate_option_value", "value": "a"}})
        );
    }
}

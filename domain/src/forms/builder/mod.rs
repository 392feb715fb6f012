//! The form builder's view of a definition: plain text fields an officer edits in an
//! HTML form that works without JavaScript ([`BuilderInput`]), read back into a
//! [`FormDefinition`] ([`read`]), and the edits the builder's buttons ask for
//! ([`ops`]). Compiled into the browser bundle too, like the rest of the domain.

pub mod ops;
pub mod read;

pub use ops::BuilderOp;

use super::definition::{FormDefinition, Item, Text};
use super::question::{ChoiceDisplay, ChoiceOption, QuestionKind};
use serde::{Deserialize, Serialize};

/// The whole builder form as posted: `input[title_ja]`, `input[items][3][label_ja]`…
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BuilderInput {
    pub title_ja: String,
    pub title_en: String,
    pub description_ja: String,
    pub description_en: String,
    pub items: Vec<ItemInput>,
}

/// One item as typed. Which fields count depends on `kind`; the others are ignored.
/// Checkboxes post `on` when ticked and nothing otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemInput {
    /// [`SECTION`] or one of [`QUESTION_KINDS`].
    pub kind: String,
    pub id: String,
    /// The question, or the heading of a section.
    pub label_ja: String,
    pub label_en: String,
    pub help_ja: String,
    pub help_en: String,
    pub required: String,
    pub max_chars: String,
    /// Numbers, dates (`YYYY-MM-DD`), the ends of a rating, or how many choices.
    pub min: String,
    pub max: String,
    pub unit_ja: String,
    pub unit_en: String,
    pub fraction_digits: String,
    /// One option per line: `value:label`, `value:label|English label`, or a label alone
    /// (which is then its own value).
    pub options: String,
    pub other: String,
    /// `on` to draw a single choice as a drop-down list instead of radio buttons.
    pub select: String,
    pub min_label_ja: String,
    pub min_label_en: String,
    pub max_label_ja: String,
    pub max_label_en: String,
    /// Show only when the question with this id has `show_if_value` chosen.
    pub show_if_question: String,
    pub show_if_value: String,
}

pub const SECTION: &str = "section";

/// The question types in the order the builder offers them.
pub const QUESTION_KINDS: [&str; 10] = [
    "short_text",
    "long_text",
    "integer",
    "decimal",
    "single_choice",
    "multiple_choice",
    "rating",
    "date",
    "email",
    "file",
];

const TICKED: &str = "on";

fn ticked(value: bool) -> String {
    if value { TICKED.into() } else { String::new() }
}

fn english(text: &Text) -> String {
    text.en.clone().unwrap_or_default()
}

fn optional<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Options as the builder's text area shows them, one per line.
pub fn options_text(options: &[ChoiceOption]) -> String {
    options
        .iter()
        .map(|option| {
            let label = match &option.label.en {
                Some(en) if !en.trim().is_empty() => format!("{}|{en}", option.label.ja),
                _ => option.label.ja.clone(),
            };
            if option.value == label && !option.value.contains(':') {
                label
            } else {
                format!("{}:{label}", option.value)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl From<&FormDefinition> for BuilderInput {
    fn from(definition: &FormDefinition) -> Self {
        BuilderInput {
            title_ja: definition.title.ja.clone(),
            title_en: english(&definition.title),
            description_ja: definition.description.ja.clone(),
            description_en: english(&definition.description),
            items: definition.items.iter().map(ItemInput::from).collect(),
        }
    }
}

impl From<&Item> for ItemInput {
    fn from(item: &Item) -> Self {
        let question = match item {
            Item::Section(section) => {
                return ItemInput {
                    kind: SECTION.into(),
                    id: section.id.to_string(),
                    label_ja: section.heading.ja.clone(),
                    label_en: english(&section.heading),
                    help_ja: section.help.ja.clone(),
                    help_en: english(&section.help),
                    ..ItemInput::default()
                };
            }
            Item::Question(question) => question,
        };
        let mut input = ItemInput {
            kind: kind_code(&question.kind).into(),
            id: question.id.to_string(),
            label_ja: question.label.ja.clone(),
            label_en: english(&question.label),
            help_ja: question.help.ja.clone(),
            help_en: english(&question.help),
            required: ticked(question.required),
            show_if_question: optional(&question.show_if.as_ref().map(|c| c.question.clone())),
            show_if_value: optional(&question.show_if.as_ref().map(|c| c.equals.clone())),
            ..ItemInput::default()
        };
        let unit = |input: &mut ItemInput, unit: &Option<Text>| {
            input.unit_ja = unit.as_ref().map(|u| u.ja.clone()).unwrap_or_default();
            input.unit_en = unit.as_ref().map(english).unwrap_or_default();
        };
        match &question.kind {
            QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
                input.max_chars = max_chars.to_string();
            }
            QuestionKind::Integer { min, max, unit: u } => {
                input.min = optional(min);
                input.max = optional(max);
                unit(&mut input, u);
            }
            QuestionKind::Decimal {
                min,
                max,
                unit: u,
                max_fraction_digits,
            } => {
                input.min = optional(min);
                input.max = optional(max);
                input.fraction_digits = max_fraction_digits.to_string();
                unit(&mut input, u);
            }
            QuestionKind::SingleChoice {
                options,
                display,
                other,
            } => {
                input.options = options_text(options);
                input.other = ticked(*other);
                input.select = ticked(*display == ChoiceDisplay::Select);
            }
            QuestionKind::MultipleChoice {
                options,
                min_selected,
                max_selected,
                other,
            } => {
                input.options = options_text(options);
                input.other = ticked(*other);
                input.min = optional(min_selected);
                input.max = optional(max_selected);
            }
            QuestionKind::Rating {
                min,
                max,
                min_label,
                max_label,
            } => {
                input.min = min.to_string();
                input.max = max.to_string();
                input.min_label_ja = min_label.ja.clone();
                input.min_label_en = english(min_label);
                input.max_label_ja = max_label.ja.clone();
                input.max_label_en = english(max_label);
            }
            QuestionKind::Date { min, max } => {
                input.min = optional(min);
                input.max = optional(max);
            }
            QuestionKind::Email => {}
            QuestionKind::File { max_files } => input.max = max_files.to_string(),
        }
        input
    }
}

pub fn kind_code(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::ShortText { .. } => "short_text",
        QuestionKind::LongText { .. } => "long_text",
        QuestionKind::Integer { .. } => "integer",
        QuestionKind::Decimal { .. } => "decimal",
        QuestionKind::SingleChoice { .. } => "single_choice",
        QuestionKind::MultipleChoice { .. } => "multiple_choice",
        QuestionKind::Rating { .. } => "rating",
        QuestionKind::Date { .. } => "date",
        QuestionKind::Email => "email",
        QuestionKind::File { .. } => "file",
    }
}

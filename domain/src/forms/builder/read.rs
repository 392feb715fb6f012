//! Reads the builder's text fields back into a definition. Only what cannot be read at
//! all is refused here (a number that is not one, an unknown type), as a field error
//! keyed `items.{index}.{field}`; whether the definition makes sense is
//! [`FormDefinition::check`]'s job.

use super::{BuilderInput, ItemInput, SECTION, TICKED};
use crate::forms::definition::{FormDefinition, Item, Section, Text};
use crate::forms::number::{Decimal, parse_integer};
use crate::forms::question::{
    ChoiceDisplay, ChoiceOption, Condition, DEFAULT_MAX_FILES, Question, QuestionId, QuestionKind,
};
use crate::{FieldErrors, Problem};
use chrono::NaiveDate;

/// The key of an item's field in [`FieldErrors`].
pub fn field_key(index: usize, field: &str) -> String {
    format!("items.{index}.{field}")
}

impl TryFrom<&BuilderInput> for FormDefinition {
    type Error = FieldErrors;

    fn try_from(input: &BuilderInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let items = input
            .items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let mut reader = Reader {
                    index,
                    errors: &mut errors,
                };
                reader.item(item)
            })
            .collect();
        let definition = FormDefinition {
            title: text(&input.title_ja, &input.title_en),
            description: text(&input.description_ja, &input.description_en),
            items,
        };
        if errors.is_empty() {
            Ok(definition)
        } else {
            Err(errors)
        }
    }
}

/// A text from its two fields; a blank English is no English.
fn text(ja: &str, en: &str) -> Text {
    let en = en.trim();
    Text {
        ja: ja.trim().to_owned(),
        en: (!en.is_empty()).then(|| en.to_owned()),
    }
}

fn optional_text(ja: &str, en: &str) -> Option<Text> {
    let text = text(ja, en);
    (!text.ja.is_empty() || text.en.is_some()).then_some(text)
}

/// Options from the text area: one per line, blank lines skipped.
pub fn read_options(raw: &str) -> Vec<ChoiceOption> {
    raw.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (value, label) = match line.split_once(':') {
                Some((value, label)) => (value.trim(), label.trim()),
                None => {
                    let ja = line.split('|').next().unwrap_or(line).trim();
                    (ja, line)
                }
            };
            let (ja, en) = label.split_once('|').unwrap_or((label, ""));
            ChoiceOption::new(value, text(ja, en))
        })
        .collect()
}

struct Reader<'a> {
    index: usize,
    errors: &'a mut FieldErrors,
}

impl Reader<'_> {
    fn refuse(&mut self, field: &str, problem: Problem) {
        self.errors.push(&field_key(self.index, field), problem);
    }

    fn item(&mut self, input: &ItemInput) -> Option<Item> {
        let id = QuestionId::new(input.id.trim());
        if input.kind == SECTION {
            return Some(Item::Section(Section {
                id,
                heading: text(&input.label_ja, &input.label_en),
                help: text(&input.help_ja, &input.help_en),
            }));
        }
        let kind = self.kind(input)?;
        let show_if = (!input.show_if_question.trim().is_empty()).then(|| Condition {
            question: QuestionId::new(input.show_if_question.trim()),
            equals: input.show_if_value.trim().to_owned(),
        });
        Some(Item::Question(Question {
            id,
            label: text(&input.label_ja, &input.label_en),
            help: text(&input.help_ja, &input.help_en),
            required: input.required == TICKED,
            kind,
            show_if,
        }))
    }

    fn kind(&mut self, input: &ItemInput) -> Option<QuestionKind> {
        let unit = || optional_text(&input.unit_ja, &input.unit_en);
        let kind = match input.kind.as_str() {
            "short_text" => QuestionKind::ShortText {
                max_chars: self.count("max_chars", &input.max_chars)?.unwrap_or(200),
            },
            "long_text" => QuestionKind::LongText {
                max_chars: self.count("max_chars", &input.max_chars)?.unwrap_or(2000),
            },
            "integer" => QuestionKind::Integer {
                min: self.integer("min", &input.min)?,
                max: self.integer("max", &input.max)?,
                unit: unit(),
            },
            "decimal" => QuestionKind::Decimal {
                min: self.decimal("min", &input.min)?,
                max: self.decimal("max", &input.max)?,
                unit: unit(),
                max_fraction_digits: self
                    .count("fraction_digits", &input.fraction_digits)?
                    .unwrap_or(2),
            },
            "single_choice" => QuestionKind::SingleChoice {
                options: read_options(&input.options),
                display: if input.select == TICKED {
                    ChoiceDisplay::Select
                } else {
                    ChoiceDisplay::Radio
                },
                other: input.other == TICKED,
            },
            "multiple_choice" => QuestionKind::MultipleChoice {
                options: read_options(&input.options),
                min_selected: self.count("min", &input.min)?,
                max_selected: self.count("max", &input.max)?,
                other: input.other == TICKED,
            },
            "rating" => QuestionKind::Rating {
                min: self.count("min", &input.min)?.unwrap_or(1),
                max: self.count("max", &input.max)?.unwrap_or(5),
                min_label: text(&input.min_label_ja, &input.min_label_en),
                max_label: text(&input.max_label_ja, &input.max_label_en),
            },
            "date" => QuestionKind::Date {
                min: self.date("min", &input.min)?,
                max: self.date("max", &input.max)?,
            },
            "email" => QuestionKind::Email,
            "file" => QuestionKind::File {
                max_files: self.count("max", &input.max)?.unwrap_or(DEFAULT_MAX_FILES),
            },
            _ => {
                self.refuse("kind", Problem::InvalidChoice);
                return None;
            }
        };
        Some(kind)
    }

    /// A whole number of at least zero, or `None` when blank; `Some(None)`
    /// means blank, `None` means refused.
    fn count<T: TryFrom<i64>>(&mut self, field: &str, raw: &str) -> Option<Option<T>> {
        match parse_integer(raw, None) {
            Ok(None) => Some(None),
            Ok(Some(value)) => match T::try_from(value) {
                Ok(value) => Some(Some(value)),
                Err(_) => {
                    self.refuse(field, Problem::TooSmall { min: "0".into() });
                    None
                }
            },
            Err(_) => {
                self.refuse(field, Problem::NotAWholeNumber);
                None
            }
        }
    }

    fn integer(&mut self, field: &str, raw: &str) -> Option<Option<i64>> {
        match parse_integer(raw, None) {
            Ok(value) => Some(value),
            Err(_) => {
                self.refuse(field, Problem::NotAWholeNumber);
                None
            }
        }
    }

    fn decimal(&mut self, field: &str, raw: &str) -> Option<Option<Decimal>> {
        match Decimal::parse(raw, None) {
            Ok(value) => Some(value),
            Err(_) => {
                self.refuse(field, Problem::NotANumber);
                None
            }
        }
    }

    fn date(&mut self, field: &str, raw: &str) -> Option<Option<NaiveDate>> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Some(None);
        }
        match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(date) => Some(Some(date)),
            Err(_) => {
                self.refuse(field, Problem::InvalidDate);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::builder::BuilderInput;
    use crate::forms::templates::Template;

    #[test]
    fn every_template_survives_the_builder_unchanged() {
        for template in Template::ALL {
            let definition = template.definition();
            let input = BuilderInput::from(&definition);
            assert_eq!(
                FormDefinition::try_from(&input),
                Ok(definition),
                "{template:?}"
            );
        }
    }

    #[test]
    fn options_are_read_as_values_with_labels_or_labels_alone() {
        let options = read_options("yes:はい|Yes\n\n いいえ \nmaybe:たぶん");
        assert_eq!(
            options,
            vec![
                ChoiceOption::new("yes", Text::new("はい", "Yes")),
                ChoiceOption::new("いいえ", Text::ja("いいえ")),
                ChoiceOption::new("maybe", Text::ja("たぶん")),
            ]
        );
    }

    #[test]
    fn unreadable_numbers_are_refused_beside_their_field() {
        let input = BuilderInput {
            title_ja: "アンケート".into(),
            items: vec![
                ItemInput {
                    kind: "integer".into(),
                    id: "q1".into(),
                    label_ja: "件数".into(),
                    min: "たくさん".into(),
                    ..ItemInput::default()
                },
                ItemInput {
                    kind: "rating".into(),
                    id: "q2".into(),
                    label_ja: "満足度".into(),
                    max: "-3".into(),
                    ..ItemInput::default()
                },
            ],
            ..BuilderInput::default()
        };
        let errors = FormDefinition::try_from(&input).expect_err("refused");
        assert_eq!(
            errors.for_field("items.0.min"),
            Some(&Problem::NotAWholeNumber)
        );
        assert!(errors.for_field("items.1.max").is_some());
    }
}

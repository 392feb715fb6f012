//! Words and forms for the tests of this module.

use super::labels::Words;
use crate::domain::forms::{
    ChoiceDisplay, ChoiceOption, FormDefinition, Item, Question, QuestionId, QuestionKind, Text,
};

pub(super) fn japanese() -> Words {
    Words {
        english: false,
        other: "その他".to_owned(),
    }
}

pub(super) fn english() -> Words {
    Words {
        english: true,
        other: "Other".to_owned(),
    }
}

pub(super) fn question<'a>(form: &'a FormDefinition, id: &str) -> &'a Question {
    form.question(&QuestionId::new(id)).expect("in the form")
}

fn options(values: &[(&str, &str, &str)]) -> Vec<ChoiceOption> {
    values
        .iter()
        .map(|(value, ja, en)| ChoiceOption::new(value, Text::new(ja, en)))
        .collect()
}

fn item(id: &str, label: Text, kind: QuestionKind) -> Item {
    Item::Question(Question {
        id: QuestionId::new(id),
        label,
        help: Text::default(),
        required: false,
        kind,
        show_if: None,
    })
}

/// A select with "other", checkboxes with "other", and a decimal with a unit.
pub(super) fn choosing() -> FormDefinition {
    FormDefinition {
        title: Text::ja("アンケート"),
        description: Text::default(),
        items: vec![
            item(
                "channel",
                Text::new("知ったきっかけ", "How you heard of it"),
                QuestionKind::SingleChoice {
                    options: options(&[("web", "ウェブ", "Web"), ("mail", "郵送", "Mail")]),
                    display: ChoiceDisplay::Select,
                    other: true,
                },
            ),
            item(
                "topics",
                Text::new("関心のある分野", "Topics of interest"),
                QuestionKind::MultipleChoice {
                    options: options(&[("ai", "AI", "AI"), ("export", "輸出", "Export")]),
                    min_selected: None,
                    max_selected: Some(3),
                    other: true,
                },
            ),
            item(
                "amount",
                Text::new("売上", "Sales"),
                QuestionKind::Decimal {
                    min: None,
                    max: None,
                    unit: Some(Text::new("万円", "×10,000 yen")),
                    max_fraction_digits: 1,
                },
            ),
        ],
    }
}

//! Small definitions for the tests of this module, and one form with every kind of
//! question for the property tests.

use super::{
    ChoiceDisplay, ChoiceOption, Condition, Decimal, FormDefinition, Item, Question, QuestionId,
    QuestionKind, Text,
};
use chrono::NaiveDate;

pub fn form(items: Vec<Item>) -> FormDefinition {
    FormDefinition {
        title: Text::new("アンケート", "Survey"),
        description: Text::default(),
        items,
    }
}

/// An optional question labelled with its id.
pub fn question(id: &str, kind: QuestionKind) -> Question {
    Question {
        id: QuestionId::new(id),
        label: Text::ja(id),
        help: Text::default(),
        required: false,
        kind,
        show_if: None,
    }
}

pub fn text_question(id: &str) -> Question {
    question(id, QuestionKind::ShortText { max_chars: 20 })
}

/// An integer from 0 to 100, counted in 件.
pub fn integer(id: &str) -> Question {
    question(
        id,
        QuestionKind::Integer {
            min: Some(0),
            max: Some(100),
            unit: Some(Text::new("件", "cases")),
        },
    )
}

pub fn options(values: &[&str]) -> Vec<ChoiceOption> {
    values
        .iter()
        .map(|value| ChoiceOption::new(value, Text::ja(value)))
        .collect()
}

pub fn choice(id: &str, values: &[&str]) -> Question {
    question(
        id,
        QuestionKind::SingleChoice {
            options: options(values),
            display: ChoiceDisplay::Radio,
            other: false,
        },
    )
}

pub fn required(mut question: Question) -> Question {
    question.required = true;
    question
}

pub fn shown_if(mut question: Question, on: &str, equals: &str) -> Question {
    question.show_if = Some(Condition {
        question: QuestionId::new(on),
        equals: equals.to_owned(),
    });
    question
}

pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// Every kind of question, all required, two of them shown only on a condition.
pub fn every_kind() -> FormDefinition {
    let questions = vec![
        question("name", QuestionKind::ShortText { max_chars: 20 }),
        question("notes", QuestionKind::LongText { max_chars: 200 }),
        integer("count"),
        question(
            "amount",
            QuestionKind::Decimal {
                min: Some(Decimal::from_integer(0)),
                max: Some(Decimal::from_integer(1000)),
                unit: Some(Text::ja("万円")),
                max_fraction_digits: 2,
            },
        ),
        question(
            "channel",
            QuestionKind::SingleChoice {
                options: options(&["web", "mail", "fair"]),
                display: ChoiceDisplay::Select,
                other: true,
            },
        ),
        question(
            "topics",
            QuestionKind::MultipleChoice {
                options: options(&["ai", "iot", "export", "hiring"]),
                min_selected: Some(1),
                max_selected: Some(3),
                other: true,
            },
        ),
        shown_if(
            question("export_markets", QuestionKind::ShortText { max_chars: 50 }),
            "topics",
            "export",
        ),
        question(
            "satisfaction",
            QuestionKind::Rating {
                min: 1,
                max: 5,
                min_label: Text::ja("不満"),
                max_label: Text::ja("満足"),
            },
        ),
        question(
            "visited_on",
            QuestionKind::Date {
                min: Some(date(2025, 4, 1)),
                max: Some(date(2026, 3, 31)),
            },
        ),
        question("contact", QuestionKind::Email),
        choice("again", &["yes", "no"]),
        shown_if(
            question("why_not", QuestionKind::LongText { max_chars: 200 }),
            "again",
            "no",
        ),
    ];
    form(
        questions
            .into_iter()
            .map(required)
            .map(Item::Question)
            .collect(),
    )
}

use super::*;
use crate::forms::fixtures::every_kind;
use crate::forms::{Decimal, QuestionId};
use chrono::{NaiveDate, TimeZone};

fn words() -> TableWords {
    TableWords {
        english: false,
        company: "企業名".into(),
        industry: "業種".into(),
        regional_leader: "地域未来牽引企業".into(),
        receipt: "受付番号".into(),
        revision: "版".into(),
        submitted_at: "提出日時".into(),
        updated_at: "最終更新".into(),
        yes: "○".into(),
        other: "その他".into(),
        other_text: "その他の内容".into(),
    }
}

fn answers(pairs: Vec<(&str, Answer)>) -> Answers {
    let mut answers = Answers::default();
    for (id, answer) in pairs {
        answers.insert(QuestionId::new(id), answer);
    }
    answers
}

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 31, hour, 30, 0)
        .single()
        .expect("a time")
}

fn row<'a>(company: &'a str, answers: &'a Answers) -> ResponseRow<'a> {
    ResponseRow {
        company,
        industry: "製造業",
        regional_leader: true,
        receipt: Some("001-00002-3"),
        revision: 3,
        submitted_at: Some(at(15)),
        updated_at: at(15),
        answers,
    }
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_owned())
}

fn number(value: i64) -> Cell {
    Cell::Number(Exact::from_integer(value))
}

#[test]
fn every_question_has_its_columns_after_the_fixed_ones() {
    let table = ResponseTable::build(&every_kind(), &[], &words());
    let expected = [
        "企業名",
        "業種",
        "地域未来牽引企業",
        "受付番号",
        "版",
        "提出日時",
        "最終更新",
        "name",
        "notes",
        "count",
        "amount",
        "channel",
        "channel: その他の内容",
        "topics: ai",
        "topics: iot",
        "topics: export",
        "topics: hiring",
        "topics: その他",
        "topics: その他の内容",
        "export_markets",
        "satisfaction",
        "visited_on",
        "contact",
        "again",
        "why_not",
    ];
    assert_eq!(table.headers, expected);
    assert!(table.rows.is_empty());
}

#[test]
fn a_response_becomes_one_row_with_numbers_as_numbers_and_choices_as_flags() {
    let given = answers(vec![
        ("name", Answer::Text("=1+1".into())),
        ("count", Answer::Integer(12)),
        (
            "amount",
            Answer::Decimal(Decimal::parse("3.25", None).expect("ok").expect("some")),
        ),
        (
            "channel",
            Answer::Choice {
                value: OTHER.into(),
                other: Some("紹介".into()),
            },
        ),
        (
            "topics",
            Answer::Choices {
                values: vec!["ai".into(), "export".into()],
                other: None,
            },
        ),
        ("satisfaction", Answer::Rating(4)),
        (
            "visited_on",
            Answer::Date(NaiveDate::from_ymd_opt(2025, 10, 1).expect("a date")),
        ),
        (
            "again",
            Answer::Choice {
                value: "yes".into(),
                other: None,
            },
        ),
    ]);
    let table = ResponseTable::build(&every_kind(), &[row("株式会社A", &given)], &words());
    let row = &table.rows[0];
    assert_eq!(row.len(), table.headers.len());
    assert_eq!(
        row[..7],
        [
            text("株式会社A"),
            text("製造業"),
            text("○"),
            text("001-00002-3"),
            number(3),
            // JST: 15:30 UTC on 31 March is 00:30 on 1 April, the next fiscal year.
            text("2026/04/01 00:30"),
            text("2026/04/01 00:30"),
        ]
    );
    // The writer neutralises formulas; the table keeps what was typed.
    assert_eq!(row[7], text("=1+1"));
    assert_eq!(row[8], Cell::Blank);
    assert_eq!(row[9], number(12));
    assert_eq!(row[10].as_text(), "3.25");
    assert_eq!(row[11], text("その他"));
    assert_eq!(row[12], text("紹介"));
    assert_eq!(
        row[13..19],
        [
            number(1),
            number(0),
            number(1),
            number(0),
            number(0),
            Cell::Blank
        ]
    );
    assert_eq!(row[19], Cell::Blank, "export_markets left blank");
    assert_eq!(row[20], number(4));
    assert_eq!(row[21], text("2025-10-01"));
    assert_eq!(row[22], Cell::Blank);
    assert_eq!(row[23], text("yes"), "an option labelled with its value");
}

#[test]
fn a_multiple_choice_not_answered_is_blank_not_zero() {
    let given = Answers::default();
    let table = ResponseTable::build(&every_kind(), &[row("B", &given)], &words());
    assert!(
        table.rows[0][13..19]
            .iter()
            .all(|cell| *cell == Cell::Blank)
    );
}

#[test]
fn english_headers_use_the_english_labels_where_given() {
    let mut form = every_kind();
    if let Some(crate::forms::Item::Question(question)) = form.items.first_mut() {
        question.label = crate::forms::Text::new("会社名", "Company name");
    }
    let words = TableWords {
        english: true,
        ..words()
    };
    let table = ResponseTable::build(&form, &[], &words);
    assert_eq!(table.headers[7], "Company name");
    assert_eq!(
        table.headers[8], "notes",
        "no English label: the Japanese one"
    );
}

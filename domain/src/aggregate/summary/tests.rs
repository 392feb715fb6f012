use super::*;
use crate::Email;
use crate::aggregate::{OptionCount, Percent};
use crate::forms::{ChoiceDisplay, ChoiceOption, Item, OTHER, Text};
use chrono::NaiveDate;
use serde_json::json;

fn question(id: &str, kind: QuestionKind) -> Question {
    Question {
        id: QuestionId::new(id),
        label: Text::ja(id),
        help: Text::default(),
        required: false,
        kind,
        show_if: None,
    }
}

fn options() -> Vec<ChoiceOption> {
    vec![
        ChoiceOption::new("web", Text::new("ウェブ", "Web")),
        ChoiceOption::new("mail", Text::new("郵送", "Mail")),
        ChoiceOption::new("fair", Text::new("展示会", "Fair")),
    ]
}

fn single(other: bool) -> Question {
    question(
        "channel",
        QuestionKind::SingleChoice {
            options: options(),
            display: ChoiceDisplay::Radio,
            other,
        },
    )
}

fn multiple(other: bool) -> Question {
    question(
        "channels",
        QuestionKind::MultipleChoice {
            options: options(),
            min_selected: None,
            max_selected: None,
            other,
        },
    )
}

fn chose(value: &str) -> Answer {
    Answer::Choice {
        value: value.to_owned(),
        other: None,
    }
}

fn chose_other(text: &str) -> Answer {
    Answer::Choice {
        value: OTHER.to_owned(),
        other: Some(text.to_owned()),
    }
}

fn chose_all(values: &[&str], other: Option<&str>) -> Answer {
    Answer::Choices {
        values: values.iter().map(|v| (*v).to_owned()).collect(),
        other: other.map(str::to_owned),
    }
}

fn of(question: &Question, answers: &[Option<Answer>]) -> QuestionSummary {
    summarise(question, answers.iter().map(Option::as_ref))
}

fn choices(summary: &QuestionSummary) -> &ChoiceSummary {
    match &summary.breakdown {
        Breakdown::Choices(choices) => choices,
        other => panic!("expected choices, got {other:?}"),
    }
}

/// `(value, count, percent)` per option, in option order.
fn shares(summary: &QuestionSummary) -> Vec<(String, u32, String)> {
    choices(summary)
        .options
        .iter()
        .map(|option: &OptionCount| {
            let percent = option.percent.map_or("-".to_owned(), |p| p.to_string());
            (option.value.clone(), option.count, percent)
        })
        .collect()
}

fn share(value: &str, count: u32, percent: &str) -> (String, u32, String) {
    (value.to_owned(), count, percent.to_owned())
}

fn counts(summary: &QuestionSummary) -> (u32, u32, u32) {
    (summary.answered, summary.blank, summary.unfit)
}

#[test]
fn single_choice_shares_are_of_the_respondents_who_answered() {
    let summary = of(
        &single(false),
        &[
            Some(chose("web")),
            Some(chose("fair")),
            None,
            Some(chose("web")),
        ],
    );
    assert_eq!(counts(&summary), (3, 1, 0));
    assert_eq!(
        shares(&summary),
        [
            share("web", 2, "66.7%"),
            share("mail", 0, "0.0%"),
            share("fair", 1, "33.3%")
        ]
    );
    assert_eq!(choices(&summary).other, None, "no other offered");
    assert!(!choices(&summary).multiple);
}

#[test]
fn multiple_choice_shares_may_add_up_to_more_than_a_hundred() {
    let summary = of(
        &multiple(false),
        &[
            Some(chose_all(&["web", "mail"], None)),
            Some(chose_all(&["web", "fair"], None)),
        ],
    );
    assert_eq!(
        shares(&summary),
        [
            share("web", 2, "100.0%"),
            share("mail", 1, "50.0%"),
            share("fair", 1, "50.0%")
        ]
    );
    assert!(choices(&summary).multiple);
}

#[test]
fn the_other_choice_is_counted_with_its_texts_in_answer_order() {
    let summary = of(
        &single(true),
        &[
            Some(chose_other(" 知人の紹介 ")),
            Some(chose("web")),
            Some(Answer::Choice {
                value: OTHER.to_owned(),
                other: None,
            }),
            Some(chose_other("新聞")),
        ],
    );
    let other = choices(&summary).other.clone().expect("other offered");
    assert_eq!(other.count, 3);
    assert_eq!(other.percent, Percent::of(3, 4));
    assert_eq!(other.texts, ["知人の紹介", "新聞"]);
}

#[test]
fn other_is_listed_when_offered_even_if_nobody_chose_it() {
    let summary = of(&multiple(true), &[Some(chose_all(&["mail"], None))]);
    let other = choices(&summary).other.clone().expect("other offered");
    assert_eq!((other.count, other.texts.len()), (0, 0));
    assert_eq!(
        other.percent.map(|p| p.to_string()),
        Some("0.0%".to_owned())
    );
}

#[test]
fn a_multiple_choice_with_only_other_is_an_answer() {
    let summary = of(
        &multiple(true),
        &[Some(chose_all(&[OTHER], Some("商工会議所")))],
    );
    assert_eq!(counts(&summary), (1, 0, 0));
    assert_eq!(
        choices(&summary).other.as_ref().map(|o| o.texts.clone()),
        Some(vec!["商工会議所".to_owned()])
    );
}

#[test]
fn choices_that_are_not_options_do_not_count() {
    let summary = of(
        &single(false),
        &[
            Some(chose("radio")),
            Some(chose_other("?")),
            Some(chose("web")),
        ],
    );
    assert_eq!(counts(&summary), (1, 0, 2));
    let summary = of(
        &multiple(false),
        &[
            Some(chose_all(&["web", "radio"], None)),
            Some(chose_all(&["radio"], None)),
            Some(chose_all(&[], None)),
        ],
    );
    assert_eq!(counts(&summary), (1, 0, 2));
    assert_eq!(shares(&summary)[0], share("web", 1, "100.0%"));
}

#[test]
fn an_option_listed_twice_by_one_respondent_counts_once() {
    let summary = of(&multiple(false), &[Some(chose_all(&["web", "web"], None))]);
    assert_eq!(shares(&summary)[0], share("web", 1, "100.0%"));
}

#[test]
fn a_single_choice_answer_does_not_fit_a_multiple_choice_question() {
    let summary = of(&multiple(false), &[Some(chose("web"))]);
    assert_eq!(counts(&summary), (0, 0, 1));
}

#[test]
fn no_responses_give_zero_counts_and_no_shares() {
    for question in [single(true), multiple(false)] {
        let summary = of(&question, &[]);
        assert_eq!(counts(&summary), (0, 0, 0));
        assert!(
            choices(&summary)
                .options
                .iter()
                .all(|o| o.count == 0 && o.percent.is_none())
        );
    }
}

#[test]
fn all_blank_responses_are_counted_as_blank() {
    let summary = of(&single(true), &[None, None, None]);
    assert_eq!(counts(&summary), (0, 3, 0));
    assert!(
        choices(&summary)
            .options
            .iter()
            .all(|o| o.percent.is_none())
    );
    let integer = question(
        "count",
        QuestionKind::Integer {
            min: None,
            max: None,
            unit: None,
        },
    );
    let summary = of(&integer, &[None, None]);
    assert_eq!(counts(&summary), (0, 2, 0));
    assert_eq!(summary.breakdown, Breakdown::Numbers(None));
}

#[test]
fn option_labels_come_with_the_counts_for_the_page() {
    let summary = of(&single(false), &[Some(chose("mail"))]);
    assert_eq!(
        choices(&summary).options[1].label,
        Text::new("郵送", "Mail")
    );
}

#[test]
fn texts_dates_and_emails_are_only_counted() {
    let text = question("notes", QuestionKind::LongText { max_chars: 200 });
    let summary = of(
        &text,
        &[
            Some(Answer::Text("良かった".to_owned())),
            None,
            Some(Answer::Integer(1)),
        ],
    );
    assert_eq!(counts(&summary), (1, 1, 1));
    assert_eq!(summary.breakdown, Breakdown::Counted);

    let date = question(
        "visited_on",
        QuestionKind::Date {
            min: None,
            max: None,
        },
    );
    let day = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    assert_eq!(counts(&of(&date, &[Some(Answer::Date(day))])), (1, 0, 0));

    let email = question("contact", QuestionKind::Email);
    let address = Email::parse("tanaka@example.co.jp").expect("email");
    let summary = of(
        &email,
        &[
            Some(Answer::Email(address)),
            Some(Answer::Text("x".to_owned())),
        ],
    );
    assert_eq!(counts(&summary), (1, 0, 1));
}

#[test]
fn numbers_are_summarised_by_kind() {
    let decimal = question(
        "amount",
        QuestionKind::Decimal {
            min: None,
            max: None,
            unit: None,
            max_fraction_digits: 1,
        },
    );
    let summary = of(
        &decimal,
        &[
            Some(Answer::Decimal("1.5".parse().expect("decimal"))),
            None,
            Some(Answer::Integer(2)),
        ],
    );
    assert_eq!(counts(&summary), (1, 1, 1));
    let Breakdown::Numbers(Some(numbers)) = &summary.breakdown else {
        panic!("expected numbers, got {:?}", summary.breakdown);
    };
    assert_eq!(numbers.sum.to_string(), "1.5");
}

#[test]
fn a_rating_outside_the_scale_is_unfit() {
    let rating = question(
        "satisfaction",
        QuestionKind::Rating {
            min: 1,
            max: 5,
            min_label: Text::default(),
            max_label: Text::default(),
        },
    );
    let summary = of(&rating, &[Some(Answer::Rating(4)), Some(Answer::Rating(9))]);
    assert_eq!(counts(&summary), (1, 0, 1));
    assert!(matches!(summary.breakdown, Breakdown::Rating(_)));
}

#[test]
fn a_form_is_summarised_question_by_question_with_missing_answers_as_blank() {
    let form = FormDefinition {
        title: Text::ja("出展後アンケート"),
        description: Text::default(),
        items: vec![
            Item::Question(single(false)),
            Item::Question(question("notes", QuestionKind::ShortText { max_chars: 20 })),
        ],
    };
    let mut first = Answers::default();
    first.insert(QuestionId::new("channel"), chose("web"));
    first.insert(
        QuestionId::new("notes"),
        Answer::Text("特になし".to_owned()),
    );
    let mut second = Answers::default();
    second.insert(QuestionId::new("channel"), chose("fair"));
    let summaries = summarise_form(&form, &[first, second]);
    let ids: Vec<&str> = summaries.iter().map(|s| s.question.as_str()).collect();
    assert_eq!(ids, ["channel", "notes"]);
    assert_eq!(counts(&summaries[0]), (2, 0, 0));
    assert_eq!(counts(&summaries[1]), (1, 1, 0));
}

#[test]
fn summaries_travel_to_the_page_as_tagged_json() {
    let summary = of(&single(false), &[Some(chose("web"))]);
    let value = serde_json::to_value(&summary).expect("serialises");
    assert_eq!(value["breakdown"]["type"], json!("choices"));
    assert_eq!(
        value["breakdown"]["summary"]["options"][0],
        json!({
            "value": "web",
            "label": {"ja": "ウェブ", "en": "Web"},
            "count": 1,
            "percent": {"tenths": 1000},
        })
    );
    let back: QuestionSummary = serde_json::from_value(value).expect("reads back");
    assert_eq!(back, summary);

    let empty = serde_json::to_value(Breakdown::Numbers(None)).expect("serialises");
    assert_eq!(empty, json!({"type": "numbers", "summary": null}));
    let counted = serde_json::to_value(Breakdown::Counted).expect("serialises");
    assert_eq!(counted, json!({"type": "counted"}));
}

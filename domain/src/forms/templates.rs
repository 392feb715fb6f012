//! The built-in forms an officer starts from. Their question ids are what aggregation
//! maps indicators to (`negotiations` is 商談件数 in every year's report), so they never
//! change; wording may.

use super::{
    ChoiceDisplay, ChoiceOption, Condition, FormDefinition, Item, Question, QuestionId,
    QuestionKind, Section, Text,
};
use serde::{Deserialize, Serialize};

/// Room for a paragraph or two; companies paste from their own reports.
const LONG_TEXT_MAX_CHARS: usize = 2000;
const SHORT_TEXT_MAX_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// 出展後アンケート.
    AfterExhibit,
    /// セミナー受講レポート.
    SeminarReport,
}

impl Template {
    pub const ALL: [Template; 2] = [Template::AfterExhibit, Template::SeminarReport];

    pub fn definition(self) -> FormDefinition {
        match self {
            Template::AfterExhibit => after_exhibit(),
            Template::SeminarReport => seminar_report(),
        }
    }
}

/// 出展後アンケート: the results of an exhibition, counted the way the city reports them.
pub fn after_exhibit() -> FormDefinition {
    FormDefinition {
        title: Text::new("出展後アンケート", "Post-exhibition survey"),
        description: Text::new(
            "出展の成果と今後のご意向についてお聞かせください。",
            "Please tell us about the results of your exhibit and your plans.",
        ),
        items: vec![
            section("results", Text::new("出展の成果", "Results")),
            Item::Question(required(count(
                "negotiations",
                Text::new("商談件数", "Business negotiations"),
                ken(),
            ))),
            Item::Question(required(count(
                "expected_contracts",
                Text::new(
                    "うち成約見込み件数",
                    "Of these, negotiations expected to lead to a contract",
                ),
                ken(),
            ))),
            Item::Question(required(count(
                "contracts",
                Text::new("成約件数（契約数）", "Contracts concluded"),
                ken(),
            ))),
            Item::Question(required(count(
                "business_cards",
                Text::new("名刺交換数", "Business cards exchanged"),
                Text::new("枚", "cards"),
            ))),
            section("evaluation", Text::new("出展の評価", "Evaluation")),
            Item::Question(required(question(
                "visitor_reaction",
                Text::new("来場者の反応", "Visitors' reaction"),
                single_choice(&[
                    ("very_good", "非常に良い", "Very good"),
                    ("good", "良い", "Good"),
                    ("neutral", "普通", "Neutral"),
                    ("poor", "あまり良くない", "Rather poor"),
                    ("very_poor", "良くない", "Poor"),
                ]),
            ))),
            Item::Question(required(question(
                "satisfaction",
                Text::new("出展の満足度", "Satisfaction with the exhibit"),
                QuestionKind::Rating {
                    min: 1,
                    max: 5,
                    min_label: Text::new("不満", "Dissatisfied"),
                    max_label: Text::new("満足", "Satisfied"),
                },
            ))),
            Item::Question(required(question(
                "exhibit_again",
                Text::new("次回も出展したいですか", "Would you like to exhibit again?"),
                single_choice(&[
                    ("yes", "はい", "Yes"),
                    ("no", "いいえ", "No"),
                    ("undecided", "未定", "Undecided"),
                ]),
            ))),
            Item::Question(Question {
                show_if: Some(Condition {
                    question: QuestionId::new("exhibit_again"),
                    equals: "no".to_owned(),
                }),
                ..long_text(
                    "reason_not_again",
                    Text::new("次回出展しない理由", "Why you would not exhibit again"),
                )
            }),
            Item::Question(long_text(
                "requests",
                Text::new("市への要望・意見", "Requests and comments to the city"),
            )),
        ],
    }
}

/// セミナー受講レポート: what an attendee learned, to share with other companies.
pub fn seminar_report() -> FormDefinition {
    FormDefinition {
        title: Text::new("セミナー受講レポート", "Seminar report"),
        description: Text::new(
            "受講したセミナーの内容と、自社で活かせることをお聞かせください。",
            "Please tell us what the seminar covered and what your company can use.",
        ),
        items: vec![
            Item::Question(required(short_text(
                "seminar_title",
                Text::new("セミナー名", "Seminar title"),
            ))),
            Item::Question(short_text("lecturer", Text::new("講師", "Lecturer"))),
            Item::Question(question(
                "attended_on",
                Text::new("受講日", "Date attended"),
                QuestionKind::Date {
                    min: None,
                    max: None,
                },
            )),
            Item::Question(short_text("attendee", Text::new("受講者", "Attendee"))),
            Item::Question(required(long_text(
                "summary",
                Text::new("内容の要約", "Summary of the content"),
            ))),
            Item::Question(long_text(
                "learnings",
                Text::new("学んだこと", "What you learned"),
            )),
            Item::Question(long_text(
                "applications",
                Text::new("自社で活かせること", "What your company can apply"),
            )),
            Item::Question(long_text(
                "practices_to_share",
                Text::new(
                    "他社と共有したい先進事例",
                    "Leading practices to share with other companies",
                ),
            )),
            Item::Question(Question {
                help: Text::new(
                    "セミナーの配布資料や、報告に添えたい写真・スライドがあれば添付してください（PDF・画像・Office ファイル）。",
                    "Attach the seminar's handouts, or photos and slides for your report, if you have them (PDF, images, Office files).",
                ),
                ..question(
                    "materials",
                    Text::new("資料", "Materials"),
                    QuestionKind::File {
                        max_files: crate::forms::question::DEFAULT_MAX_FILES,
                    },
                )
            }),
            Item::Question(Question {
                help: Text::new(
                    "同意いただいた報告は、事務局が確認のうえ、参加企業が読める報告ライブラリに掲載します（企業名は表示し、担当者の連絡先は表示しません）。",
                    "With your consent, the office may publish the report, once reviewed, in the library the participating companies read (your company's name is shown; contact details never are).",
                ),
                ..required(question(
                    crate::sharing::CONSENT_QUESTION,
                    Text::new(
                        "この報告を他の参加企業と共有することに同意しますか",
                        "Do you agree to share this report with the other participating companies?",
                    ),
                    single_choice(&[
                        (crate::sharing::CONSENT_YES, "同意する", "I agree"),
                        ("no", "同意しない", "I do not agree"),
                    ]),
                ))
            }),
        ],
    }
}

fn section(id: &str, heading: Text) -> Item {
    Item::Section(Section {
        id: QuestionId::new(id),
        heading,
        help: Text::default(),
    })
}

fn question(id: &str, label: Text, kind: QuestionKind) -> Question {
    Question {
        id: QuestionId::new(id),
        label,
        help: Text::default(),
        required: false,
        kind,
        show_if: None,
    }
}

fn required(question: Question) -> Question {
    Question {
        required: true,
        ..question
    }
}

fn ken() -> Text {
    Text::new("件", "cases")
}

/// A count of things: a whole number, zero or more.
fn count(id: &str, label: Text, unit: Text) -> Question {
    question(
        id,
        label,
        QuestionKind::Integer {
            min: Some(0),
            max: None,
            unit: Some(unit),
        },
    )
}

fn short_text(id: &str, label: Text) -> Question {
    question(
        id,
        label,
        QuestionKind::ShortText {
            max_chars: SHORT_TEXT_MAX_CHARS,
        },
    )
}

fn long_text(id: &str, label: Text) -> Question {
    question(
        id,
        label,
        QuestionKind::LongText {
            max_chars: LONG_TEXT_MAX_CHARS,
        },
    )
}

/// `(value, Japanese, English)` for each option.
fn single_choice(options: &[(&str, &str, &str)]) -> QuestionKind {
    QuestionKind::SingleChoice {
        options: options
            .iter()
            .map(|(value, ja, en)| ChoiceOption::new(value, Text::new(ja, en)))
            .collect(),
        display: ChoiceDisplay::Radio,
        other: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{Answer, Answers, Mode, RawAnswers};

    fn ids(form: &FormDefinition) -> Vec<&str> {
        form.questions().map(|q| q.id.as_str()).collect()
    }

    #[test]
    fn both_templates_pass_the_definition_check() {
        for template in Template::ALL {
            assert_eq!(template.definition().check(), Ok(()), "{template:?}");
        }
    }

    #[test]
    fn the_after_exhibit_survey_keeps_the_ids_aggregation_relies_on() {
        assert_eq!(
            ids(&after_exhibit()),
            [
                "negotiations",
                "expected_contracts",
                "contracts",
                "business_cards",
                "visitor_reaction",
                "satisfaction",
                "exhibit_again",
                "reason_not_again",
                "requests",
            ]
        );
    }

    #[test]
    fn the_seminar_report_keeps_its_ids() {
        assert_eq!(
            ids(&seminar_report()),
            [
                "seminar_title",
                "lecturer",
                "attended_on",
                "attendee",
                "summary",
                "learnings",
                "applications",
                "practices_to_share",
                "materials",
                "share_consent",
            ]
        );
    }

    #[test]
    fn a_company_that_will_not_exhibit_again_is_asked_why() {
        let raw = RawAnswers::from_pairs([
            ("negotiations", "１２件"),
            ("expected_contracts", "3"),
            ("contracts", "1"),
            ("business_cards", "1,200枚"),
            ("visitor_reaction", "good"),
            ("satisfaction", "4"),
            ("exhibit_again", "no"),
            ("reason_not_again", "費用対効果が見合わないため"),
        ]);
        let answers = Answers::parse(&after_exhibit(), raw, Mode::Submit).expect("complete");
        let answer = |id| answers.get(&QuestionId::new(id));
        assert_eq!(answer("negotiations"), Some(&Answer::Integer(12)));
        assert_eq!(answer("business_cards"), Some(&Answer::Integer(1200)));
        assert_eq!(
            answer("reason_not_again"),
            Some(&Answer::Text("費用対効果が見合わないため".to_owned()))
        );
    }

    #[test]
    fn templates_are_stored_as_json_and_read_back_unchanged() {
        for template in Template::ALL {
            let definition = template.definition();
            let json = serde_json::to_string(&definition).expect("serialises");
            let read: FormDefinition = serde_json::from_str(&json).expect("reads");
            assert_eq!(read, definition);
        }
    }
}

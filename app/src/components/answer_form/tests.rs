//! The components rendered to HTML as the server sends them, without JavaScript.

use super::{AnswerForm, AnswerSummary, ErrorSummary};
use crate::domain::forms::templates::after_exhibit;
use crate::domain::forms::{Answer, Answers, FormDefinition, OTHER, QuestionId, RawAnswers};
use crate::domain::{FieldErrors, Problem};
use crate::i18n::*;
use leptos::prelude::*;

/// Renders `view` in `locale`, as a page without a request would. Call it from a Tokio
/// test: the i18n context starts effects, which need an executor to be handed to.
fn render<V: IntoView + 'static>(
    locale: Locale,
    view: impl FnOnce() -> V + Send + 'static,
) -> String {
    // leptos_axum sets up the Tokio executor while listing routes (of no app here); the
    // executor itself is not reachable from this crate.
    let _ = leptos_axum::generate_route_list(|| ());
    let owner = Owner::new();
    owner.with(|| {
        view! {
            <I18nSubContextProvider initial_locale=Signal::stored(locale)>
                {view()}
            </I18nSubContextProvider>
        }
        .to_html()
    })
}

fn refused_count() -> (RawAnswers, FieldErrors) {
    let raw = RawAnswers::from_pairs([
        ("negotiations", "12x"),
        ("requests", "長い要望\r\n二行目 </textarea><b>&amp;"),
    ]);
    let errors = FieldErrors::single("negotiations", Problem::NotANumber);
    (raw, errors)
}

#[tokio::test]
async fn a_refused_number_comes_back_as_typed_with_its_error_tied_to_it() {
    let (raw, errors) = refused_count();
    let html = render(Locale::ja, move || {
        view! { <AnswerForm definition=after_exhibit() raw errors /> }
    });
    assert!(html.contains(r#"value="12x""#), "{html}");
    assert!(html.contains(r#"aria-invalid="true""#), "{html}");
    assert!(html.contains(r##"href="#q-negotiations""##), "{html}");
    assert!(html.contains(r#"id="q-negotiations-error""#), "{html}");
    assert!(html.contains("数値で入力してください。"), "{html}");
    assert!(html.contains(r#"inputmode="numeric""#), "{html}");
    assert!(!html.contains(r#"type="number""#), "{html}");
}

#[tokio::test]
async fn long_text_comes_back_escaped_inside_its_textarea() {
    let (raw, errors) = refused_count();
    let html = render(Locale::ja, move || {
        view! { <AnswerForm definition=after_exhibit() raw errors /> }
    });
    assert!(
        html.contains("長い要望\r\n二行目 &lt;/textarea&gt;&lt;b&gt;&amp;amp;</textarea>"),
        "{html}"
    );
}

#[tokio::test]
async fn fields_are_named_as_the_server_reads_them() {
    let html = render(Locale::ja, || {
        view! { <AnswerForm definition=after_exhibit() /> }
    });
    assert!(html.contains(r#"name="negotiations""#));
    assert!(
        html.contains(
            r#"type="radio" id="q-visitor_reaction" name="visitor_reaction" value="very_good""#
        ),
        "{html}"
    );
    assert!(html.contains(r#"name="satisfaction" value="5""#), "{html}");
    assert!(
        !html.contains(" required"),
        "no HTML required: drafts must post"
    );
    assert!(html.contains(r#"aria-required="true""#));
    assert!(html.contains("必須"));
}

#[tokio::test]
async fn a_conditional_question_is_rendered_with_its_condition() {
    let html = render(Locale::ja, || {
        view! { <AnswerForm definition=after_exhibit() /> }
    });
    assert!(
        html.contains(r#"data-show-if-question="exhibit_again""#),
        "{html}"
    );
    assert!(html.contains(r#"data-show-if-value="no""#), "{html}");
    assert!(html.contains("「次回も出展したいですか」で「いいえ」を選んだ場合にお答えください。"));
    assert!(html.contains(r#"name="reason_not_again""#));
}

#[tokio::test]
async fn a_saved_draft_shows_its_choices_checked_in_english() {
    let mut answers = Answers::default();
    answers.insert(
        QuestionId::new("exhibit_again"),
        Answer::Choice {
            value: "no".to_owned(),
            other: None,
        },
    );
    let raw = answers.to_raw();
    let html = render(Locale::en, move || {
        view! { <AnswerForm definition=after_exhibit() raw /> }
    });
    assert!(html.contains(r#"value="no" checked"#), "{html}");
    assert!(html.contains("Would you like to exhibit again?"));
    assert!(html.contains("Required"));
}

#[tokio::test]
async fn after_the_deadline_texts_are_readonly_and_choices_disabled() {
    let html = render(Locale::ja, || {
        view! { <AnswerForm definition=after_exhibit() read_only=true /> }
    });
    assert!(html.contains("readonly"), "{html}");
    assert!(html.contains("disabled"), "{html}");
}

fn with_other() -> FormDefinition {
    super::fixtures::choosing()
}

#[tokio::test]
async fn the_other_text_is_posted_and_linked_under_its_own_name() {
    let raw = RawAnswers::from_pairs([("topics", OTHER), ("channel__other", "知人")]);
    let errors = FieldErrors::single("topics__other", Problem::Required);
    let html = render(Locale::ja, move || {
        view! { <AnswerForm definition=with_other() raw errors /> }
    });
    assert!(
        html.contains(r#"name="channel__other" value="知人""#),
        "{html}"
    );
    assert!(html.contains(r##"href="#q-topics__other""##), "{html}");
    assert!(html.contains(r#"id="q-topics__other""#), "{html}");
    assert!(html.contains(r#"value="__other" selected"#), "{html}");
}

#[tokio::test]
async fn the_error_summary_alone_lists_nothing_when_there_is_nothing() {
    let html = render(Locale::ja, || {
        view! { <ErrorSummary definition=after_exhibit() errors=FieldErrors::default() /> }
    });
    assert!(!html.contains("error-summary"), "{html}");
}

#[tokio::test]
async fn the_answer_summary_reads_stored_answers() {
    let mut answers = Answers::default();
    answers.insert(QuestionId::new("negotiations"), Answer::Integer(12));
    answers.insert(QuestionId::new("satisfaction"), Answer::Rating(4));
    let html = render(Locale::ja, move || {
        view! { <AnswerSummary definition=after_exhibit() answers /> }
    });
    assert!(html.contains("<dt>商談件数</dt>"), "{html}");
    assert!(html.contains("12件"), "{html}");
    assert!(html.contains("4 / 5"), "{html}");
    assert!(html.contains("未回答"), "{html}");
    assert!(!html.contains("次回出展しない理由"), "{html}");
}

fn kept_slides() -> RawAnswers {
    let file = crate::domain::forms::FileRef {
        id: 7,
        name: "講演資料<1>.pdf".to_owned(),
        size: 2_500_000,
        mime: "application/pdf".to_owned(),
    };
    RawAnswers::from_pairs([("materials", file.to_field())])
}

#[tokio::test]
async fn a_kept_file_is_listed_with_a_ticked_box_a_download_link_and_room_for_more() {
    use crate::domain::forms::templates::seminar_report;
    let html = render(Locale::ja, || {
        view! { <AnswerForm definition=seminar_report() raw=kept_slides() files_href="/a/t/files" /> }
    });
    assert!(html.contains(r#"type="checkbox""#), "{html}");
    assert!(html.contains("checked"), "{html}");
    assert!(
        html.contains("講演資料&lt;1&gt;.pdf（2.4 MB）"),
        "the name is escaped: {html}"
    );
    assert!(html.contains(r#"href="/a/t/files/7""#), "{html}");
    assert!(html.contains(r#"type="file""#), "{html}");
    assert!(
        html.contains(r#"id="q-materials""#),
        "the label's input: {html}"
    );
}

#[tokio::test]
async fn after_the_deadline_kept_files_are_listed_and_nothing_can_be_chosen() {
    use crate::domain::forms::templates::seminar_report;
    let html = render(Locale::ja, || {
        view! { <AnswerForm definition=seminar_report() raw=kept_slides() files_href="/a/t/files" read_only=true /> }
    });
    assert!(html.contains("講演資料&lt;1&gt;.pdf"), "{html}");
    assert!(!html.contains(r#"type="file""#), "{html}");
    assert!(!html.contains(r#"type="checkbox""#), "{html}");
}

//! `/a/{token}`: the questionnaire of one company. A plain form that posts to its own
//! URL, so it works without JavaScript; the post handler answers with a redirect, or
//! with this page again, carrying everything typed (see `AnswerEcho`).

use super::{LinkProblem, deadline_text};
use crate::api::answers::{AnswerPageDto, Notice, load_answer_page};
use crate::components::answer_form::{AnswerForm, AnswerSummary};
use crate::domain::campaigns::WindowState;
use crate::domain::forms::QuestionKind;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AnswerPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let page = Resource::new_blocking(|| (), move |_| load_answer_page(token.clone()));
    view! {
        // The link is the company's key: keep it out of search engines.
        <Meta name="robots" content="noindex, nofollow" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Questionnaire page /> }.into_any(),
                    Err(error) => view! { <LinkProblem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Questionnaire(page: AnswerPageDto) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.get_locale_untracked() == Locale::en;
    let query = use_query_map();
    let title = page.definition.title.for_locale(english).to_owned();
    let description = page.definition.description.for_locale(english).to_owned();
    let notice = page.notice.or_else(|| {
        query
            .read_untracked()
            .get("saved")
            .map(|_| Notice::DraftSaved)
    });
    let open = page.window_state == WindowState::Open;
    let submitted = page.submitted();
    let closes_at = deadline_text(page.window.closes_at());
    let extended = page
        .window
        .extended_until
        .is_some_and(|until| until > page.window.deadline);
    let action = format!("/a/{}", page.token);
    // Files go up with the form itself, so a form that asks for them posts as multipart.
    let takes_files = page
        .definition
        .questions()
        .any(|question| matches!(question.kind, QuestionKind::File { .. }));
    // The answer script's live checks parse the form with the same definition. Only the
    // server renders this page (it is never hydrated).
    #[cfg(feature = "ssr")]
    let definition_json = serde_json::to_string(&page.definition).ok();
    #[cfg(not(feature = "ssr"))]
    let definition_json: Option<String> = None;
    let page_title = format!("{title} - {}", page.company);
    view! {
        <Title text=page_title />
        <header class="answer-header">
            <p class="answer-event">{page.event.clone()} " / " {page.campaign.clone()}</p>
            <h1>{title}</h1>
            <dl class="answer-facts">
                <dt>{t!(i18n, answer_page.company)}</dt>
                <dd>{page.company.clone()}</dd>
                <dt>{t!(i18n, answer_page.deadline)}</dt>
                <dd>
                    {closes_at}
                    {extended.then(|| view! { " " {t!(i18n, answer_page.extended)} })}
                </dd>
            </dl>
            {(!description.trim().is_empty()).then(|| view! { <p>{description}</p> })}
            <p class="no-print">
                <a href=format!("/a/{}/library", page.token)>{t!(i18n, answer_page.library)}</a>
            </p>
        </header>
        <NoticeBanner notice />
        {page.returned_comment.clone().map(|comment| view! {
            <section class="banner banner-error returned-comment" role="alert" aria-labelledby="returned-heading">
                <h2 id="returned-heading">{t!(i18n, answer_page.returned)}</h2>
                <p class="comment">{comment}</p>
                <p>{t!(i18n, answer_page.returned_note)}</p>
            </section>
        })}
        {match (page.window_state, submitted, page.receipt.clone()) {
            (WindowState::Open, true, Some(receipt)) => {
                Some(
                    view! {
                        <p class="banner banner-ok" role="status">
                            {t!(i18n, answer_page.submitted_note, receipt = receipt)}
                        </p>
                    }
                        .into_any(),
                )
            }
            (WindowState::Closed, _, _) if notice != Some(Notice::Closed) => {
                Some(
                    view! {
                        <p class="banner banner-warn" role="status">
                            {t!(i18n, answer_page.closed)}
                        </p>
                    }
                        .into_any(),
                )
            }
            _ => None,
        }}
        {page
            .saved_by_other
            .clone()
            .map(|answers| {
                let definition = page.definition.clone();
                view! {
                    <section class="card conflict-saved" aria-labelledby="saved-by-other">
                        <h2 id="saved-by-other">{t!(i18n, answer_page.saved_by_other)}</h2>
                        <AnswerSummary definition answers />
                    </section>
                }
            })}
        {if page.window_state == WindowState::NotYetOpen {
            let at = deadline_text(page.window.opens_at);
            view! { <p class="banner">{t!(i18n, answer_page.not_yet_open, at = at)}</p> }
                .into_any()
        } else {
            view! {
                <form
                    method="post"
                    action=action
                    class="answer-form"
                    enctype=takes_files.then_some("multipart/form-data")
                    novalidate=true
                    data-definition=definition_json.filter(|_| open)
                >
                    <input type="hidden" name="csrf" value=page.csrf.clone() />
                    <input type="hidden" name="base_revision" value=page.base_revision.to_string() />
                    <input type="hidden" name="save_key" value=page.save_key.clone() />
                    <AnswerForm
                        definition=page.definition.clone()
                        raw=page.raw.clone()
                        errors=page.errors.clone()
                        read_only=!open
                        files_href=format!("/a/{}/files", page.token)
                    />
                    {open
                        .then(|| {
                            view! {
                                <div class="answer-actions">
                                    {(!submitted)
                                        .then(|| {
                                            view! {
                                                <button
                                                    type="submit"
                                                    name="intent"
                                                    value="draft"
                                                    class="button-secondary"
                                                >
                                                    {t!(i18n, answer_page.save_draft)}
                                                </button>
                                            }
                                        })}
                                    <button type="submit" name="intent" value="submit">
                                        {if submitted {
                                            t!(i18n, answer_page.resubmit).into_any()
                                        } else {
                                            t!(i18n, answer_page.submit).into_any()
                                        }}
                                    </button>
                                </div>
                                // Autosave's status (the answer script fills it in).
                                {(!submitted)
                                    .then(|| {
                                        view! {
                                            <p
                                                class="autosave-status hint"
                                                role="status"
                                                aria-live="polite"
                                            ></p>
                                        }
                                    })}
                            }
                        })}
                </form>
            }
                .into_any()
        }}
    }
}

/// The outcome of the last post, at the top of the page.
#[component]
fn NoticeBanner(notice: Option<Notice>) -> impl IntoView {
    let i18n = use_i18n();
    notice.map(|notice| {
        let (class, text) = match notice {
            Notice::DraftSaved => ("banner banner-ok", t_string!(i18n, answer_page.draft_saved)),
            Notice::Invalid => ("banner banner-error", t_string!(i18n, answer_page.invalid)),
            Notice::Expired => ("banner banner-error", t_string!(i18n, answer_page.expired)),
            Notice::Closed => (
                "banner banner-error",
                t_string!(i18n, answer_page.closed_while_typing),
            ),
            Notice::Conflict => ("banner banner-error", t_string!(i18n, answer_page.conflict)),
            Notice::AlreadySubmitted => (
                "banner banner-error",
                t_string!(i18n, answer_page.already_submitted),
            ),
        };
        let role = if notice == Notice::DraftSaved {
            "status"
        } else {
            "alert"
        };
        view! {
            <p class=class role=role>
                {text.to_string()}
            </p>
        }
    })
}

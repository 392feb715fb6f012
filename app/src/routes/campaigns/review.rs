//! `/events/{id}/campaigns/{campaign_id}/responses/{invitation_id}`: one company's
//! submitted answers as the officer reads them, every round of their history, and the
//! decision: return for correction with a comment (差し戻し), or approve. Plain forms:
//! no JavaScript needed; a refused comment comes back as typed.

use super::status::StatusLabel;
use crate::api::library::ShareReport;
use crate::api::library_dto::SharingDto;
use crate::api::review::{ReviewResponse, response_review};
use crate::api::review_dto::{HistoryEntryDto, ResponseReviewDto};
use crate::app::use_session;
use crate::components::answer_lines::AnswerLines;
use crate::components::form::{
    Control, CsrfField, ErrorBanner, FormEcho, FormField, error_of, field_errors_of,
};
use crate::components::saved_banner::SavedBanner;
use crate::domain::campaigns::InvitationStatus;
use crate::domain::office_time::format_office_time;
use crate::error::AppError;
use crate::i18n::*;
use crate::routes::companies::successes;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let ids = move || {
        let params = params.read();
        let id = |name| params.get(name).and_then(|s| s.parse::<i32>().ok());
        (id("id"), id("campaign_id"), id("invitation_id"))
    };
    let decide = ServerAction::<ReviewResponse>::new();
    let share = ServerAction::<ShareReport>::new();
    let decided = successes(decide);
    let shared = successes(share);
    let page = Resource::new(
        move || (ids(), decided.get(), shared.get()),
        move |(ids, ..)| async move {
            let english = i18n.get_locale_untracked() == Locale::en;
            let other = td_string!(i18n.get_locale_untracked(), summary.other).to_string();
            match ids {
                (Some(event_id), Some(campaign_id), Some(invitation_id)) => {
                    response_review(event_id, campaign_id, invitation_id, english, other).await
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match (page.await, ids()) {
                    (Ok(page), (Some(event_id), Some(campaign_id), Some(invitation_id))) => {
                        view! { <Review page event_id campaign_id invitation_id decide share /> }.into_any()
                    }
                    (Err(error), _) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

fn saved_words(i18n: I18nContext<Locale>, code: &str) -> Option<String> {
    let text = match code {
        "returned" => t_string!(i18n, review.saved_returned),
        "approved" => t_string!(i18n, review.saved_approved),
        "shared" => t_string!(i18n, review.saved_shared),
        "withdrawn" => t_string!(i18n, review.saved_withdrawn),
        _ => return None,
    };
    Some(text.to_string())
}

fn kind_text(i18n: I18nContext<Locale>, kind: &str) -> String {
    match kind {
        "submitted" => t_string!(i18n, review.kind_submitted).to_string(),
        "returned" => t_string!(i18n, review.kind_returned).to_string(),
        "approved" => t_string!(i18n, review.kind_approved).to_string(),
        other => other.to_owned(),
    }
}

#[component]
fn Review(
    page: ResponseReviewDto,
    event_id: i32,
    campaign_id: i32,
    invitation_id: i32,
    decide: ServerAction<ReviewResponse>,
    share: ServerAction<ShareReport>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let ResponseReviewDto {
        event_name,
        campaign_title,
        company,
        status,
        revision,
        lines,
        history,
        sharing,
        ..
    } = page;
    let title = td_string!(locale, review.title, company = company.clone()).to_string();
    let page_title = format!("{title} - {campaign_title} - {event_name}");
    let back = format!("/events/{event_id}/campaigns/{campaign_id}");
    let errors = field_errors_of(decide.value());
    let error = error_of(decide.value());
    let share_error = error_of(share.value());
    let echo = FormEcho::of::<ReviewResponse>();
    let typed = echo
        .as_ref()
        .and_then(|e| e.get("comment").map(str::to_owned))
        .unwrap_or_default();
    let can_return = status.counts_as_submitted();
    let can_approve = status == InvitationStatus::Submitted;
    view! {
        <Title text=page_title />
        <p><a href=back>{td_string!(locale, review.back, campaign = campaign_title.clone()).to_string()}</a></p>
        <h1>{title}</h1>
        <SavedBanner words=saved_words />
        <ErrorBanner error />
        <ErrorBanner error=share_error />
        <p>{t!(i18n, review.status)} " " <StatusLabel status /></p>
        <section class="card" aria-labelledby="answers-heading">
            <h2 id="answers-heading">
                {match revision {
                    Some(revision) => td_string!(locale, review.answers_of, revision = revision).to_string(),
                    None => td_string!(locale, review.answers).to_string(),
                }}
            </h2>
            {if revision.is_none() {
                view! { <p>{t!(i18n, review.nothing_submitted)}</p> }.into_any()
            } else {
                view! { <AnswerLines lines files_href="/files".to_owned() /> }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t!(i18n, review.history)}</h2>
            <History entries=history />
        </section>
        {move || (can_write() && revision.is_some() && (can_return || can_approve)).then(|| {
            let revision = revision.unwrap_or_default();
            let typed = typed.clone();
            view! {
                <section class="card" aria-labelledby="decide-heading">
                    <h2 id="decide-heading">{t!(i18n, review.decide)}</h2>
                    {can_approve.then(|| view! {
                        <ActionForm action=decide attr:class="form">
                            <CsrfField />
                            <input type="hidden" name="event_id" value=event_id />
                            <input type="hidden" name="campaign_id" value=campaign_id />
                            <input type="hidden" name="invitation_id" value=invitation_id />
                            <input type="hidden" name="revision" value=revision />
                            <input type="hidden" name="decision" value="approve" />
                            <button type="submit" class="button">{t!(i18n, review.approve)}</button>
                        </ActionForm>
                    })}
                    {can_return.then(|| view! {
                        <ActionForm action=decide attr:class="form" attr:novalidate=true>
                            <CsrfField />
                            <input type="hidden" name="event_id" value=event_id />
                            <input type="hidden" name="campaign_id" value=campaign_id />
                            <input type="hidden" name="invitation_id" value=invitation_id />
                            <input type="hidden" name="revision" value=revision />
                            <input type="hidden" name="decision" value="return" />
                            <FormField
                                name="comment"
                                field="comment"
                                label=td_string!(locale, review.comment).to_string()
                                hint=td_string!(locale, review.comment_hint).to_string()
                                control=Control::LongText
                                errors
                                required=true
                                value=typed
                            />
                            <button type="submit" class="button button-secondary">{t!(i18n, review.return_button)}</button>
                        </ActionForm>
                    })}
                </section>
            }
        })}
        {sharing.offered.then(|| view! {
            <Sharing sharing=sharing.clone() event_id campaign_id invitation_id share can_write />
        })}
    }
}

/// Whether the report is in the library, and the officer's control over it.
#[component]
fn Sharing(
    sharing: SharingDto,
    event_id: i32,
    campaign_id: i32,
    invitation_id: i32,
    share: ServerAction<ShareReport>,
    can_write: impl Fn() -> bool + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = if sharing.shared {
        t_string!(i18n, review.sharing_shared)
    } else if sharing.can_share {
        t_string!(i18n, review.sharing_can_share)
    } else if sharing.consents {
        t_string!(i18n, review.sharing_consented)
    } else {
        t_string!(i18n, review.sharing_no_consent)
    };
    let offered = sharing.can_share || sharing.shared;
    let (value, text) = if sharing.shared {
        ("false", t_string!(i18n, review.withdraw_button).to_string())
    } else {
        ("true", t_string!(i18n, review.share_button).to_string())
    };
    let button = move || {
        let text = text.clone();
        (offered && can_write()).then(|| {
            view! {
                <ActionForm action=share attr:class="form">
                    <CsrfField />
                    <input type="hidden" name="event_id" value=event_id />
                    <input type="hidden" name="campaign_id" value=campaign_id />
                    <input type="hidden" name="invitation_id" value=invitation_id />
                    <input type="hidden" name="share" value=value />
                    <button type="submit" class="button">{text}</button>
                </ActionForm>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="sharing-heading">
            <h2 id="sharing-heading">{t!(i18n, review.sharing)}</h2>
            <p>{state.to_string()}</p>
            {button}
        </section>
    }
}

#[component]
fn History(entries: Vec<HistoryEntryDto>) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p>{t!(i18n, review.history_empty)}</p> }.into_any();
    }
    view! {
        <ol class="review-history">
            {entries
                .into_iter()
                .map(|entry| {
                    let kind = entry.kind.clone();
                    view! {
                        <li>
                            <span class="time">{format_office_time(entry.at)}</span>
                            " "
                            <strong>{move || kind_text(i18n, &kind)}</strong>
                            " (" {format!("#{}", entry.revision)} ") "
                            {entry.by}
                            {(!entry.comment.is_empty()).then(|| view! {
                                <p class="comment">{entry.comment}</p>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

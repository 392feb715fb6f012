//! One event: its details and, for officers who may write, the edit and archive forms.

use super::format_date;
use crate::api::dto::{EventDto, ParticipantDto};
use crate::api::events::{ArchiveEvent, UpdateEvent, get_event, list_participants};
use crate::app::use_session;
use crate::components::event_form::EventFields;
use crate::components::form::{CsrfField, ErrorBanner, FormEcho, error_of, field_errors_of};
use crate::domain::EventInput;
use crate::error::AppError;
use crate::i18n::*;
use crate::messages;
use crate::routes::campaigns::board::CampaignsSection;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EventPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let update = ServerAction::<UpdateEvent>::new();
    let archive = ServerAction::<ArchiveEvent>::new();
    let event = Resource::new(
        move || (id(), update.version().get(), archive.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_event(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let participants = Resource::new(id, |id| async move {
        match id {
            Some(id) => list_participants(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let saved = move || {
        query.read().get("saved").is_some() && update.value().get().is_none_or(|r| r.is_ok())
    };
    view! {
        <p>
            <a href="/events">{t!(i18n, events.back)}</a>
        </p>
        {move || {
            saved()
                .then(|| {
                    view! {
                        <div class="banner banner-ok" role="status">
                            {t!(i18n, events.saved)}
                        </div>
                    }
                })
        }}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match event.await {
                    Ok(event) => view! { <EventView event update archive /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
        {move || id().map(|event_id| view! { <CampaignsSection event_id /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                participants.await.ok().map(|list| view! { <Participants list /> })
            })}
        </Suspense>
    }
}

/// The exhibiting companies, as the roster has them.
#[component]
fn Participants(list: Vec<ParticipantDto>) -> impl IntoView {
    let i18n = use_i18n();
    let count = list.len();
    view! {
        <section class="card" aria-labelledby="participants-heading">
            <h2 id="participants-heading">
                {t!(i18n, roster.participants)} " "
                <span class="badge">{move || t_string!(i18n, roster.participants_count, count = count).to_string()}</span>
            </h2>
            {if list.is_empty() {
                view! { <p class="empty">{t!(i18n, roster.no_participants)}</p> }.into_any()
            } else {
                view! {
                    <table class="table responsive-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, roster.booth)}</th>
                                <th scope="col">{t!(i18n, roster.company)}</th>
                                <th scope="col">{t!(i18n, roster.industry)}</th>
                                <th scope="col">{t!(i18n, roster.contact)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|p| {
                                    view! {
                                        <tr>
                                            <td data-label=move || t_string!(i18n, roster.booth)>{p.booth}</td>
                                            <td data-label=move || t_string!(i18n, roster.company)>
                                                {p.company}
                                                {p.regional_leader.then(|| view! {
                                                    " "
                                                    <span class="badge">{t!(i18n, roster.regional_leader)}</span>
                                                })}
                                            </td>
                                            <td data-label=move || t_string!(i18n, roster.industry)>{p.industry}</td>
                                            <td data-label=move || t_string!(i18n, roster.contact)>
                                                {p.contact_name} <br />
                                                <a href=format!("mailto:{}", p.contact_email)>{p.contact_email.clone()}</a>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn EventView(
    event: EventDto,
    update: ServerAction<UpdateEvent>,
    archive: ServerAction<ArchiveEvent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let year = event.fiscal_year.start_year();
    // After a refused submission without JavaScript, the form shows what was typed.
    let input = FormEcho::of::<UpdateEvent>()
        .and_then(|echo| echo.restore::<EventInput>("input"))
        .unwrap_or_else(|| EventInput {
            name: event.name.clone(),
            kind: event.kind.as_str().to_owned(),
            venue: event.venue.clone(),
            start_date: event.start_date.to_string(),
            end_date: event.end_date.to_string(),
            notes: event.notes.clone(),
        });
    let title = event.name.clone();
    let id = event.id;
    let archived = event.archived;
    view! {
        <Title text=title.clone() />
        <section class="card">
            <h1>
                {event.name.clone()}
                {archived.then(|| view! { " " <span class="badge">{t!(i18n, events.archived)}</span> })}
            </h1>
            <dl class="details">
                <dt>{t!(i18n, events.kind)}</dt>
                <dd>{move || messages::event_kind(i18n, event.kind)}</dd>
                <dt>{t!(i18n, events.dates)}</dt>
                <dd>{format_date(event.start_date)} " 〜 " {format_date(event.end_date)}</dd>
                <dt>{t!(i18n, events.venue)}</dt>
                <dd>{event.venue.clone()}</dd>
                <dt>{t!(i18n, events.fiscal_year)}</dt>
                <dd>{move || t_string!(i18n, events.fiscal_year_value, year = year).to_string()}</dd>
                <dt>{t!(i18n, events.notes)}</dt>
                <dd class="pre-wrap">{event.notes.clone()}</dd>
            </dl>
            <p>
                <a class="button" href=format!("/events/{id}/summary")>{t!(i18n, dashboards.event_link)}</a>
            </p>
            {move || can_write().then(|| view! {
                <p>
                    <a class="button secondary" href=format!("/events/{id}/roster/import")>
                        {t!(i18n, roster.import_link)}
                    </a>
                </p>
            })}
        </section>
        {move || can_write().then(|| {
            let input = input.clone();
            view! {
            <section class="card">
                <h2>{t!(i18n, events.edit)}</h2>
                <ErrorBanner error=error_of(update.value()) />
                <ActionForm action=update attr:class="form" attr:novalidate=true>
                    <CsrfField />
                    <input type="hidden" name="id" value=id />
                    <EventFields initial=input errors=field_errors_of(update.value()) />
                    <button type="submit" class="button primary">
                        {t!(i18n, events.save)}
                    </button>
                </ActionForm>
            </section>
            <section class="card">
                <ErrorBanner error=error_of(archive.value()) />
                <ActionForm action=archive attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="archived" value=(!archived).to_string() />
                    <button type="submit" class="button secondary">
                        {move || {
                            if archived {
                                t_string!(i18n, events.restore).to_string()
                            } else {
                                t_string!(i18n, events.archive).to_string()
                            }
                        }}
                    </button>
                </ActionForm>
            </section>
            }
        })}
    }
}

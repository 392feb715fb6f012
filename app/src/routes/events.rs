//! The event list.

use super::format_date;
use crate::api::dto::EventDto;
use crate::api::events::list_events;
use crate::app::use_session;
use crate::components::form::ErrorBanner;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn EventsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let include_archived = move || query.read().get("archived").is_some_and(|v| v == "1");
    let events = Resource::new(include_archived, list_events);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), events.title).to_string() />
        <div class="page-header">
            <h1>{t!(i18n, events.title)}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    session
                        .get()
                        .filter(|s| s.can_write())
                        .map(|_| {
                            view! {
                                <a class="button primary" href="/events/new">
                                    {t!(i18n, events.new)}
                                </a>
                            }
                        })
                }}
            </Suspense>
        </div>
        <p class="toolbar">
            {move || {
                if include_archived() {
                    view! { <a href="/events">{t!(i18n, events.hide_archived)}</a> }.into_any()
                } else {
                    view! { <a href="/events?archived=1">{t!(i18n, events.show_archived)}</a> }
                        .into_any()
                }
            }}
        </p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p class="empty">{t!(i18n, events.empty)}</p> }.into_any()
                    }
                    Ok(list) => view! { <EventTable events=list /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EventTable(events: Vec<EventDto>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table responsive-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, events.name)}</th>
                    <th scope="col">{t!(i18n, events.kind)}</th>
                    <th scope="col">{t!(i18n, events.dates)}</th>
                    <th scope="col">{t!(i18n, events.venue)}</th>
                    <th scope="col">{t!(i18n, events.fiscal_year)}</th>
                    <th scope="col">{t!(i18n, roster.participants)}</th>
                </tr>
            </thead>
            <tbody>
                {events
                    .into_iter()
                    .map(|event| {
                        let year = event.fiscal_year.start_year();
                        let count = event.participants;
                        view! {
                            <tr class:archived=event.archived>
                                <td data-label=move || t_string!(i18n, events.name)>
                                    <a href=format!("/events/{}", event.id)>{event.name.clone()}</a>
                                    {event
                                        .archived
                                        .then(|| {
                                            view! {
                                                " "
                                                <span class="badge">{t!(i18n, events.archived)}</span>
                                            }
                                        })}
                                </td>
                                <td data-label=move || t_string!(i18n, events.kind)>
                                    {move || messages::event_kind(i18n, event.kind)}
                                </td>
                                <td data-label=move || t_string!(i18n, events.dates)>
                                    {format_date(event.start_date)} " 〜 " {format_date(event.end_date)}
                                </td>
                                <td data-label=move || t_string!(i18n, events.venue)>{event.venue.clone()}</td>
                                <td data-label=move || t_string!(i18n, events.fiscal_year)>
                                    {move || t_string!(i18n, events.fiscal_year_value, year = year).to_string()}
                                </td>
                                <td data-label=move || t_string!(i18n, roster.participants)>
                                    {move || t_string!(i18n, roster.participants_count, count = count).to_string()}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

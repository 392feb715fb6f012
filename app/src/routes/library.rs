//! The shared report library: `/library` for officers, `/a/{token}/library` for a
//! company through its personal link (server-rendered, not hydrated, like its answer
//! page). A list narrowed by event, fiscal year and words (a GET form), and each report
//! as a printable page with the company's name and its answers in words.

use crate::api::library::{library, library_report};
use crate::api::library_dto::{LibraryDto, LibraryReportDto};
use crate::components::answer_lines::AnswerLines;
use crate::components::form::ErrorBanner;
use crate::domain::fiscal_year::FiscalYear;
use crate::domain::office_time::format_office_time;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn year_label(locale: Locale, year: i32) -> String {
    let year = FiscalYear::new(year);
    match locale {
        Locale::en => year.english_label(),
        Locale::ja => format!("{}年度（{}）", year.start_year(), year.wareki()),
    }
}

/// Where the library lives for this reader: under the company's link, or `/library`.
fn base(token: &Option<String>) -> String {
    match token {
        Some(token) => format!("/a/{token}/library"),
        None => "/library".to_owned(),
    }
}

#[component]
pub fn LibraryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let query = query.read();
        let number = |name| query.get(name).and_then(|s| s.parse::<i32>().ok());
        (
            params.read().get("token"),
            number("event"),
            number("year"),
            query.get("q").unwrap_or_default(),
        )
    };
    let page = Resource::new(key, move |(token, event, year, q)| async move {
        let locale = i18n.get_locale_untracked();
        let other = td_string!(locale, summary.other).to_string();
        library(token, event, year, Some(q), locale == Locale::en, other).await
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let (token, event, year, q) = key();
                        view! { <Library page token event year q /> }.into_any()
                    }
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Library(
    page: LibraryDto,
    token: Option<String>,
    event: Option<i32>,
    year: Option<i32>,
    q: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let base = base(&token);
    let LibraryDto {
        items,
        events,
        fiscal_years,
    } = page;
    let title = td_string!(locale, library.title).to_string();
    view! {
        <Title text=title.clone() />
        {token.as_ref().map(|token| view! {
            <p class="no-print"><a href=format!("/a/{token}")>{t!(i18n, library.back_to_form)}</a></p>
        })}
        <h1>{title}</h1>
        <p class="hint">{t!(i18n, library.note)}</p>
        <form method="get" action=base.clone() class="filters no-print" role="search">
            <div class="field">
                <label for="library-event">{t!(i18n, library.event)}</label>
                <select id="library-event" name="event">
                    <option value="">{t!(i18n, library.all)}</option>
                    {events
                        .into_iter()
                        .map(|(id, name)| view! { <option value=id.to_string() selected=Some(id) == event>{name}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="library-year">{t!(i18n, library.fiscal_year)}</label>
                <select id="library-year" name="year">
                    <option value="">{t!(i18n, library.all)}</option>
                    {fiscal_years
                        .into_iter()
                        .map(|y| view! { <option value=y.to_string() selected=Some(y) == year>{year_label(locale, y)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="library-q">{t!(i18n, library.words)}</label>
                <input type="search" id="library-q" name="q" value=q />
            </div>
            <div class="actions">
                <button type="submit" class="button">{t!(i18n, library.search)}</button>
            </div>
        </form>
        {if items.is_empty() {
            view! { <p>{t!(i18n, library.empty)}</p> }.into_any()
        } else {
            view! {
                <ul class="library">
                    {items
                        .into_iter()
                        .map(|item| {
                            let href = format!("{base}/{}", item.id);
                            let title = if item.title.is_empty() { "—".to_owned() } else { item.title };
                            view! {
                                <li>
                                    <a href=href>{title}</a>
                                    <br />
                                    <span class="hint">
                                        {item.company} " / " {item.event} " / "
                                        {year_label(locale, item.fiscal_year)}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

#[component]
pub fn LibraryReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || {
        let params = params.read();
        (
            params.get("token"),
            params.get("report_id").and_then(|s| s.parse::<i32>().ok()),
        )
    };
    let page = Resource::new(key, move |(token, id)| async move {
        let locale = i18n.get_locale_untracked();
        let other = td_string!(locale, summary.other).to_string();
        match id {
            Some(id) => library_report(token, id, locale == Locale::en, other).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(report) => {
                        let (token, _) = key();
                        view! { <Report report token /> }.into_any()
                    }
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Report(report: LibraryReportDto, token: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let LibraryReportDto {
        event,
        company,
        title,
        shared_at,
        lines,
        ..
    } = report;
    let files_href = match &token {
        Some(token) => format!("/a/{token}/files"),
        None => "/files".to_owned(),
    };
    let heading = if title.is_empty() {
        td_string!(i18n.get_locale_untracked(), library.untitled).to_string()
    } else {
        title
    };
    view! {
        <Title text=format!("{heading} - {company}") />
        <p class="no-print"><a href=base(&token)>{t!(i18n, library.back)}</a></p>
        <article class="card library-report">
            <h1>{heading}</h1>
            <dl class="details">
                <dt>{t!(i18n, library.company)}</dt>
                <dd>{company}</dd>
                <dt>{t!(i18n, library.event)}</dt>
                <dd>{event}</dd>
                <dt>{t!(i18n, library.shared_at)}</dt>
                <dd>{format_office_time(shared_at)}</dd>
            </dl>
            <AnswerLines lines files_href />
        </article>
    }
}

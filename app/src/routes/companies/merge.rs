//! Merging another company into this one, in two steps that work without JavaScript:
//! find the other company (a GET form: by name, number or id; `merge_q`), choose it
//! (a link: `merge_with`), then confirm with a summary of what will move.

use super::detail::Actions;
use super::query_id;
use crate::api::companies::{MergeCompanies, get_company, list_companies};
use crate::api::dto::CompanyDto;
use crate::components::form::{CsrfField, ErrorBanner, error_of, field_errors_of};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A company the officer may choose to merge: id, name, corporate number.
type Candidate = (i32, String, Option<String>);

/// Companies matching the search, and the company whose id was typed, never this one.
async fn candidates(company_id: i32, search: String) -> Result<Vec<Candidate>, AppError> {
    if search.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut found: Vec<Candidate> = list_companies(search.clone(), 1)
        .await?
        .rows
        .into_iter()
        .map(|row| (row.id, row.name, row.corporate_number))
        .collect();
    if let Ok(id) = search.trim().parse::<i32>()
        && !found.iter().any(|c| c.0 == id)
        && let Ok(company) = get_company(id).await
    {
        found.insert(0, (company.id, company.name, company.corporate_number));
    }
    found.retain(|c| c.0 != company_id);
    Ok(found)
}

#[component]
pub fn Merge(company_id: i32, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.read().get("merge_q").unwrap_or_default();
    let chosen = query_id("merge_with");
    let found = Resource::new(search, move |search| candidates(company_id, search));
    let other = Resource::new(
        move || chosen.get(),
        |id| async move {
            match id {
                Some(id) => get_company(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let merge = actions.merge;
    let errors = field_errors_of(merge.value());
    let problem = move || errors.get().and_then(|e| e.for_field("other_id").cloned());
    let here = format!("/companies/{company_id}");
    view! {
        <section class="card" id="merge" aria-labelledby="merge-heading">
            <h2 id="merge-heading">{t!(i18n, companies.merge)}</h2>
            <p class="hint">{t!(i18n, companies.merge_intro)}</p>
            <ErrorBanner error=error_of(merge.value()) />
            {move || problem().map(|p| view! {
                <p class="field-error" role="alert">{messages::problem(i18n, &p)}</p>
            })}
            {
                let here = here.clone();
                move || {
                    let here = here.clone();
                    if chosen.get().is_some() {
                        view! {
                            <Suspense fallback=|| ()>
                                {move || {
                                    let here = here.clone();
                                    Suspend::new(async move {
                                        match other.await {
                                            Ok(Some(other)) => view! {
                                                <Confirm company_id other here merge />
                                            }
                                            .into_any(),
                                            Ok(None) => ().into_any(),
                                            Err(error) => view! {
                                                <ErrorBanner error=Signal::stored(Some(error)) />
                                            }
                                            .into_any(),
                                        }
                                    })
                                }}
                            </Suspense>
                        }
                        .into_any()
                    } else {
                        view! { <Find here search=search() found /> }.into_any()
                    }
                }
            }
        </section>
    }
}

/// Step one: search, then choose one of the companies found.
#[component]
fn Find(
    here: String,
    search: String,
    found: Resource<Result<Vec<Candidate>, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let searched = !search.trim().is_empty();
    let link_base = here.clone();
    view! {
        <form method="get" action=format!("{here}#merge") class="search-form" role="search">
            <div class="field">
                <label for="merge-search">{t!(i18n, companies.merge_find)}</label>
                <p class="hint" id="merge-search-hint">{t!(i18n, companies.merge_find_hint)}</p>
                <input
                    type="search"
                    id="merge-search"
                    name="merge_q"
                    value=search
                    aria-describedby="merge-search-hint"
                />
            </div>
            <button type="submit" class="button secondary">
                {t!(i18n, companies.merge_search)}
            </button>
        </form>
        <Suspense fallback=|| ()>
            {move || {
                let link_base = link_base.clone();
                Suspend::new(async move {
                    match found.await {
                        Ok(list) if list.is_empty() && searched => view! {
                            <p class="empty">{t!(i18n, companies.merge_no_candidates)}</p>
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <ul>
                                {list
                                    .into_iter()
                                    .map(|(id, name, number)| {
                                        let href = format!("{link_base}?merge_with={id}#merge");
                                        view! {
                                            <li>
                                                {name.clone()} " "
                                                {number.map(|n| format!("（{n}）"))} " · ID " {id} " "
                                                <a href=href>
                                                    {t!(i18n, companies.merge_choose)}
                                                    <span class="visually-hidden">": " {name}</span>
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Step two: what will happen, and the button that does it.
#[component]
fn Confirm(
    company_id: i32,
    other: CompanyDto,
    here: String,
    merge: ServerAction<MergeCompanies>,
) -> impl IntoView {
    let i18n = use_i18n();
    let contacts = other.contacts.len();
    let events = other.events.len();
    view! {
        <div role="group" aria-labelledby="merge-confirm-heading">
            <h3 id="merge-confirm-heading">{t!(i18n, companies.merge_confirm_title)}</h3>
            <dl class="details">
                <dt>{t!(i18n, companies.name)}</dt>
                <dd>
                    <a href=format!("/companies/{}", other.id)>{other.name.clone()}</a>
                </dd>
                <dt>{t!(i18n, companies.corporate_number)}</dt>
                <dd>{other.corporate_number.clone().unwrap_or_default()}</dd>
                <dt>{t!(i18n, companies.id)}</dt>
                <dd>{other.id}</dd>
            </dl>
            <p>
                {move || {
                    t_string!(
                        i18n, companies.merge_confirm_detail, contacts = contacts, events = events
                    )
                    .to_string()
                }}
            </p>
            <ActionForm action=merge attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="id" value=company_id />
                <input type="hidden" name="other_id" value=other.id />
                <button type="submit" class="button primary">
                    {t!(i18n, companies.merge_submit)}
                </button>
                <a href=format!("{here}#merge")>{t!(i18n, companies.cancel)}</a>
            </ActionForm>
        </div>
    }
}

//! The company list: a search box (a plain GET form) and a paged table.

use crate::api::companies::list_companies;
use crate::api::dto::{CompanyPageDto, CompanyRowDto};
use crate::components::form::ErrorBanner;
use crate::components::pagination::Pagination;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
    };
    let companies = Resource::new(
        move || (search(), page()),
        |(search, page)| list_companies(search, page),
    );
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), companies.title).to_string() />
        <h1>{t!(i18n, companies.title)}</h1>
        <form method="get" action="/companies" class="search-form" role="search">
            <div class="field">
                <label for="company-search">{t!(i18n, companies.search_label)}</label>
                <p class="hint" id="company-search-hint">
                    {t!(i18n, companies.search_hint)}
                </p>
                <input
                    type="search"
                    id="company-search"
                    name="q"
                    value=search
                    aria-describedby="company-search-hint"
                />
            </div>
            <button type="submit" class="button primary">
                {t!(i18n, companies.search)}
            </button>
            {move || {
                (!search().is_empty())
                    .then(|| {
                        view! {
                            <a class="button secondary" href="/companies">
                                {t!(i18n, companies.clear)}
                            </a>
                        }
                    })
            }}
        </form>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match companies.await {
                    Ok(listing) => view! { <Listing listing search=search() /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Listing(listing: CompanyPageDto, search: String) -> impl IntoView {
    let i18n = use_i18n();
    let total = listing.total;
    if listing.rows.is_empty() {
        return view! { <p class="empty">{t!(i18n, companies.empty)}</p> }.into_any();
    }
    view! {
        <p class="toolbar" role="status">
            {move || t_string!(i18n, companies.total, count = total).to_string()}
        </p>
        <CompanyTable rows=listing.rows />
        <Pager page=listing.page pages=listing.pages search />
    }
    .into_any()
}

#[component]
fn CompanyTable(rows: Vec<CompanyRowDto>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table responsive-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, companies.name)}</th>
                    <th scope="col">{t!(i18n, companies.name_kana)}</th>
                    <th scope="col">{t!(i18n, companies.corporate_number)}</th>
                    <th scope="col">{t!(i18n, companies.industry)}</th>
                    <th scope="col">{t!(i18n, companies.regional_leader)}</th>
                    <th scope="col">{t!(i18n, companies.primary_contact)}</th>
                    <th scope="col">{t!(i18n, companies.events)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let events = row.events;
                        view! {
                            <tr>
                                <td data-label=move || t_string!(i18n, companies.name)>
                                    <a href=format!("/companies/{}", row.id)>{row.name.clone()}</a>
                                </td>
                                <td data-label=move || t_string!(i18n, companies.name_kana)>{row.name_kana.clone()}</td>
                                <td data-label=move || t_string!(i18n, companies.corporate_number)>
                                    {row.corporate_number.clone().unwrap_or_default()}
                                </td>
                                <td data-label=move || t_string!(i18n, companies.industry)>{row.industry.clone()}</td>
                                <td data-label=move || t_string!(i18n, companies.regional_leader)>
                                    {row.regional_leader.then(|| view! {
                                        <span class="badge">{t!(i18n, companies.yes)}</span>
                                    })}
                                </td>
                                <td data-label=move || t_string!(i18n, companies.primary_contact)>
                                    {row.contact_name.clone()}
                                    {(!row.contact_email.is_empty()).then(|| view! {
                                        <br />
                                        <a href=format!("mailto:{}", row.contact_email)>{row.contact_email.clone()}</a>
                                    })}
                                </td>
                                <td data-label=move || t_string!(i18n, companies.events)>
                                    {move || t_string!(i18n, companies.events_count, count = events).to_string()}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Previous and next links that keep the search.
#[component]
fn Pager(page: u64, pages: u64, search: String) -> impl IntoView {
    let href = move |to: u64| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if !search.is_empty() {
            query.append_pair("q", &search);
        }
        query.append_pair("page", &to.to_string());
        format!("/companies?{}", query.finish())
    };
    view! { <Pagination page pages href /> }
}

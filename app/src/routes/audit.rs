//! The audit log: who did what and when, filtered by a plain GET form (so it works
//! without JavaScript), fifty entries a page. Admins and viewers only.

use crate::api::audit::list_audit_log;
use crate::api::dto::{AuditActorDto, AuditEntryDto, AuditPageDto};
use crate::components::form::{Control, ErrorBanner, FormField};
use crate::components::pagination::Pagination;
use crate::domain::audit::{DetailItem, detail_items, format_office_time, page_count};
use crate::domain::{AuditAction, AuditQuery, FieldErrors, Role};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = move || AuditQuery::from_params(|name| params.read().get(name));
    let entries = Resource::new(query, list_audit_log);
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), audit.title).to_string() />
        <h1>{t!(i18n, audit.title)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let query = query();
                match entries.await {
                    Ok(page) => {
                        view! {
                            <FilterForm query=query.clone() errors=None />
                            <AuditTable page=page.clone() />
                            <Pager query page />
                        }
                            .into_any()
                    }
                    Err(AppError::Invalid(errors)) => {
                        view! { <FilterForm query errors=Some(errors) /> }.into_any()
                    }
                    Err(error) => {
                        refuse_with_status(&error);
                        view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Gives the page the status of a refusal (an officer opening it gets 403), as the
/// server function does for direct API calls.
fn refuse_with_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let status = match error {
            AppError::Forbidden => http::StatusCode::FORBIDDEN,
            AppError::NotSignedIn => http::StatusCode::UNAUTHORIZED,
            _ => return,
        };
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// The filter, as a plain GET form: submitting it loads the page with the filter in
/// the address, which can be bookmarked or shared.
#[component]
fn FilterForm(query: AuditQuery, errors: Option<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = Signal::stored(errors);
    let action_options = AuditAction::ALL
        .into_iter()
        .map(|action| {
            let code = action.as_code();
            (code.to_owned(), messages::audit_action(i18n, code))
        })
        .collect::<Vec<_>>();
    view! {
        <section class="card" aria-labelledby="audit-filter-heading">
            <h2 id="audit-filter-heading">{t!(i18n, audit.filter)}</h2>
            <form method="get" action="/admin/audit" class="form">
                <FormField
                    name="action"
                    field="action"
                    label=t_string!(i18n, audit.action).to_string()
                    control=Control::Select {
                        options: action_options,
                        placeholder: Some(t_string!(i18n, audit.all_actions).to_string()),
                    }
                    value=query.action
                    errors
                />
                <FormField
                    name="who"
                    field="who"
                    label=t_string!(i18n, audit.who).to_string()
                    control=Control::Text
                    value=query.who
                    hint=t_string!(i18n, audit.who_hint).to_string()
                    errors
                />
                <FormField
                    name="from"
                    field="from"
                    label=t_string!(i18n, audit.from).to_string()
                    control=Control::Date
                    value=query.from
                    errors
                />
                <FormField
                    name="to"
                    field="to"
                    label=t_string!(i18n, audit.to).to_string()
                    control=Control::Date
                    value=query.to
                    errors
                />
                <button type="submit" class="button primary">
                    {t!(i18n, audit.apply)}
                </button>
                " "
                <a href="/admin/audit">{t!(i18n, audit.clear)}</a>
            </form>
        </section>
    }
}

#[component]
fn AuditTable(page: AuditPageDto) -> impl IntoView {
    let i18n = use_i18n();
    if page.entries.is_empty() {
        return view! { <p class="empty">{t!(i18n, audit.empty)}</p> }.into_any();
    }
    view! {
        <table class="table responsive-table">
            <caption>{t!(i18n, audit.caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, audit.at)}</th>
                    <th scope="col">{t!(i18n, audit.who)}</th>
                    <th scope="col">{t!(i18n, audit.action)}</th>
                    <th scope="col">{t!(i18n, audit.subject)}</th>
                    <th scope="col">{t!(i18n, audit.details)}</th>
                </tr>
            </thead>
            <tbody>
                {page.entries.into_iter().map(|entry| view! { <AuditRow entry /> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn AuditRow(entry: AuditEntryDto) -> impl IntoView {
    let i18n = use_i18n();
    let AuditEntryDto {
        at,
        actor,
        action,
        subject,
        details,
        ..
    } = entry;
    let action_code = action.clone();
    view! {
        <tr>
            <td data-label=move || t_string!(i18n, audit.at)>
                <time datetime=at.to_rfc3339()>{format_office_time(at)}</time>
            </td>
            <td data-label=move || t_string!(i18n, audit.who)>{move || actor_text(i18n, &actor)}</td>
            <td data-label=move || t_string!(i18n, audit.action)>
                {move || messages::audit_action(i18n, &action_code)}
            </td>
            <td data-label=move || t_string!(i18n, audit.subject)>{subject}</td>
            <td data-label=move || t_string!(i18n, audit.details)>
                {move || summarise_details(i18n, &details)}
            </td>
        </tr>
    }
}

fn actor_text(i18n: I18nContext<Locale>, actor: &AuditActorDto) -> String {
    match actor {
        AuditActorDto::Officer(email) => email.clone(),
        AuditActorDto::Anonymous(email) => {
            t_string!(i18n, audit.anonymous, email = email.as_str()).to_string()
        }
        AuditActorDto::System(name) => {
            t_string!(i18n, audit.system, name = name.as_str()).to_string()
        }
    }
}

/// The details in one line, in the reader's language where the key is known:
/// `変更前: 担当者 / 変更後: 閲覧のみ`, `新規: 12 / 更新: 3`, `industry: 機械 → 金属加工`.
fn summarise_details(i18n: I18nContext<Locale>, details: &[(String, String)]) -> String {
    let label = |key: &str| messages::audit_detail_key(i18n, key).unwrap_or_else(|| key.to_owned());
    let parts = detail_items(details)
        .into_iter()
        .filter_map(|item| match item {
            DetailItem::Change { key, old, new } => Some(format!("{}: {old} → {new}", label(&key))),
            // A flag that is set reads as its label alone; one that is not says nothing.
            DetailItem::Value { value, .. } if value == "false" => None,
            DetailItem::Value { key, value } if value == "true" => Some(label(&key)),
            DetailItem::Value { key, value } if key.is_empty() => Some(value),
            DetailItem::Value { key, value } => {
                let value = match Role::parse(&value) {
                    Ok(role) if matches!(key.as_str(), "from" | "to" | "role") => {
                        messages::role(i18n, role)
                    }
                    // A file's fingerprint: the start is enough to tell two files apart.
                    _ if key == "sha256" && value.chars().count() > 12 => {
                        format!("{}…", value.chars().take(12).collect::<String>())
                    }
                    _ => value,
                };
                Some(format!("{}: {value}", label(&key)))
            }
        });
    parts.collect::<Vec<_>>().join(" / ")
}

/// Links to the previous and next page, keeping the filter.
#[component]
fn Pager(query: AuditQuery, page: AuditPageDto) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    view! {
        <Pagination
            page=page.page
            pages=page_count(total)
            href=move |to| query.href(to)
            note=td_string!(i18n.get_locale_untracked(), audit.total, count = total).to_string()
        />
    }
}

//! One company: its details and, for officers who may write, the edit form; then its
//! contacts, the events it exhibited at, and the merge form.

use super::contacts::Contacts;
use super::merge::Merge;
use super::successes;
use crate::api::companies::{
    AddContact, MergeCompanies, SetPrimaryContact, UpdateCompany, UpdateContact, get_company,
};
use crate::api::dto::{CompanyDto, CompanyEventDto};
use crate::app::use_session;
use crate::components::company_form::CompanyFields;
use crate::components::form::{CsrfField, ErrorBanner, FormEcho, error_of, field_errors_of};
use crate::domain::CompanyInput;
use crate::error::AppError;
use crate::i18n::*;
use crate::routes::format_date;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The server actions of the company page: each form has its own, so each shows only
/// its own errors.
#[derive(Clone, Copy)]
pub struct Actions {
    pub update: ServerAction<UpdateCompany>,
    pub add_contact: ServerAction<AddContact>,
    pub update_contact: ServerAction<UpdateContact>,
    pub set_primary: ServerAction<SetPrimaryContact>,
    pub merge: ServerAction<MergeCompanies>,
}

#[component]
pub fn CompanyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let actions = Actions {
        update: ServerAction::new(),
        add_contact: ServerAction::new(),
        update_contact: ServerAction::new(),
        set_primary: ServerAction::new(),
        merge: ServerAction::new(),
    };
    let changed = [
        successes(actions.update),
        successes(actions.add_contact),
        successes(actions.update_contact),
        successes(actions.set_primary),
        successes(actions.merge),
    ];
    let company = Resource::new(
        move || (id(), changed.map(|memo| memo.get())),
        |(id, _)| async move {
            match id {
                Some(id) => get_company(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = move || {
        let any_failed = [
            actions.update.value().get().is_some_and(|r| r.is_err()),
            actions
                .add_contact
                .value()
                .get()
                .is_some_and(|r| r.is_err()),
            actions
                .update_contact
                .value()
                .get()
                .is_some_and(|r| r.is_err()),
            actions
                .set_primary
                .value()
                .get()
                .is_some_and(|r| r.is_err()),
            actions.merge.value().get().is_some_and(|r| r.is_err()),
        ]
        .contains(&true);
        if any_failed {
            return None;
        }
        match query.read().get("saved").as_deref() {
            Some("company") => Some(t_string!(i18n, companies.saved_company).to_string()),
            Some("contact") => Some(t_string!(i18n, companies.saved_contact).to_string()),
            Some("merged") => Some(t_string!(i18n, companies.saved_merged).to_string()),
            _ => None,
        }
    };
    view! {
        <p>
            <a href="/companies">{t!(i18n, companies.back)}</a>
        </p>
        {move || saved().map(|text| view! { <div class="banner banner-ok" role="status">{text}</div> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match company.await {
                    Ok(company) => view! { <CompanyView company actions /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CompanyView(company: CompanyDto, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let id = company.id;
    // After a refused submission without JavaScript, the form shows what was typed.
    let initial = FormEcho::of::<UpdateCompany>()
        .and_then(|echo| echo.restore::<CompanyInput>("input"))
        .unwrap_or_else(|| CompanyInput {
            name: company.name.clone(),
            name_kana: company.name_kana.clone(),
            corporate_number: company.corporate_number.clone().unwrap_or_default(),
            industry: company.industry.clone(),
            address: company.address.clone(),
            regional_leader: if company.regional_leader {
                "on".into()
            } else {
                String::new()
            },
        });
    let update = actions.update;
    view! {
        <Title text=company.name.clone() />
        <section class="card" aria-labelledby="company-heading">
            <h1 id="company-heading">
                {company.name.clone()}
                {company.regional_leader.then(|| view! {
                    " " <span class="badge">{t!(i18n, companies.regional_leader)}</span>
                })}
            </h1>
            <dl class="details">
                <dt>{t!(i18n, companies.name_kana)}</dt>
                <dd>{company.name_kana.clone()}</dd>
                <dt>{t!(i18n, companies.corporate_number)}</dt>
                <dd>{company.corporate_number.clone().unwrap_or_default()}</dd>
                <dt>{t!(i18n, companies.industry)}</dt>
                <dd>{company.industry.clone()}</dd>
                <dt>{t!(i18n, companies.address)}</dt>
                <dd>{company.address.clone()}</dd>
                <dt>{t!(i18n, companies.id)}</dt>
                <dd>{id}</dd>
            </dl>
        </section>
        {move || can_write().then(|| {
            let initial = initial.clone();
            view! {
                <section class="card" aria-labelledby="company-edit-heading">
                    <h2 id="company-edit-heading">{t!(i18n, companies.edit)}</h2>
                    <ErrorBanner error=error_of(update.value()) />
                    <ActionForm action=update attr:class="form" attr:novalidate=true>
                        <CsrfField />
                        <input type="hidden" name="id" value=id />
                        <CompanyFields initial errors=field_errors_of(update.value()) />
                        <button type="submit" class="button primary">
                            {t!(i18n, companies.save)}
                        </button>
                    </ActionForm>
                </section>
            }
        })}
        <Contacts company_id=id contacts=company.contacts.clone() actions />
        <Events events=company.events.clone() />
        {move || can_write().then(|| view! { <Merge company_id=id actions /> })}
    }
}

/// The events the company exhibited at, newest first.
#[component]
fn Events(events: Vec<CompanyEventDto>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="company-events-heading">
            <h2 id="company-events-heading">{t!(i18n, companies.exhibited)}</h2>
            {if events.is_empty() {
                view! { <p class="empty">{t!(i18n, companies.no_events)}</p> }.into_any()
            } else {
                view! {
                    <table class="table responsive-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, companies.event)}</th>
                                <th scope="col">{t!(i18n, companies.date)}</th>
                                <th scope="col">{t!(i18n, companies.booth)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {events
                                .into_iter()
                                .map(|event| view! {
                                    <tr>
                                        <td data-label=move || t_string!(i18n, companies.event)>
                                            <a href=format!("/events/{}", event.id)>{event.name}</a>
                                        </td>
                                        <td data-label=move || t_string!(i18n, companies.date)>
                                            {format_date(event.start_date)}
                                        </td>
                                        <td data-label=move || t_string!(i18n, companies.booth)>{event.booth}</td>
                                    </tr>
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

//! Officer administration: add officers, change roles, disable and enable accounts.

use crate::api::dto::OfficerDto;
use crate::api::officers::{CreateOfficer, SetOfficerActive, SetOfficerRole, list_officers};
use crate::app::use_session;
use crate::components::form::{
    Control, CsrfField, ErrorBanner, FormField, error_of, field_errors_of,
};
use crate::domain::Role;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OfficersPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateOfficer>::new();
    let set_role = ServerAction::<SetOfficerRole>::new();
    let set_active = ServerAction::<SetOfficerActive>::new();
    let officers = Resource::new(
        move || {
            (
                create.version().get(),
                set_role.version().get(),
                set_active.version().get(),
            )
        },
        |_| list_officers(),
    );
    let role_options = move || {
        Role::ALL
            .into_iter()
            .map(|role| (role.as_str().to_owned(), messages::role(i18n, role)))
            .collect::<Vec<_>>()
    };
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), officers.title).to_string() />
        <h1>{t!(i18n, officers.title)}</h1>
        <ErrorBanner error=error_of(set_role.value()) />
        <ErrorBanner error=error_of(set_active.value()) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match officers.await {
                    Ok(list) => view! { <OfficerTable officers=list set_role set_active /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
        <section class="card">
            <h2>{t!(i18n, officers.add)}</h2>
            <ErrorBanner error=error_of(create.value()) />
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <CsrfField />
                {move || {
                    let errors = field_errors_of(create.value());
                    view! {
                        <FormField
                            name="input[email]"
                            field="email"
                            label=t_string!(i18n, officers.email).to_string()
                            control=Control::Email
                            required=true
                            errors
                        />
                        <FormField
                            name="input[name]"
                            field="name"
                            label=t_string!(i18n, officers.name).to_string()
                            control=Control::Text
                            required=true
                            errors
                        />
                        <FormField
                            name="input[role]"
                            field="role"
                            label=t_string!(i18n, officers.role).to_string()
                            control=Control::Select { options: role_options(), placeholder: None }
                            value="officer"
                            required=true
                            errors
                        />
                        <FormField
                            name="input[password]"
                            field="password"
                            label=t_string!(i18n, officers.password).to_string()
                            control=Control::Password
                            required=true
                            autocomplete="new-password"
                            hint=t_string!(i18n, officers.password_hint).to_string()
                            errors
                        />
                    }
                }}
                <button type="submit" class="button primary">
                    {t!(i18n, officers.create)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn OfficerTable(
    officers: Vec<OfficerDto>,
    set_role: ServerAction<SetOfficerRole>,
    set_active: ServerAction<SetOfficerActive>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let my_id = move || session.get().and_then(|s| s.officer).map(|o| o.id);
    view! {
        <table class="table responsive-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, officers.name)}</th>
                    <th scope="col">{t!(i18n, officers.email)}</th>
                    <th scope="col">{t!(i18n, officers.role)}</th>
                    <th scope="col">{t!(i18n, officers.status)}</th>
                </tr>
            </thead>
            <tbody>
                {officers
                    .into_iter()
                    .map(|officer| {
                        let select_id = format!("role-{}", officer.id);
                        let id = officer.id;
                        let active = officer.active;
                        view! {
                            <tr class:archived=!active>
                                <td data-label=move || t_string!(i18n, officers.name)>
                                    {officer.name.clone()}
                                    {move || (my_id() == Some(id)).then(|| view! { " " {t!(i18n, officers.you)} })}
                                </td>
                                <td data-label=move || t_string!(i18n, officers.email)>{officer.email.clone()}</td>
                                <td data-label=move || t_string!(i18n, officers.role)>
                                    <ActionForm action=set_role attr:class="inline-form">
                                        <CsrfField />
                                        <input type="hidden" name="id" value=id />
                                        <label class="visually-hidden" for=select_id.clone()>
                                            {t!(i18n, officers.role)}
                                        </label>
                                        <select id=select_id name="role">
                                            {Role::ALL
                                                .into_iter()
                                                .map(|role| {
                                                    view! {
                                                        <option value=role.as_str() selected=role == officer.role>
                                                            {move || messages::role(i18n, role)}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                        <button type="submit" class="button small">
                                            {t!(i18n, officers.change_role)}
                                        </button>
                                    </ActionForm>
                                </td>
                                <td data-label=move || t_string!(i18n, officers.status)>
                                    <span class="status">
                                        {move || {
                                            if active {
                                                t_string!(i18n, officers.active).to_string()
                                            } else {
                                                t_string!(i18n, officers.disabled).to_string()
                                            }
                                        }}
                                    </span>
                                    " "
                                    <ActionForm action=set_active attr:class="inline-form">
                                        <CsrfField />
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="active" value=(!active).to_string() />
                                        <button type="submit" class="button small secondary">
                                            {move || {
                                                if active {
                                                    t_string!(i18n, officers.disable).to_string()
                                                } else {
                                                    t_string!(i18n, officers.enable).to_string()
                                                }
                                            }}
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

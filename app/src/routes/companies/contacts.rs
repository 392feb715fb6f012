//! The contacts section of the company page: the list with the primary contact, and
//! for officers who may write, "make primary", the edit form of one contact (chosen by
//! the `edit_contact` query parameter, so it works without JavaScript) and the add form.

use super::detail::Actions;
use super::query_id;
use crate::api::companies::{AddContact, UpdateContact};
use crate::api::dto::ContactDto;
use crate::app::use_session;
use crate::components::company_form::ContactFields;
use crate::components::form::{CsrfField, ErrorBanner, FormEcho, error_of, field_errors_of};
use crate::domain::ContactInput;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Contacts(company_id: i32, contacts: Vec<ContactDto>, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let editing = query_id("edit_contact");
    let set_primary = actions.set_primary;
    let edited = {
        let contacts = contacts.clone();
        move || {
            let id = editing.get()?;
            contacts.iter().find(|c| c.id == id).cloned()
        }
    };
    let empty = contacts.is_empty();
    let rows = contacts
        .into_iter()
        .map(|person| {
            let ContactDto {
                id,
                name,
                department,
                email,
                phone,
                primary,
            } = person;
            let label = name.clone();
            let actions_cell = move || {
                can_write().then(|| {
                    let (edit_label, primary_label) = (label.clone(), label.clone());
                    view! {
                        <a
                            class="button small secondary"
                            href=format!("/companies/{company_id}?edit_contact={id}#contact-edit")
                        >
                            {t!(i18n, companies.edit_contact)}
                            <span class="visually-hidden">" " {edit_label}</span>
                        </a>
                        {(!primary).then(|| view! {
                            " "
                            <ActionForm action=set_primary attr:class="inline-form">
                                <CsrfField />
                                <input type="hidden" name="id" value=id />
                                <button type="submit" class="button small secondary">
                                    {t!(i18n, companies.make_primary)}
                                    <span class="visually-hidden">" " {primary_label}</span>
                                </button>
                            </ActionForm>
                        })}
                    }
                })
            };
            view! {
                <tr>
                    <td data-label=move || t_string!(i18n, companies.contact_name)>
                        {name.clone()}
                        {primary.then(|| view! {
                            " " <span class="badge">{t!(i18n, companies.primary)}</span>
                        })}
                    </td>
                    <td data-label=move || t_string!(i18n, companies.department)>{department}</td>
                    <td data-label=move || t_string!(i18n, companies.email)>
                        <a href=format!("mailto:{email}")>{email.clone()}</a>
                    </td>
                    <td data-label=move || t_string!(i18n, companies.phone)>{phone}</td>
                    <td>{actions_cell}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="contacts" aria-labelledby="contacts-heading">
            <h2 id="contacts-heading">{t!(i18n, companies.contacts)}</h2>
            <ErrorBanner error=error_of(set_primary.value()) />
            {if empty {
                view! { <p class="empty">{t!(i18n, companies.no_contacts)}</p> }.into_any()
            } else {
                view! {
                    <table class="table responsive-table">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, companies.contact_name)}</th>
                                <th scope="col">{t!(i18n, companies.department)}</th>
                                <th scope="col">{t!(i18n, companies.email)}</th>
                                <th scope="col">{t!(i18n, companies.phone)}</th>
                                <td></td>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }}
            {move || {
                can_write()
                    .then(|| {
                        view! {
                            {edited().map(|contact| view! {
                                <EditContact company_id contact action=actions.update_contact />
                            })}
                            <AddContactForm company_id action=actions.add_contact />
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn EditContact(
    company_id: i32,
    contact: ContactDto,
    action: ServerAction<UpdateContact>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = contact.id;
    let initial = FormEcho::of::<UpdateContact>()
        .filter(|echo| echo.get("id") == Some(id.to_string().as_str()))
        .and_then(|echo| echo.restore::<ContactInput>("input"))
        .unwrap_or(ContactInput {
            name: contact.name,
            department: contact.department,
            email: contact.email,
            phone: contact.phone,
        });
    view! {
        <section id="contact-edit" aria-labelledby="contact-edit-heading">
            <h3 id="contact-edit-heading">{t!(i18n, companies.edit_contact_title)}</h3>
            <ErrorBanner error=error_of(action.value()) />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <CsrfField />
                <input type="hidden" name="id" value=id />
                <ContactFields
                    initial
                    errors=field_errors_of(action.value())
                    id_prefix="contact-edit-"
                />
                <p class="inline-form">
                    <button type="submit" class="button primary">
                        {t!(i18n, companies.save)}
                    </button>
                    <a href=format!("/companies/{company_id}#contacts")>{t!(i18n, companies.cancel)}</a>
                </p>
            </ActionForm>
        </section>
    }
}

#[component]
fn AddContactForm(company_id: i32, action: ServerAction<AddContact>) -> impl IntoView {
    let i18n = use_i18n();
    let initial = FormEcho::of::<AddContact>()
        .and_then(|echo| echo.restore::<ContactInput>("input"))
        .unwrap_or_default();
    view! {
        <section aria-labelledby="contact-add-heading">
            <h3 id="contact-add-heading">{t!(i18n, companies.add_contact)}</h3>
            <ErrorBanner error=error_of(action.value()) />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <CsrfField />
                <input type="hidden" name="company_id" value=company_id />
                <ContactFields
                    initial
                    errors=field_errors_of(action.value())
                    id_prefix="contact-add-"
                />
                <button type="submit" class="button primary">
                    {t!(i18n, companies.add)}
                </button>
            </ActionForm>
        </section>
    }
}

//! The fields of the company form and of the contact form (add and edit).

use crate::components::form::{Control, FormField};
use crate::domain::{CompanyInput, ContactInput, FieldErrors};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn CompanyFields(initial: CompanyInput, errors: Signal<Option<FieldErrors>>) -> impl IntoView {
    let i18n = use_i18n();
    // Labels are re-rendered when the language changes; the values stay as typed.
    move || {
        let initial = initial.clone();
        view! {
            <FormField
                name="input[name]"
                field="name"
                label=t_string!(i18n, companies.name).to_string()
                control=Control::Text
                value=initial.name
                required=true
                errors
            />
            <FormField
                name="input[name_kana]"
                field="name_kana"
                label=t_string!(i18n, companies.name_kana).to_string()
                control=Control::Text
                value=initial.name_kana
                errors
            />
            <FormField
                name="input[corporate_number]"
                field="corporate_number"
                label=t_string!(i18n, companies.corporate_number).to_string()
                control=Control::Text
                value=initial.corporate_number
                hint=t_string!(i18n, companies.corporate_number_hint).to_string()
                errors
            />
            <FormField
                name="input[industry]"
                field="industry"
                label=t_string!(i18n, companies.industry).to_string()
                control=Control::Text
                value=initial.industry
                errors
            />
            <FormField
                name="input[address]"
                field="address"
                label=t_string!(i18n, companies.address).to_string()
                control=Control::Text
                value=initial.address
                autocomplete="off"
                errors
            />
            <FormField
                name="input[regional_leader]"
                field="regional_leader"
                label=t_string!(i18n, companies.regional_leader_label).to_string()
                control=Control::Checkbox
                value=initial.regional_leader
                errors
            />
        }
    }
}

/// The contact fields. `id_prefix` keeps the ids apart when a page shows the add and
/// the edit form at once.
#[component]
pub fn ContactFields(
    initial: ContactInput,
    errors: Signal<Option<FieldErrors>>,
    id_prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let initial = initial.clone();
        view! {
            <div class="field-row">
                <FormField
                    name="input[name]"
                    field="name"
                    label=t_string!(i18n, companies.contact_name).to_string()
                    control=Control::Text
                    value=initial.name
                    autocomplete="off"
                    id_prefix
                    errors
                />
                <FormField
                    name="input[department]"
                    field="department"
                    label=t_string!(i18n, companies.department).to_string()
                    control=Control::Text
                    value=initial.department
                    autocomplete="off"
                    id_prefix
                    errors
                />
            </div>
            <div class="field-row">
                <FormField
                    name="input[email]"
                    field="email"
                    label=t_string!(i18n, companies.email).to_string()
                    control=Control::Email
                    value=initial.email
                    required=true
                    autocomplete="off"
                    id_prefix
                    errors
                />
                <FormField
                    name="input[phone]"
                    field="phone"
                    label=t_string!(i18n, companies.phone).to_string()
                    control=Control::Text
                    value=initial.phone
                    autocomplete="off"
                    id_prefix
                    errors
                />
            </div>
        }
    }
}

//! The fields of the event form, shared by "new event" and "edit event".

use crate::components::form::{Control, FormField};
use crate::domain::{EventInput, EventKind, FieldErrors};
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;

#[component]
pub fn EventFields(initial: EventInput, errors: Signal<Option<FieldErrors>>) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = move || {
        EventKind::ALL
            .into_iter()
            .map(|kind| (kind.as_str().to_owned(), messages::event_kind(i18n, kind)))
            .collect::<Vec<_>>()
    };
    // Labels are re-rendered when the language changes; the values stay as typed.
    move || {
        let initial = initial.clone();
        view! {
            <FormField
                name="input[name]"
                field="name"
                label=t_string!(i18n, events.name).to_string()
                control=Control::Text
                value=initial.name
                required=true
                errors
            />
            <FormField
                name="input[kind]"
                field="kind"
                label=t_string!(i18n, events.kind).to_string()
                control=Control::Select {
                    options: kinds(),
                    placeholder: Some(t_string!(i18n, events.choose_kind).to_string()),
                }
                value=initial.kind
                required=true
                errors
            />
            <FormField
                name="input[venue]"
                field="venue"
                label=t_string!(i18n, events.venue).to_string()
                control=Control::Text
                value=initial.venue
                errors
            />
            <div class="field-row">
                <FormField
                    name="input[start_date]"
                    field="start_date"
                    label=t_string!(i18n, events.start_date).to_string()
                    control=Control::Date
                    value=initial.start_date
                    required=true
                    hint=t_string!(i18n, events.fiscal_year_hint).to_string()
                    errors
                />
                <FormField
                    name="input[end_date]"
                    field="end_date"
                    label=t_string!(i18n, events.end_date).to_string()
                    control=Control::Date
                    value=initial.end_date
                    required=true
                    errors
                />
            </div>
            <FormField
                name="input[notes]"
                field="notes"
                label=t_string!(i18n, events.notes).to_string()
                control=Control::LongText
                value=initial.notes
                errors
            />
        }
    }
}

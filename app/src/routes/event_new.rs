//! Creating an event.

use crate::api::events::CreateEvent;
use crate::components::event_form::EventFields;
use crate::components::form::{CsrfField, ErrorBanner, FormEcho, error_of, field_errors_of};
use crate::domain::EventInput;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewEventPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateEvent>::new();
    // After a refused submission without JavaScript, the form shows what was typed.
    let initial = FormEcho::of::<CreateEvent>()
        .and_then(|echo| echo.restore::<EventInput>("input"))
        .unwrap_or_default();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), events.new).to_string() />
        <p>
            <a href="/events">{t!(i18n, events.back)}</a>
        </p>
        <section class="card">
            <h1>{t!(i18n, events.new)}</h1>
            <ErrorBanner error=error_of(create.value()) />
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <CsrfField />
                <EventFields initial errors=field_errors_of(create.value()) />
                <button type="submit" class="button primary">
                    {t!(i18n, events.create)}
                </button>
            </ActionForm>
        </section>
    }
}

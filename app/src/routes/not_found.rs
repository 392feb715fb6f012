//! The page for any path no route matches (status 404).

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let i18n = use_i18n();
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), errors.page_not_found_title).to_string() />
        <h1>{t!(i18n, errors.page_not_found)}</h1>
        <p>
            <a href="/events">{t!(i18n, events.back)}</a>
        </p>
    }
}

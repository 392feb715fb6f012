//! What the last redirect to a page reported (`?saved=…` after a form that worked, with or
//! without JavaScript), as a status banner.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

/// `words` puts a `saved` code into the reader's language; an unknown code shows nothing.
#[component]
pub fn SavedBanner(words: fn(I18nContext<Locale>, &str) -> Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        let text = words(i18n, query.read().get("saved").as_deref()?)?;
        Some(view! { <div class="banner banner-ok" role="status">{text}</div> })
    }
}

//! Previous and next links around "page N of M", for any list shown a page at a time.

use crate::i18n::*;
use leptos::prelude::*;

/// The links of a list of `pages` pages, on page `page` (from 1); `href(n)` is page n's
/// address with whatever the list is filtered by. `note` (a count, say) is said before
/// the page number. Nothing is shown for a single page without a note.
#[component]
pub fn Pagination(
    page: u64,
    pages: u64,
    #[prop(into)] href: Callback<u64, String>,
    #[prop(optional)] note: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    if pages <= 1 && note.is_none() {
        return ().into_any();
    }
    // From a page past the end (an old link), "previous" leads back to the last one.
    let previous = (page > 1).then(|| href.run((page - 1).min(pages)));
    let next = (page < pages).then(|| href.run(page + 1));
    view! {
        <nav class="pagination" aria-label=move || t_string!(i18n, pagination.label)>
            {previous.map(|href| view! { <a href=href rel="prev">{t!(i18n, pagination.previous)}</a> })}
            <span aria-current="page">
                {note.map(|note| view! { {note} " · " })}
                {move || t_string!(i18n, pagination.page_of, page = page, pages = pages).to_string()}
            </span>
            {next.map(|href| view! { <a href=href rel="next">{t!(i18n, pagination.next)}</a> })}
        </nav>
    }
    .into_any()
}

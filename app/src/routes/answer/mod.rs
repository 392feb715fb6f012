//! The company's pages behind a personal link: the questionnaire ([`page`]) and the
//! receipt after submitting ([`receipt`]). Nothing here needs a session: the link is the
//! company's key.

pub mod page;
pub mod receipt;

use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// Why a link shows no form: unknown or replaced, or too many wrong links.
#[component]
pub fn LinkProblem(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let throttled = error == AppError::TooManyAttempts;
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(match error {
            AppError::TooManyAttempts => http::StatusCode::TOO_MANY_REQUESTS,
            AppError::NotFound => http::StatusCode::NOT_FOUND,
            _ => http::StatusCode::INTERNAL_SERVER_ERROR,
        });
    }
    view! {
        <Title text=t_string!(i18n, answer_page.link_problem_title).to_string() />
        <h1>{t!(i18n, answer_page.link_problem_title)}</h1>
        {if throttled {
            view! { <p>{t!(i18n, answer_page.too_many_links)}</p> }.into_any()
        } else {
            view! {
                <p>{t!(i18n, answer_page.link_unknown)}</p>
                <p>{t!(i18n, answer_page.link_unknown_help)}</p>
            }
            .into_any()
        }}
    }
}

/// The deadline as the office writes it, e.g. `2026/12/15 17:00`.
pub fn deadline_text(at: chrono::DateTime<chrono::Utc>) -> String {
    crate::domain::office_time::format_office_time(at)
}

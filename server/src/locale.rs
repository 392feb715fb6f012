//! `/locale/{lang}`: remembers the chosen language in a cookie and goes back to the page.
//! A plain link, so switching works without JavaScript.

use app::api::session::safe_next;
use app::app::{LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECS};
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Back {
    next: Option<String>,
}

pub async fn switch(Path(lang): Path<String>, Query(back): Query<Back>) -> Response {
    if !matches!(lang.as_str(), "ja" | "en") {
        return StatusCode::NOT_FOUND.into_response();
    }
    let cookie = format!(
        "{LOCALE_COOKIE}={lang}; Path=/; Max-Age={LOCALE_COOKIE_MAX_AGE_SECS}; SameSite=Lax"
    );
    (
        [(header::SET_COOKIE, cookie)],
        Redirect::to(safe_next(back.next.as_deref())),
    )
        .into_response()
}

//! Gives a form refused without JavaScript back what the officer typed.
//!
//! A plain HTML form posts to its server function, which answers a refusal with a
//! redirect back to the form's page carrying only the error (`__path`, `__err`). This
//! layer keeps the posted fields of such a refusal in the session (not in the URL: URLs
//! end up in logs and history), and when that page is requested again with the error,
//! hands them to the page in the request's extensions. The page side, and what is never
//! kept (the CSRF token, passwords), is `app::components::form::FormEcho`.

use app::components::form::FormEcho;
use app::server::auth::OFFICER_ID_KEY;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Session key of the last refused form's values.
const FORM_ECHO_KEY: &str = "form_echo";

/// The CSRF layer refuses larger forms anyway; this one reads before it.
const MAX_FORM_BYTES: usize = 256 * 1024;

pub async fn remember(session: Session, mut request: Request, next: Next) -> Response {
    // A company's answer pages keep no session: their handlers show a refused form
    // again themselves (see `csrf::CsrfRejected`).
    if request.uri().path().starts_with("/a/") {
        return next.run(request).await;
    }
    if request.method() == Method::GET {
        if let Some(action) = refused_action(request.uri().query()) {
            let page = request.uri().path();
            match session.get::<FormEcho>(FORM_ECHO_KEY).await {
                Ok(Some(echo)) if echo.action == action && echo.page == page => {
                    request.extensions_mut().insert(echo);
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "reading the form echo"),
            }
        }
        return next.run(request).await;
    }
    if !is_html_form_post(&request) {
        return next.run(request).await;
    }
    let action = request.uri().path().to_owned();
    let page = request
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| url::Url::parse(referer).ok())
        .map(|url| url.path().to_owned());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let echo = page.and_then(|page| FormEcho::from_body(&action, &page, &bytes));
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let result = if is_refusal(&response) {
        keep(&session, echo).await
    } else if response.status().is_redirection() {
        // Accepted: what was typed is stored now, and must not come back later.
        forget(&session).await
    } else {
        Ok(())
    };
    if let Err(error) = result {
        tracing::warn!(%error, "keeping the form echo");
    }
    response
}

/// Keeps a refused form's values in a signed-in officer's session. An anonymous
/// visitor's refusal (a failed sign-in) is not kept: it would create a session row for
/// every failed attempt, and the login form shows nothing of it anyway (it echoes no
/// fields; the password is never kept).
async fn keep(
    session: &Session,
    echo: Option<FormEcho>,
) -> Result<(), tower_sessions::session::Error> {
    if session.get::<i32>(OFFICER_ID_KEY).await?.is_none() {
        return Ok(());
    }
    match echo {
        Some(echo) => session.insert(FORM_ECHO_KEY, echo).await,
        None => session.remove::<FormEcho>(FORM_ECHO_KEY).await.map(|_| ()),
    }
}

/// Removes an echo only when there is one, so that a form post that signs out (and
/// ends the session) is not followed by a write to the session.
async fn forget(session: &Session) -> Result<(), tower_sessions::session::Error> {
    if session.get::<FormEcho>(FORM_ECHO_KEY).await?.is_some() {
        session.remove::<FormEcho>(FORM_ECHO_KEY).await?;
    }
    Ok(())
}

/// A server-function call from a plain HTML form (no JavaScript): the browser asks for
/// HTML and sends the fields url-encoded.
fn is_html_form_post(request: &Request) -> bool {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && header(header::ACCEPT).contains("text/html")
        && header(header::CONTENT_TYPE).starts_with("application/x-www-form-urlencoded")
}

/// The redirect back to the form with an error in the URL.
fn is_refusal(response: &Response) -> bool {
    response.status().is_redirection()
        && response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|location| {
                refused_action(location.split_once('?').map(|(_, q)| q)).is_some()
            })
}

/// The server function whose refusal a page's query reports (`__path` with `__err`).
fn refused_action(query: Option<&str>) -> Option<String> {
    let mut path = None;
    let mut has_error = false;
    for (name, value) in form_urlencoded::parse(query?.as_bytes()) {
        match name.as_ref() {
            "__path" if path.is_none() => path = Some(value.into_owned()),
            "__err" => has_error = true,
            _ => {}
        }
    }
    path.filter(|_| has_error)
}

#[cfg(test)]
mod tests {
    use super::refused_action;

    #[test]
    fn a_refusal_names_its_server_function() {
        assert_eq!(
            refused_action(Some(
                "edit_contact=3&__path=%2Fapi%2Fupdate_contact&__err=eyJ9"
            )),
            Some("/api/update_contact".into())
        );
        assert_eq!(refused_action(Some("__path=%2Fapi%2Fx")), None, "no error");
        assert_eq!(refused_action(Some("saved=1")), None);
        assert_eq!(refused_action(None), None);
    }
}

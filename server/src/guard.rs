//! Sends anonymous visitors of officer pages to the login page. Server functions check
//! the session themselves; this only keeps pages from rendering for nobody.

use app::server::AppState;
use app::server::auth::officer_of_session;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Paths anyone may open: the login page, health check, language switch, server
/// functions (they answer 401 themselves), static files, and the companies' answer
/// pages (`/a/{token}`: the personal link is their key).
fn is_public(path: &str) -> bool {
    path == "/login"
        || path.starts_with("/a/")
        || path == "/healthz"
        || path == "/favicon.svg"
        || path.starts_with("/locale/")
        || path.starts_with("/api/")
        || path.starts_with("/pkg/")
}

pub async fn require_login(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    if is_public(request.uri().path()) {
        return next.run(request).await;
    }
    match officer_of_session(&state.db, &session).await {
        Ok(Some(officer)) => {
            // Pages and their server functions reuse this instead of reading it again.
            request.extensions_mut().insert(officer);
            next.run(request).await
        }
        Ok(None) => {
            let here = request
                .uri()
                .path_and_query()
                .map(|pq| pq.as_str())
                .unwrap_or("/");
            let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
            Redirect::to(&format!("/login?next={next}")).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_public;

    #[test]
    fn officer_pages_are_not_public() {
        assert!(is_public("/login"));
        assert!(is_public("/pkg/kotae.js"));
        assert!(is_public("/a/Zm9vYmFy"));
        assert!(!is_public("/events"));
        assert!(!is_public("/admin/officers"));
        assert!(!is_public("/"));
    }
}

//! Signing in and out, and what the page shell needs to know about the session.

use super::dto::SessionInfo;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::server::{AppState, auth},
};

/// A local path to go to after signing in; anything else (another site, `//host`)
/// falls back to the event list, so the login form cannot be used as an open redirect.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path
        }
        _ => "/events",
    }
}

#[server(input = GetUrl, endpoint = "session_info")]
pub async fn get_session_info() -> Result<SessionInfo, AppError> {
    respond(
        async {
            let state = AppState::from_context()?;
            let session = auth::current_session().await?;
            let officer = auth::current_officer(&state.db, &session).await?;
            Ok(SessionInfo {
                officer: officer.map(Into::into),
                csrf: auth::csrf_token(&session).await?,
            })
        }
        .await,
    )
}

#[server(endpoint = "login")]
pub async fn login(
    csrf: String,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            use axum::extract::ConnectInfo;
            use std::net::SocketAddr;

            let state = AppState::from_context()?;
            let address = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
                .await
                .ok()
                .map(|ConnectInfo(addr)| addr.ip());
            if !state.login_throttle.allow(&email, address) {
                tracing::warn!(?address, "login throttled");
                return Err(AppError::TooManyAttempts);
            }
            let officer =
                crate::server::services::officers::authenticate(&state.db, &email, &password)
                    .await?
                    .ok_or_else(|| {
                        tracing::info!(?address, "login failed");
                        AppError::InvalidCredentials
                    })?;
            let session = auth::current_session().await?;
            // A new session id on sign-in defeats session fixation.
            session
                .cycle_id()
                .await
                .map_err(|e| AppError::internal("cycling session id", e))?;
            session
                .insert(auth::OFFICER_ID_KEY, officer.id)
                .await
                .map_err(|e| AppError::internal("writing session", e))?;
            tracing::info!(officer_id = officer.id, "signed in");
            leptos_axum::redirect(safe_next(next.as_deref()));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "logout")]
pub async fn logout(csrf: String) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let session = auth::current_session().await?;
            session
                .flush()
                .await
                .map_err(|e| AppError::internal("ending session", e))?;
            leptos_axum::redirect("/login");
            Ok(())
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/events/3")), "/events/3");
        assert_eq!(safe_next(Some("https://evil.example")), "/events");
        assert_eq!(safe_next(Some("//evil.example")), "/events");
        assert_eq!(safe_next(Some("/\\evil.example")), "/events");
        assert_eq!(safe_next(None), "/events");
    }
}

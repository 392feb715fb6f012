//! Signing in and out, and what the page shell needs to know about the session.

use super::dto::SessionInfo;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::server::{
        AppState, auth,
        services::audit::{self, Action, Actor},
        services::officers,
    },
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
                // The token the CSRF middleware chose for this request: reading it
                // never writes a session, so an anonymous visitor gets no session row.
                csrf: auth::request_csrf_token().unwrap_or_default(),
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
            let now = state.clock.now();
            let claimed = Actor::Anonymous {
                claimed: email.trim().to_owned(),
            };
            if !state.login_throttle.allow(&email, address) {
                tracing::warn!(?address, "login throttled");
                audit::record(
                    &state.db,
                    now,
                    &claimed,
                    Action::LoginFailed,
                    email.trim(),
                    login_details(address, true),
                )
                .await?;
                return Err(AppError::TooManyAttempts);
            }
            let Some(officer) = officers::authenticate(&state.db, &email, &password).await? else {
                tracing::info!(?address, "login failed");
                audit::record(
                    &state.db,
                    now,
                    &claimed,
                    Action::LoginFailed,
                    email.trim(),
                    login_details(address, false),
                )
                .await?;
                return Err(AppError::InvalidCredentials);
            };
            // Recorded before the session is, so no sign-in goes unrecorded.
            let actor = Actor::Officer {
                id: officer.id,
                email: officer.email.clone(),
            };
            audit::record(
                &state.db,
                now,
                &actor,
                Action::Login,
                &officer.email,
                login_details(address, false),
            )
            .await?;
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
            // A fresh CSRF token for the signed-in session: until now the visitor's
            // token came from the anonymous CSRF cookie (`server::csrf`).
            session
                .insert(auth::CSRF_KEY, auth::random_token())
                .await
                .map_err(|e| AppError::internal("writing session", e))?;
            tracing::info!(officer_id = officer.id, "signed in");
            leptos_axum::redirect(safe_next(next.as_deref()));
            Ok(())
        }
        .await,
    )
}

/// The audit details of a sign-in attempt: where it came from, and whether it was
/// refused unchecked because of too many attempts.
#[cfg(feature = "ssr")]
fn login_details(address: Option<std::net::IpAddr>, throttled: bool) -> serde_json::Value {
    let mut details = serde_json::Map::new();
    if let Some(address) = address {
        details.insert("ip".into(), address.to_string().into());
    }
    if throttled {
        details.insert("throttled".into(), true.into());
    }
    details.into()
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

    #[cfg(feature = "ssr")]
    #[test]
    fn login_details_name_the_address_and_a_refusal_by_the_limit() {
        let address = "192.0.2.7".parse().ok();
        assert_eq!(
            super::login_details(address, true).to_string(),
            r#"{"ip":"192.0.2.7","throttled":true}"#
        );
        assert_eq!(super::login_details(None, false).to_string(), "{}");
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/events/3")), "/events/3");
        assert_eq!(safe_next(Some("https://evil.example")), "/events");
        assert_eq!(safe_next(Some("//evil.example")), "/events");
        assert_eq!(safe_next(Some("/\\evil.example")), "/events");
        assert_eq!(safe_next(None), "/events");
    }
}

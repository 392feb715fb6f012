//! The shared report library (read by officers, and by companies through their personal
//! link) and the officer's sharing controls.

use super::library_dto::{LibraryDto, LibraryReportDto};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::mail::campaign_of,
    super::respond::respond,
    crate::server::services::audit::Actor,
    crate::server::services::sharing::{self, LibraryFilter},
    crate::server::{
        AppState,
        auth::{require_officer, require_writer_officer},
    },
};

/// Who may read the library: a signed-in officer, or a company with a working link
/// (checked and rate-limited as its answer page is; reading marks nothing).
#[cfg(feature = "ssr")]
async fn reader(token: Option<&str>) -> Result<AppState, AppError> {
    match token {
        Some(token) => Ok(super::answers::opened(token, false).await?.0),
        None => {
            require_officer().await?;
            AppState::from_context()
        }
    }
}

/// The library, narrowed by event, fiscal year and words.
#[server(input = GetUrl, endpoint = "library")]
pub async fn library(
    token: Option<String>,
    event_id: Option<i32>,
    fiscal_year: Option<i32>,
    q: Option<String>,
    english: bool,
    other: String,
) -> Result<LibraryDto, AppError> {
    respond(
        async {
            let state = reader(token.as_deref()).await?;
            let filter = LibraryFilter {
                event_id,
                fiscal_year,
                words: q.unwrap_or_default(),
            };
            sharing::list(&state.db, &state.form_versions, &filter, english, &other).await
        }
        .await,
    )
}

/// One shared report.
#[server(input = GetUrl, endpoint = "library_report")]
pub async fn library_report(
    token: Option<String>,
    id: i32,
    english: bool,
    other: String,
) -> Result<LibraryReportDto, AppError> {
    respond(
        async {
            let state = reader(token.as_deref()).await?;
            sharing::report(&state.db, &state.form_versions, id, english, &other).await
        }
        .await,
    )
}

/// Shares (`share = true`) a company's approved report in the library, or withdraws it.
#[server(endpoint = "share_report")]
pub async fn share_report(
    csrf: String,
    event_id: i32,
    campaign_id: i32,
    invitation_id: i32,
    share: bool,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            let actor = Actor::from(&officer);
            let now = state.clock.now();
            if share {
                sharing::share(&state.db, now, &actor, &row, invitation_id).await?;
            } else {
                sharing::withdraw(&state.db, now, &actor, &row, invitation_id).await?;
            }
            leptos_axum::redirect(&format!(
                "/events/{event_id}/campaigns/{campaign_id}/responses/{invitation_id}?saved={}",
                if share { "shared" } else { "withdrawn" }
            ));
            Ok(())
        }
        .await,
    )
}

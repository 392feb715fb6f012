//! The review of one company's response: read it with its history, return it for
//! correction with a comment, or approve it.

use super::review_dto::ResponseReviewDto;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::mail::campaign_of,
    super::respond::respond,
    crate::server::services::audit::Actor,
    crate::server::services::review::{self, Decision},
    crate::server::{
        AppState,
        auth::{require_officer, require_writer_officer},
    },
};

/// One company's response as the officer reads it; `english` words the choices.
#[server(input = GetUrl, endpoint = "response_review")]
pub async fn response_review(
    event_id: i32,
    campaign_id: i32,
    invitation_id: i32,
    english: bool,
    other: String,
) -> Result<ResponseReviewDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            review::page(
                &state.db,
                &state.form_versions,
                &row,
                invitation_id,
                english,
                &other,
            )
            .await
        }
        .await,
    )
}

/// Returns (`decision = "return"`, with a comment) or approves (`"approve"`) the
/// revision the officer read.
#[server(endpoint = "review_response")]
pub async fn review_response(
    csrf: String,
    event_id: i32,
    campaign_id: i32,
    invitation_id: i32,
    revision: i32,
    decision: String,
    comment: Option<String>,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let decision = match decision.as_str() {
                "return" => Decision::Return,
                "approve" => Decision::Approve,
                _ => return Err(AppError::NotFound),
            };
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            review::decide(
                &state.db,
                &state.composer,
                &state.calendar,
                state.clock.now(),
                &Actor::from(&officer),
                &row,
                invitation_id,
                revision,
                decision,
                comment.as_deref().unwrap_or(""),
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/events/{event_id}/campaigns/{campaign_id}/responses/{invitation_id}?saved={}",
                decision.as_code()
            ));
            Ok(())
        }
        .await,
    )
}

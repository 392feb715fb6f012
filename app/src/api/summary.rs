//! The summary of a campaign's answers (its exports are plain downloads served by the
//! server crate, `server::exports`).

use super::summary_dto::{CampaignSummaryDto, QuestionTextsDto, SummaryFilters};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::server::{AppState, auth::require_officer, services::summary},
};

#[server(input = GetUrl, endpoint = "campaign_summary")]
pub async fn campaign_summary(
    event_id: i32,
    campaign_id: i32,
    filters: SummaryFilters,
) -> Result<CampaignSummaryDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            summary::summary(
                &state.db,
                &state.form_versions,
                event_id,
                campaign_id,
                filters,
            )
            .await
        }
        .await,
    )
}

/// One page of a question's texts (or attached files), with the summary's filters.
#[server(input = GetUrl, endpoint = "question_texts")]
pub async fn question_texts(
    event_id: i32,
    campaign_id: i32,
    question: String,
    filters: SummaryFilters,
    page: u32,
) -> Result<QuestionTextsDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            summary::question_texts(
                &state.db,
                &state.form_versions,
                (event_id, campaign_id),
                &question,
                filters,
                page,
            )
            .await
        }
        .await,
    )
}

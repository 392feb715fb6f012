//! Campaigns (依頼) of an event: open one, see the completion board, and manage the
//! personal links of one campaign.

use super::campaign_dto::{CampaignOptionsDto, CampaignPageDto, CompletionBoard};
use crate::domain::campaigns::CampaignInput;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::forms::published_versions,
    super::respond::respond,
    crate::domain::FieldErrors,
    crate::domain::campaigns::{CampaignDraft, TimeOfDay, parse_office_time},
    crate::server::services::audit::Actor,
    crate::server::services::{campaigns, events, roster},
    crate::server::{
        AppState,
        auth::{require_officer, require_writer_officer},
    },
};

#[server(input = GetUrl, endpoint = "campaign_board")]
pub async fn campaign_board(event_id: i32) -> Result<CompletionBoard, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            campaigns::completion_board(&state.db, event_id).await
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "campaign_options")]
pub async fn campaign_options(event_id: i32) -> Result<CampaignOptionsDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let versions = published_versions(&state.db).await?;
            Ok(CampaignOptionsDto {
                versions,
                participants: roster::participants(&state.db, event_id).await?,
                now: state.clock.now(),
            })
        }
        .await,
    )
}

/// Opens a campaign: one personal link for every company asked.
#[server(endpoint = "create_campaign")]
pub async fn create_campaign(
    csrf: String,
    event_id: i32,
    input: CampaignInput,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let draft = CampaignDraft::try_from(&input)?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            let now = state.clock.now();
            let created =
                campaigns::create(&state.db, &state.links, now, &actor, event_id, draft).await?;
            tracing::info!(campaign_id = created.id, event_id, "campaign opened");
            leptos_axum::redirect(&format!(
                "/events/{event_id}/campaigns/{}?saved=created",
                created.id
            ));
            Ok(())
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "campaign")]
pub async fn get_campaign(event_id: i32, campaign_id: i32) -> Result<CampaignPageDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let row = campaigns::get(&state.db, campaign_id).await?;
            if row.event_id != event_id {
                return Err(AppError::NotFound);
            }
            let event = events::get(&state.db, event_id).await?;
            Ok(CampaignPageDto {
                event_name: event.name,
                campaign: campaigns::dto(&state.db, row).await?,
                invitations: campaigns::invitations(&state.db, &state.links, campaign_id).await?,
                base_url: state.base_url.clone(),
            })
        }
        .await,
    )
}

/// A new personal link for one company; its old link stops working at once.
#[server(endpoint = "regenerate_link")]
pub async fn regenerate_link(
    csrf: String,
    event_id: i32,
    campaign_id: i32,
    invitation_id: i32,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            let now = state.clock.now();
            campaigns::regenerate_link(&state.db, &state.links, now, &actor, invitation_id).await?;
            leptos_axum::redirect(&campaign_page(
                event_id,
                campaign_id,
                "regenerated",
                invitation_id,
            ));
            Ok(())
        }
        .await,
    )
}

/// Lets one company answer until `until` (JST, as typed); empty goes back to the
/// campaign's deadline.
#[server(endpoint = "extend_deadline")]
pub async fn extend_deadline(
    csrf: String,
    event_id: i32,
    campaign_id: i32,
    invitation_id: i32,
    until: String,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let until = if until.trim().is_empty() {
                None
            } else {
                Some(
                    parse_office_time(&until, TimeOfDay::EndOfDay)
                        .map_err(|problem| FieldErrors::single("until", problem))?,
                )
            };
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            let now = state.clock.now();
            campaigns::extend_deadline(
                &state.db,
                &state.calendar,
                now,
                &actor,
                invitation_id,
                until,
            )
            .await?;
            leptos_axum::redirect(&campaign_page(
                event_id,
                campaign_id,
                "extended",
                invitation_id,
            ));
            Ok(())
        }
        .await,
    )
}

/// The campaign page, saying what was done, scrolled to the company's row.
#[cfg(feature = "ssr")]
fn campaign_page(event_id: i32, campaign_id: i32, saved: &str, invitation_id: i32) -> String {
    format!("/events/{event_id}/campaigns/{campaign_id}?saved={saved}#invitation-{invitation_id}")
}

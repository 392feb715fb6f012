//! The delivery log of a campaign and one message in full, as sent.

use super::mail_dto::{DeliveryLogDto, MessageDto};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::server::services::{campaigns, mail::log},
    crate::server::{AppState, auth::require_officer},
};

/// Every message of a campaign, newest first.
#[server(input = GetUrl, endpoint = "delivery_log")]
pub async fn delivery_log(event_id: i32, campaign_id: i32) -> Result<DeliveryLogDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let campaign = campaigns::get(&state.db, campaign_id).await?;
            if campaign.event_id != event_id {
                return Err(AppError::NotFound);
            }
            Ok(DeliveryLogDto {
                campaign_title: campaign.title,
                messages: log::for_campaign(&state.db, campaign_id).await?,
            })
        }
        .await,
    )
}

/// One message of a campaign as it was (or will be) sent, with the current link.
#[server(input = GetUrl, endpoint = "delivery_message")]
pub async fn delivery_message(
    event_id: i32,
    campaign_id: i32,
    id: i32,
) -> Result<MessageDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let campaign = campaigns::get(&state.db, campaign_id).await?;
            if campaign.event_id != event_id {
                return Err(AppError::NotFound);
            }
            log::message(&state.db, &state.links, &state.base_url, campaign_id, id).await
        }
        .await,
    )
}

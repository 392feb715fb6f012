//! A campaign's email page (its reminder policy, each company's reminders, the
//! delivery log), one message in full as sent, and what an officer does about reminders.

use super::mail_dto::{DeliveryLogDto, MessageDto};
use crate::domain::mail::ReminderPolicyInput;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::domain::mail::ReminderPolicy,
    crate::server::services::audit::Actor,
    crate::server::services::{
        campaigns,
        mail::{log, reminders},
    },
    crate::server::{
        AppState,
        auth::{require_officer, require_writer_officer},
    },
};

/// A campaign's email page: policy, each company's reminders, every message.
#[server(input = GetUrl, endpoint = "delivery_log")]
pub async fn delivery_log(event_id: i32, campaign_id: i32) -> Result<DeliveryLogDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            reminders::page(&state.db, &state.composer, &state.calendar, &row).await
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
            campaign_of(&state, event_id, campaign_id).await?;
            log::message(&state.db, &state.links, &state.base_url, campaign_id, id).await
        }
        .await,
    )
}

/// Changes a campaign's reminder policy.
#[server(endpoint = "save_reminder_policy")]
pub async fn save_reminder_policy(
    csrf: String,
    event_id: i32,
    campaign_id: i32,
    policy: ReminderPolicyInput,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let parsed = ReminderPolicy::parse(&policy).map_err(AppError::Invalid)?;
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            let actor = Actor::from(&officer);
            reminders::set_policy(
                &state.db,
                &state.calendar,
                state.clock.now(),
                &actor,
                row,
                parsed,
            )
            .await?;
            leptos_axum::redirect(&mail_page(event_id, campaign_id, "policy", None));
            Ok(())
        }
        .await,
    )
}

/// Queues a reminder to one company now.
#[server(endpoint = "remind_now")]
pub async fn remind_now(
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
            let row = campaign_of(&state, event_id, campaign_id).await?;
            let actor = Actor::from(&officer);
            let queued = reminders::remind_now(
                &state.db,
                &state.composer,
                &state.calendar,
                state.clock.now(),
                &actor,
                &row,
                invitation_id,
            )
            .await?;
            let saved = if queued { "reminded" } else { "not_reminded" };
            leptos_axum::redirect(&mail_page(
                event_id,
                campaign_id,
                saved,
                Some(invitation_id),
            ));
            Ok(())
        }
        .await,
    )
}

/// Pauses (`paused = true`) or resumes one company's automatic reminders.
#[server(endpoint = "pause_reminders")]
pub async fn pause_reminders(
    csrf: String,
    event_id: i32,
    campaign_id: i32,
    invitation_id: i32,
    paused: bool,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            let actor = Actor::from(&officer);
            reminders::set_paused(
                &state.db,
                &state.calendar,
                state.clock.now(),
                &actor,
                &row,
                invitation_id,
                paused,
            )
            .await?;
            let saved = if paused { "paused" } else { "resumed" };
            leptos_axum::redirect(&mail_page(
                event_id,
                campaign_id,
                saved,
                Some(invitation_id),
            ));
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub(super) async fn campaign_of(
    state: &AppState,
    event_id: i32,
    campaign_id: i32,
) -> Result<crate::server::entities::campaign::Model, AppError> {
    let row = campaigns::get(&state.db, campaign_id).await?;
    if row.event_id != event_id {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// The email page, saying what was done, scrolled to the company's row.
#[cfg(feature = "ssr")]
fn mail_page(event_id: i32, campaign_id: i32, saved: &str, invitation_id: Option<i32>) -> String {
    let anchor = invitation_id
        .map(|id| format!("#reminders-{id}"))
        .unwrap_or_default();
    format!("/events/{event_id}/campaigns/{campaign_id}/mail?saved={saved}{anchor}")
}

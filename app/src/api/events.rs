//! Events: list, read, create, edit, archive.

use super::dto::{EventDto, ParticipantDto};
use crate::domain::EventInput;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::domain::EventDraft,
    crate::server::{
        AppState,
        auth::require_officer,
        services::{events, roster},
    },
};

#[server(input = GetUrl, endpoint = "events")]
pub async fn list_events(include_archived: bool) -> Result<Vec<EventDto>, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let rows = events::list(&state.db, include_archived).await?;
            let counts = roster::counts_by_event(&state.db).await?;
            Ok(rows
                .into_iter()
                .map(|row| {
                    let participants = counts.get(&row.id).copied().unwrap_or(0);
                    EventDto {
                        participants,
                        ..row.into()
                    }
                })
                .collect())
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "event")]
pub async fn get_event(id: i32) -> Result<EventDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            Ok(events::get(&state.db, id).await?.into())
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "participants")]
pub async fn list_participants(event_id: i32) -> Result<Vec<ParticipantDto>, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            roster::participants(&state.db, event_id).await
        }
        .await,
    )
}

#[server(endpoint = "create_event")]
pub async fn create_event(csrf: String, input: EventInput) -> Result<EventDto, AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            require_officer().await?.require_writer()?;
            let draft = EventDraft::try_from(&input)?;
            let state = AppState::from_context()?;
            let created = events::create(&state.db, draft).await?;
            tracing::info!(event_id = created.id, "event created");
            leptos_axum::redirect(&format!("/events/{}", created.id));
            Ok(created.into())
        }
        .await,
    )
}

#[server(endpoint = "update_event")]
pub async fn update_event(csrf: String, id: i32, input: EventInput) -> Result<EventDto, AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            require_officer().await?.require_writer()?;
            let draft = EventDraft::try_from(&input)?;
            let state = AppState::from_context()?;
            let updated = events::update(&state.db, id, draft).await?;
            leptos_axum::redirect(&format!("/events/{}?saved=1", updated.id));
            Ok(updated.into())
        }
        .await,
    )
}

#[server(endpoint = "archive_event")]
pub async fn archive_event(csrf: String, id: i32, archived: bool) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            require_officer().await?.require_writer()?;
            let state = AppState::from_context()?;
            events::set_archived(&state.db, id, archived).await?;
            leptos_axum::redirect(&format!("/events/{id}"));
            Ok(())
        }
        .await,
    )
}

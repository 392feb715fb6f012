//! A campaign's own wording of its messages: the editor (with a preview for a real
//! company), saving it and going back to the built-in wording.

use super::mail_dto::TemplateEditorDto;
use crate::domain::mail::MailTemplateInput;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::mail::campaign_of,
    super::respond::respond,
    crate::domain::mail::Purpose,
    crate::server::services::audit::Actor,
    crate::server::services::mail::templates::{self, PreviewRequest},
    crate::server::{
        AppState,
        auth::{require_officer, require_writer_officer},
    },
};

#[cfg(feature = "ssr")]
fn purpose_of(code: &str) -> Result<Purpose, AppError> {
    Purpose::parse(code)
        .filter(|purpose| Purpose::EDITABLE.contains(purpose))
        .ok_or(AppError::NotFound)
}

/// The editor of one kind of message. `preview` holds the typed wording to render for
/// `company_id` (else the first invited company); nothing is saved.
#[server(input = GetUrl, endpoint = "mail_template")]
pub async fn mail_template(
    event_id: i32,
    campaign_id: i32,
    purpose: String,
    preview: Option<MailTemplateInput>,
    company_id: Option<i32>,
) -> Result<TemplateEditorDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let purpose = purpose_of(&purpose)?;
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            let preview = preview.map(|template| PreviewRequest {
                template,
                company_id,
            });
            templates::editor(
                &state.db,
                &state.composer,
                &state.links,
                &state.base_url,
                &row,
                purpose,
                preview,
            )
            .await
        }
        .await,
    )
}

/// Stores a campaign's wording of one kind of message.
#[server(endpoint = "save_mail_template")]
pub async fn save_mail_template(
    csrf: String,
    event_id: i32,
    campaign_id: i32,
    purpose: String,
    template: MailTemplateInput,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let purpose = purpose_of(&purpose)?;
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            let actor = Actor::from(&officer);
            let now = state.clock.now();
            templates::save(
                &state.db,
                &state.composer,
                now,
                &actor,
                &row,
                purpose,
                &template,
            )
            .await?;
            leptos_axum::redirect(&editor_page(event_id, campaign_id, purpose, "saved"));
            Ok(())
        }
        .await,
    )
}

/// Goes back to the built-in wording of one kind of message.
#[server(endpoint = "reset_mail_template")]
pub async fn reset_mail_template(
    csrf: String,
    event_id: i32,
    campaign_id: i32,
    purpose: String,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let purpose = purpose_of(&purpose)?;
            let state = AppState::from_context()?;
            let row = campaign_of(&state, event_id, campaign_id).await?;
            let actor = Actor::from(&officer);
            templates::reset(
                &state.db,
                &state.composer,
                state.clock.now(),
                &actor,
                &row,
                purpose,
            )
            .await?;
            leptos_axum::redirect(&editor_page(event_id, campaign_id, purpose, "reset"));
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn editor_page(event_id: i32, campaign_id: i32, purpose: Purpose, saved: &str) -> String {
    format!(
        "/events/{event_id}/campaigns/{campaign_id}/mail/templates/{}?saved={saved}",
        purpose.as_code()
    )
}

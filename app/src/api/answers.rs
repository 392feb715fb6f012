//! The company's side: what the answer page and the receipt page of a personal link
//! show. Saving goes through a plain form post to `/a/{token}` (server/src/answer_post.rs),
//! which works without JavaScript; these only read.

use crate::domain::FieldErrors;
use crate::domain::campaigns::{AnswerWindow, InvitationStatus, WindowState};
use crate::domain::forms::{Answers, FormDefinition, RawAnswers};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Why the page is shown again after a post, for the banner at its top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    DraftSaved,
    /// Some answers cannot be saved; see the errors beside them.
    Invalid,
    /// The page was too old to send (its security token did not match); nothing saved.
    Expired,
    /// The deadline passed before the form was sent; nothing saved.
    Closed,
    /// Another contact of the company saved in between; nothing saved.
    Conflict,
    /// A draft cannot replace answers already submitted.
    AlreadySubmitted,
}

/// What a refused post hands to the page it renders again: everything typed, and why.
/// Provided as context by the post handler; absent on a plain visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerEcho {
    pub raw: RawAnswers,
    pub errors: FieldErrors,
    pub notice: Notice,
    /// The revision the resent form is based on (the newer one after a conflict).
    pub base_revision: i32,
    /// After a conflict: what the other contact saved.
    pub saved_by_other: Option<Answers>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerPageDto {
    pub token: String,
    pub company: String,
    pub event: String,
    pub campaign: String,
    pub definition: FormDefinition,
    pub window: AnswerWindow,
    pub window_state: WindowState,
    pub status: InvitationStatus,
    /// The values in the form: the saved answers, or what a refused post sent.
    pub raw: RawAnswers,
    pub errors: FieldErrors,
    pub notice: Option<Notice>,
    pub saved_by_other: Option<Answers>,
    pub base_revision: i32,
    /// Unique to this page view: a repeated post of it is recognised.
    pub save_key: String,
    pub receipt: Option<String>,
    /// The officer's comment while the answers stand returned for correction.
    pub returned_comment: Option<String>,
    pub csrf: String,
}

impl AnswerPageDto {
    pub fn submitted(&self) -> bool {
        self.status.counts_as_submitted()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptDto {
    pub token: String,
    pub company: String,
    pub event: String,
    pub campaign: String,
    pub definition: FormDefinition,
    pub answers: Answers,
    pub receipt: String,
    pub submitted_at: DateTime<Utc>,
    pub window: AnswerWindow,
    pub can_edit: bool,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::server::AppState;
    use crate::server::services::answering::{self, Opened};

    /// The invitation of a token, counting wrong tokens against the visitor's address.
    pub async fn opened(token: &str, mark_opened: bool) -> Result<(AppState, Opened), AppError> {
        use axum::extract::ConnectInfo;
        use std::net::SocketAddr;

        let state = AppState::from_context()?;
        let address = leptos_axum::extract::<ConnectInfo<SocketAddr>>()
            .await
            .ok()
            .map(|ConnectInfo(addr)| addr.ip());
        if !state.link_throttle.may_try(address) {
            return Err(AppError::TooManyAttempts);
        }
        let now = state.clock.now();
        let found = if mark_opened {
            answering::open(&state.db, &state.form_versions, now, token).await
        } else {
            answering::find(&state.db, &state.form_versions, token).await
        };
        match found {
            Ok(opened) => Ok((state, opened)),
            Err(AppError::NotFound) => {
                state.link_throttle.wrong(address);
                Err(AppError::NotFound)
            }
            Err(error) => Err(error),
        }
    }

    pub fn new_save_key() -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>())
    }
}

#[cfg(feature = "ssr")]
pub use server::opened;

#[server(input = GetUrl, endpoint = "answer_page")]
pub async fn load_answer_page(token: String) -> Result<AnswerPageDto, AppError> {
    crate::api::respond::respond(
        async {
            let (state, opened) = server::opened(&token, true).await?;
            let echo = use_context::<AnswerEcho>();
            let now = state.clock.now();
            let window = opened.window();
            let (raw, errors, notice, base_revision, saved_by_other) = match echo {
                Some(echo) => (
                    echo.raw,
                    echo.errors,
                    Some(echo.notice),
                    echo.base_revision,
                    echo.saved_by_other,
                ),
                None => (
                    opened.answers()?.to_raw(),
                    FieldErrors::default(),
                    None,
                    opened.revision(),
                    None,
                ),
            };
            Ok(AnswerPageDto {
                csrf: state.links.bind("answer", &token),
                token,
                company: opened.company.clone(),
                event: opened.event.clone(),
                campaign: opened.campaign.title.clone(),
                definition: opened.version.definition.clone(),
                window,
                window_state: window.state(now),
                status: opened.status(),
                raw,
                errors,
                notice,
                saved_by_other,
                base_revision,
                save_key: server::new_save_key(),
                receipt: opened.response.as_ref().and_then(|row| row.receipt.clone()),
                returned_comment: crate::server::services::review::open_comment(
                    &state.db,
                    &opened.invitation,
                )
                .await?,
            })
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "answer_receipt")]
pub async fn load_receipt(token: String) -> Result<ReceiptDto, AppError> {
    crate::api::respond::respond(
        async {
            let (state, opened) = server::opened(&token, false).await?;
            let response = opened.response.clone().ok_or(AppError::NotFound)?;
            let (Some(receipt), Some(submitted_at)) =
                (response.receipt.clone(), response.submitted_at)
            else {
                return Err(AppError::NotFound);
            };
            let window = opened.window();
            Ok(ReceiptDto {
                token,
                company: opened.company.clone(),
                event: opened.event.clone(),
                campaign: opened.campaign.title.clone(),
                definition: opened.version.definition.clone(),
                answers: opened.answers()?,
                receipt,
                submitted_at,
                window,
                can_edit: window.state(state.clock.now()) == WindowState::Open,
            })
        }
        .await,
    )
}

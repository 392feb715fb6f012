//! What every request handler and server function can reach.

use super::clock::Clock;
use super::links::LinkKey;
use super::services::answering::{FormVersionCache, SaveQueue};
use super::services::roster::import::Storage;
use super::throttle::{LinkThrottle, LoginThrottle};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub login_throttle: Arc<LoginThrottle>,
    /// The time: the system clock, or a test's manual clock.
    pub clock: Clock,
    /// Where uploaded rosters are kept, and the limits of the spreadsheet reader.
    pub roster_files: Storage,
    /// Where files attached to answers are kept, and how large they may be.
    pub attachments: super::services::attachments::Attachments,
    /// Turns invitation seeds into the tokens of personal links.
    pub links: LinkKey,
    pub link_throttle: Arc<LinkThrottle>,
    /// Companies' saves, committed in groups (see `answering::SaveQueue`).
    pub saves: SaveQueue,
    /// The published form versions of `db`, shared with `saves`.
    pub form_versions: FormVersionCache,
    /// The site's public address (`KOTAE_BASE_URL`) without a trailing slash: what goes
    /// before a path in a link shown to an officer or sent by email.
    pub base_url: String,
    /// Renders the emails services queue.
    pub composer: super::services::mail::Composer,
    /// The office's business days, for reminder schedules.
    pub calendar: Arc<kotae_domain::mail::BusinessCalendar>,
}

impl AppState {
    /// The state provided to server functions as Leptos context.
    pub fn from_context() -> Result<Self, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            crate::error::AppError::internal("AppState missing", "no context provided")
        })
    }
}

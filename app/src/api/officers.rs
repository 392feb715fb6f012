//! Officer administration (admins only).

use super::dto::OfficerDto;
use crate::domain::NewOfficerInput;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::domain::{NewOfficer, Role},
    crate::server::{
        AppState,
        auth::require_officer,
        services::{audit::Actor, officers},
    },
};

#[server(input = GetUrl, endpoint = "officers")]
pub async fn list_officers() -> Result<Vec<OfficerDto>, AppError> {
    respond(
        async {
            require_officer().await?.require_admin()?;
            let state = AppState::from_context()?;
            let rows = officers::list(&state.db).await?;
            Ok(rows.into_iter().map(Into::into).collect())
        }
        .await,
    )
}

#[server(endpoint = "create_officer")]
pub async fn create_officer(csrf: String, input: NewOfficerInput) -> Result<OfficerDto, AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let admin = require_officer().await?;
            admin.require_admin()?;
            let new = NewOfficer::try_from(&input)?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&admin);
            let created = officers::create(&state.db, new, &actor, state.clock.now()).await?;
            tracing::info!(officer_id = created.id, "officer created");
            leptos_axum::redirect("/admin/officers");
            Ok(created.into())
        }
        .await,
    )
}

#[server(endpoint = "set_officer_role")]
pub async fn set_officer_role(csrf: String, id: i32, role: String) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let admin = require_officer().await?;
            admin.require_admin()?;
            let role = Role::parse(&role).map_err(|p| AppError::field("role", p))?;
            let state = AppState::from_context()?;
            officers::set_role(&state.db, id, role, &(&admin).into(), state.clock.now()).await?;
            tracing::info!(
                by = admin.id,
                officer_id = id,
                role = role.as_str(),
                "role changed"
            );
            leptos_axum::redirect("/admin/officers");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "set_officer_active")]
pub async fn set_officer_active(csrf: String, id: i32, active: bool) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let admin = require_officer().await?;
            admin.require_admin()?;
            let state = AppState::from_context()?;
            officers::set_active(&state.db, id, active, &(&admin).into(), state.clock.now())
                .await?;
            tracing::info!(
                by = admin.id,
                officer_id = id,
                active,
                "officer enabled/disabled"
            );
            leptos_axum::redirect("/admin/officers");
            Ok(())
        }
        .await,
    )
}

//! Forms (questionnaires): list, read, create from a template, copy, publish.

use super::form_dto::{FormDto, FormRowDto};
use crate::domain::forms::builder::BuilderInput;
use crate::domain::forms::templates::Template;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::form_dto::{FormVersionDto, PublishedVersionDto},
    super::respond::respond,
    crate::domain::forms::FormDefinition,
    crate::domain::forms::builder::BuilderOp,
    crate::server::services::audit::Actor,
    crate::server::services::forms::{self, Version},
    crate::server::{
        AppState,
        auth::{require_officer, require_writer_officer},
    },
};

#[server(input = GetUrl, endpoint = "forms")]
pub async fn list_forms(include_archived: bool) -> Result<Vec<FormRowDto>, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let mut rows = Vec::new();
            // One query per form for its newest version: an office keeps tens of forms.
            for form in forms::list(&state.db, include_archived).await? {
                let newest = forms::latest(&state.db, form.id).await?;
                rows.push(FormRowDto {
                    id: form.id,
                    title: form.title,
                    version: newest.row.version,
                    published: newest.is_published(),
                    archived: form.archived,
                    updated_at: form.updated_at,
                });
            }
            Ok(rows)
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "form")]
pub async fn get_form(id: i32) -> Result<FormDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let form = forms::get(&state.db, id).await?;
            let versions = forms::versions(&state.db, id).await?;
            let definition = versions
                .last()
                .map(|v| v.definition.clone())
                .ok_or(AppError::NotFound)?;
            Ok(FormDto {
                id: form.id,
                title: form.title,
                archived: form.archived,
                problems: forms::problems(&definition),
                definition,
                versions: versions.iter().map(version_dto).collect(),
            })
        }
        .await,
    )
}

#[server(endpoint = "create_form")]
pub async fn create_form(csrf: String, template: Template) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            let form =
                forms::create_from_template(&state.db, state.clock.now(), &actor, template).await?;
            leptos_axum::redirect(&format!("/forms/{}", form.id));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "copy_form")]
pub async fn copy_form(csrf: String, id: i32) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            let copy = forms::copy(&state.db, state.clock.now(), &actor, id).await?;
            leptos_axum::redirect(&format!("/forms/{}?saved=copied", copy.id));
            Ok(())
        }
        .await,
    )
}

/// Publishes the newest version, which then never changes again.
#[server(endpoint = "publish_form")]
pub async fn publish_form(csrf: String, id: i32) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            forms::publish(&state.db, state.clock.now(), &actor, id).await?;
            leptos_axum::redirect(&format!("/forms/{id}?saved=published"));
            Ok(())
        }
        .await,
    )
}

/// Saves the builder's form after applying the edit its button asks for (`op`, with
/// `add_kind` for "add"): into the newest version while it is a draft, otherwise into a
/// new version. Refused with the problems of the definition when it cannot be used.
#[server(endpoint = "save_form")]
pub async fn save_form(
    csrf: String,
    id: i32,
    input: BuilderInput,
    op: String,
    add_kind: String,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            require_writer_officer().await?;
            let op = BuilderOp::parse(&op, &add_kind)
                .map_err(|problem| AppError::field("op", problem))?;
            let mut input = input;
            let shown = op.apply(&mut input);
            let definition = FormDefinition::try_from(&input)?;
            let state = AppState::from_context()?;
            forms::save(&state.db, state.clock.now(), id, &definition).await?;
            let anchor = shown.map(|at| format!("#item-{at}")).unwrap_or_default();
            leptos_axum::redirect(&format!("/forms/{id}/edit?saved=saved{anchor}"));
            Ok(())
        }
        .await,
    )
}

/// The published versions of the forms in use, newest first: what a campaign can send.
#[cfg(feature = "ssr")]
pub(crate) async fn published_versions(
    db: &sea_orm::DatabaseConnection,
) -> Result<Vec<PublishedVersionDto>, AppError> {
    Ok(forms::published_versions(db)
        .await?
        .into_iter()
        .filter_map(|(form, version)| {
            Some(PublishedVersionDto {
                version_id: version.row.id,
                form_id: form.id,
                title: version.definition.title.ja.clone(),
                version: version.row.version,
                published_at: version.row.published_at?,
            })
        })
        .collect())
}

#[cfg(feature = "ssr")]
fn version_dto(version: &Version) -> FormVersionDto {
    FormVersionDto {
        id: version.row.id,
        version: version.row.version,
        published_at: version.row.published_at,
        updated_at: version.row.updated_at,
    }
}

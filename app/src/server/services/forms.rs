//! Forms and their versions. An officer edits the newest version while it is a draft;
//! publishing freezes it, and the next edit starts a new version, so the answers to a
//! version always meet the questions they answered.

use super::audit::{self, Action, Actor};
use crate::domain::forms::templates::Template;
use crate::domain::forms::{DefinitionProblem, FormDefinition};
use crate::error::AppError;
use crate::server::entities::{form, form_version};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

const TITLE_MAX_CHARS: usize = 200;

/// A version with its definition read.
#[derive(Debug, Clone)]
pub struct Version {
    pub row: form_version::Model,
    pub definition: FormDefinition,
}

impl Version {
    pub fn is_published(&self) -> bool {
        self.row.published_at.is_some()
    }
}

fn read(row: form_version::Model) -> Result<Version, AppError> {
    let definition = serde_json::from_str(&row.definition).map_err(|error| {
        AppError::internal(&format!("form version {} does not parse", row.id), error)
    })?;
    Ok(Version { row, definition })
}

fn to_json(definition: &FormDefinition) -> Result<String, AppError> {
    serde_json::to_string(definition).map_err(|error| AppError::internal("form to JSON", error))
}

fn title_of(definition: &FormDefinition) -> String {
    definition
        .title
        .ja
        .trim()
        .chars()
        .take(TITLE_MAX_CHARS)
        .collect()
}

/// Forms, newest first; archived ones only when asked for.
pub async fn list(
    db: &DatabaseConnection,
    include_archived: bool,
) -> Result<Vec<form::Model>, AppError> {
    let mut query = form::Entity::find();
    if !include_archived {
        query = query.filter(form::Column::Archived.eq(false));
    }
    Ok(query
        .order_by_desc(form::Column::UpdatedAt)
        .order_by_desc(form::Column::Id)
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<form::Model, AppError> {
    form::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every version of a form, oldest first.
pub async fn versions(db: &impl ConnectionTrait, form_id: i32) -> Result<Vec<Version>, AppError> {
    form_version::Entity::find()
        .filter(form_version::Column::FormId.eq(form_id))
        .order_by_asc(form_version::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(read)
        .collect()
}

/// The newest version: the draft being edited, or the last published one.
pub async fn latest(db: &impl ConnectionTrait, form_id: i32) -> Result<Version, AppError> {
    let row = form_version::Entity::find()
        .filter(form_version::Column::FormId.eq(form_id))
        .order_by_desc(form_version::Column::Version)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    read(row)
}

pub async fn version(db: &impl ConnectionTrait, version_id: i32) -> Result<Version, AppError> {
    let row = form_version::Entity::find_by_id(version_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    read(row)
}

/// Published versions of forms not archived, newest first: what a campaign can send.
pub async fn published_versions(
    db: &DatabaseConnection,
) -> Result<Vec<(form::Model, Version)>, AppError> {
    let forms = list(db, false).await?;
    let mut out = Vec::new();
    for form in forms {
        for version in versions(db, form.id).await?.into_iter().rev() {
            if version.is_published() {
                out.push((form.clone(), version));
            }
        }
    }
    Ok(out)
}

/// A new form holding `definition` as its first, unpublished version.
pub async fn create(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    definition: &FormDefinition,
    template: Option<Template>,
) -> Result<form::Model, AppError> {
    check(definition)?;
    let txn = db.begin().await?;
    let form = form::ActiveModel {
        title: Set(title_of(definition)),
        template: Set(template.map(template_code).unwrap_or_default().to_owned()),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    form_version::ActiveModel {
        form_id: Set(form.id),
        version: Set(1),
        definition: Set(to_json(definition)?),
        published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        actor,
        Action::FormCreated,
        &format!("form {}", form.id),
        json!({ "title": form.title, "template": form.template }),
    )
    .await?;
    txn.commit().await?;
    Ok(form)
}

pub fn template_code(template: Template) -> &'static str {
    match template {
        Template::AfterExhibit => "after_exhibit",
        Template::SeminarReport => "seminar_report",
    }
}

/// A new form from a built-in template.
pub async fn create_from_template(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    template: Template,
) -> Result<form::Model, AppError> {
    create(db, now, actor, &template.definition(), Some(template)).await
}

/// A new form with the newest version's questions, titled as a copy.
pub async fn copy(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    form_id: i32,
) -> Result<form::Model, AppError> {
    let source = get(db, form_id).await?;
    let mut definition = latest(db, form_id).await?.definition;
    definition.title.ja = format!("{}（コピー）", definition.title.ja);
    if let Some(en) = definition.title.en.as_mut() {
        *en = format!("{en} (copy)");
    }
    let template = Template::ALL
        .into_iter()
        .find(|template| template_code(*template) == source.template);
    create(db, now, actor, &definition, template).await
}

fn check(definition: &FormDefinition) -> Result<(), AppError> {
    definition.check().map_err(AppError::InvalidForm)
}

/// Saves an edited definition: into the newest version while it is a draft, otherwise
/// into a new version after it. Returns the version edited.
pub async fn save(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    form_id: i32,
    definition: &FormDefinition,
) -> Result<Version, AppError> {
    check(definition)?;
    let txn = db.begin().await?;
    let form = get(&txn, form_id).await?;
    let newest = latest(&txn, form_id).await?;
    let row = if newest.is_published() {
        form_version::ActiveModel {
            form_id: Set(form_id),
            version: Set(newest.row.version + 1),
            definition: Set(to_json(definition)?),
            published_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?
    } else {
        let mut row: form_version::ActiveModel = newest.row.into();
        row.definition = Set(to_json(definition)?);
        row.updated_at = Set(now);
        row.update(&txn).await?
    };
    let mut form: form::ActiveModel = form.into();
    form.title = Set(title_of(definition));
    form.updated_at = Set(now);
    form.update(&txn).await?;
    txn.commit().await?;
    read(row)
}

/// Publishes the newest version if it is a draft; publishing a form whose newest version
/// is already published changes nothing.
pub async fn publish(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    actor: &Actor,
    form_id: i32,
) -> Result<Version, AppError> {
    let txn = db.begin().await?;
    let newest = latest(&txn, form_id).await?;
    if newest.is_published() {
        return Ok(newest);
    }
    check(&newest.definition)?;
    let number = newest.row.version;
    let mut row: form_version::ActiveModel = newest.row.into();
    row.published_at = Set(Some(now));
    row.updated_at = Set(now);
    let row = row.update(&txn).await?;
    audit::record(
        &txn,
        now,
        actor,
        Action::FormPublished,
        &format!("form {form_id}"),
        json!({ "version": number }),
    )
    .await?;
    txn.commit().await?;
    read(row)
}

pub async fn set_archived(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    form_id: i32,
    archived: bool,
) -> Result<(), AppError> {
    let mut row: form::ActiveModel = get(db, form_id).await?.into();
    row.archived = Set(archived);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// The problems of a definition, for pages that show them before saving.
pub fn problems(definition: &FormDefinition) -> Vec<DefinitionProblem> {
    definition.check().err().unwrap_or_default()
}

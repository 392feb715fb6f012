//! Events: list, create, edit, archive.

use crate::domain::EventDraft;
use crate::error::AppError;
use crate::server::entities::event;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

/// Events, newest first. Archived events only when asked for.
pub async fn list(
    db: &DatabaseConnection,
    include_archived: bool,
) -> Result<Vec<event::Model>, AppError> {
    let mut query = event::Entity::find();
    if !include_archived {
        query = query.filter(event::Column::ArchivedAt.is_null());
    }
    Ok(query
        .order_by_desc(event::Column::StartDate)
        .order_by_asc(event::Column::Name)
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<event::Model, AppError> {
    event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

fn apply(row: &mut event::ActiveModel, draft: EventDraft) {
    row.fiscal_year = Set(draft.fiscal_year().start_year());
    row.name = Set(draft.name);
    row.kind = Set(draft.kind.as_str().to_owned());
    row.venue = Set(draft.venue);
    row.start_date = Set(draft.start_date);
    row.end_date = Set(draft.end_date);
    row.notes = Set(draft.notes);
    row.updated_at = Set(Utc::now());
}

pub async fn create(db: &DatabaseConnection, draft: EventDraft) -> Result<event::Model, AppError> {
    let mut row = event::ActiveModel {
        archived_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    apply(&mut row, draft);
    Ok(row.insert(db).await?)
}

pub async fn update(
    db: &DatabaseConnection,
    id: i32,
    draft: EventDraft,
) -> Result<event::Model, AppError> {
    let mut row: event::ActiveModel = get(db, id).await?.into();
    apply(&mut row, draft);
    Ok(row.update(db).await?)
}

/// Archives (hides from the default list) or restores an event. Nothing is deleted:
/// answers collected for an archived event stay in the fiscal-year totals.
pub async fn set_archived(
    db: &DatabaseConnection,
    id: i32,
    archived: bool,
) -> Result<(), AppError> {
    let mut row: event::ActiveModel = get(db, id).await?.into();
    row.archived_at = Set(archived.then(Utc::now));
    row.updated_at = Set(Utc::now());
    row.update(db).await?;
    Ok(())
}

//! Officer accounts: create, authenticate, change role, enable and disable. Every
//! change is written to the audit log in the transaction that makes it.

use crate::domain::{FieldErrors, NewOfficer, Problem, Role};
use crate::error::AppError;
use crate::server::auth::{hash_password, verify_password};
use crate::server::entities::officer;
use crate::server::services::audit::{self, Action, Actor};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, SqlErr, TransactionTrait,
};
use serde_json::json;

pub async fn list(db: &DatabaseConnection) -> Result<Vec<officer::Model>, AppError> {
    Ok(officer::Entity::find()
        .order_by_asc(officer::Column::Email)
        .all(db)
        .await?)
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<officer::Model>, AppError> {
    Ok(officer::Entity::find()
        .filter(officer::Column::Email.eq(email))
        .one(db)
        .await?)
}

/// Adds an officer and records who added them, in one transaction.
pub async fn create(
    db: &DatabaseConnection,
    new: NewOfficer,
    actor: &Actor,
    at: DateTime<Utc>,
) -> Result<officer::Model, AppError> {
    if find_by_email(db, new.email.as_str()).await?.is_some() {
        return Err(AppError::field("email", Problem::EmailTaken));
    }
    let password_hash = hash_password(new.password.expose().to_owned()).await?;
    let row = officer::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        name: Set(new.name),
        role: Set(new.role.as_str().to_owned()),
        password_hash: Set(password_hash),
        active: Set(true),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    };
    let txn = db.begin().await?;
    let created = row
        .insert(&txn)
        .await
        .map_err(|error| match error.sql_err() {
            // Two admins adding the same address at once: the second sees a field error.
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                AppError::Invalid(FieldErrors::single("email", Problem::EmailTaken))
            }
            _ => AppError::internal("inserting officer", error),
        })?;
    audit::record(
        &txn,
        at,
        actor,
        Action::OfficerCreated,
        &created.email,
        json!({ "name": created.name, "role": created.role }),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// The active officer with this e-mail and password, or `None`. Deliberately does not
/// say which of the two was wrong.
pub async fn authenticate(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
) -> Result<Option<officer::Model>, AppError> {
    let found = find_by_email(db, &email.trim().to_lowercase()).await?;
    let stored_hash = found.as_ref().map(|o| o.password_hash.clone());
    let password_ok = verify_password(password.to_owned(), stored_hash).await?;
    Ok(found.filter(|officer| password_ok && officer.active))
}

async fn other_active_admins(db: &impl ConnectionTrait, except: i32) -> Result<u64, AppError> {
    Ok(officer::Entity::find()
        .filter(officer::Column::Role.eq(Role::Admin.as_str()))
        .filter(officer::Column::Active.eq(true))
        .filter(officer::Column::Id.ne(except))
        .count(db)
        .await?)
}

async fn load(db: &impl ConnectionTrait, id: i32) -> Result<officer::Model, AppError> {
    officer::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Changes an officer's role and records the old and new role. Refuses to demote the
/// last active admin, so the office can never lock itself out of officer management.
/// Choosing the role the officer already has changes and records nothing.
pub async fn set_role(
    db: &DatabaseConnection,
    id: i32,
    role: Role,
    actor: &Actor,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let current = load(&txn, id).await?;
    if current.role == role.as_str() {
        return Ok(());
    }
    if current.role == Role::Admin.as_str()
        && current.active
        && other_active_admins(&txn, id).await? == 0
    {
        return Err(AppError::LastAdmin);
    }
    let (email, old_role) = (current.email.clone(), current.role.clone());
    let mut row: officer::ActiveModel = current.into();
    row.role = Set(role.as_str().to_owned());
    row.updated_at = Set(at);
    row.update(&txn).await?;
    audit::record(
        &txn,
        at,
        actor,
        Action::OfficerRoleChanged,
        &email,
        json!({ "from": old_role, "to": role.as_str() }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Enables or disables an account and records it. A disabled officer cannot sign in
/// and their open sessions stop working. The last active admin cannot be disabled.
/// Setting the state the account already has changes and records nothing.
pub async fn set_active(
    db: &DatabaseConnection,
    id: i32,
    active: bool,
    actor: &Actor,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let current = load(&txn, id).await?;
    if current.active == active {
        return Ok(());
    }
    if !active && current.role == Role::Admin.as_str() && other_active_admins(&txn, id).await? == 0
    {
        return Err(AppError::LastAdmin);
    }
    let email = current.email.clone();
    let mut row: officer::ActiveModel = current.into();
    row.active = Set(active);
    row.updated_at = Set(at);
    row.update(&txn).await?;
    let action = if active {
        Action::OfficerEnabled
    } else {
        Action::OfficerDisabled
    };
    audit::record(&txn, at, actor, action, &email, json!({})).await?;
    txn.commit().await?;
    Ok(())
}

//! Contacts of a company: add, edit, and the one primary contact.

use super::{Change, find, note, subject};
use crate::domain::{ContactDraft, Problem};
use crate::error::AppError;
use crate::server::entities::contact;
use crate::server::services::audit::{self, Action};
use crate::server::services::mail::outbox;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::{Map, Value, json};

/// Whether another contact of the company has this address.
async fn email_taken(
    txn: &impl ConnectionTrait,
    company_id: i32,
    email: &str,
    except: Option<i32>,
) -> Result<bool, AppError> {
    let mut query = contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(company_id))
        .filter(contact::Column::Email.eq(email));
    if let Some(id) = except {
        query = query.filter(contact::Column::Id.ne(id));
    }
    Ok(query.one(txn).await?.is_some())
}

/// Adds a contact. The first contact of a company becomes its primary contact.
pub async fn add_contact(
    db: &DatabaseConnection,
    change: Change<'_>,
    company_id: i32,
    draft: ContactDraft,
) -> Result<contact::Model, AppError> {
    let txn = db.begin().await?;
    find(&txn, company_id).await?;
    if email_taken(&txn, company_id, draft.email.as_str(), None).await? {
        return Err(AppError::field("email", Problem::EmailTaken));
    }
    let first = contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(company_id))
        .count(&txn)
        .await?
        == 0;
    let added = contact::ActiveModel {
        company_id: Set(company_id),
        name: Set(draft.name),
        department: Set(draft.department),
        email: Set(draft.email.as_str().to_owned()),
        phone: Set(draft.phone),
        is_primary: Set(first),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        change.at,
        change.actor,
        Action::ContactUpdated,
        &subject(company_id),
        json!({
            "contact": added.id,
            "added": { "name": added.name, "department": added.department,
                       "email": added.email, "phone": added.phone },
        }),
    )
    .await?;
    outbox::readdress(&txn, change.cc_others, company_id, change.at).await?;
    txn.commit().await?;
    Ok(added)
}

/// Edits a contact of a company.
pub async fn update_contact(
    db: &DatabaseConnection,
    change: Change<'_>,
    contact_id: i32,
    draft: ContactDraft,
) -> Result<contact::Model, AppError> {
    let txn = db.begin().await?;
    let old = contact::Entity::find_by_id(contact_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let company_id = old.company_id;
    if email_taken(&txn, company_id, draft.email.as_str(), Some(contact_id)).await? {
        return Err(AppError::field("email", Problem::EmailTaken));
    }
    let mut changes = Map::new();
    note(&mut changes, "name", json!(old.name), json!(draft.name));
    note(
        &mut changes,
        "department",
        json!(old.department),
        json!(draft.department),
    );
    note(
        &mut changes,
        "email",
        json!(old.email),
        json!(draft.email.as_str()),
    );
    note(&mut changes, "phone", json!(old.phone), json!(draft.phone));
    let mut row: contact::ActiveModel = old.into();
    row.name = Set(draft.name);
    row.department = Set(draft.department);
    row.email = Set(draft.email.as_str().to_owned());
    row.phone = Set(draft.phone);
    let updated = row.update(&txn).await?;
    if !changes.is_empty() {
        changes.insert("contact".into(), json!(contact_id));
        audit::record(
            &txn,
            change.at,
            change.actor,
            Action::ContactUpdated,
            &subject(company_id),
            Value::Object(changes),
        )
        .await?;
    }
    // Messages refused for the old address go out again to the new one.
    outbox::readdress(&txn, change.cc_others, company_id, change.at).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Makes one contact the primary contact of its company; every other contact of the
/// company stops being primary, in the same transaction.
pub async fn set_primary(
    db: &DatabaseConnection,
    change: Change<'_>,
    contact_id: i32,
) -> Result<contact::Model, AppError> {
    let txn = db.begin().await?;
    let chosen = contact::Entity::find_by_id(contact_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let company_id = chosen.company_id;
    let previous: Vec<i32> = contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(company_id))
        .filter(contact::Column::IsPrimary.eq(true))
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    contact::Entity::update_many()
        .col_expr(contact::Column::IsPrimary, Expr::value(false))
        .filter(contact::Column::CompanyId.eq(company_id))
        .filter(contact::Column::Id.ne(contact_id))
        .exec(&txn)
        .await?;
    let mut row: contact::ActiveModel = chosen.into();
    row.is_primary = Set(true);
    let updated = row.update(&txn).await?;
    if previous != [contact_id] {
        audit::record(
            &txn,
            change.at,
            change.actor,
            Action::ContactUpdated,
            &subject(company_id),
            json!({ "primary": { "old": previous, "new": contact_id } }),
        )
        .await?;
    }
    // Messages refused for the old address go out again to the new one.
    outbox::readdress(&txn, change.cc_others, company_id, change.at).await?;
    txn.commit().await?;
    Ok(updated)
}

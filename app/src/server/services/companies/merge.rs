//! Merging two records of one company into one.

use super::{Change, contacts_of, corporate_number_taken, find, subject};
use crate::domain::Problem;
use crate::error::AppError;
use crate::server::entities::{company, contact, invitation, participation};
use crate::server::services::audit::{self, Action};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::{Map, json};
use std::collections::HashSet;

/// What a merge did, for the audit entry and the tests.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub moved_contacts: Vec<i32>,
    /// Contacts of the merged company whose address the kept one already had.
    pub dropped_contacts: Vec<i32>,
    pub moved_events: Vec<i32>,
    /// Events both companies exhibited at: the kept company's participation stays.
    pub dropped_events: Vec<i32>,
}

/// Merges company `other` into company `keep`, in one transaction: `other`'s contacts
/// and participations move to `keep` (a contact whose address `keep` already has, or a
/// participation at an event `keep` already exhibits at, is dropped: `keep`'s stays),
/// `keep` takes `other`'s corporate number, kana, industry and address where its own
/// are empty and its 地域未来牽引企業 flag when set, and `other` is deleted.
pub async fn merge(
    db: &DatabaseConnection,
    change: Change<'_>,
    keep: i32,
    other: i32,
) -> Result<(company::Model, Merged), AppError> {
    if keep == other {
        return Err(AppError::field("other_id", Problem::SameCompany));
    }
    let txn = db.begin().await?;
    let kept = find(&txn, keep).await?;
    let merged = match company::Entity::find_by_id(other).one(&txn).await? {
        Some(company) => company,
        None => return Err(AppError::field("other_id", Problem::UnknownCompany)),
    };
    let mut done = Merged::default();

    let kept_contacts = contacts_of(&txn, keep).await?;
    let kept_emails: HashSet<&str> = kept_contacts.iter().map(|c| c.email.as_str()).collect();
    let kept_has_primary = kept_contacts.iter().any(|c| c.is_primary);
    for person in contacts_of(&txn, other).await? {
        if kept_emails.contains(person.email.as_str()) {
            done.dropped_contacts.push(person.id);
            contact::Entity::delete_by_id(person.id).exec(&txn).await?;
        } else {
            done.moved_contacts.push(person.id);
            let is_primary = person.is_primary && !kept_has_primary;
            let mut row: contact::ActiveModel = person.into();
            row.company_id = Set(keep);
            row.is_primary = Set(is_primary);
            row.update(&txn).await?;
        }
    }
    ensure_one_primary(&txn, keep).await?;

    let kept_events: HashSet<i32> = participation::Entity::find()
        .filter(participation::Column::CompanyId.eq(keep))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| p.event_id)
        .collect();
    for entry in participation::Entity::find()
        .filter(participation::Column::CompanyId.eq(other))
        .all(&txn)
        .await?
    {
        if kept_events.contains(&entry.event_id) {
            done.dropped_events.push(entry.event_id);
            participation::Entity::delete_by_id(entry.id)
                .exec(&txn)
                .await?;
        } else {
            done.moved_events.push(entry.event_id);
            let mut row: participation::ActiveModel = entry.into();
            row.company_id = Set(keep);
            row.update(&txn).await?;
        }
    }

    // Personal links move too, so answers stay with the company. Two invitations of one
    // campaign cannot become one without losing one company's answers: refused.
    let kept_campaigns: HashSet<i32> = invitation::Entity::find()
        .filter(invitation::Column::CompanyId.eq(keep))
        .all(&txn)
        .await?
        .into_iter()
        .map(|i| i.campaign_id)
        .collect();
    for link in invitation::Entity::find()
        .filter(invitation::Column::CompanyId.eq(other))
        .all(&txn)
        .await?
    {
        if kept_campaigns.contains(&link.campaign_id) {
            return Err(AppError::field("other_id", Problem::BothAsked));
        }
        let mut row: invitation::ActiveModel = link.into();
        row.company_id = Set(keep);
        row.update(&txn).await?;
    }

    // The merged company must own nothing now; deleting it must never cascade.
    let left = contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(other))
        .count(&txn)
        .await?
        + participation::Entity::find()
            .filter(participation::Column::CompanyId.eq(other))
            .count(&txn)
            .await?;
    if left > 0 {
        return Err(AppError::internal(
            "merging companies",
            format!("company {other} still owns {left} rows"),
        ));
    }
    // Deleted before `keep` takes its corporate number: the number is unique.
    company::Entity::delete_by_id(other).exec(&txn).await?;

    let mut taken = Map::new();
    let mut row: company::ActiveModel = kept.clone().into();
    if kept.corporate_number.is_none() && merged.corporate_number.is_some() {
        taken.insert("corporate_number".into(), json!(merged.corporate_number));
        row.corporate_number = Set(merged.corporate_number.clone());
    }
    for (field, mine, theirs, column) in [
        (
            "name_kana",
            &kept.name_kana,
            &merged.name_kana,
            company::Column::NameKana,
        ),
        (
            "industry",
            &kept.industry,
            &merged.industry,
            company::Column::Industry,
        ),
        (
            "address",
            &kept.address,
            &merged.address,
            company::Column::Address,
        ),
    ] {
        if mine.is_empty() && !theirs.is_empty() {
            taken.insert(field.into(), json!(theirs));
            row.set(column, theirs.clone().into());
        }
    }
    if !kept.regional_leader && merged.regional_leader {
        taken.insert("regional_leader".into(), json!(true));
        row.regional_leader = Set(true);
    }
    row.updated_at = Set(change.at);
    let kept = row.update(&txn).await.map_err(corporate_number_taken)?;

    audit::record(
        &txn,
        change.at,
        change.actor,
        Action::CompaniesMerged,
        &subject(keep),
        json!({
            "kept": keep,
            "merged": {
                "id": merged.id,
                "name": merged.name,
                "name_kana": merged.name_kana,
                "corporate_number": merged.corporate_number,
                "industry": merged.industry,
                "address": merged.address,
                "regional_leader": merged.regional_leader,
            },
            "taken": taken,
            "moved_contacts": done.moved_contacts,
            "dropped_contacts": done.dropped_contacts,
            "moved_events": done.moved_events,
            "dropped_events": done.dropped_events,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok((kept, done))
}

/// A company with contacts has exactly one primary contact: when none is, the oldest
/// becomes it.
async fn ensure_one_primary(txn: &impl ConnectionTrait, company_id: i32) -> Result<(), AppError> {
    let contacts = contacts_of(txn, company_id).await?;
    if contacts.iter().any(|c| c.is_primary) {
        return Ok(());
    }
    if let Some(oldest) = contacts.into_iter().min_by_key(|c| c.id) {
        let mut row: contact::ActiveModel = oldest.into();
        row.is_primary = Set(true);
        row.update(txn).await?;
    }
    Ok(())
}

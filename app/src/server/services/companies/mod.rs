//! The company master: companies and their contacts as lasting records across events.
//! Search and paging, one company with its contacts and events, edits, the primary
//! contact, and merging two records of one company. Every change writes its audit
//! entry in the change's own transaction.
//!
//! Contacts are in `contacts`, merging in `merge`.
//!
//! Nothing here relies on `ON DELETE CASCADE`: a company is deleted only by a merge,
//! after its contacts and participations have been moved or dropped one by one.

mod contacts;
mod merge;

pub use contacts::{add_contact, set_primary, update_contact};
pub use merge::{Merged, merge};

use crate::domain::companies::{search_digits, search_text};
use crate::domain::{CompanyDraft, Problem};
use crate::error::AppError;
use crate::server::entities::{company, contact, event, participation};
use crate::server::services::audit::{self, Action, Actor};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    SqlErr, TransactionTrait,
};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// Companies per page of the list.
pub const PAGE_SIZE: u64 = 50;

/// Who changes something, and when: what every audit entry needs.
pub struct Change<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a Actor,
    /// How re-queued messages address the company's other contacts (Cc or To).
    pub cc_others: bool,
}

/// One row of the company list.
#[derive(Debug)]
pub struct Listed {
    pub company: company::Model,
    /// The primary contact, else the oldest one.
    pub contact: Option<contact::Model>,
    /// At how many events the company exhibited.
    pub events: u32,
}

/// One page of the list and how many companies match in all.
#[derive(Debug)]
pub struct Page {
    pub rows: Vec<Listed>,
    pub total: u64,
    /// 1-based.
    pub page: u64,
    pub pages: u64,
}

/// One company with everything the company page shows.
#[derive(Debug)]
pub struct Record {
    pub company: company::Model,
    /// The primary contact first, then the others oldest first.
    pub contacts: Vec<contact::Model>,
    /// Events exhibited at, newest first, with the booth of each.
    pub events: Vec<(event::Model, String)>,
}

/// `%text%` for LIKE, with the wildcards a person might type matched literally.
fn contains(text: &str) -> LikeExpr {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// Case-insensitive on both databases: the search text is already lower case.
fn lower_contains(column: impl sea_orm::sea_query::IntoColumnRef, text: &str) -> Expr {
    Expr::expr(Func::lower(Expr::col(column))).like(contains(text))
}

/// Companies whose name, kana, corporate number or a contact's address contains the
/// search, by name; page `page` (1-based) of [`PAGE_SIZE`]. Four queries whatever the
/// page holds.
pub async fn list(
    db: &DatabaseConnection,
    search: Option<&str>,
    page: u64,
) -> Result<Page, AppError> {
    let mut query = company::Entity::find();
    if let Some(text) = search.and_then(search_text) {
        let mut any = Condition::any()
            .add(lower_contains(
                (company::Entity, company::Column::Name),
                &text,
            ))
            .add(lower_contains(
                (company::Entity, company::Column::NameKana),
                &text,
            ))
            .add(company::Column::CorporateNumber.like(contains(&text)))
            .add(
                company::Column::Id.in_subquery(
                    Query::select()
                        .column(contact::Column::CompanyId)
                        .from(contact::Entity)
                        .and_where(lower_contains(
                            (contact::Entity, contact::Column::Email),
                            &text,
                        ))
                        .to_owned(),
                ),
            );
        if let Some(digits) = search_digits(&text) {
            any = any.add(company::Column::CorporateNumber.like(contains(&digits)));
        }
        query = query.filter(any);
    }
    let paginator = query
        .order_by_asc(company::Column::Name)
        .order_by_asc(company::Column::Id)
        .paginate(db, PAGE_SIZE);
    let totals = paginator.num_items_and_pages().await?;
    let page = page.clamp(1, Ord::max(totals.number_of_pages, 1));
    let companies = paginator.fetch_page(page - 1).await?;
    let ids: Vec<i32> = companies.iter().map(|c| c.id).collect();
    let mut contacts = first_contacts(db, &ids).await?;
    let counts = event_counts(db, &ids).await?;
    let rows = companies
        .into_iter()
        .map(|company| Listed {
            contact: contacts.remove(&company.id),
            events: counts.get(&company.id).copied().unwrap_or(0),
            company,
        })
        .collect();
    Ok(Page {
        rows,
        total: totals.number_of_items,
        page,
        pages: totals.number_of_pages,
    })
}

/// The primary contact of each company, else its oldest.
async fn first_contacts(
    db: &DatabaseConnection,
    ids: &[i32],
) -> Result<HashMap<i32, contact::Model>, AppError> {
    let mut first = HashMap::new();
    for person in contact::Entity::find()
        .filter(contact::Column::CompanyId.is_in(ids.to_vec()))
        .order_by_desc(contact::Column::IsPrimary)
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await?
    {
        first.entry(person.company_id).or_insert(person);
    }
    Ok(first)
}

#[derive(FromQueryResult)]
struct CompanyCount {
    company_id: i32,
    events: i64,
}

async fn event_counts(db: &DatabaseConnection, ids: &[i32]) -> Result<HashMap<i32, u32>, AppError> {
    let counts = participation::Entity::find()
        .select_only()
        .column(participation::Column::CompanyId)
        .column_as(participation::Column::Id.count(), "events")
        .filter(participation::Column::CompanyId.is_in(ids.to_vec()))
        .group_by(participation::Column::CompanyId)
        .into_model::<CompanyCount>()
        .all(db)
        .await?;
    Ok(counts
        .into_iter()
        .map(|c| (c.company_id, u32::try_from(c.events).unwrap_or(u32::MAX)))
        .collect())
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<company::Model, AppError> {
    company::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// One company with its contacts and the events it exhibited at.
pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Record, AppError> {
    let company = find(db, id).await?;
    let contacts = contacts_of(db, id).await?;
    let mut booths: HashMap<i32, String> = participation::Entity::find()
        .filter(participation::Column::CompanyId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.event_id, p.booth))
        .collect();
    let events = event::Entity::find()
        .filter(event::Column::Id.is_in(booths.keys().copied().collect::<Vec<_>>()))
        .order_by_desc(event::Column::StartDate)
        .order_by_asc(event::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let booth = booths.remove(&e.id).unwrap_or_default();
            (e, booth)
        })
        .collect();
    Ok(Record {
        company,
        contacts,
        events,
    })
}

async fn contacts_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<contact::Model>, AppError> {
    Ok(contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(id))
        .order_by_desc(contact::Column::IsPrimary)
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await?)
}

fn subject(company_id: i32) -> String {
    format!("company {company_id}")
}

/// Adds `field: {old, new}` to `changes` when the value changed.
fn note(changes: &mut Map<String, Value>, field: &str, old: Value, new: Value) {
    if old != new {
        changes.insert(field.to_owned(), json!({ "old": old, "new": new }));
    }
}

/// Turns the unique index on the corporate number into the field error the form shows.
fn corporate_number_taken(error: DbErr) -> AppError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            AppError::field("corporate_number", Problem::CorporateNumberTaken)
        }
        _ => error.into(),
    }
}

/// Saves the company fields. A corporate number another company has is a field error.
pub async fn update(
    db: &DatabaseConnection,
    change: Change<'_>,
    id: i32,
    draft: CompanyDraft,
) -> Result<company::Model, AppError> {
    let txn = db.begin().await?;
    let old = find(&txn, id).await?;
    let number = draft.corporate_number.map(|n| n.as_str().to_owned());
    if let Some(number) = &number {
        let taken = company::Entity::find()
            .filter(company::Column::CorporateNumber.eq(number.as_str()))
            .filter(company::Column::Id.ne(id))
            .one(&txn)
            .await?
            .is_some();
        if taken {
            return Err(AppError::field(
                "corporate_number",
                Problem::CorporateNumberTaken,
            ));
        }
    }
    let mut changes = Map::new();
    note(&mut changes, "name", json!(old.name), json!(draft.name));
    note(
        &mut changes,
        "name_kana",
        json!(old.name_kana),
        json!(draft.name_kana),
    );
    note(
        &mut changes,
        "corporate_number",
        json!(old.corporate_number),
        json!(number),
    );
    note(
        &mut changes,
        "industry",
        json!(old.industry),
        json!(draft.industry),
    );
    note(
        &mut changes,
        "address",
        json!(old.address),
        json!(draft.address),
    );
    note(
        &mut changes,
        "regional_leader",
        json!(old.regional_leader),
        json!(draft.regional_leader),
    );
    let mut row: company::ActiveModel = old.into();
    row.name = Set(draft.name);
    row.name_kana = Set(draft.name_kana);
    row.corporate_number = Set(number);
    row.industry = Set(draft.industry);
    row.address = Set(draft.address);
    row.regional_leader = Set(draft.regional_leader);
    row.updated_at = Set(change.at);
    let updated = row.update(&txn).await.map_err(corporate_number_taken)?;
    if !changes.is_empty() {
        audit::record(
            &txn,
            change.at,
            change.actor,
            Action::CompanyUpdated,
            &subject(id),
            Value::Object(changes),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(updated)
}

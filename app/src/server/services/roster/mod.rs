//! The roster of an event: which companies exhibit, with their primary contact.
//! Importing rosters from spreadsheets: [`import`].

pub mod import;

use crate::api::dto::ParticipantDto;
use crate::error::AppError;
use crate::server::entities::{company, contact, participation};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// The companies at an event, ordered by booth, in three queries whatever their number.
pub async fn participants(
    db: &DatabaseConnection,
    event_id: i32,
) -> Result<Vec<ParticipantDto>, AppError> {
    let rows = participation::Entity::find()
        .filter(participation::Column::EventId.eq(event_id))
        .order_by_asc(participation::Column::Booth)
        .all(db)
        .await?;
    let company_ids: Vec<i32> = rows.iter().map(|p| p.company_id).collect();
    let companies: HashMap<i32, company::Model> = company::Entity::find()
        .filter(company::Column::Id.is_in(company_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut contacts: HashMap<i32, contact::Model> = HashMap::new();
    for person in contact::Entity::find()
        .filter(contact::Column::CompanyId.is_in(company_ids))
        .order_by_desc(contact::Column::IsPrimary)
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await?
    {
        // The first one per company wins: the primary contact, else the oldest.
        contacts.entry(person.company_id).or_insert(person);
    }
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let company = companies.get(&row.company_id)?;
            let person = contacts.get(&row.company_id);
            Some(ParticipantDto {
                company_id: row.company_id,
                booth: row.booth,
                company: company.name.clone(),
                industry: company.industry.clone(),
                regional_leader: company.regional_leader,
                contact_name: person.map(|p| p.name.clone()).unwrap_or_default(),
                contact_email: person.map(|p| p.email.clone()).unwrap_or_default(),
            })
        })
        .collect())
}

#[derive(FromQueryResult)]
struct EventCount {
    event_id: i32,
    companies: i64,
}

/// How many companies exhibit at each event, in one grouped query.
pub async fn counts_by_event(db: &DatabaseConnection) -> Result<HashMap<i32, u32>, AppError> {
    let counts = participation::Entity::find()
        .select_only()
        .column(participation::Column::EventId)
        .column_as(participation::Column::Id.count(), "companies")
        .group_by(participation::Column::EventId)
        .into_model::<EventCount>()
        .all(db)
        .await?;
    Ok(counts
        .into_iter()
        .map(|c| (c.event_id, u32::try_from(c.companies).unwrap_or(u32::MAX)))
        .collect())
}

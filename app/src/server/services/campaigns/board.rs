//! The completion board of an event: for every company, where it stands in each of the
//! event's campaigns. Companies asked by a campaign but no longer on the roster still
//! appear, so nobody who owes an answer drops off the board.

use super::dto;
use crate::api::campaign_dto::{BoardRow, CompletionBoard};
use crate::domain::campaigns::InvitationStatus;
use crate::error::AppError;
use crate::server::entities::{campaign, company, invitation, participation};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

pub async fn completion_board(
    db: &DatabaseConnection,
    event_id: i32,
) -> Result<CompletionBoard, AppError> {
    let campaigns = campaign::Entity::find()
        .filter(campaign::Column::EventId.eq(event_id))
        .filter(campaign::Column::Archived.eq(false))
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await?;
    let column: HashMap<i32, usize> = campaigns
        .iter()
        .enumerate()
        .map(|(index, row)| (row.id, index))
        .collect();
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.is_in(campaigns.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let booths: HashMap<i32, String> = participation::Entity::find()
        .filter(participation::Column::EventId.eq(event_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.company_id, row.booth))
        .collect();

    let mut cells: BTreeMap<i32, Vec<Option<InvitationStatus>>> = booths
        .keys()
        .map(|&company_id| (company_id, vec![None; campaigns.len()]))
        .collect();
    for row in &invitations {
        let Some(&index) = column.get(&row.campaign_id) else {
            continue;
        };
        let status = InvitationStatus::parse(&row.status).unwrap_or(InvitationStatus::NotOpened);
        cells
            .entry(row.company_id)
            .or_insert_with(|| vec![None; campaigns.len()])[index] = Some(status);
    }
    let names: HashMap<i32, String> = company::Entity::find()
        .filter(company::Column::Id.is_in(cells.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    let mut rows: Vec<BoardRow> = cells
        .into_iter()
        .map(|(company_id, cells)| BoardRow {
            company_id,
            company: names.get(&company_id).cloned().unwrap_or_default(),
            booth: booths.get(&company_id).cloned().unwrap_or_default(),
            cells,
        })
        .collect();
    rows.sort_by(|a, b| (&a.booth, &a.company).cmp(&(&b.booth, &b.company)));

    let campaign_ids: Vec<i32> = campaigns.iter().map(|row| row.id).collect();
    let mut columns = Vec::with_capacity(campaigns.len());
    for row in campaigns {
        columns.push(dto(db, row).await?);
    }
    Ok(CompletionBoard {
        campaigns: columns,
        rows,
        mail_failures: crate::server::services::mail::log::failures_for_event(db, &campaign_ids)
            .await?,
    })
}

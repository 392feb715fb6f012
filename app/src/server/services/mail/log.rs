//! The delivery log officers read: every message of a campaign with its state, time,
//! attempts and the mail server's last reply, and the failures of an event.

use super::compose::LINK_PLACEHOLDER;
use super::recipients;
use crate::api::mail_dto::{DeliveryDto, MessageDto};
use crate::domain::mail::DeliveryState;
use crate::error::AppError;
use crate::server::entities::{company, invitation, outbox_message};
use crate::server::links::LinkKey;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Every message of a campaign, newest first.
pub async fn for_campaign(
    db: &impl ConnectionTrait,
    campaign_id: i32,
) -> Result<Vec<DeliveryDto>, AppError> {
    let rows = outbox_message::Entity::find()
        .filter(outbox_message::Column::CampaignId.eq(campaign_id))
        .order_by_desc(outbox_message::Column::CreatedAt)
        .order_by_desc(outbox_message::Column::Id)
        .all(db)
        .await?;
    deliveries(db, rows).await
}

/// The failed messages of an event's campaigns: addresses that need fixing.
pub async fn failures_for_event(
    db: &impl ConnectionTrait,
    campaign_ids: &[i32],
) -> Result<Vec<DeliveryDto>, AppError> {
    let rows = outbox_message::Entity::find()
        .filter(outbox_message::Column::CampaignId.is_in(campaign_ids.iter().copied()))
        .filter(outbox_message::Column::State.eq(DeliveryState::Failed.as_code()))
        .order_by_asc(outbox_message::Column::CompanyId)
        .order_by_asc(outbox_message::Column::Id)
        .all(db)
        .await?;
    deliveries(db, rows).await
}

async fn deliveries(
    db: &impl ConnectionTrait,
    rows: Vec<outbox_message::Model>,
) -> Result<Vec<DeliveryDto>, AppError> {
    let names: HashMap<i32, String> = company::Entity::find()
        .filter(company::Column::Id.is_in(rows.iter().filter_map(|row| row.company_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| DeliveryDto {
            id: row.id,
            campaign_id: row.campaign_id.unwrap_or_default(),
            company_id: row.company_id.unwrap_or_default(),
            company: row
                .company_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            purpose: row.purpose,
            sequence: row.sequence,
            to: recipients::load(&row.to_addresses)
                .into_iter()
                .chain(recipients::load(&row.cc_addresses))
                .map(|mailbox| mailbox.email)
                .collect(),
            subject: row.subject,
            state: row.state,
            due_at: row.due_at,
            sent_at: row.sent_at,
            attempts: row.attempts,
            last_reply: row.last_reply,
        })
        .collect())
}

/// One message as it was (or will be) sent, with the company's current link.
pub async fn message(
    db: &impl ConnectionTrait,
    links: &LinkKey,
    base_url: &str,
    campaign_id: i32,
    id: i32,
) -> Result<MessageDto, AppError> {
    let row = outbox_message::Entity::find_by_id(id)
        .filter(outbox_message::Column::CampaignId.eq(campaign_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let invitation_id = row.invitation_id.ok_or(AppError::NotFound)?;
    let invitation = invitation::Entity::find_by_id(invitation_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let link = format!("{base_url}/a/{}", links.token(&invitation.token_seed));
    let mailboxes = |stored: &str| {
        recipients::load(stored)
            .into_iter()
            .map(|m| format!("{} <{}>", m.name, m.email))
            .collect()
    };
    Ok(MessageDto {
        delivery: deliveries(db, vec![row.clone()]).await?.remove(0),
        to: mailboxes(&row.to_addresses),
        cc: mailboxes(&row.cc_addresses),
        message_id: row.message_id,
        body_text: row.body_text.replace(LINK_PLACEHOLDER, &link),
    })
}

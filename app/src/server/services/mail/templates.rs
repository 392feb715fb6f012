//! A campaign's own wording of its messages: what the outbox renders with, the officer's
//! editor (with a preview for a real company), saving and going back to the built-in
//! wording. Both changes are audited. The wording applies to messages queued after it
//! changed; a message already queued keeps the text it was queued with.

use super::compose::{Composer, Facts, LINK_PLACEHOLDER};
use super::recipients::Recipients;
use crate::api::mail_dto::{PreviewDto, TemplateEditorDto, TemplateSummaryDto};
use crate::domain::FieldErrors;
use crate::domain::mail::{MailTemplate, MailTemplateInput, Placeholder, Purpose};
use crate::error::AppError;
use crate::server::entities::{campaign, company, contact, event, invitation, mail_template};
use crate::server::links::LinkKey;
use crate::server::services::audit::{self, Action, Actor};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

async fn stored(
    db: &impl ConnectionTrait,
    campaign_id: i32,
    purpose: Purpose,
    composer: &Composer,
) -> Result<Option<mail_template::Model>, AppError> {
    Ok(mail_template::Entity::find()
        .filter(mail_template::Column::CampaignId.eq(campaign_id))
        .filter(mail_template::Column::Purpose.eq(purpose.as_code()))
        .filter(mail_template::Column::Language.eq(composer.language.as_code()))
        .one(db)
        .await?)
}

fn input_of(row: &mail_template::Model) -> MailTemplateInput {
    MailTemplateInput {
        subject: row.subject.clone(),
        body: row.body.clone(),
    }
}

/// The campaign's wording of `purpose` in the office's language, if it has one. A stored
/// wording that no longer parses (a placeholder retired since) falls back to the
/// built-in one rather than stopping the campaign's mail.
pub async fn custom(
    db: &impl ConnectionTrait,
    composer: &Composer,
    campaign_id: i32,
    purpose: Purpose,
) -> Result<Option<MailTemplate>, AppError> {
    let Some(row) = stored(db, campaign_id, purpose, composer).await? else {
        return Ok(None);
    };
    match MailTemplate::parse(&input_of(&row), purpose) {
        Ok(template) => Ok(Some(template)),
        Err(errors) => {
            tracing::warn!(
                campaign_id,
                purpose = purpose.as_code(),
                ?errors,
                "a stored mail template no longer parses; the built-in one is used"
            );
            Ok(None)
        }
    }
}

/// Which kinds of message the campaign words its own way, for its email page.
pub async fn summaries(
    db: &impl ConnectionTrait,
    composer: &Composer,
    campaign_id: i32,
) -> Result<Vec<TemplateSummaryDto>, AppError> {
    let rows = mail_template::Entity::find()
        .filter(mail_template::Column::CampaignId.eq(campaign_id))
        .filter(mail_template::Column::Language.eq(composer.language.as_code()))
        .all(db)
        .await?;
    Ok(Purpose::EDITABLE
        .into_iter()
        .map(|purpose| {
            let row = rows.iter().find(|row| row.purpose == purpose.as_code());
            TemplateSummaryDto {
                purpose: purpose.as_code().to_owned(),
                custom: row.is_some(),
                updated_at: row.map(|row| row.updated_at),
            }
        })
        .collect())
}

/// What the officer asked to preview: the typed wording and, optionally, the company.
#[derive(Debug, Clone, Default)]
pub struct PreviewRequest {
    pub template: MailTemplateInput,
    pub company_id: Option<i32>,
}

/// The editor of `purpose` for a campaign; with `preview`, the typed wording rendered for
/// a company (the chosen one, else the first invited by name), or why it cannot be.
pub async fn editor(
    db: &DatabaseConnection,
    composer: &Composer,
    links: &LinkKey,
    base_url: &str,
    row: &campaign::Model,
    purpose: Purpose,
    preview: Option<PreviewRequest>,
) -> Result<TemplateEditorDto, AppError> {
    let event = event::Entity::find_by_id(row.event_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved = stored(db, row.id, purpose, composer).await?;
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(row.id))
        .all(db)
        .await?;
    let mut companies: Vec<(i32, String)> = company::Entity::find()
        .filter(company::Column::Id.is_in(invitations.iter().map(|inv| inv.company_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    companies.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut preview_errors = FieldErrors::default();
    let mut rendered = None;
    let source = match preview {
        Some(request) => {
            match MailTemplate::parse(&request.template, purpose) {
                Ok(template) => {
                    let chosen = request
                        .company_id
                        .and_then(|id| companies.iter().find(|(c, _)| *c == id))
                        .or(companies.first())
                        .cloned();
                    if let Some((company_id, company)) = chosen {
                        let invitation = invitations
                            .iter()
                            .find(|inv| inv.company_id == company_id)
                            .ok_or(AppError::NotFound)?;
                        let link = format!("{base_url}/a/{}", links.token(&invitation.token_seed));
                        rendered = Some(
                            render_for(
                                db,
                                composer,
                                row,
                                &event,
                                purpose,
                                &template,
                                (company_id, company),
                                &link,
                            )
                            .await?,
                        );
                    }
                }
                Err(errors) => preview_errors = errors,
            }
            request.template
        }
        None => saved
            .as_ref()
            .map(input_of)
            .unwrap_or_else(|| composer.builtin(purpose)),
    };
    Ok(TemplateEditorDto {
        event_name: event.name,
        campaign_title: row.title.clone(),
        purpose: purpose.as_code().to_owned(),
        language: composer.language.as_code().to_owned(),
        custom: saved.is_some(),
        updated_at: saved.map(|row| row.updated_at),
        source,
        placeholders: Placeholder::for_purpose(purpose)
            .map(|p| p.name().to_owned())
            .collect(),
        companies,
        preview: rendered,
        preview_errors,
    })
}

#[allow(clippy::too_many_arguments)]
async fn render_for(
    db: &DatabaseConnection,
    composer: &Composer,
    row: &campaign::Model,
    event: &event::Model,
    purpose: Purpose,
    template: &MailTemplate,
    (company_id, company): (i32, String),
    link: &str,
) -> Result<PreviewDto, AppError> {
    let contacts = contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(company_id))
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await?;
    let recipients = Recipients::of(&contacts, composer.cc_others);
    let rendered = composer.render(
        purpose,
        &Facts {
            company: &company,
            contact: &recipients.greeting_name,
            event: &event.name,
            form: &row.title,
            deadline: row.deadline,
            // A receipt's number exists once the company submits; the preview shows its form.
            receipt: Some("R-0000-0000"),
            comment: None,
        },
        Some(template),
    )?;
    let mailboxes = |list: &[super::recipients::Mailbox]| {
        list.iter()
            .map(|m| format!("{} <{}>", m.name, m.email))
            .collect()
    };
    Ok(PreviewDto {
        company_id,
        company,
        to: mailboxes(&recipients.to),
        cc: mailboxes(&recipients.cc),
        subject: rendered.subject,
        body_text: rendered.text.replace(LINK_PLACEHOLDER, link),
        body_html: rendered.html.replace(LINK_PLACEHOLDER, link),
    })
}

/// Stores the campaign's wording of `purpose` (replacing an earlier one).
pub async fn save(
    db: &DatabaseConnection,
    composer: &Composer,
    now: DateTime<Utc>,
    actor: &Actor,
    row: &campaign::Model,
    purpose: Purpose,
    input: &MailTemplateInput,
) -> Result<(), AppError> {
    MailTemplate::parse(input, purpose).map_err(AppError::Invalid)?;
    let updated_by = match actor {
        Actor::Officer { id, .. } => Some(*id),
        _ => None,
    };
    let subject = input.subject.trim().to_owned();
    let body = input.body.replace("\r\n", "\n").trim_end().to_owned();
    let txn = db.begin().await?;
    mail_template::Entity::insert(mail_template::ActiveModel {
        campaign_id: Set(row.id),
        purpose: Set(purpose.as_code().to_owned()),
        language: Set(composer.language.as_code().to_owned()),
        subject: Set(subject.clone()),
        body: Set(body.clone()),
        updated_by: Set(updated_by),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            mail_template::Column::CampaignId,
            mail_template::Column::Purpose,
            mail_template::Column::Language,
        ])
        .update_columns([
            mail_template::Column::Subject,
            mail_template::Column::Body,
            mail_template::Column::UpdatedBy,
            mail_template::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        actor,
        Action::MailTemplateChanged,
        &format!("campaign {}", row.id),
        json!({
            "purpose": purpose.as_code(),
            "language": composer.language.as_code(),
            "subject": subject,
            "body": body,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Goes back to the built-in wording of `purpose`.
pub async fn reset(
    db: &DatabaseConnection,
    composer: &Composer,
    now: DateTime<Utc>,
    actor: &Actor,
    row: &campaign::Model,
    purpose: Purpose,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let deleted = mail_template::Entity::delete_many()
        .filter(mail_template::Column::CampaignId.eq(row.id))
        .filter(mail_template::Column::Purpose.eq(purpose.as_code()))
        .filter(mail_template::Column::Language.eq(composer.language.as_code()))
        .exec(&txn)
        .await?;
    if deleted.rows_affected > 0 {
        audit::record(
            &txn,
            now,
            actor,
            Action::MailTemplateChanged,
            &format!("campaign {}", row.id),
            json!({
                "purpose": purpose.as_code(),
                "language": composer.language.as_code(),
                "reset": true,
            }),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

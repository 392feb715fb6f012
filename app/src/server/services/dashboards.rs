//! The numbers of the dashboards: an event's campaigns side by side, and a fiscal year's
//! events by event and by kind, with the trend over every year (flows 5 and 6 of the
//! design). Only submitted answers count, and only campaigns and events that are not
//! archived: archiving is how an officer takes something out of the figures.
//!
//! 商談件数, 成約件数 and 満足度 are totalled by their question ids, which every form
//! made from the 出展後アンケート template shares (`domain::aggregate::totals`).

use crate::api::dashboard_dto::{
    CampaignFigures, EventDashboardDto, EventRow, Figures, FiscalYearDashboardDto, GroupRow,
};
use crate::domain::EventKind;
use crate::domain::aggregate::Total;
use crate::domain::aggregate::totals::{CONTRACTS, NEGOTIATIONS, SATISFACTION};
use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::{Answers, QuestionId};
use crate::error::AppError;
use crate::server::entities::{
    campaign, event, form, form_version, invitation, participation, response,
};
use crate::server::services::events;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const SEMINAR_TEMPLATE: &str = "seminar_report";

/// The figures of each campaign of `events`, by campaign id.
async fn campaign_figures(
    db: &impl ConnectionTrait,
    event_ids: &[i32],
) -> Result<Vec<(campaign::Model, CampaignFigures)>, AppError> {
    let rows = campaign::Entity::find()
        .filter(campaign::Column::EventId.is_in(event_ids.iter().copied()))
        .filter(campaign::Column::Archived.eq(false))
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await?;
    let templates = templates(db, rows.iter().map(|c| c.form_version_id)).await?;
    let campaigns: Vec<(campaign::Model, Option<String>)> = rows
        .into_iter()
        .map(|c| {
            let template = templates.get(&c.form_version_id).cloned();
            (c, template)
        })
        .collect();
    let ids: Vec<i32> = campaigns.iter().map(|(c, _)| c.id).collect();
    let mut figures: HashMap<i32, Figures> =
        ids.iter().map(|&id| (id, Figures::default())).collect();

    let statuses: Vec<(i32, String, i64)> = invitation::Entity::find()
        .select_only()
        .column(invitation::Column::CampaignId)
        .column(invitation::Column::Status)
        .column_as(invitation::Column::Id.count(), "count")
        .filter(invitation::Column::CampaignId.is_in(ids.iter().copied()))
        .group_by(invitation::Column::CampaignId)
        .group_by(invitation::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    for (campaign_id, status, count) in statuses {
        if let Some(f) = figures.get_mut(&campaign_id) {
            let count = u32::try_from(count).unwrap_or(u32::MAX);
            f.invited = f.invited.saturating_add(count);
            if InvitationStatus::parse(&status).is_ok_and(InvitationStatus::counts_as_submitted) {
                f.submitted = f.submitted.saturating_add(count);
            }
        }
    }

    let seminar: BTreeSet<i32> = campaigns
        .iter()
        .filter(|(_, template)| template.as_deref() == Some(SEMINAR_TEMPLATE))
        .map(|(c, _)| c.id)
        .collect();
    let answers: Vec<(i32, String)> = response::Entity::find()
        .inner_join(invitation::Entity)
        .select_only()
        .column(invitation::Column::CampaignId)
        .column(response::Column::Answers)
        .filter(invitation::Column::CampaignId.is_in(ids.iter().copied()))
        .filter(response::Column::State.eq("submitted"))
        .into_tuple()
        .all(db)
        .await?;
    let (negotiations, contracts, satisfaction) = (
        QuestionId::new(NEGOTIATIONS),
        QuestionId::new(CONTRACTS),
        QuestionId::new(SATISFACTION),
    );
    for (campaign_id, json) in answers {
        let Some(f) = figures.get_mut(&campaign_id) else {
            continue;
        };
        let answers: Answers = serde_json::from_str(&json)
            .map_err(|error| AppError::internal("answers of a submitted response", error))?;
        if seminar.contains(&campaign_id) {
            f.seminar_reports = f.seminar_reports.saturating_add(1);
        }
        if let Some(answer) = answers.get(&negotiations) {
            f.negotiations.add(answer);
        }
        if let Some(answer) = answers.get(&contracts) {
            f.contracts.add(answer);
        }
        if let Some(answer) = answers.get(&satisfaction) {
            f.satisfaction.add(answer);
        }
    }
    for shared in super::sharing::visible(db).await? {
        if let Some(f) = figures.get_mut(&shared.campaign_id) {
            f.seminar_reports_shared = f.seminar_reports_shared.saturating_add(1);
        }
    }
    Ok(campaigns
        .into_iter()
        .map(|(campaign, _)| {
            let row = CampaignFigures {
                id: campaign.id,
                title: campaign.title.clone(),
                seminar: seminar.contains(&campaign.id),
                figures: figures.remove(&campaign.id).unwrap_or_default(),
            };
            (campaign, row)
        })
        .collect())
}

/// The template each form version's form was made from, by version id.
async fn templates(
    db: &impl ConnectionTrait,
    version_ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let versions: Vec<(i32, i32)> = form_version::Entity::find()
        .select_only()
        .column(form_version::Column::Id)
        .column(form_version::Column::FormId)
        .filter(form_version::Column::Id.is_in(version_ids.collect::<BTreeSet<_>>()))
        .into_tuple()
        .all(db)
        .await?;
    let forms: HashMap<i32, String> = form::Entity::find()
        .select_only()
        .column(form::Column::Id)
        .column(form::Column::Template)
        .filter(form::Column::Id.is_in(versions.iter().map(|(_, form)| *form)))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(versions
        .into_iter()
        .filter_map(|(version, form)| forms.get(&form).map(|t| (version, t.clone())))
        .collect())
}

/// The participants of each event, by event id.
async fn participants(
    db: &impl ConnectionTrait,
    event_ids: &[i32],
) -> Result<BTreeMap<i32, BTreeSet<i32>>, AppError> {
    let rows: Vec<(i32, i32)> = participation::Entity::find()
        .select_only()
        .column(participation::Column::EventId)
        .column(participation::Column::CompanyId)
        .filter(participation::Column::EventId.is_in(event_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_event: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
    for (event_id, company_id) in rows {
        by_event.entry(event_id).or_default().insert(company_id);
    }
    Ok(by_event)
}

pub async fn event_dashboard(
    db: &impl ConnectionTrait,
    event_id: i32,
) -> Result<EventDashboardDto, AppError> {
    let event = events::get(db, event_id).await?;
    let campaigns: Vec<CampaignFigures> = campaign_figures(db, &[event_id])
        .await?
        .into_iter()
        .map(|(_, row)| row)
        .collect();
    let mut totals = Figures::default();
    for row in &campaigns {
        totals.merge(&row.figures);
    }
    let participants = participants(db, &[event_id])
        .await?
        .remove(&event_id)
        .map_or(0, |companies| count(companies.len()));
    Ok(EventDashboardDto {
        event_id,
        event_name: event.name,
        kind: EventKind::parse(&event.kind).unwrap_or(EventKind::Other),
        start_date: event.start_date,
        end_date: event.end_date,
        fiscal_year: event.fiscal_year,
        participants,
        campaigns,
        totals,
    })
}

/// The dashboard of the fiscal year that starts in April of `year`, with the trend over
/// every year that has events.
pub async fn fiscal_year_dashboard(
    db: &impl ConnectionTrait,
    year: i32,
) -> Result<FiscalYearDashboardDto, AppError> {
    let events: Vec<event::Model> = event::Entity::find()
        .filter(event::Column::ArchivedAt.is_null())
        .order_by_asc(event::Column::StartDate)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = events.iter().map(|e| e.id).collect();
    let mut by_event: HashMap<i32, Figures> = HashMap::new();
    for (campaign, row) in campaign_figures(db, &ids).await? {
        by_event
            .entry(campaign.event_id)
            .or_default()
            .merge(&row.figures);
    }
    let participants = participants(db, &ids).await?;
    let no_one = BTreeSet::new();

    let mut years: BTreeMap<i32, Group> = BTreeMap::new();
    let mut kinds: BTreeMap<usize, (EventKind, Group)> = BTreeMap::new();
    let mut rows = Vec::new();
    for event in &events {
        let figures = by_event.remove(&event.id).unwrap_or_default();
        let companies = participants.get(&event.id).unwrap_or(&no_one);
        years
            .entry(event.fiscal_year)
            .or_default()
            .add(companies, &figures);
        if event.fiscal_year != year {
            continue;
        }
        let kind = EventKind::parse(&event.kind).unwrap_or(EventKind::Other);
        let order = EventKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(usize::MAX);
        kinds
            .entry(order)
            .or_insert_with(|| (kind, Group::default()))
            .1
            .add(companies, &figures);
        rows.push(EventRow {
            id: event.id,
            name: event.name.clone(),
            kind,
            start_date: event.start_date,
            participants: count(companies.len()),
            figures,
        });
    }
    let totals = years.get(&year).cloned().unwrap_or_default().row(year);
    Ok(FiscalYearDashboardDto {
        year,
        events: rows,
        by_kind: kinds
            .into_values()
            .map(|(kind, group)| group.row(kind))
            .collect(),
        totals,
        years: years
            .into_iter()
            .map(|(year, group)| group.row(year))
            .collect(),
        kpis: super::kpis::overview(db, year).await?,
    })
}

/// Events taken together: distinct companies, not the sum of each event's.
#[derive(Debug, Clone, Default)]
struct Group {
    events: u32,
    companies: BTreeSet<i32>,
    figures: Figures,
}

impl Group {
    fn add(&mut self, companies: &BTreeSet<i32>, figures: &Figures) {
        self.events = self.events.saturating_add(1);
        self.companies.extend(companies.iter().copied());
        self.figures.merge(figures);
    }

    fn row<K>(self, key: K) -> GroupRow<K> {
        GroupRow {
            key,
            events: self.events,
            companies: count(self.companies.len()),
            figures: self.figures,
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The total of each of `questions` over the submitted answers of every fiscal year
/// that has any (campaigns and events not archived), by year.
pub async fn totals_by_year(
    db: &impl ConnectionTrait,
    questions: &[QuestionId],
) -> Result<BTreeMap<i32, HashMap<QuestionId, Total>>, AppError> {
    let rows: Vec<(i32, String)> = response::Entity::find()
        .join(JoinType::InnerJoin, response::Relation::Invitation.def())
        .join(JoinType::InnerJoin, invitation::Relation::Campaign.def())
        .join(JoinType::InnerJoin, campaign::Relation::Event.def())
        .select_only()
        .column(event::Column::FiscalYear)
        .column(response::Column::Answers)
        .filter(response::Column::State.eq("submitted"))
        .filter(campaign::Column::Archived.eq(false))
        .filter(event::Column::ArchivedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut years: BTreeMap<i32, HashMap<QuestionId, Total>> = BTreeMap::new();
    for (year, json) in rows {
        let answers: Answers = serde_json::from_str(&json)
            .map_err(|error| AppError::internal("answers of a submitted response", error))?;
        let totals = years.entry(year).or_default();
        for question in questions {
            let total = totals.entry(question.clone()).or_default();
            if let Some(answer) = answers.get(question) {
                total.add(answer);
            }
        }
    }
    Ok(years)
}

/// The annual review workbook of the fiscal year starting in April of `year`,
/// recorded in the audit log.
pub async fn annual_review_workbook(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    actor: &super::audit::Actor,
    year: i32,
    locale: crate::i18n::Locale,
) -> Result<Vec<u8>, AppError> {
    let dashboard = fiscal_year_dashboard(db, year).await?;
    let mut events = Vec::with_capacity(dashboard.events.len());
    for row in &dashboard.events {
        events.push(event_dashboard(db, row.id).await?);
    }
    let bytes = crate::server::export::annual::workbook(&dashboard, &events, locale)
        .map_err(|error| AppError::internal("writing the annual review workbook", error))?;
    super::audit::record(
        db,
        now,
        actor,
        super::audit::Action::AnnualReviewExported,
        &format!("fiscal year {year}"),
        serde_json::json!({ "format": "xlsx", "events": events.len() }),
    )
    .await?;
    Ok(bytes)
}

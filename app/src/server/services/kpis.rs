//! KPIs and their yearly targets (`domain::kpi`): defined by officers, with actual
//! values summed from the answers of each fiscal year or typed by hand. A value typed
//! for a year of a question KPI stands for that year (figures from before Kotae).

use super::audit::{self, Action, Actor};
use super::dashboards::totals_by_year;
use crate::api::kpi_dto::KpiDto;
use crate::domain::aggregate::Exact;
use crate::domain::forms::QuestionId;
use crate::domain::kpi::{KpiDraft, KpiSource, with_cumulative};
use crate::error::AppError;
use crate::server::entities::{kpi, kpi_year};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

pub async fn create(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    draft: KpiDraft,
) -> Result<kpi::Model, AppError> {
    let (source, question) = match &draft.source {
        KpiSource::Question(id) => ("question", id.as_str().to_owned()),
        KpiSource::Manual => ("manual", String::new()),
    };
    let row = kpi::ActiveModel {
        name: Set(draft.name.clone()),
        unit: Set(draft.unit.clone()),
        source: Set(source.to_owned()),
        question_id: Set(question.clone()),
        baseline: Set(draft.baseline.map(|b| b.to_string())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        now,
        actor,
        Action::KpiCreated,
        &row.name,
        json!({ "source": source, "question": question }),
    )
    .await?;
    Ok(row)
}

/// Sets (or clears, with `None`) the target and the typed actual value of one year.
pub async fn set_year(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    actor: &Actor,
    kpi_id: i32,
    year: i32,
    target: Option<Exact>,
    actual: Option<Exact>,
) -> Result<(), AppError> {
    let kpi = kpi::Entity::find_by_id(kpi_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let existing = kpi_year::Entity::find()
        .filter(kpi_year::Column::KpiId.eq(kpi_id))
        .filter(kpi_year::Column::FiscalYear.eq(year))
        .one(db)
        .await?;
    let (target, actual) = (target.map(|t| t.to_string()), actual.map(|a| a.to_string()));
    match existing {
        Some(row) => {
            let mut row: kpi_year::ActiveModel = row.into();
            row.target = Set(target.clone());
            row.actual = Set(actual.clone());
            row.updated_at = Set(now);
            row.update(db).await?;
        }
        None => {
            kpi_year::ActiveModel {
                kpi_id: Set(kpi_id),
                fiscal_year: Set(year),
                target: Set(target.clone()),
                actual: Set(actual.clone()),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    audit::record(
        db,
        now,
        actor,
        Action::KpiYearSet,
        &kpi.name,
        json!({ "year": year, "target": target, "actual": actual }),
    )
    .await
}

/// Every KPI with its years: from the earliest year with a value or answers up to
/// `current` (or a later year with a target), each with target, actual and running
/// totals.
pub async fn overview(db: &impl ConnectionTrait, current: i32) -> Result<Vec<KpiDto>, AppError> {
    let kpis = kpi::Entity::find()
        .order_by_asc(kpi::Column::Id)
        .all(db)
        .await?;
    if kpis.is_empty() {
        return Ok(Vec::new());
    }
    let rows = kpi_year::Entity::find()
        .filter(kpi_year::Column::KpiId.is_in(kpis.iter().map(|k| k.id)))
        .all(db)
        .await?;
    let questions: Vec<QuestionId> = kpis
        .iter()
        .filter(|k| k.source == "question")
        .map(|k| QuestionId::new(&k.question_id))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let computed = totals_by_year(db, &questions).await?;
    let parse = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<Exact>().ok());
    let mut out = Vec::with_capacity(kpis.len());
    for kpi in kpis {
        let mine: BTreeMap<i32, &kpi_year::Model> = rows
            .iter()
            .filter(|row| row.kpi_id == kpi.id)
            .map(|row| (row.fiscal_year, row))
            .collect();
        let source = if kpi.source == "question" {
            KpiSource::Question(QuestionId::new(&kpi.question_id))
        } else {
            KpiSource::Manual
        };
        let answered_years: Vec<i32> = match &source {
            KpiSource::Question(_) => computed.keys().copied().collect(),
            KpiSource::Manual => Vec::new(),
        };
        let first = mine
            .keys()
            .chain(answered_years.iter())
            .copied()
            .min()
            .unwrap_or(current)
            .min(current);
        let last = mine.keys().copied().max().unwrap_or(current).max(current);
        let mut typed = Vec::new();
        let years: Vec<(i32, Option<Exact>, Option<Exact>)> = (first..=last)
            .map(|year| {
                let row = mine.get(&year);
                let target = row.and_then(|r| parse(&r.target));
                let typed_actual = row.and_then(|r| parse(&r.actual));
                if typed_actual.is_some() {
                    typed.push(year);
                }
                let actual = typed_actual.or_else(|| match &source {
                    KpiSource::Question(id) => computed
                        .get(&year)
                        .and_then(|totals| totals.get(id))
                        .map(|total| total.sum()),
                    KpiSource::Manual => None,
                });
                (year, target, actual)
            })
            .collect();
        out.push(KpiDto {
            id: kpi.id,
            name: kpi.name,
            unit: kpi.unit,
            source,
            baseline: parse(&kpi.baseline),
            years: with_cumulative(&years),
            typed_years: typed,
        });
    }
    Ok(out)
}

/// The integer and decimal questions of every published form, by id, each with the
/// label it first appears with: what a KPI can sum.
pub async fn number_questions(
    db: &impl ConnectionTrait,
) -> Result<Vec<crate::api::kpi_dto::NumberQuestion>, AppError> {
    use crate::domain::forms::{FormDefinition, QuestionKind};
    use crate::server::entities::form_version;
    let definitions: Vec<String> = form_version::Entity::find()
        .filter(form_version::Column::PublishedAt.is_not_null())
        .order_by_asc(form_version::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.definition)
        .collect();
    let mut seen = BTreeMap::new();
    for json in definitions {
        let Ok(definition) = serde_json::from_str::<FormDefinition>(&json) else {
            continue;
        };
        for question in definition.questions() {
            if matches!(
                question.kind,
                QuestionKind::Integer { .. } | QuestionKind::Decimal { .. }
            ) {
                seen.entry(question.id.as_str().to_owned())
                    .or_insert_with(|| question.label.ja.clone());
            }
        }
    }
    Ok(seen
        .into_iter()
        .map(|(id, label)| crate::api::kpi_dto::NumberQuestion { id, label })
        .collect())
}

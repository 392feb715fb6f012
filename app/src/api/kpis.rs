//! KPIs: their settings page, and the two forms on it (a new KPI; one year's target and
//! actual value of a KPI).

use super::kpi_dto::KpiSettingsDto;
use crate::domain::kpi::KpiInput;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::domain::kpi::{KpiDraft, parse_value},
    crate::domain::{FieldErrors, FiscalYear, office_time::office_offset},
    crate::server::services::{audit::Actor, kpis},
    crate::server::{
        AppState,
        auth::{require_officer, require_writer_officer},
    },
};

/// The current fiscal year in the office's time zone.
#[cfg(feature = "ssr")]
pub fn current_fiscal_year(state: &AppState) -> i32 {
    let today = state
        .clock
        .now()
        .with_timezone(&office_offset())
        .date_naive();
    FiscalYear::from_date(today).start_year()
}

#[server(input = GetUrl, endpoint = "kpi_settings")]
pub async fn kpi_settings() -> Result<KpiSettingsDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let current_year = current_fiscal_year(&state);
            Ok(KpiSettingsDto {
                kpis: kpis::overview(&state.db, current_year).await?,
                questions: kpis::number_questions(&state.db).await?,
                current_year,
            })
        }
        .await,
    )
}

#[server(endpoint = "create_kpi")]
pub async fn create_kpi(csrf: String, input: KpiInput) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let draft = KpiDraft::try_from(&input)?;
            let state = AppState::from_context()?;
            let created =
                kpis::create(&state.db, state.clock.now(), &Actor::from(&officer), draft).await?;
            leptos_axum::redirect(&format!("/kpi/settings?saved=created#kpi-{}", created.id));
            Ok(())
        }
        .await,
    )
}

/// Sets one fiscal year's target and typed actual value of a KPI (blank clears).
#[server(endpoint = "set_kpi_year")]
pub async fn set_kpi_year(
    csrf: String,
    kpi_id: i32,
    year: String,
    target: String,
    actual: String,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let mut errors = FieldErrors::default();
            let year = errors.take(
                "year",
                year.trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (2000..=2100).contains(y))
                    .ok_or(crate::domain::Problem::InvalidChoice),
            );
            let target = errors.take("target", parse_value(&target));
            let actual = errors.take("actual", parse_value(&actual));
            let (Some(year), Some(target), Some(actual)) = (year, target, actual) else {
                return Err(AppError::Invalid(errors));
            };
            let state = AppState::from_context()?;
            kpis::set_year(
                &state.db,
                state.clock.now(),
                &Actor::from(&officer),
                kpi_id,
                year,
                target,
                actual,
            )
            .await?;
            leptos_axum::redirect(&format!("/kpi/settings?saved=year#kpi-{kpi_id}"));
            Ok(())
        }
        .await,
    )
}

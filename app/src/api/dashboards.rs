//! The event dashboard and the fiscal-year (年度) dashboard.

use super::dashboard_dto::{EventDashboardDto, FiscalYearDashboardDto};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::server::{AppState, auth::require_officer, services::dashboards},
};

#[server(input = GetUrl, endpoint = "event_dashboard")]
pub async fn event_dashboard(event_id: i32) -> Result<EventDashboardDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            dashboards::event_dashboard(&state.db, event_id).await
        }
        .await,
    )
}

/// The fiscal year starting in April of `year`; without one, the current year (JST).
#[server(input = GetUrl, endpoint = "fiscal_year_dashboard")]
pub async fn fiscal_year_dashboard(year: Option<i32>) -> Result<FiscalYearDashboardDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let year = match year {
                Some(year) if (2000..=2100).contains(&year) => year,
                Some(_) => return Err(AppError::NotFound),
                None => super::kpis::current_fiscal_year(&state),
            };
            dashboards::fiscal_year_dashboard(&state.db, year).await
        }
        .await,
    )
}

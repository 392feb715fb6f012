//! `GET /events/{id}/campaigns/{campaign_id}/export.xlsx`, `export.csv` (UTF-8) and
//! `export.sjis.csv` (Shift_JIS): a campaign's submitted answers as a download for any
//! signed-in officer, with the summary page's filters, headed in the officer's language,
//! and recorded in the audit log. `GET /kpi/export.xlsx?year=2026`: the annual review
//! workbook of a fiscal year.

use app::api::summary_dto::SummaryFilters;
use app::app::LOCALE_COOKIE;
use app::error::AppError;
use app::i18n::Locale;
use app::server::AppState;
use app::server::auth::Officer;
use app::server::export::Format;
use app::server::services::audit::Actor;
use app::server::services::{dashboards, summary};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router, routing::get};

pub fn routes() -> Router<AppState> {
    const BASE: &str = "/events/{id}/campaigns/{campaign_id}";
    Router::new()
        .route(
            &format!("{BASE}/export.xlsx"),
            get(|s, o, p, q, h| download(s, o, p, q, h, Format::Xlsx)),
        )
        .route(
            &format!("{BASE}/export.csv"),
            get(|s, o, p, q, h| download(s, o, p, q, h, Format::CsvUtf8)),
        )
        .route(
            &format!("{BASE}/export.sjis.csv"),
            get(|s, o, p, q, h| download(s, o, p, q, h, Format::CsvShiftJis)),
        )
        .route("/kpi/export.xlsx", get(annual_review))
}

#[derive(serde::Deserialize)]
struct Year {
    year: i32,
}

/// `GET /kpi/export.xlsx?year=2026`: the annual review workbook of a fiscal year.
async fn annual_review(
    State(state): State<AppState>,
    Extension(officer): Extension<Officer>,
    Query(Year { year }): Query<Year>,
    headers: HeaderMap,
) -> Response {
    if !(2000..=2100).contains(&year) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let written = dashboards::annual_review_workbook(
        &state.db,
        state.clock.now(),
        &Actor::from(&officer),
        year,
        locale_of(&headers),
    )
    .await;
    match written {
        Ok(bytes) => attachment(
            Format::Xlsx.content_type(),
            &format!("annual-review-{year}.xlsx"),
            bytes,
        ),
        Err(error) => {
            tracing::error!(%error, year, "writing the annual review workbook");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn attachment(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

async fn download(
    State(state): State<AppState>,
    Extension(officer): Extension<Officer>,
    Path((event_id, campaign_id)): Path<(i32, i32)>,
    Query(filters): Query<SummaryFilters>,
    headers: HeaderMap,
    format: Format,
) -> Response {
    let exported = summary::export(
        &state.db,
        &state.form_versions,
        state.clock.now(),
        &Actor::from(&officer),
        event_id,
        campaign_id,
        &filters,
        format,
        locale_of(&headers),
    )
    .await;
    match exported {
        Ok(file) => attachment(file.content_type, &file.file_name, file.bytes),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, campaign_id, "exporting responses");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The language the officer chose (the cookie the language switch sets), else Japanese.
fn locale_of(headers: &HeaderMap) -> Locale {
    let chosen = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LOCALE_COOKIE)
        .map(|(_, value)| value);
    match chosen {
        Some("en") => Locale::en,
        _ => Locale::ja,
    }
}

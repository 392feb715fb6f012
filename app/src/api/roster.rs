//! Roster import: the preview of a staged file, the officer's choice of sheet and column
//! mapping, and the commit. The upload itself is a plain multipart form handled by the
//! server (`server::roster_upload`), since it carries a file.

use crate::domain::roster::{PlannedRow, RosterField, RowClass};
use crate::error::{AppError, FileProblem};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::server::{
        AppState,
        auth::require_officer,
        services::{audit::Actor, events, roster::import},
    },
};

/// Rows shown per page of a preview: a 10,000-row roster pages instead of scrolling.
pub const ROWS_PER_PAGE: usize = 50;

/// Session key of the problem of the last refused upload, shown once on the upload page.
pub const UPLOAD_PROBLEM_KEY: &str = "roster_upload_problem";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportDto {
    pub id: i32,
    pub event_id: i32,
    pub event_name: String,
    pub file_name: String,
    pub file_size: i64,
    pub sha256: String,
    pub committed: bool,
    pub created_at: String,
    pub committed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPreviewDto {
    pub import: ImportDto,
    pub sheets: Vec<String>,
    pub sheet: String,
    pub header_row: u32,
    pub headers: Vec<String>,
    pub mapping: Vec<Option<RosterField>>,
    /// Rows per class, in `RowClass::ALL` order.
    pub counts: Vec<(RowClass, usize)>,
    /// The class the rows below are filtered by, if any.
    pub class: Option<RowClass>,
    pub page: usize,
    pub pages: usize,
    pub rows: Vec<PlannedRow>,
    /// False while the mapping keeps the import from being committed.
    pub can_commit: bool,
}

/// A staged import that could not be previewed (a sheet without a header, no company
/// column): the page still offers the sheet and mapping choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPageDto {
    pub preview: Option<ImportPreviewDto>,
    pub problem: Option<FileProblem>,
    pub import: ImportDto,
    /// The file's sheets, to choose another when no preview could be made.
    pub sheets: Vec<String>,
}

/// What the upload page shows: the event, the last refused upload, earlier imports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadPageDto {
    pub event_id: i32,
    pub event_name: String,
    pub problem: Option<FileProblem>,
    pub max_upload_mb: usize,
    pub imports: Vec<ImportSummaryDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSummaryDto {
    pub id: i32,
    pub file_name: String,
    pub created_at: String,
    pub committed: bool,
    pub counts: Vec<(RowClass, usize)>,
}

#[server(input = GetUrl, endpoint = "roster_upload_page")]
pub async fn get_upload_page(event_id: i32) -> Result<UploadPageDto, AppError> {
    respond(
        async {
            require_officer().await?.require_writer()?;
            let state = AppState::from_context()?;
            let event = events::get(&state.db, event_id).await?;
            let session = crate::server::auth::current_session().await?;
            let problem: Option<FileProblem> = session
                .remove(UPLOAD_PROBLEM_KEY)
                .await
                .map_err(|e| AppError::internal("reading session", e))?;
            let imports = import::list_for_event(&state.db, event_id)
                .await?
                .into_iter()
                .map(|m| ImportSummaryDto {
                    id: m.id,
                    file_name: m.file_name.clone(),
                    created_at: crate::domain::office_time::format_office_time(m.created_at),
                    committed: m.status == import::COMMITTED,
                    counts: stored_counts(&m),
                })
                .collect();
            Ok(UploadPageDto {
                event_id,
                event_name: event.name,
                problem,
                max_upload_mb: state.roster_files.limits.max_file_bytes / (1024 * 1024),
                imports,
            })
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "roster_import")]
pub async fn get_import(
    import_id: i32,
    class: Option<String>,
    page: Option<usize>,
) -> Result<ImportPageDto, AppError> {
    respond(
        async {
            require_officer().await?.require_writer()?;
            let state = AppState::from_context()?;
            let model = import::get(&state.db, import_id).await?;
            let event = events::get(&state.db, model.event_id).await?;
            let dto = import_dto(&model, event.name);
            match import::preview(&state.db, &state.roster_files, import_id).await {
                Ok(preview) => Ok(ImportPageDto {
                    problem: preview.problem.clone(),
                    sheets: preview.sheets.clone(),
                    preview: Some(preview_dto(
                        dto.clone(),
                        &preview,
                        class.as_deref().and_then(RowClass::from_code),
                        page.unwrap_or(1),
                    )),
                    import: dto,
                }),
                Err(AppError::BadFile(problem)) => Ok(ImportPageDto {
                    preview: None,
                    problem: Some(problem),
                    sheets: import::sheet_names(&state.db, &state.roster_files, import_id)
                        .await
                        .unwrap_or_default(),
                    import: dto,
                }),
                Err(other) => Err(other),
            }
        }
        .await,
    )
}

/// The officer's sheet and column mapping (`columns[i]` is the field code of column i,
/// or empty to ignore it). Changing the sheet starts its mapping afresh.
#[server(endpoint = "roster_import_mapping")]
pub async fn choose_import_mapping(
    csrf: String,
    import_id: i32,
    sheet: String,
    #[server(default)] columns: Vec<String>,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            require_officer().await?.require_writer()?;
            let state = AppState::from_context()?;
            let model = import::get(&state.db, import_id).await?;
            let columns = (!columns.is_empty()).then(|| {
                columns
                    .iter()
                    .map(|code| RosterField::from_code(code))
                    .collect::<Vec<_>>()
            });
            import::choose_mapping(
                &state.db,
                &state.roster_files,
                state.clock.now(),
                import_id,
                &sheet,
                columns,
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/events/{}/roster/imports/{import_id}",
                model.event_id
            ));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "roster_import_commit")]
pub async fn commit_import(csrf: String, import_id: i32) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_officer().await?;
            officer.require_writer()?;
            let state = AppState::from_context()?;
            let committed = import::commit(
                &state.db,
                &state.roster_files,
                state.clock.now(),
                &Actor::from(&officer),
                import_id,
            )
            .await?;
            tracing::info!(import_id, counts = ?committed.counts(), "roster imported");
            leptos_axum::redirect(&format!(
                "/events/{}/roster/imports/{import_id}",
                committed.import.event_id
            ));
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn import_dto(
    model: &crate::server::entities::roster_import::Model,
    event_name: String,
) -> ImportDto {
    ImportDto {
        id: model.id,
        event_id: model.event_id,
        event_name,
        file_name: model.file_name.clone(),
        file_size: model.file_size,
        sha256: model.sha256.clone(),
        committed: model.status == import::COMMITTED,
        created_at: crate::domain::office_time::format_office_time(model.created_at),
        committed_at: model
            .committed_at
            .map(crate::domain::office_time::format_office_time),
    }
}

#[cfg(feature = "ssr")]
fn preview_dto(
    import: ImportDto,
    preview: &import::Preview,
    class: Option<RowClass>,
    page: usize,
) -> ImportPreviewDto {
    let counts = preview.counts();
    let matching: Vec<&PlannedRow> = preview
        .plan
        .rows
        .iter()
        .filter(|row| class.is_none_or(|c| row.class == c))
        .collect();
    let pages = matching.len().div_ceil(ROWS_PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    ImportPreviewDto {
        can_commit: preview.problem.is_none() && !import.committed,
        import,
        sheets: preview.sheets.clone(),
        sheet: preview.sheet.clone(),
        header_row: preview.header_row,
        headers: preview.headers.clone(),
        mapping: preview.mapping.columns().to_vec(),
        counts: RowClass::ALL.iter().map(|c| (*c, counts.get(*c))).collect(),
        class,
        page,
        pages,
        rows: matching
            .into_iter()
            .skip((page - 1) * ROWS_PER_PAGE)
            .take(ROWS_PER_PAGE)
            .cloned()
            .collect(),
    }
}

#[cfg(feature = "ssr")]
fn stored_counts(model: &crate::server::entities::roster_import::Model) -> Vec<(RowClass, usize)> {
    let n = |v: i32| usize::try_from(v).unwrap_or(0);
    vec![
        (RowClass::New, n(model.count_new)),
        (RowClass::Updated, n(model.count_updated)),
        (RowClass::Unchanged, n(model.count_unchanged)),
        (RowClass::Skipped, n(model.count_skipped)),
        (RowClass::Invalid, n(model.count_invalid)),
    ]
}

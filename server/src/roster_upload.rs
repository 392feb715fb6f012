//! The two roster-import requests that carry files: the upload (a plain multipart form,
//! so it works without JavaScript) and the workbook of invalid rows handed back to fix.
//! Everything else of the import is server functions in `app::api::roster`.

use app::api::roster::UPLOAD_PROBLEM_KEY;
use app::error::{AppError, FileProblem};
use app::i18n::Locale;
use app::routes::roster::text;
use app::server::AppState;
use app::server::auth::Officer;
use app::server::services::roster::import;
use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// `POST /events/{id}/roster/upload`: stages the file and shows its preview; a file
/// that cannot be read goes back to the upload page with the reason.
pub async fn upload(
    State(state): State<AppState>,
    Extension(officer): Extension<Officer>,
    Path(event_id): Path<i32>,
    session: Session,
    mut multipart: Multipart,
) -> Response {
    if officer.require_writer().is_err() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let back = format!("/events/{event_id}/roster/import");
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(error) => {
                        tracing::warn!(%error, "reading an uploaded roster");
                        return StatusCode::BAD_REQUEST.into_response();
                    }
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(error) => {
                tracing::warn!(%error, "reading a multipart upload");
                return StatusCode::BAD_REQUEST.into_response();
            }
        }
    }
    let problem = match file {
        Some((name, bytes)) if !name.is_empty() => {
            match import::stage(
                &state.db,
                &state.roster_files,
                state.clock.now(),
                Some(officer.id),
                event_id,
                &name,
                bytes,
            )
            .await
            {
                Ok(staged) => {
                    tracing::info!(import_id = staged.id, event_id, file = %staged.file_name, "roster staged");
                    return Redirect::to(&format!(
                        "/events/{event_id}/roster/imports/{}",
                        staged.id
                    ))
                    .into_response();
                }
                Err(AppError::BadFile(problem)) => problem,
                Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
        _ => no_file(),
    };
    tracing::info!(event_id, code = %problem.code, "roster upload refused");
    if let Err(error) = session.insert(UPLOAD_PROBLEM_KEY, &problem).await {
        tracing::error!(%error, "keeping the upload problem for the next page");
    }
    Redirect::to(&back).into_response()
}

fn no_file() -> FileProblem {
    FileProblem {
        code: "no_file".into(),
        message_ja:
            "ファイルが選ばれていません。名簿のファイルを選んでからアップロードしてください。"
                .into(),
        message_en: "No file was chosen. Choose the roster file, then upload it.".into(),
    }
}

/// `GET /events/{id}/roster/imports/{import_id}/invalid.xlsx`: the invalid rows as they
/// were in the file, with the reasons in a last column, to fix and import again.
pub async fn invalid_rows(
    State(state): State<AppState>,
    Extension(officer): Extension<Officer>,
    Path((event_id, import_id)): Path<(i32, i32)>,
) -> Response {
    if officer.require_writer().is_err() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let preview = match import::preview(&state.db, &state.roster_files, import_id).await {
        Ok(preview) if preview.import.event_id == event_id => preview,
        Ok(_) | Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::UNPROCESSABLE_ENTITY.into_response(),
    };
    match invalid_rows_workbook(&preview) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"invalid-rows.xlsx\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, import_id, "writing the invalid rows");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Every value is written as text, so nothing from the file becomes a formula.
fn invalid_rows_workbook(preview: &import::Preview) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use app::domain::roster::RowClass;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("エラーの行")?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    sheet.write_string_with_format(0, 0, "行", &bold)?;
    for (column, title) in preview.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col(column + 1), title, &bold)?;
    }
    let reasons_column = col(preview.headers.len() + 1);
    sheet.write_string_with_format(0, reasons_column, "エラー内容", &bold)?;
    let invalid = preview
        .plan
        .rows
        .iter()
        .filter(|row| row.class == RowClass::Invalid);
    for (index, row) in invalid.enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        sheet.write_number(line, 0, f64::from(row.row_number))?;
        if let Some(cells) = preview.cells.get(&row.row_number) {
            for (column, cell) in cells.iter().enumerate() {
                sheet.write_string(line, col(column + 1), cell.as_text())?;
            }
        }
        let reasons: Vec<String> = row
            .problems
            .iter()
            .map(|p| text::row_problem(Locale::ja, p))
            .collect();
        sheet.write_string(line, reasons_column, reasons.join(" / "))?;
    }
    workbook.save_to_buffer()
}

fn col(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

//! Downloading a file attached to an answer: `/files/{id}` for signed-in officers (the
//! login guard stands before it), `/a/{token}/files/{id}` for a company through its
//! link — its own files, and those of reports shared in the library. Always as an
//! attachment, with the type found in its content and a sandbox policy, so nothing a
//! company uploaded is ever rendered as a page of our origin.

use app::error::AppError;
use app::server::AppState;
use app::server::attachments::content_disposition;
use app::server::entities::attachment;
use app::server::services::answering;
use app::server::services::attachments::{Downloader, downloadable};
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::net::SocketAddr;
use tokio_util::io::ReaderStream;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/files/{id}", get(officer))
        .route("/a/{token}/files/{id}", get(company))
}

async fn officer(State(state): State<AppState>, Path(id): Path<i32>) -> Response {
    match downloadable(&state.db, id, Downloader::Officer).await {
        Ok(row) => send(&state, &row).await,
        Err(error) => refused(&error),
    }
}

async fn company(
    State(state): State<AppState>,
    Path((token, id)): Path<(String, i32)>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    let address = Some(peer.ip());
    if !state.link_throttle.may_try(address) {
        return StatusCode::TOO_MANY_REQUESTS.into_response();
    }
    let invitation = match answering::find(&state.db, &state.form_versions, &token).await {
        Ok(opened) => opened.invitation,
        Err(AppError::NotFound) => {
            state.link_throttle.wrong(address);
            return StatusCode::NOT_FOUND.into_response();
        }
        Err(error) => return refused(&error),
    };
    let who = Downloader::Company {
        invitation_id: invitation.id,
    };
    match downloadable(&state.db, id, who).await {
        Ok(row) => send(&state, &row).await,
        Err(error) => refused(&error),
    }
}

async fn send(state: &AppState, row: &attachment::Model) -> Response {
    let Some(path) = state.attachments.store.path_of(&row.sha256) else {
        tracing::error!(
            attachment = row.id,
            "an attachment's file is missing from the store"
        );
        return StatusCode::NOT_FOUND.into_response();
    };
    let file = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(error) => {
            tracing::error!(%error, attachment = row.id, "opening an attachment");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let header_value = |text: &str| {
        HeaderValue::from_str(text).unwrap_or(HeaderValue::from_static("application/octet-stream"))
    };
    let mut response = Body::from_stream(ReaderStream::new(file)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, header_value(&row.mime));
    if let Ok(disposition) = HeaderValue::from_str(&content_disposition(&row.name)) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(row.size));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // Should a browser show it anyway, it runs nothing and reaches nothing.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}

fn refused(error: &AppError) -> Response {
    match error {
        AppError::NotFound => StatusCode::NOT_FOUND.into_response(),
        error => {
            tracing::error!(?error, "finding an attachment");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

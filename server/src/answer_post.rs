//! `POST /a/{token}`: a company saves or submits its answers with a plain form post.
//!
//! Success answers with a redirect (303): to the receipt after a submission, back to
//! the form after a draft, so reloading never posts twice. Anything refused (a problem
//! with an answer, an expired page, the deadline passed while typing, another contact
//! saving in between) renders the form again in this response, with every value the
//! company typed and the reason: nothing typed is ever lost to a refusal.
//!
//! The browser's autosave posts the same form with `Accept: application/json` and
//! `intent=autosave`, and gets a small JSON answer instead.

use crate::answer_files::{self, Posted};
use crate::csrf::CsrfRejected;
use app::api::answers::{AnswerEcho, Notice};
use app::app::shell;
use app::domain::FieldErrors;
use app::domain::forms::{Mode, RawAnswers};
use app::error::AppError;
use app::server::AppState;
use app::server::services::answering::{SaveOutcome, SaveRefusal, SaveRequest};
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use serde_json::json;
use std::net::SocketAddr;

/// Fields of the form that are not answers.
const CONTROL_FIELDS: [&str; 4] = ["csrf", "intent", "base_revision", "save_key"];

pub async fn post(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let wants_json = accepts_json(&parts.headers);
    let address = Some(peer.ip());
    if !state.link_throttle.may_try(address) {
        return render(&state, parts, &token, None, StatusCode::TOO_MANY_REQUESTS).await;
    }
    // The CSRF layer has already read and limited the body; this only collects it.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    };
    let (mut form, uploads) = match multipart_boundary(&parts.headers) {
        None => (PostedForm::read(&body), Posted::UrlEncoded),
        Some(boundary) => match answer_files::read_multipart(body, boundary).await {
            Ok((fields, uploads)) => (PostedForm::from_pairs(fields), Posted::Multipart(uploads)),
            Err(error) => {
                tracing::warn!(%error, "unreadable multipart answer post");
                return StatusCode::BAD_REQUEST.into_response();
            }
        },
    };
    let csrf_rejected = parts.extensions.get::<CsrfRejected>().is_some();
    // Files are kept only for a post that may act; a stale page's files are chosen again.
    let file_errors = if csrf_rejected {
        FieldErrors::default()
    } else {
        match answer_files::attach(&state, &token, &mut form.raw, uploads).await {
            Ok(errors) => errors,
            Err(AppError::NotFound) => {
                return render(&state, parts, &token, None, StatusCode::NOT_FOUND).await;
            }
            Err(error) => {
                tracing::error!(?error, "keeping attached files failed");
                let echo = AnswerEcho {
                    raw: form.raw.clone(),
                    errors: FieldErrors::default(),
                    notice: Notice::Invalid,
                    base_revision: form.base_revision,
                    saved_by_other: None,
                };
                let status = StatusCode::INTERNAL_SERVER_ERROR;
                return render(&state, parts, &token, Some(echo), status).await;
            }
        }
    };
    let echo = |notice: Notice, errors: FieldErrors, base_revision: i32| AnswerEcho {
        raw: form.raw.clone(),
        errors,
        notice,
        base_revision,
        saved_by_other: None,
    };

    if csrf_rejected {
        if wants_json {
            return json_answer(StatusCode::FORBIDDEN, json!({ "error": "expired" }));
        }
        let echo = echo(Notice::Expired, FieldErrors::default(), form.base_revision);
        return render(&state, parts, &token, Some(echo), StatusCode::FORBIDDEN).await;
    }

    if !file_errors.is_empty() {
        // A refused file stops the save: a report must not go in without its file.
        if wants_json {
            return json_answer(
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({ "error": "invalid", "errors": file_errors, "revision": form.base_revision }),
            );
        }
        let echo = echo(Notice::Invalid, file_errors, form.base_revision);
        return render(
            &state,
            parts,
            &token,
            Some(echo),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }

    let request = SaveRequest {
        raw: form.raw.clone(),
        mode: form.mode,
        base_revision: form.base_revision,
        save_key: form.save_key.clone(),
    };
    let outcome = state.saves.save(&token, request).await;
    match outcome {
        Ok(saved) => {
            tracing::info!(
                revision = saved.revision,
                replayed = saved.replayed,
                mode = ?saved.mode,
                "answers saved"
            );
            if wants_json {
                return json_answer(StatusCode::OK, saved_json(&saved));
            }
            let to = match saved.mode {
                Mode::Submit => format!("/a/{token}/receipt"),
                Mode::Draft => format!("/a/{token}?saved=1"),
            };
            Redirect::to(&to).into_response()
        }
        Err(SaveRefusal::Link(AppError::NotFound)) => {
            // Rendering looks the link up again and counts it as a wrong one.
            render(&state, parts, &token, None, StatusCode::NOT_FOUND).await
        }
        Err(SaveRefusal::Link(error)) => {
            tracing::error!(?error, "saving answers failed");
            if wants_json {
                return json_answer(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({ "error": "internal" }),
                );
            }
            // The form comes back with what was typed; nothing is lost to a failure.
            let echo = echo(Notice::Invalid, FieldErrors::default(), form.base_revision);
            render(
                &state,
                parts,
                &token,
                Some(echo),
                StatusCode::INTERNAL_SERVER_ERROR,
            )
            .await
        }
        Err(refusal) => {
            let (status, echo) = match refusal {
                SaveRefusal::Invalid(refused) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    echo(Notice::Invalid, refused.errors, form.base_revision),
                ),
                SaveRefusal::NotYetOpen | SaveRefusal::Closed => (
                    StatusCode::CONFLICT,
                    echo(Notice::Closed, FieldErrors::default(), form.base_revision),
                ),
                SaveRefusal::AlreadySubmitted => (
                    StatusCode::CONFLICT,
                    echo(
                        Notice::AlreadySubmitted,
                        FieldErrors::default(),
                        form.base_revision,
                    ),
                ),
                SaveRefusal::Conflict { saved, revision } => (
                    StatusCode::CONFLICT,
                    AnswerEcho {
                        saved_by_other: Some(saved),
                        ..echo(Notice::Conflict, FieldErrors::default(), revision)
                    },
                ),
                SaveRefusal::Link(_) => unreachable!("handled above"),
            };
            if wants_json {
                return json_answer(
                    status,
                    json!({
                        "error": format!("{:?}", echo.notice).to_lowercase(),
                        "errors": echo.errors,
                        "revision": echo.base_revision,
                    }),
                );
            }
            render(&state, parts, &token, Some(echo), status).await
        }
    }
}

/// The posted form, split into the answers and the fields that steer the save.
struct PostedForm {
    raw: RawAnswers,
    mode: Mode,
    base_revision: i32,
    save_key: String,
}

impl PostedForm {
    fn read(body: &[u8]) -> Self {
        Self::from_pairs(
            form_urlencoded::parse(body)
                .map(|(name, value)| (name.into_owned(), value.into_owned())),
        )
    }

    fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut mode = Mode::Draft;
        let mut base_revision = 0;
        let mut save_key = String::new();
        let mut answers = Vec::new();
        for (name, value) in pairs {
            match name.as_str() {
                "intent" => {
                    mode = if value == "submit" {
                        Mode::Submit
                    } else {
                        Mode::Draft
                    }
                }
                "base_revision" => base_revision = value.trim().parse().unwrap_or(0),
                "save_key" => save_key = value,
                name if CONTROL_FIELDS.contains(&name) => {}
                _ => answers.push((name, value)),
            }
        }
        Self {
            raw: RawAnswers::from_pairs(answers),
            mode,
            base_revision,
            save_key,
        }
    }
}

fn multipart_boundary(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| multer::parse_boundary(value).ok())
}

fn accepts_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.starts_with("application/json"))
}

fn saved_json(saved: &SaveOutcome) -> serde_json::Value {
    json!({
        "revision": saved.revision,
        "receipt": saved.receipt,
        "replayed": saved.replayed,
    })
}

fn json_answer(status: StatusCode, body: serde_json::Value) -> Response {
    (status, axum::Json(body)).into_response()
}

/// The answer page for `token`, rendered as a GET of it would be, with `echo` in
/// context so the page shows what was posted.
async fn render(
    state: &AppState,
    mut parts: axum::http::request::Parts,
    token: &str,
    echo: Option<AnswerEcho>,
    status: StatusCode,
) -> Response {
    parts.method = Method::GET;
    parts.uri = match format!("/a/{token}").parse() {
        Ok(uri) => uri,
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let request = Request::from_parts(parts, Body::empty());
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            // The same per-request nonce as the Content-Security-Policy header, or the
            // page's inline scripts would be blocked and it would never hydrate.
            crate::security_headers::provide_nonce();
            provide_context(context_state.clone());
            if let Some(echo) = echo.clone() {
                provide_context(echo);
            }
        },
        move || shell(options.clone()),
    );
    let mut response = handler(request).await;
    // A page that found no link keeps its own status (404 or 429).
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_control_fields_are_not_answers() {
        let form = PostedForm::read(
            b"csrf=x&intent=submit&base_revision=3&save_key=k1&negotiations=12&requests=a%0D%0Ab",
        );
        assert_eq!(form.mode, Mode::Submit);
        assert_eq!(form.base_revision, 3);
        assert_eq!(form.save_key, "k1");
        assert_eq!(form.raw.first("negotiations"), "12");
        assert_eq!(form.raw.first("requests"), "a\r\nb");
        assert_eq!(form.raw.first("csrf"), "");
    }

    #[test]
    fn anything_but_submit_saves_a_draft() {
        assert_eq!(PostedForm::read(b"intent=draft").mode, Mode::Draft);
        assert_eq!(PostedForm::read(b"intent=autosave").mode, Mode::Draft);
        assert_eq!(PostedForm::read(b"").mode, Mode::Draft);
    }
}

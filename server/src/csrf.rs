//! CSRF protection for every state-changing request (anything but GET, HEAD, OPTIONS).
//!
//! Two independent checks:
//! 1. the browser's own provenance headers: a request that `Sec-Fetch-Site` or `Origin`
//!    marks as coming from another site is refused;
//! 2. a synchronizer token: the request must carry the session's CSRF token, in the
//!    `x-csrf-token` header or in the `csrf` field of a url-encoded or multipart form
//!    (every form renders it through `CsrfField`).

use app::server::auth::{CSRF_FIELD, CSRF_HEADER, CSRF_KEY, CsrfToken, csrf_token};
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Forms are small; a larger body is refused before it is buffered.
const MAX_FORM_BYTES: usize = 256 * 1024;

/// How large a multipart form (a file upload with its fields) may be.
#[derive(Debug, Clone, Copy)]
pub struct MultipartLimit(pub usize);

pub async fn protect(
    State(MultipartLimit(max_multipart)): State<MultipartLimit>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method().is_safe() {
        if renders_forms(request.uri().path()) {
            match csrf_token(&session).await {
                Ok(token) => {
                    request.extensions_mut().insert(CsrfToken(token));
                }
                Err(error) => {
                    tracing::error!(?error, "creating CSRF token");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            }
        }
        return next.run(request).await;
    }
    if let Err(reason) = same_origin(request.headers()) {
        tracing::warn!(path = %request.uri().path(), reason, "cross-site request refused");
        return refuse();
    }
    let expected: Option<String> = match session.get(CSRF_KEY).await {
        Ok(token) => token,
        Err(error) => {
            tracing::error!(%error, "reading session for CSRF check");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Some(expected) = expected else {
        tracing::warn!(path = %request.uri().path(), "state-changing request without a session token");
        return refuse();
    };

    let header_token = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (request, presented) = match header_token {
        Some(token) => (request, Some(token)),
        None => match form_token(request, max_multipart).await {
            Ok(found) => found,
            Err(response) => return response,
        },
    };
    match presented {
        Some(token) if tokens_match(&token, &expected) => next.run(request).await,
        _ => {
            tracing::warn!("request with a missing or wrong CSRF token refused");
            refuse()
        }
    }
}

/// Whether a GET of this path may render a form. For those the token is made before
/// the page renders: the session cookie is written when the response starts, and a token
/// first created while the page streams would belong to a session never saved.
fn renders_forms(path: &str) -> bool {
    !(path.starts_with("/pkg/")
        || path.starts_with("/locale/")
        || path == "/healthz"
        || path == "/favicon.svg")
}

/// Refuses requests that the browser says come from another site.
fn same_origin(headers: &HeaderMap) -> Result<(), &'static str> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return Err("sec-fetch-site is not same-origin");
    }
    if let Some(origin) = get("origin") {
        let host = get("host").ok_or("origin without host")?;
        let origin_host = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .ok_or("opaque origin")?;
        if origin_host != host {
            return Err("origin does not match host");
        }
    }
    Ok(())
}

/// Reads the `csrf` field of a url-encoded or multipart body and rebuilds the request
/// around the buffered body, so the handler still sees it.
async fn form_token(
    request: Request,
    max_multipart: usize,
) -> Result<(Request, Option<String>), Response> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let boundary = multer::parse_boundary(&content_type).ok();
    let is_urlencoded = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_urlencoded && boundary.is_none() {
        return Ok((request, None));
    }
    let limit = if is_urlencoded {
        MAX_FORM_BYTES
    } else {
        max_multipart
    };
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, limit).await.map_err(|_| too_large(limit))?;
    let token = match boundary {
        None => form_urlencoded::parse(&bytes)
            .find(|(key, _)| key == CSRF_FIELD)
            .map(|(_, value)| value.into_owned()),
        Some(boundary) => multipart_field(bytes.clone(), boundary, CSRF_FIELD).await,
    };
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

/// The text of the first field called `name` in a buffered multipart body. Fields before
/// it (a file chosen first) are skipped without being copied.
async fn multipart_field(bytes: axum::body::Bytes, boundary: String, name: &str) -> Option<String> {
    let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(bytes) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(name) {
            return field.text().await.ok();
        }
    }
    None
}

/// Compares in constant time, so the token cannot be guessed byte by byte.
fn tokens_match(presented: &str, expected: &str) -> bool {
    let (a, b) = (presented.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A body over the limit: for an upload, a page that says so and how large a file may be.
fn too_large(limit: usize) -> Response {
    let megabytes = limit / (1024 * 1024);
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>ファイルが大きすぎます - Kotae</title></head><body><main>\
         <h1>ファイルが大きすぎます</h1>\
         <p>送信できるのは {megabytes} MB までです。画像や不要なシートを削除するか、名簿だけを新しいブックにコピーして保存し直してから、もう一度お試しください。</p>\
         <p lang=\"en\">The file is too large: up to {megabytes} MB can be sent. Remove images or sheets you do not need, or copy the roster into a new workbook, and try again.</p>\
         </main></body></html>\n"
    );
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

fn refuse() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "このページの有効期限が切れたか、別のサイトからの送信です。ページを再読み込みしてからもう一度お試しください。\n\
         This form has expired or was sent from another site. Reload the page and try again.\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn requests_from_another_site_are_refused() {
        assert!(same_origin(&headers(&[("sec-fetch-site", "cross-site")])).is_err());
        assert!(
            same_origin(&headers(&[
                ("origin", "https://evil.example"),
                ("host", "kotae.example.jp")
            ]))
            .is_err()
        );
        assert!(
            same_origin(&headers(&[
                ("origin", "null"),
                ("host", "kotae.example.jp")
            ]))
            .is_err()
        );
    }

    #[test]
    fn same_site_and_non_browser_requests_pass_the_origin_check() {
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")])).is_ok());
        assert!(
            same_origin(&headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]))
            .is_ok()
        );
        assert!(same_origin(&HeaderMap::new()).is_ok());
    }

    #[test]
    fn tokens_must_match_exactly() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abd", "abc"));
        assert!(!tokens_match("ab", "abc"));
    }
}

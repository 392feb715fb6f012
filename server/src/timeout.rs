//! No request waits forever. A request whose answer has not started within the limit
//! gets a 503 page and an error in the log naming its route; a response whose body
//! stalls that long is cut off. A hang then costs one person a short wait and leaves a
//! trace to follow, instead of a browser spinning until someone gives up.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How long a request may take before its answer starts (`KOTAE_REQUEST_TIMEOUT`).
#[derive(Debug, Clone, Copy)]
pub struct RequestTimeout(pub Duration);

pub async fn limit(
    State(RequestTimeout(limit)): State<RequestTimeout>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned());
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(
                %method,
                %path,
                route = route.as_deref().unwrap_or("(fallback)"),
                limit_secs = limit.as_secs_f64(),
                "request timed out: no answer within the limit"
            );
            unavailable()
        }
    }
}

fn unavailable() -> Response {
    let mut response = (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        PAGE,
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>応答に時間がかかっています - Kotae</title></head>
<body>
<main>
<h1>応答に時間がかかっています</h1>
<p>サーバーが時間内に応答できませんでした。少し待ってから、もう一度お試しください。入力した内容が保存されたかどうかは、ページを開き直して確認してください。</p>
<p lang="en">The server did not answer in time. Please wait a moment and try again; reopen the page to check whether what you entered was saved.</p>
</main>
</body>
</html>
"#;

//! CSRF protection for every state-changing request (anything but GET, HEAD, OPTIONS).
//!
//! Two independent checks:
//! 1. the browser's own provenance headers: a request that `Sec-Fetch-Site` or `Origin`
//!    marks as coming from another site is refused;
//! 2. a token the request must carry, in the `x-csrf-token` header or in the `csrf`
//!    field of a url-encoded or multipart form (every form renders it through
//!    `CsrfField`, the page shell in `<meta name="csrf-token">`).
//!
//! Who is asking decides where the token comes from:
//! - a signed-in officer: a random token kept in the session (made at sign-in; the
//!   session row exists anyway);
//! - an anonymous visitor (the login page): a signed double-submit cookie. The cookie
//!   `kotae_csrf` holds 128 random bits, the token is HMAC-SHA256 of them under a key
//!   derived from the server's secret, so nothing is stored: a visitor who only looks
//!   at pages leaves no session row behind;
//! - a company on its answer pages (`/a/{token}/…`): a token bound to the invitation,
//!   HMAC-SHA256 of its link token, with neither session nor cookie. A refused submit
//!   there is not answered with 403: the request goes on marked [`CsrfRejected`], so
//!   that the handler can show the form again with everything the company typed.

use crate::config::SecretKey;
pub use app::server::auth::CsrfRejected;
use app::server::auth::{CSRF_FIELD, CSRF_HEADER, CSRF_KEY, CsrfToken, OFFICER_ID_KEY, csrf_token};
use app::server::links::LinkKey;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;
use tower_sessions::Session;
use tower_sessions::cookie::{Cookie, SameSite};

type HmacSha256 = Hmac<Sha256>;

/// Forms are small; a larger body is refused before it is buffered.
const MAX_FORM_BYTES: usize = 256 * 1024;

/// The cookie whose value an anonymous visitor's token is derived from.
pub const CSRF_COOKIE: &str = "kotae_csrf";

/// Random bytes in the CSRF cookie.
const COOKIE_BYTES: usize = 16;

/// The key anonymous visitors' CSRF tokens are signed with, derived from the server's
/// secret key so that it differs from the cookie-signing and link keys made from it.
#[derive(Clone)]
pub struct CsrfKey([u8; 32]);

impl fmt::Debug for CsrfKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CsrfKey(…)")
    }
}

impl CsrfKey {
    pub fn derive(secret: &SecretKey) -> Self {
        Self(hmac_sha256(secret.expose(), b"kotae csrf key v1"))
    }

    /// The token of an anonymous visitor whose CSRF cookie holds `cookie_value`:
    /// HMAC-SHA256 of `csrf:{cookie_value}`, URL-safe base64.
    pub fn visitor_token(&self, cookie_value: &str) -> String {
        let message = [b"csrf:".as_slice(), cookie_value.as_bytes()].concat();
        URL_SAFE_NO_PAD.encode(hmac_sha256(&self.0, &message))
    }
}

/// The CSRF token of the answer pages of the invitation whose link token is
/// `invitation_token` (the path segment after `/a/`): HMAC-SHA256 of
/// `answer:{invitation_token}` under the link key. The middleware puts it in the
/// requests of those pages as [`CsrfToken`]; the answer page's data carries the same
/// value, made by the same [`LinkKey::bind`], so that a page loaded by the browser
/// alone (`/api/answer_page`, which is not under `/a/`) has it too.
pub fn answer_token(links: &LinkKey, invitation_token: &str) -> String {
    links.bind("answer", invitation_token)
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// What the CSRF layer needs besides the request.
#[derive(Debug, Clone)]
pub struct CsrfSettings {
    pub key: CsrfKey,
    /// The key of personal links, which answer pages' tokens are bound with.
    pub links: LinkKey,
    /// How large a multipart form (a file upload with its fields) may be.
    pub max_multipart: usize,
    /// The same for a company's answers with their attached files.
    pub max_answer_multipart: usize,
    /// Whether the CSRF cookie gets the `Secure` flag (`Config::secure_cookies`).
    pub secure_cookies: bool,
}

/// Gives pages their token (GET) and checks it on everything else.
pub async fn protect(
    State(settings): State<CsrfSettings>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let invitation = invitation_of(&path).map(|token| answer_token(&settings.links, token));
    if request.method().is_safe() {
        if let Some(token) = invitation {
            request.extensions_mut().insert(CsrfToken(token));
            return next.run(request).await;
        }
        if !renders_forms(&path) {
            return next.run(request).await;
        }
        return match page_token(&settings, &session, request.headers()).await {
            Ok((token, new_cookie)) => {
                request.extensions_mut().insert(CsrfToken(token));
                let mut response = next.run(request).await;
                if let Some(cookie) = new_cookie {
                    response.headers_mut().append(header::SET_COOKIE, cookie);
                }
                response
            }
            Err(error) => {
                tracing::error!(%error, "finding the CSRF token of a page");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        };
    }
    if let Err(reason) = same_origin(request.headers()) {
        tracing::warn!(%path, reason, "cross-site request refused");
        return refuse();
    }
    if let Some(expected) = invitation {
        return answer_submit(request, expected, settings.max_answer_multipart, next).await;
    }
    let expected = match expected_token(&settings.key, &session, request.headers()).await {
        Ok(Some(expected)) => expected,
        Ok(None) => {
            tracing::warn!(%path, "state-changing request without a CSRF token to match");
            return refuse();
        }
        Err(error) => {
            tracing::error!(%error, "reading session for CSRF check");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let (request, presented) = match presented_token(request, settings.max_multipart).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match presented {
        Some(token) if tokens_match(&token, &expected) => next.run(request).await,
        _ => {
            tracing::warn!(%path, "request with a missing or wrong CSRF token refused");
            refuse()
        }
    }
}

/// Whose token a request carries, as far as its session tells.
enum Holder {
    /// The session keeps a token: a signed-in officer's.
    Session(String),
    /// Signed in, but the session has no token yet (it began before tokens were made at
    /// sign-in). A page makes one; a submit has nothing to match and is refused.
    SignedInWithoutToken,
    /// Nobody is signed in: the token comes from the CSRF cookie.
    Anonymous,
}

/// Reads the session only if the browser sent a session cookie: an anonymous
/// visitor's session is never created here.
async fn holder(session: &Session) -> Result<Holder, tower_sessions::session::Error> {
    if let Some(token) = session.get::<String>(CSRF_KEY).await? {
        return Ok(Holder::Session(token));
    }
    if session.get::<i32>(OFFICER_ID_KEY).await?.is_some() {
        return Ok(Holder::SignedInWithoutToken);
    }
    Ok(Holder::Anonymous)
}

/// The token a page renders, and the `Set-Cookie` of a CSRF cookie made for it when
/// the visitor is anonymous and has none yet.
async fn page_token(
    settings: &CsrfSettings,
    session: &Session,
    headers: &HeaderMap,
) -> Result<(String, Option<HeaderValue>), Box<dyn std::error::Error + Send + Sync>> {
    match holder(session).await? {
        Holder::Session(token) => Ok((token, None)),
        Holder::SignedInWithoutToken => Ok((csrf_token(session).await?, None)),
        Holder::Anonymous => match cookie_value(headers) {
            Some(value) => Ok((settings.key.visitor_token(&value), None)),
            None => {
                let value = URL_SAFE_NO_PAD.encode(rand::random::<[u8; COOKIE_BYTES]>());
                let cookie = csrf_cookie(&value, settings.secure_cookies)?;
                Ok((settings.key.visitor_token(&value), Some(cookie)))
            }
        },
    }
}

/// The token a submit must carry, or `None` when it cannot carry a valid one.
async fn expected_token(
    key: &CsrfKey,
    session: &Session,
    headers: &HeaderMap,
) -> Result<Option<String>, tower_sessions::session::Error> {
    Ok(match holder(session).await? {
        Holder::Session(token) => Some(token),
        Holder::SignedInWithoutToken => None,
        Holder::Anonymous => cookie_value(headers).map(|value| key.visitor_token(&value)),
    })
}

/// The value of a well-formed CSRF cookie: anything else is as good as none.
fn cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == CSRF_COOKIE)
        .map(|cookie| cookie.value().to_owned())
        .filter(|value| {
            URL_SAFE_NO_PAD
                .decode(value)
                .is_ok_and(|bytes| bytes.len() == COOKIE_BYTES)
        })
}

/// No expiry: it lasts while the browser runs. `HttpOnly`: scripts read the token from
/// the page, never the cookie. `SameSite=Lax` keeps it off other sites' posts as well.
fn csrf_cookie(value: &str, secure: bool) -> Result<HeaderValue, header::InvalidHeaderValue> {
    let cookie = Cookie::build((CSRF_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build();
    HeaderValue::from_str(&cookie.to_string())
}

/// The link token of a company's answer page (`/a/{token}`, `/a/{token}/receipt`).
fn invitation_of(path: &str) -> Option<&str> {
    path.strip_prefix("/a/")?
        .split('/')
        .next()
        .filter(|token| !token.is_empty())
}

/// A submit on a company's answer page. A wrong or missing token is not refused here:
/// the request goes on marked [`CsrfRejected`] and the handler must not act on it, but
/// show the form again with everything that was posted (and this page's valid token,
/// which is in the request as [`CsrfToken`] either way), so that a company whose page
/// went stale loses nothing it typed. Cross-site submits were refused before this.
async fn answer_submit(
    request: Request,
    expected: String,
    max_multipart: usize,
    next: Next,
) -> Response {
    let (mut request, presented) = match presented_token(request, max_multipart).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !presented.is_some_and(|token| tokens_match(&token, &expected)) {
        tracing::warn!(
            "answer submitted with a missing or wrong CSRF token: passed on as rejected"
        );
        request.extensions_mut().insert(CsrfRejected);
    }
    request.extensions_mut().insert(CsrfToken(expected));
    next.run(request).await
}

/// The token a request presents: its `x-csrf-token` header, else its form's `csrf`
/// field (the request is rebuilt around the buffered body).
async fn presented_token(
    request: Request,
    max_multipart: usize,
) -> Result<(Request, Option<String>), Response> {
    let header_token = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match header_token {
        Some(token) => Ok((request, Some(token))),
        None => form_token(request, max_multipart).await,
    }
}

/// Whether a GET of this path may render a form. For those the token is found or made
/// before the page renders: the cookies are written when the response starts, so a
/// session token or a CSRF cookie first made while the page streams would be lost.
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
        // Pages sent with `Referrer-Policy: no-referrer` (the answer pages) make the
        // browser post with `Origin: null`; the browser's own `Sec-Fetch-Site` still says
        // where the post came from, and only that is trusted then.
        if origin == "null" && get("sec-fetch-site") == Some("same-origin") {
            return Ok(());
        }
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
    let answers = invitation_of(parts.uri.path()).is_some();
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| too_large(limit, answers))?;
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
fn too_large(limit: usize, answers: bool) -> Response {
    let megabytes = limit / (1024 * 1024);
    let page = if answers {
        // The browser's Back button returns to the form with what was typed in it.
        format!(
            "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>添付ファイルが大きすぎます - Kotae</title></head><body><main>\
             <h1>添付ファイルが大きすぎます</h1>\
             <p>一度に送信できる添付ファイルは合計 {megabytes} MB までです。ブラウザの「戻る」で回答の画面に戻ると、入力した内容はそのまま残っています。ファイルを小さくするか、数回に分けて添付してください。</p>\
             <p lang=\"en\">The attached files are too large: up to {megabytes} MB can be sent at once. Go back with your browser's Back button: what you typed is still in the form. Make the files smaller or attach them a few at a time.</p>\
             </main></body></html>\n"
        )
    } else {
        format!(
            "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>ファイルが大きすぎます - Kotae</title></head><body><main>\
         <h1>ファイルが大きすぎます</h1>\
         <p>送信できるのは {megabytes} MB までです。画像や不要なシートを削除するか、名簿だけを新しいブックにコピーして保存し直してから、もう一度お試しください。</p>\
         <p lang=\"en\">The file is too large: up to {megabytes} MB can be sent. Remove images or sheets you do not need, or copy the roster into a new workbook, and try again.</p>\
         </main></body></html>\n"
        )
    };
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
    fn a_null_origin_passes_only_when_the_browser_says_same_origin() {
        assert!(
            same_origin(&headers(&[
                ("origin", "null"),
                ("sec-fetch-site", "same-origin"),
                ("host", "kotae.example.jp")
            ]))
            .is_ok()
        );
        assert!(
            same_origin(&headers(&[
                ("origin", "null"),
                ("sec-fetch-site", "cross-site"),
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
    fn answer_pages_are_found_by_their_first_segment() {
        assert_eq!(invitation_of("/a/abc"), Some("abc"));
        assert_eq!(invitation_of("/a/abc/receipt"), Some("abc"));
        assert_eq!(invitation_of("/a/"), None);
        assert_eq!(invitation_of("/api/login"), None);
        assert_eq!(invitation_of("/about"), None);
    }

    #[test]
    fn tokens_differ_by_purpose_value_and_key() {
        let secret = SecretKey::from_text(&"k".repeat(64)).expect("key");
        let key = CsrfKey::derive(&secret);
        let links = LinkKey::derive(secret.expose());
        assert_eq!(key.visitor_token("x"), key.visitor_token("x"));
        assert_ne!(key.visitor_token("x"), key.visitor_token("y"));
        assert_ne!(key.visitor_token("x"), answer_token(&links, "x"));
        let other = CsrfKey::derive(&SecretKey::from_text(&"o".repeat(64)).expect("key"));
        assert_ne!(key.visitor_token("x"), other.visitor_token("x"));
    }

    #[test]
    fn only_a_well_formed_csrf_cookie_counts() {
        let value = URL_SAFE_NO_PAD.encode([7u8; COOKIE_BYTES]);
        let cookie = format!("kotae_session=s; {CSRF_COOKIE}={value}");
        let mut map = HeaderMap::new();
        map.insert(
            header::COOKIE,
            HeaderValue::from_str(&cookie).expect("ascii"),
        );
        assert_eq!(cookie_value(&map), Some(value));
        let map = headers(&[("cookie", "kotae_csrf=short")]);
        assert_eq!(cookie_value(&map), None);
        assert_eq!(cookie_value(&HeaderMap::new()), None);
    }

    #[test]
    fn tokens_must_match_exactly() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abd", "abc"));
        assert!(!tokens_match("ab", "abc"));
    }
}

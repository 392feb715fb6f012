//! The security headers of every response, and the per-request nonce that lets the
//! page's own inline scripts run under the Content Security Policy.
//!
//! The policy allows only our own scripts and styles. Leptos inlines two kinds of
//! script: the one that loads and hydrates the wasm bundle, and the ones that carry the
//! data of resources rendered on the server. Both carry the nonce that Leptos finds in
//! its context ([`provide_nonce`] puts ours there), and the same nonce is in the header.
//! (leptos_i18n also renders an empty `<script>` as a placeholder: a browser runs
//! nothing for it and never asks the policy.) Our pages use no inline `style`.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;

/// This request's CSP nonce: 128 random bits, URL-safe base64. Put in the request's
/// extensions for the page renderer.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

impl CspNonce {
    fn new() -> Self {
        // `rand::random` draws from the thread's CSPRNG, seeded by the operating system.
        let bytes: [u8; 16] = rand::random();
        Self(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }
}

/// What differs between the policies of two processes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// Under `cargo leptos watch` the page opens a WebSocket to the reload port, another
    /// origin than ours; only then is it allowed.
    pub live_reload: bool,
}

impl Policy {
    /// Live reload when cargo-leptos runs us in watch mode (it sets `LEPTOS_WATCH`, the
    /// same variable that makes the shell's `<AutoReload>` render its script).
    pub fn from_env() -> Self {
        Self {
            live_reload: std::env::var_os("LEPTOS_WATCH").is_some(),
        }
    }

    /// The Content-Security-Policy of a response whose inline scripts carry `nonce`.
    /// `'wasm-unsafe-eval'` lets the page compile our wasm bundle (it allows no `eval`
    /// of JavaScript); `img-src` also takes `data:` URLs, small images written into a
    /// stylesheet, which cannot run anything. Forms post only to us; no site may frame us.
    fn content_security_policy(self, nonce: &CspNonce) -> String {
        let reload = if self.live_reload { " ws: wss:" } else { "" };
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'{reload}; \
             form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
            nonce = nonce.0
        )
    }
}

/// Adds the headers to every response, after making the nonce the page will use.
pub async fn add(State(policy): State<Policy>, mut request: Request, next: Next) -> Response {
    let nonce = CspNonce::new();
    let referrer_policy = referrer_policy(request.uri().path());
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A response with a stricter policy of its own (a downloaded attachment) keeps it.
    let own_policy = headers.contains_key(header::CONTENT_SECURITY_POLICY);
    match HeaderValue::from_str(&policy.content_security_policy(&nonce)) {
        Ok(_) if own_policy => {}
        Ok(value) => {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
        // The nonce is base64, so this cannot happen; were it to, it must not go unseen.
        Err(error) => tracing::error!(%error, "building the Content-Security-Policy header"),
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static(referrer_policy),
    );
    response
}

/// A company's answer pages (`/a/{token}`) have the personal token in their URL: no
/// link on them may send it anywhere, not even to us. Officer pages keep a same-origin
/// `Referer`: a form posted without JavaScript is sent back to the page it came from
/// with it (`app::api::respond`, `form_echo`), while other sites still learn nothing.
fn referrer_policy(path: &str) -> &'static str {
    if path.starts_with("/a/") {
        "no-referrer"
    } else {
        "same-origin"
    }
}

/// Gives Leptos this request's nonce, so the inline scripts it renders carry the one
/// in the header. Called in the rendering context of every page (and of the not-found
/// page); where there is no request or no nonce (a static file), it does nothing, and
/// Leptos keeps the random nonce it made itself, which no header allows.
pub fn provide_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_pages_send_no_referrer_and_officer_pages_only_to_us() {
        assert_eq!(referrer_policy("/a/Zm9vYmFy"), "no-referrer");
        assert_eq!(referrer_policy("/a/Zm9vYmFy/receipt"), "no-referrer");
        assert_eq!(referrer_policy("/events"), "same-origin");
        assert_eq!(referrer_policy("/api/login"), "same-origin");
        assert_eq!(referrer_policy("/about"), "same-origin");
    }

    #[test]
    fn the_policy_names_the_nonce_and_allows_nothing_inline_else() {
        let nonce = CspNonce::new();
        let policy = Policy::default().content_security_policy(&nonce);
        assert!(policy.contains(&format!("'nonce-{}'", nonce.0)), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(!policy.contains("ws:"), "no WebSocket outside watch mode");
        assert_ne!(CspNonce::new().0, nonce.0, "a new nonce every time");
        assert_eq!(nonce.0.len(), 22, "128 bits");
    }
}

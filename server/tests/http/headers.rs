//! Security headers on every response, and the per-request nonce that lets the page's
//! own inline scripts (and only those) run under the Content Security Policy.

use crate::support::{self, Db, Options, STALL_PATH, STATIC_FILE, TEST_TIME_LIMIT, TestApp};
use app::domain::Role;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::{Response, StatusCode};
use std::time::Duration;

pub async fn every_response_carries_the_security_headers(app: TestApp) {
    let login = app.get("/login").await;
    assert_eq!(login.status(), StatusCode::OK);
    assert_security_headers(&login, "the login page", "same-origin");

    let file = app.get(STATIC_FILE).await;
    assert_eq!(file.status(), StatusCode::OK, "the static file is served");
    assert_security_headers(&file, "a static file", "same-origin");

    let answer = app.get("/a/anything").await;
    assert_security_headers(&answer, "an answer page", "no-referrer");
    let answer_receipt = app.get("/a/anything/receipt").await;
    assert_security_headers(&answer_receipt, "an answer receipt", "no-referrer");

    let refused = app
        .send(
            app.client
                .post(app.url("/api/login"))
                .header(ACCEPT, "application/json")
                .form(&[("email", "a@example.jp"), ("password", "x")]),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "no CSRF token");
    assert_security_headers(&refused, "a refused POST", "same-origin");

    app.login_as("tanaka@example.jp", Role::Officer).await;
    let events = app.get("/events").await;
    assert_eq!(events.status(), StatusCode::OK);
    assert_security_headers(&events, "an officer page", "same-origin");
    let html = events.text().await.expect("body");
    assert!(html.contains("<title>展示会・イベント</title>"), "{html}");
    assert_eq!(html.matches("<title>").count(), 1, "one title");
    let (_, html) = app.get_text("/events/999999").await;
    assert!(
        html.contains("<title>Kotae</title>"),
        "a page that shows only an error has a title too: {html}"
    );

    // Officers see the not-found page; anonymous visitors are sent to log in first.
    let missing = app.get("/no-such-page").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_security_headers(&missing, "the not-found page", "same-origin");
    let html = missing.text().await.expect("body");
    assert!(
        html.contains("<title>ページが見つかりません</title>"),
        "the not-found page has a title: {html}"
    );

    let posted = app
        .submit_form(
            "/api/create_event",
            "/events/new",
            &[
                ("input[name]", "展示会"),
                ("input[kind]", "business_matching"),
            ],
        )
        .await;
    assert!(
        posted.status().is_redirection(),
        "a form post: {}",
        posted.status()
    );
    assert_security_headers(&posted, "an accepted POST", "same-origin");
}

pub async fn inline_scripts_carry_the_nonce_of_the_policy(app: TestApp) {
    let (first_nonce, first) = page_and_nonce(&app, "/login").await;
    let (second_nonce, second) = page_and_nonce(&app, "/login").await;
    assert_ne!(first_nonce, second_nonce, "a new nonce for every request");
    assert_scripts_carry(&first, &first_nonce, "/login");
    assert_scripts_carry(&second, &second_nonce, "/login");

    // A page with data loaded on the server also inlines that data as scripts.
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let (nonce, html) = page_and_nonce(&app, "/no-such-page").await;
    assert_scripts_carry(&html, &nonce, "the not-found page");
    for path in ["/events", "/events/new", "/companies"] {
        let (nonce, html) = page_and_nonce(&app, path).await;
        assert_scripts_carry(&html, &nonce, path);
        assert!(
            html.contains("__RESOLVED_RESOURCES"),
            "{path} inlines its resources as scripts"
        );
        assert!(
            !html.contains(" style=\""),
            "{path} has no inline style, which the policy would block"
        );
    }
}

/// The responses the server writes itself, outside the app: the 413 of an oversized
/// form and the 503 of a request that got no answer in time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_own_error_pages_carry_the_security_headers() {
    let options = Options {
        request_timeout: Duration::from_secs(1),
        ..Options::default()
    };
    support::run_with(
        Db::Sqlite,
        "the_servers_own_error_pages_carry_the_security_headers",
        options,
        TEST_TIME_LIMIT,
        |app: TestApp| async move {
            let token = app.csrf_token().await;
            let body = format!("csrf={token}&notes={}", "a".repeat(300 * 1024));
            let too_large = app
                .send(
                    app.client
                        .post(app.url("/api/login"))
                        .header(ACCEPT, "application/json")
                        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .body(body),
                )
                .await;
            assert_eq!(too_large.status(), StatusCode::PAYLOAD_TOO_LARGE);
            assert_security_headers(&too_large, "the 413 page", "same-origin");

            let stuck = app.get(STALL_PATH).await;
            assert_eq!(stuck.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_security_headers(&stuck, "the 503 page", "same-origin");
        },
    )
    .await;
}

fn header(response: &Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn assert_security_headers(response: &Response, what: &str, referrer_policy: &str) {
    let csp = header(response, "content-security-policy");
    for directive in [
        "default-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{what}: {directive} in {csp:?}");
    }
    assert!(
        csp.contains("script-src 'self' 'nonce-") && csp.contains("'wasm-unsafe-eval'"),
        "{what}: script-src in {csp:?}"
    );
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp:?}");
    assert_eq!(
        header(response, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(header(response, "x-frame-options"), "DENY", "{what}");
    assert_eq!(
        header(response, "referrer-policy"),
        referrer_policy,
        "{what}"
    );
}

/// The page at `path` and the nonce its Content-Security-Policy allows.
async fn page_and_nonce(app: &TestApp, path: &str) -> (String, String) {
    let response = app.get(path).await;
    let csp = header(&response, "content-security-policy");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("{path}: no nonce in {csp:?}"))
        .to_owned();
    (nonce, response.text().await.expect("body"))
}

/// Every `<script>` of a page: its `nonce` attribute (if any) and its text.
fn scripts(html: &str) -> Vec<(Option<String>, &str)> {
    html.match_indices("<script")
        .filter_map(|(at, _)| {
            let tag_end = at + html[at..].find('>')?;
            let text_end = tag_end + html[tag_end..].find("</script>")?;
            let tag = &html[at..tag_end];
            let nonce = tag.find("nonce=\"").and_then(|start| {
                let value_at = start + "nonce=\"".len();
                let value_end = value_at + tag[value_at..].find('"')?;
                Some(tag[value_at..value_end].to_owned())
            });
            Some((nonce, &html[tag_end + 1..text_end]))
        })
        .collect()
}

/// Every script that has something to run carries the nonce. leptos_i18n renders an
/// empty `<script>` as a placeholder; a browser runs nothing for it and never asks
/// the policy.
fn assert_scripts_carry(html: &str, nonce: &str, what: &str) {
    let scripts = scripts(html);
    assert!(
        scripts.iter().any(|(_, text)| text.contains("hydrate")),
        "{what} has the hydration script"
    );
    for (found, text) in scripts {
        if !text.is_empty() {
            assert_eq!(
                found.as_deref(),
                Some(nonce),
                "{what}: every inline script, this one too: {text}"
            );
        }
    }
}

#[test]
fn scripts_are_read_with_their_nonce_and_text() {
    let html = r#"<script type="module" nonce="n1">x()</script><p></p><script></script>"#;
    assert_eq!(scripts(html), vec![(Some("n1".into()), "x()"), (None, "")]);
}

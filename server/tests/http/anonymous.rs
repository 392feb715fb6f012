//! Visitors who are not signed in leave no session behind: the login page's CSRF token
//! comes from a signed cookie, a company's answer pages from the invitation itself.
//! Only signing in creates a session.

use crate::support::{self, Browser, PASSWORD, TestApp, hidden_value, location};
use app::domain::Role;
use app::server::entities::session;
use app::server::links::LinkKey;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, REFERER, SET_COOKIE};
use sea_orm::{EntityTrait, PaginatorTrait};
use server::csrf::answer_token;

pub async fn looking_at_pages_anonymously_writes_no_session(app: TestApp) {
    assert_eq!(session_rows(&app).await, 0);
    for _ in 0..20 {
        let (status, _) = app.get_text("/login").await;
        assert_eq!(status, StatusCode::OK);
    }
    for _ in 0..20 {
        let token = app::server::auth::random_token();
        app.get(&format!("/a/{token}")).await;
    }
    let response = app.get("/events").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "sent to log in");
    let (status, _) = app.call_get("/api/session_info").await;
    assert_eq!(status, StatusCode::OK);
    for _ in 0..5 {
        let newcomer = support::spawn_browser(&app);
        let (status, _) = newcomer.get_text("/login").await;
        assert_eq!(status, StatusCode::OK);
    }
    assert_eq!(session_rows(&app).await, 0, "no session was written");
}

pub async fn signing_in_creates_exactly_one_session(app: TestApp) {
    app.create_officer("tanaka@example.jp", Role::Officer).await;
    let anonymous_token = app.csrf_token().await;

    // Without JavaScript: the login page's form, posted natively.
    let response = app.login("tanaka@example.jp", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/events");
    assert_eq!(session_rows(&app).await, 1, "the sign-in made the session");

    let (status, html) = app.get_text("/events").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("テスト officer"), "signed in");
    let token = app.csrf_token().await;
    assert_ne!(
        token, anonymous_token,
        "a new token for the signed-in session"
    );
    let (status, body) = app
        .call(
            "/api/create_event",
            &[
                ("input[name]", "展示会"),
                ("input[kind]", "business_matching"),
                ("input[venue]", "市民文化会館"),
                ("input[start_date]", "2026-11-05"),
                ("input[end_date]", "2026-11-06"),
                ("input[notes]", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "the new page's token works: {body}");
    let (status, _) = app
        .call_raw(
            "/api/create_event",
            &[("csrf", anonymous_token.as_str()), ("input[name]", "x")],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the anonymous token no longer counts"
    );

    // With JavaScript: the server function called with the page's token.
    let other = support::spawn_browser(&app);
    let (status, body) = other
        .call(
            "/api/login",
            &[("email", "tanaka@example.jp"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(session_rows(&app).await, 2, "one session per sign-in");
    let (status, _) = other.get_text("/events").await;
    assert_eq!(status, StatusCode::OK, "signed in");

    // A failed sign-in without JavaScript keeps nothing in a session either.
    let stranger = support::spawn_browser(&app);
    let response = stranger.login("tanaka@example.jp", "wrong password").await;
    let back = support::location_path(&response);
    assert!(back.starts_with("/login?"), "{back}");
    let (_, html) = stranger.get_text(&back).await;
    assert!(
        html.contains("メールアドレスまたはパスワードが正しくありません"),
        "the error is shown: {html}"
    );
    assert_eq!(session_rows(&app).await, 2, "no session for a failure");
}

pub async fn the_login_form_needs_the_token_of_its_own_cookie(app: TestApp) {
    app.create_officer("tanaka@example.jp", Role::Officer).await;
    let response = app.get("/login").await;
    let cookie = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kotae_csrf="))
        .expect("the login page sets the CSRF cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    let html = response.text().await.expect("body");
    let token = hidden_value(&html, "csrf").expect("the form has the token");
    assert!(
        html.contains(&format!(r#"<meta name="csrf-token" content="{token}""#)),
        "the page's meta has the same token"
    );
    assert_eq!(
        app.csrf_token().await,
        token,
        "the same token while the cookie lasts"
    );

    let credentials = [("email", "tanaka@example.jp"), ("password", PASSWORD)];
    let missing = post_login(&app, None, &credentials).await;
    assert_eq!(missing, StatusCode::FORBIDDEN, "no token");
    let wrong = post_login(&app, Some("forged-token"), &credentials).await;
    assert_eq!(wrong, StatusCode::FORBIDDEN, "a wrong token");
    let another = support::spawn_browser(&app);
    let theirs = another.csrf_token().await;
    assert_ne!(theirs, token, "every browser its own cookie and token");
    let wrong = post_login(&app, Some(&theirs), &credentials).await;
    assert_eq!(wrong, StatusCode::FORBIDDEN, "another browser's token");
    let cookieless = support::spawn_browser(&app);
    let wrong = post_login(&cookieless, Some(&token), &credentials).await;
    assert_eq!(wrong, StatusCode::FORBIDDEN, "the token without its cookie");
    assert_eq!(
        session_rows(&app).await,
        0,
        "nothing got as far as a session"
    );

    let accepted = post_login(&app, Some(&token), &credentials).await;
    assert_eq!(accepted, StatusCode::FOUND, "the token of the cookie");
    assert_eq!(session_rows(&app).await, 1);
}

pub async fn answer_pages_use_a_token_bound_to_the_invitation(app: TestApp) {
    let invitation = app::server::auth::random_token();
    let links = LinkKey::derive(support::secret_key().expose());
    let expected = answer_token(&links, &invitation);
    for path in [
        format!("/a/{invitation}"),
        format!("/a/{invitation}/receipt"),
    ] {
        let response = app.get(&path).await;
        let kotae_cookies: Vec<_> = response
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter(|v| v.starts_with("kotae_"))
            .collect();
        assert!(
            kotae_cookies.is_empty(),
            "{path}: neither a session nor a CSRF cookie: {kotae_cookies:?}"
        );
        let html = response.text().await.expect("body");
        assert!(
            html.contains(&format!(r#"<meta name="csrf-token" content="{expected}""#)),
            "{path} renders the invitation's token: {html}"
        );
    }
    let other = answer_token(&links, "another-invitation");
    assert_ne!(other, expected, "each invitation its own token");

    let path = format!("/a/{invitation}");
    let cross_site = app
        .send(
            app.client
                .post(app.url(&path))
                .header("origin", "https://evil.example")
                .form(&[("csrf", expected.as_str())]),
        )
        .await;
    assert_eq!(
        cross_site.status(),
        StatusCode::FORBIDDEN,
        "a post from another site is refused outright"
    );
    // A stale token is not refused with the plain 403: the handler gets the request,
    // marked, and shows the form again with what was typed.
    let stale = app
        .send(
            app.client
                .post(app.url(&path))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url(&path))
                .form(&[("csrf", "stale-token"), ("answer", "typed")]),
        )
        .await;
    assert_ne!(stale.status(), StatusCode::FORBIDDEN);
    assert_eq!(session_rows(&app).await, 0, "answer pages keep no session");
}

async fn session_rows(app: &TestApp) -> u64 {
    session::Entity::find()
        .count(&app.db)
        .await
        .expect("sessions counted")
}

/// Posts the login form without JavaScript, with `token` as its CSRF field.
async fn post_login(browser: &Browser, token: Option<&str>, fields: &[(&str, &str)]) -> StatusCode {
    let mut all: Vec<(&str, &str)> = token.map(|t| ("csrf", t)).into_iter().collect();
    all.extend_from_slice(fields);
    browser
        .send(
            browser
                .client
                .post(browser.url("/api/login"))
                .header(ACCEPT, "text/html,application/xhtml+xml")
                .header(REFERER, browser.url("/login"))
                .form(&all),
        )
        .await
        .status()
}

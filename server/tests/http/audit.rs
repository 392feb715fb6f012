//! The audit log, driven over HTTP: what is recorded, who may read it, and its filter
//! and pages.

use crate::officer_id;
use crate::support::{self, Browser, TestApp};
use app::domain::Role;
use app::server::services::audit::{self, Action, Actor};
use reqwest::StatusCode;
use serde_json::json;

pub async fn sign_ins_and_failed_sign_ins_are_in_the_audit_log(app: TestApp) {
    app.login_as("admin@example.jp", Role::Admin).await;
    let stranger = support::spawn_browser(&app);
    let (status, _) = stranger
        .call(
            "/api/login",
            &[("email", " Nobody@Example.jp "), ("password", "guess")],
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let page = audit_log(&app, "query[action]=login").await;
    let [login] = entries(&page) else {
        panic!("one sign-in: {page}")
    };
    assert_eq!(
        login["actor"],
        json!({"kind": "officer", "name": "admin@example.jp"})
    );
    assert_eq!(login["subject"], "admin@example.jp");

    let page = audit_log(&app, "query[action]=login_failed").await;
    let [failed] = entries(&page) else {
        panic!("one failed sign-in: {page}")
    };
    assert_eq!(
        failed["actor"],
        json!({"kind": "anonymous", "name": "Nobody@Example.jp"}),
        "the address as typed, trimmed"
    );
    assert!(
        failed["details"]
            .as_array()
            .is_some_and(|d| d.contains(&json!(["ip", "127.0.0.1"]))),
        "{failed}"
    );

    // Attempts the rate limit refuses unchecked are logged too, marked as such.
    let mut refused = false;
    for _ in 0..10 {
        let (status, _) = stranger
            .call(
                "/api/login",
                &[("email", "nobody@example.jp"), ("password", "guess")],
            )
            .await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            refused = true;
            break;
        }
    }
    assert!(refused, "the rate limit applies");
    let page = audit_log(&app, "query[action]=login_failed").await;
    let newest = &entries(&page)[0];
    assert!(
        newest["details"]
            .as_array()
            .is_some_and(|d| d.contains(&json!(["throttled", "true"]))),
        "{newest}"
    );

    let (status, html) = app.get_text("/admin/audit?action=login_failed").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("ログイン失敗"), "the action in words");
    assert!(html.contains("Nobody@Example.jp（未ログイン）"), "who");
    assert!(html.contains("2026/06/01 09:00"), "the time in JST");
    assert!(html.contains("試行回数の上限による拒否"), "the refusal");
}

pub async fn role_changes_are_logged_with_the_old_and_new_role(app: TestApp) {
    app.login_as("admin@example.jp", Role::Admin).await;
    app.create_officer("suzuki@example.jp", Role::Officer).await;
    let suzuki = officer_id(&app, "suzuki@example.jp").await;
    app.clock.advance(std::time::Duration::from_secs(90 * 60));

    let (status, body) = app
        .call(
            "/api/set_officer_role",
            &[("id", &suzuki), ("role", "viewer")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .call(
            "/api/set_officer_active",
            &[("id", &suzuki), ("active", "false")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let page = audit_log(&app, "query[action]=officer_role_changed").await;
    let [change] = entries(&page) else {
        panic!("one role change: {page}")
    };
    assert_eq!(
        change["actor"],
        json!({"kind": "officer", "name": "admin@example.jp"})
    );
    assert_eq!(change["subject"], "suzuki@example.jp");
    assert_eq!(
        change["details"],
        json!([["from", "officer"], ["to", "viewer"]])
    );
    assert_eq!(change["at"], "2026-06-01T01:30:00Z", "the app's clock");

    let page = audit_log(&app, "query[action]=officer_disabled").await;
    assert_eq!(page["total"], 1, "{page}");
    let page = audit_log(&app, "query[action]=officer_created").await;
    assert_eq!(page["total"], 2, "both accounts: {page}");
    assert_eq!(
        entries(&page)[0]["actor"],
        json!({"kind": "system", "name": "test"}),
        "the harness creates them as the system"
    );

    let (_, html) = app
        .get_text("/admin/audit?action=officer_role_changed")
        .await;
    assert!(html.contains("権限の変更"), "the action in words");
    assert!(
        html.contains("変更前: 担当者 / 変更後: 閲覧のみ"),
        "the roles in words"
    );
    assert!(html.contains("2026/06/01 10:30"), "the time in JST");
}

pub async fn only_admins_and_viewers_may_read_the_audit_log(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let (status, body) = app.call_get("/api/audit_log?query[page]=1").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, html) = app.get_text("/admin/audit").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("この操作を行う権限がありません"), "{html}");
    assert!(!html.contains("<table"), "no entries shown");
    assert!(
        !html.contains(r#"href="/admin/audit""#),
        "no link in the menu"
    );

    for (email, role) in [
        ("viewer@example.jp", Role::Viewer),
        ("admin@example.jp", Role::Admin),
    ] {
        let reader = support::spawn_browser(&app);
        reader.login_as(email, role).await;
        let (status, body) = reader.call_get("/api/audit_log?query[page]=1").await;
        assert_eq!(status, StatusCode::OK, "{email}: {body}");
        let (status, html) = reader.get_text("/admin/audit").await;
        assert_eq!(status, StatusCode::OK, "{email}");
        assert!(
            html.contains("<caption>"),
            "{email}: a table with a caption"
        );
        assert!(
            html.contains(r#"<th scope="col">"#),
            "{email}: column headers"
        );
        assert!(
            html.contains(r#"<label for="f-action""#),
            "{email}: labelled filter"
        );
        assert!(
            html.contains(r#"href="/admin/audit""#),
            "{email}: a link in the menu"
        );
    }
}

pub async fn the_audit_log_is_filtered_and_paged(app: TestApp) {
    app.login_as("admin@example.jp", Role::Admin).await;
    // 55 failed sign-ins, one an hour, going back from 09:00 JST on 1 June.
    for hour in 0..55 {
        audit::record(
            &app.db,
            support::test_epoch() - chrono::Duration::hours(hour),
            &Actor::Anonymous {
                claimed: format!("guest{hour:02}@example.jp"),
            },
            Action::LoginFailed,
            "",
            json!({}),
        )
        .await
        .expect("recorded");
    }

    let first = audit_log(&app, "query[action]=login_failed").await;
    assert_eq!(first["total"], 55);
    assert_eq!(entries(&first).len(), 50, "fifty a page");
    assert_eq!(
        entries(&first)[0]["actor"]["name"],
        "guest00@example.jp",
        "newest first"
    );
    let second = audit_log(&app, "query[action]=login_failed&query[page]=2").await;
    assert_eq!(entries(&second).len(), 5);
    assert_eq!(entries(&second)[4]["actor"]["name"], "guest54@example.jp");

    let one = audit_log(&app, "query[who]=GUEST07").await;
    assert_eq!(
        one["total"], 1,
        "case-insensitive part of the address: {one}"
    );
    let literal = audit_log(&app, "query[who]=guest_7").await;
    assert_eq!(literal["total"], 0, "_ is not a wildcard: {literal}");
    let june_first = audit_log(
        &app,
        "query[action]=login_failed&query[from]=2026-06-01&query[to]=2026-06-01",
    )
    .await;
    assert_eq!(june_first["total"], 10, "00:00 to 09:00 JST: {june_first}");
    let (status, body) = app
        .call_get("/api/audit_log?query[from]=2026-06-02&query[to]=2026-06-01")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("end_before_start"), "{body}");

    // Without JavaScript: the filter form sends every field, empty or not.
    let (status, html) = app
        .get_text("/admin/audit?action=login_failed&who=&from=&to=")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("55件"), "the count");
    assert!(html.contains("guest00@example.jp") && !html.contains("guest50@example.jp"));
    assert!(
        html.contains("/admin/audit?action=login_failed&amp;page=2")
            || html.contains("/admin/audit?action=login_failed&page=2"),
        "a link to the next page keeps the filter"
    );
    let (_, html) = app
        .get_text("/admin/audit?action=login_failed&page=2")
        .await;
    assert!(html.contains("guest54@example.jp") && !html.contains("guest00@example.jp"));
    assert!(html.contains(r#"rel="prev""#), "a link back");
}

/// The audit log as the API returns it for `query` (e.g. `query[action]=login`).
async fn audit_log(browser: &Browser, query: &str) -> serde_json::Value {
    let (status, body) = browser.call_get(&format!("/api/audit_log?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a JSON page")
}

fn entries(page: &serde_json::Value) -> &[serde_json::Value] {
    page["entries"].as_array().map_or(&[], Vec::as_slice)
}

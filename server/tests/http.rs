//! The officer-facing HTTP API and pages, driven over real HTTP against a real server,
//! once on SQLite and once on PostgreSQL.

#[macro_use]
mod support;

#[path = "http/companies.rs"]
mod companies;
use companies::{
    a_refused_form_without_javascript_comes_back_with_what_was_typed,
    an_invalid_corporate_number_is_refused_and_nothing_changes,
    companies_are_found_by_name_kana_corporate_number_and_email,
    merging_moves_contacts_and_events_and_deletes_the_merged_company,
    switching_the_primary_contact_leaves_exactly_one, viewers_see_companies_but_cannot_change_them,
};

#[path = "http/audit.rs"]
mod audit;
use audit::{
    only_admins_and_viewers_may_read_the_audit_log,
    role_changes_are_logged_with_the_old_and_new_role,
    sign_ins_and_failed_sign_ins_are_in_the_audit_log, the_audit_log_is_filtered_and_paged,
};

#[path = "http/headers.rs"]
mod headers;
use headers::{
    every_response_carries_the_security_headers, inline_scripts_carry_the_nonce_of_the_policy,
};

#[path = "http/anonymous.rs"]
mod anonymous;
use anonymous::{
    answer_pages_use_a_token_bound_to_the_invitation,
    looking_at_pages_anonymously_writes_no_session, signing_in_creates_exactly_one_session,
    the_login_form_needs_the_token_of_its_own_cookie,
};

#[path = "http/forms.rs"]
mod forms;
use forms::{
    a_copy_is_a_new_draft_form_with_the_same_questions,
    a_form_from_a_template_is_previewed_published_and_then_never_changes,
    saving_in_the_builder_after_publishing_starts_a_new_version,
    the_builder_edits_adds_moves_and_deletes_items_without_javascript,
    the_builder_shows_problems_next_to_their_items_and_keeps_what_was_typed,
    viewers_see_forms_but_cannot_create_or_publish_them,
};

#[path = "http/campaigns.rs"]
mod campaigns;
use campaigns::{
    a_campaign_asks_every_participant_and_the_board_follows_their_links,
    a_campaign_for_chosen_companies_asks_only_them,
    a_deadline_before_the_opening_is_refused_beside_the_field, a_new_link_retires_the_old_one,
    one_company_gets_more_time_but_never_less, viewers_cannot_open_campaigns_or_touch_links,
};

#[path = "http/summary.rs"]
mod summary;
use summary::{
    a_campaign_summary_matches_the_answers_computed_by_hand,
    a_question_s_texts_have_pages_of_their_own, exports_hold_the_answers_safely_and_are_audited,
    the_summary_is_filtered_by_company_and_regional_leader,
};

#[path = "http/dashboards.rs"]
mod dashboards;
use dashboards::{
    a_fiscal_year_runs_from_april_to_march,
    kpis_show_actual_against_target_per_year_and_cumulatively,
    the_event_dashboard_totals_its_campaigns,
    the_fiscal_year_dashboard_totals_its_events_and_the_trend,
    viewers_see_kpis_but_cannot_change_them,
};

use app::domain::Role;
use reqwest::StatusCode;
use support::{PASSWORD, TestApp, hidden_value, location, location_path};

on_both_databases!(
    health_check_reports_the_database,
    login_succeeds_and_the_officer_sees_the_events,
    failed_logins_get_one_generic_message,
    logins_are_rate_limited_per_account,
    anonymous_visitors_are_sent_to_the_login_page,
    viewers_can_read_but_not_write,
    state_changing_requests_need_the_csrf_token,
    invalid_events_get_an_error_next_to_each_field,
    events_can_be_created_edited_and_archived,
    admins_manage_officers,
    disabled_officers_lose_access_at_once,
    the_last_admin_cannot_lock_the_office_out,
    the_language_switch_is_remembered,
    the_demo_roster_is_listed_on_its_events,
    pages_render_completely_under_concurrent_load,
    companies_are_found_by_name_kana_corporate_number_and_email,
    an_invalid_corporate_number_is_refused_and_nothing_changes,
    a_refused_form_without_javascript_comes_back_with_what_was_typed,
    switching_the_primary_contact_leaves_exactly_one,
    merging_moves_contacts_and_events_and_deletes_the_merged_company,
    viewers_see_companies_but_cannot_change_them,
    sign_ins_and_failed_sign_ins_are_in_the_audit_log,
    role_changes_are_logged_with_the_old_and_new_role,
    only_admins_and_viewers_may_read_the_audit_log,
    the_audit_log_is_filtered_and_paged,
    every_response_carries_the_security_headers,
    inline_scripts_carry_the_nonce_of_the_policy,
    looking_at_pages_anonymously_writes_no_session,
    signing_in_creates_exactly_one_session,
    the_login_form_needs_the_token_of_its_own_cookie,
    answer_pages_use_a_token_bound_to_the_invitation,
    a_form_from_a_template_is_previewed_published_and_then_never_changes,
    a_copy_is_a_new_draft_form_with_the_same_questions,
    viewers_see_forms_but_cannot_create_or_publish_them,
    a_campaign_asks_every_participant_and_the_board_follows_their_links,
    a_campaign_for_chosen_companies_asks_only_them,
    viewers_cannot_open_campaigns_or_touch_links,
    a_new_link_retires_the_old_one,
    a_deadline_before_the_opening_is_refused_beside_the_field,
    one_company_gets_more_time_but_never_less,
    the_builder_edits_adds_moves_and_deletes_items_without_javascript,
    the_builder_shows_problems_next_to_their_items_and_keeps_what_was_typed,
    saving_in_the_builder_after_publishing_starts_a_new_version,
    a_campaign_summary_matches_the_answers_computed_by_hand,
    the_summary_is_filtered_by_company_and_regional_leader,
    a_question_s_texts_have_pages_of_their_own,
    exports_hold_the_answers_safely_and_are_audited,
    the_event_dashboard_totals_its_campaigns,
    the_fiscal_year_dashboard_totals_its_events_and_the_trend,
    a_fiscal_year_runs_from_april_to_march,
    kpis_show_actual_against_target_per_year_and_cumulatively,
    viewers_see_kpis_but_cannot_change_them,
);

async fn health_check_reports_the_database(app: TestApp) {
    let (status, body) = app.get_text("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#""database":"ok""#), "{body}");
}

async fn login_succeeds_and_the_officer_sees_the_events(app: TestApp) {
    app.create_officer("tanaka@example.jp", Role::Officer).await;
    let response = app.login(" Tanaka@Example.JP ", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), "/events");

    let (status, html) = app.get_text("/events").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("テスト officer"),
        "the page names the officer"
    );
    assert!(html.contains("展示会・イベント"), "Japanese by default");
}

async fn failed_logins_get_one_generic_message(app: TestApp) {
    app.create_officer("tanaka@example.jp", Role::Officer).await;

    let wrong_password = app
        .call(
            "/api/login",
            &[("email", "tanaka@example.jp"), ("password", "nope")],
        )
        .await;
    let unknown_account = app
        .call(
            "/api/login",
            &[("email", "nobody@example.jp"), ("password", "nope")],
        )
        .await;
    assert_eq!(wrong_password.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong_password, unknown_account,
        "no hint about which accounts exist"
    );

    // Without JavaScript: back to the login page, which shows the message.
    let response = app.login("tanaka@example.jp", "wrong password").await;
    let back = location_path(&response);
    assert!(back.starts_with("/login?"), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(
        html.contains("メールアドレスまたはパスワードが正しくありません"),
        "{html}"
    );
    let (status, _) = app.get_text("/events").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "still signed out");
}

async fn logins_are_rate_limited_per_account(app: TestApp) {
    app.create_officer("tanaka@example.jp", Role::Officer).await;
    for _ in 0..5 {
        let (status, _) = app
            .call(
                "/api/login",
                &[("email", "tanaka@example.jp"), ("password", "guess")],
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, body) = app
        .call(
            "/api/login",
            &[("email", "tanaka@example.jp"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits: {body}"
    );

    // The app's clock moves only when the test moves it, so the result above does not
    // depend on how fast this machine hashes passwords.
    app.clock.advance(std::time::Duration::from_secs(12));
    let (status, body) = app
        .call(
            "/api/login",
            &[("email", "tanaka@example.jp"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "one attempt comes back after 12 s: {body}"
    );
}

async fn anonymous_visitors_are_sent_to_the_login_page(app: TestApp) {
    for path in ["/events", "/events/new", "/admin/officers", "/"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&response).starts_with("/login?next="), "{path}");
    }
    let (status, _) = app
        .call(
            "/api/create_event",
            &event_fields("展示会", "2026-11-05", "2026-11-06"),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app.get_text("/login").await;
    assert_eq!(status, StatusCode::OK);
}

async fn viewers_can_read_but_not_write(app: TestApp) {
    app.login_as("viewer@example.jp", Role::Viewer).await;
    let (status, html) = app.get_text("/events").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("href=\"/events/new\""),
        "no create button for viewers"
    );

    let (status, body) = app
        .call(
            "/api/create_event",
            &event_fields("展示会", "2026-11-05", "2026-11-06"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = app
        .call("/api/set_officer_role", &[("id", "1"), ("role", "admin")])
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a viewer cannot make itself admin"
    );
    let (_, list) = app.call_get("/api/events?include_archived=true").await;
    assert_eq!(list, "[]", "nothing was created");
}

async fn state_changing_requests_need_the_csrf_token(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let fields = event_fields("メッセナゴヤ 2026", "2026-11-04", "2026-11-07");

    let (status, _) = app.call_raw("/api/create_event", &fields).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no token");

    let mut forged = vec![("csrf", "forged-token")];
    forged.extend_from_slice(&fields);
    let (status, _) = app.call_raw("/api/create_event", &forged).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "wrong token");

    let token = app.csrf_token().await;
    let mut with_token = vec![("csrf", token.as_str())];
    with_token.extend_from_slice(&fields);
    let cross_site = app
        .send(
            app.client
                .post(app.url("/api/create_event"))
                .header("origin", "https://evil.example")
                .form(&with_token),
        )
        .await;
    assert_eq!(
        cross_site.status(),
        StatusCode::FORBIDDEN,
        "right token, but from another site"
    );

    let (_, list) = app.call_get("/api/events?include_archived=true").await;
    assert_eq!(list, "[]", "none of the refused requests created anything");

    let (status, body) = app.call("/api/create_event", &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn invalid_events_get_an_error_next_to_each_field(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;

    let (status, body) = app
        .call(
            "/api/create_event",
            &event_fields("  ", "2026-11-06", "2026-11-05"),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains(r#"{"field":"name","problem":{"code":"required"}}"#),
        "{body}"
    );
    assert!(
        body.contains(r#"{"field":"end_date","problem":{"code":"end_before_start"}}"#),
        "{body}"
    );

    // Without JavaScript the form page comes back with the messages by the fields.
    let response = app
        .submit_form(
            "/api/create_event",
            "/events/new",
            &event_fields("", "2026-13-01", "2026-11-05"),
        )
        .await;
    let back = location_path(&response);
    assert!(back.starts_with("/events/new?"), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(
        html.contains(r#"id="f-name-error""#),
        "error element for the name"
    );
    assert!(html.contains("入力してください。"), "required message");
    assert!(
        html.contains("日付を YYYY-MM-DD の形で入力してください。"),
        "date message"
    );
    assert!(
        html.contains(r#"aria-describedby="f-name-error""#),
        "error tied to the field"
    );
    assert!(
        html.contains(r#"value="2026-13-01""#),
        "and the form keeps what was typed"
    );
    let (_, list) = app.call_get("/api/events?include_archived=true").await;
    assert_eq!(list, "[]");
}

async fn events_can_be_created_edited_and_archived(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;

    let response = app
        .submit_form(
            "/api/create_event",
            "/events/new",
            &event_fields("冬の展示商談会", "2027-02-04", "2027-02-04"),
        )
        .await;
    let detail = location_path(&response);
    assert!(detail.starts_with("/events/"), "{detail}");
    let (_, html) = app.get_text(&detail).await;
    assert!(html.contains("冬の展示商談会"));
    assert!(
        html.contains("2026年度"),
        "February belongs to the previous fiscal year"
    );

    let id = detail.trim_start_matches("/events/").to_owned();
    let mut fields = event_fields("冬の展示商談会 2027", "2027-04-10", "2027-04-11");
    fields.push(("id", id.as_str()));
    let response = app.submit_form("/api/update_event", &detail, &fields).await;
    assert_eq!(location_path(&response), format!("/events/{id}?saved=1"));
    let (_, html) = app.get_text(&detail).await;
    assert!(html.contains("冬の展示商談会 2027"));
    assert!(
        html.contains("2027年度"),
        "the fiscal year follows the new start date"
    );

    let (_, list) = app.get_text("/events").await;
    assert!(list.contains("冬の展示商談会 2027"));

    let response = app
        .submit_form(
            "/api/archive_event",
            &detail,
            &[("id", id.as_str()), ("archived", "true")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let (_, list) = app.get_text("/events").await;
    assert!(
        !list.contains("冬の展示商談会 2027"),
        "archived events leave the default list"
    );
    let (_, list) = app.get_text("/events?archived=1").await;
    assert!(
        list.contains("冬の展示商談会 2027"),
        "but can still be found"
    );
}

async fn admins_manage_officers(app: TestApp) {
    app.login_as("admin@example.jp", Role::Admin).await;

    let new_officer = [
        ("input[email]", "Suzuki@Example.jp"),
        ("input[name]", "鈴木 一郎"),
        ("input[role]", "officer"),
        ("input[password]", "long enough password"),
    ];
    let response = app
        .submit_form("/api/create_officer", "/admin/officers", &new_officer)
        .await;
    assert_eq!(location_path(&response), "/admin/officers");
    let (_, html) = app.get_text("/admin/officers").await;
    assert!(html.contains("suzuki@example.jp"), "stored lower-cased");

    let (status, body) = app.call("/api/create_officer", &new_officer).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("email_taken"), "{body}");

    let suzuki = officer_id(&app, "suzuki@example.jp").await;
    let (status, _) = app
        .call(
            "/api/set_officer_role",
            &[("id", &suzuki), ("role", "viewer")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let other = support::spawn_browser(&app);
    let response = other
        .login("suzuki@example.jp", "long enough password")
        .await;
    assert_eq!(location(&response), "/events");
    let (status, _) = other
        .call(
            "/api/create_event",
            &event_fields("展示会", "2026-11-05", "2026-11-06"),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the new role applies at once"
    );

    let (status, _) = app
        .call(
            "/api/set_officer_role",
            &[("id", &suzuki), ("role", "root")],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown roles are refused"
    );
}

async fn disabled_officers_lose_access_at_once(app: TestApp) {
    app.login_as("admin@example.jp", Role::Admin).await;
    app.create_officer("tanaka@example.jp", Role::Officer).await;
    let tanaka = support::spawn_browser(&app);
    let response = tanaka.login("tanaka@example.jp", PASSWORD).await;
    assert_eq!(location(&response), "/events");

    let id = officer_id(&app, "tanaka@example.jp").await;
    let (status, _) = app
        .call(
            "/api/set_officer_active",
            &[("id", &id), ("active", "false")],
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let (status, _) = tanaka.get_text("/events").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "the open session stops working"
    );
    let (status, body) = tanaka
        .call(
            "/api/login",
            &[("email", "tanaka@example.jp"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "and cannot sign in again: {body}"
    );
}

async fn the_last_admin_cannot_lock_the_office_out(app: TestApp) {
    app.login_as("admin@example.jp", Role::Admin).await;
    let me = officer_id(&app, "admin@example.jp").await;
    let (status, body) = app
        .call("/api/set_officer_role", &[("id", &me), ("role", "viewer")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("LastAdmin"), "{body}");
    let (status, _) = app
        .call(
            "/api/set_officer_active",
            &[("id", &me), ("active", "false")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn the_language_switch_is_remembered(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let response = app.get("/locale/en?next=%2Fevents").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/events");
    let (_, html) = app.get_text("/events").await;
    assert!(
        html.contains("<html lang=\"en\""),
        "html lang follows the choice"
    );
    assert!(html.contains(">Events<"), "English navigation");

    let response = app.get("/locale/ja?next=https%3A%2F%2Fevil.example").await;
    assert_eq!(location(&response), "/events", "no open redirect");
    let (_, html) = app.get_text("/events").await;
    assert!(html.contains("展示会・イベント"));
}

async fn the_demo_roster_is_listed_on_its_events(app: TestApp) {
    server::demo::load(&app.db, &app.roster_files)
        .await
        .expect("demo data loads");
    server::demo::load(&app.db, &app.roster_files)
        .await
        .expect("and loads again without duplicating anything");
    let response = app
        .login(server::demo::DEMO_ADMIN, server::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(location(&response), "/events");

    let (_, body) = app.call_get("/api/events?include_archived=false").await;
    let events: Vec<serde_json::Value> = serde_json::from_str(&body).expect("JSON list");
    assert_eq!(events.len(), 8, "events of every kind");
    let count = |name: &str| find_by(&events, "name", name)["participants"].clone();
    assert_eq!(count("ビジネスマッチング展示商談会 2026"), 20);
    assert_eq!(count("メッセナゴヤ 2026 共同出展"), 8);
    assert_eq!(count("HOSPEX Japan 2026 共同出展"), 6);
    assert_eq!(count("産学連携セミナー 2026"), 0);

    let fair = find_by(&events, "name", "ビジネスマッチング展示商談会 2026")["id"].to_string();
    let (_, html) = app.get_text(&format!("/events/{fair}")).await;
    assert!(html.contains("有限会社韮塚電機"), "companies are listed");
    assert!(
        html.contains("t.sato@nirazuka-denki.example.or.jp"),
        "with their contact"
    );
    assert!(html.contains("20社"), "and counted");
    assert!(html.contains("地域未来牽引企業"), "flags are shown");
}

async fn pages_render_completely_under_concurrent_load(app: TestApp) {
    server::demo::load(&app.db, &app.roster_files)
        .await
        .expect("demo data loads");
    let response = app
        .login(server::demo::DEMO_ADMIN, server::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(location(&response), "/events");
    let requests = (0..96).map(|i| {
        let path = ["/events", "/events/3", "/admin/officers", "/login"][i % 4];
        let request = app.client.get(app.url(path)).send();
        async move {
            let response = request.await.map_err(|e| format!("{path}: {e}"))?;
            let status = response.status();
            let body = response.text().await.map_err(|e| format!("{path}: {e}"))?;
            if status == StatusCode::OK && body.contains("</html>") {
                Ok(())
            } else {
                Err(format!("{path}: {status}, {} bytes", body.len()))
            }
        }
    });
    let failures: Vec<String> = futures::future::join_all(requests)
        .await
        .into_iter()
        .filter_map(Result::err)
        .collect();
    assert!(failures.is_empty(), "incomplete pages: {failures:?}");
}

pub(crate) fn event_fields<'a>(
    name: &'a str,
    start: &'a str,
    end: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("input[name]", name),
        ("input[kind]", "business_matching"),
        ("input[venue]", "市民文化会館"),
        ("input[start_date]", start),
        ("input[end_date]", end),
        ("input[notes]", ""),
    ]
}

async fn officer_id(app: &TestApp, email: &str) -> String {
    let (status, body) = app.call_get("/api/officers").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let officers: Vec<serde_json::Value> = serde_json::from_str(&body).expect("JSON list");
    find_by(&officers, "email", email)["id"].to_string()
}

/// The item of a JSON list whose `key` is `value`; the test fails if there is none.
fn find_by<'a>(list: &'a [serde_json::Value], key: &str, value: &str) -> &'a serde_json::Value {
    list.iter()
        .find(|item| item[key] == value)
        .unwrap_or_else(|| panic!("no item with {key} = {value}"))
}

#[test]
fn hidden_values_are_found_in_any_attribute_order() {
    let html = r#"<form><input value="t0k3n" type="hidden" name="csrf"/></form>"#;
    assert_eq!(hidden_value(html, "csrf").as_deref(), Some("t0k3n"));
}

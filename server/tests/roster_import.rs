//! Importing rosters over HTTP, as an officer does with the upload page and the preview,
//! once on SQLite and once on PostgreSQL: every sample roster, idempotency, a changed
//! e-mail, the mapping an officer corrects, refused files, rights and CSRF.

#[macro_use]
mod support;

use app::domain::{EventDraft, EventInput, Role};
use app::server::entities::{company, contact, participation, roster_import};
use app::server::services::events;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;
use support::{TestApp, location_path};

on_both_databases!(
    every_sample_roster_is_previewed_with_exact_counts,
    a_committed_roster_lists_the_companies_on_the_event,
    the_same_file_twice_changes_nothing_and_a_changed_email_is_one_update,
    a_corrected_mapping_is_used_and_remembered_for_the_same_headers,
    invalid_rows_are_left_out_listed_and_handed_back_as_a_workbook,
    a_file_that_is_not_a_spreadsheet_is_refused_with_a_message,
    a_file_over_the_upload_limit_is_refused_with_the_limit_named,
    viewers_cannot_import_and_uploads_need_the_csrf_token,
);

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../app/tests/fixtures/roster/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{name}")).expect("fixture")
}

async fn new_event(app: &TestApp) -> i32 {
    let draft = EventDraft::try_from(&EventInput {
        name: "ものづくり企業技術展 2026".into(),
        kind: "tech_expo".into(),
        venue: "市産業展示館".into(),
        start_date: "2026-10-15".into(),
        end_date: "2026-10-16".into(),
        notes: String::new(),
    })
    .expect("valid event");
    events::create(&app.db, draft).await.expect("event").id
}

/// Uploads a file and returns the id of the staged import (from the redirect).
async fn stage(app: &TestApp, event: i32, name: &str, bytes: Vec<u8>) -> i32 {
    let response = app
        .upload(&format!("/events/{event}/roster/upload"), name, bytes)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name}");
    let to = location_path(&response);
    let prefix = format!("/events/{event}/roster/imports/");
    to.strip_prefix(&prefix)
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{name}: redirected to {to}, not to a preview"))
}

async fn preview(app: &TestApp, import: i32, query: &str) -> Value {
    let (status, body) = app
        .call_get(&format!("/api/roster_import?import_id={import}{query}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("JSON")
}

/// The counts of a preview as (new, updated, unchanged, skipped, invalid).
fn counts(page: &Value) -> [u64; 5] {
    let counts = page["preview"]["counts"].as_array().expect("counts");
    let get = |class: &str| {
        counts
            .iter()
            .find(|pair| pair[0] == class)
            .and_then(|pair| pair[1].as_u64())
            .expect("count")
    };
    [
        get("new"),
        get("updated"),
        get("unchanged"),
        get("skipped"),
        get("invalid"),
    ]
}

async fn commit(app: &TestApp, event: i32, import: i32) {
    let response = app
        .submit_form(
            "/api/roster_import_commit",
            &format!("/events/{event}/roster/imports/{import}"),
            &[("import_id", &import.to_string())],
        )
        .await;
    assert_eq!(
        location_path(&response),
        format!("/events/{event}/roster/imports/{import}"),
        "committed, back to the import's page"
    );
}

async fn every_sample_roster_is_previewed_with_exact_counts(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let event = new_event(&app).await;
    for (file, header_row, expected) in [
        ("roster_messe_nagoya_2026.xlsx", 1, [40, 0, 0, 0, 0]),
        ("roster_tech_expo_2026.xlsx", 3, [39, 0, 0, 0, 0]),
        ("roster_hospex_2026.xls", 1, [25, 0, 0, 0, 0]),
        ("roster_business_fair_2026_utf8.csv", 1, [20, 0, 0, 0, 0]),
        ("roster_business_fair_2026_sjis.csv", 1, [20, 0, 0, 0, 0]),
        ("roster_mtech_2026.ods", 1, [15, 0, 0, 0, 0]),
    ] {
        let import = stage(&app, event, file, fixture(file)).await;
        let page = preview(&app, import, "").await;
        assert_eq!(counts(&page), expected, "{file}");
        assert_eq!(page["preview"]["header_row"], header_row, "{file}");
    }
    assert_eq!(
        company::Entity::find().count(&app.db).await.expect("count"),
        0,
        "a preview writes nothing"
    );

    // The title rows, full-width digits and the two-contact company of the tech expo.
    let import = stage(
        &app,
        event,
        "roster_tech_expo_2026.xlsx",
        fixture("roster_tech_expo_2026.xlsx"),
    )
    .await;
    let page = preview(&app, import, "&page=1").await;
    let rows = page["preview"]["rows"].as_array().expect("rows");
    assert_eq!(
        rows[0]["row_number"], 4,
        "data starts below the header on row 3"
    );
    assert!(
        rows.iter().any(|row| !row["same_as_row"].is_null()),
        "one company on two rows is shown as such"
    );
    assert!(
        rows.iter()
            .all(|row| !row["booth"].as_str().unwrap_or_default().contains('０')),
        "full-width digits are normalised"
    );
}

async fn a_committed_roster_lists_the_companies_on_the_event(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let event = new_event(&app).await;
    let import = stage(
        &app,
        event,
        "roster_tech_expo_2026.xlsx",
        fixture("roster_tech_expo_2026.xlsx"),
    )
    .await;
    commit(&app, event, import).await;

    let participants = participation::Entity::find()
        .filter(participation::Column::EventId.eq(event))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(participants, 38, "39 rows, one company on two of them");
    assert_eq!(contact::Entity::find().count(&app.db).await.expect("n"), 39);
    let record = roster_import::Entity::find_by_id(import)
        .one(&app.db)
        .await
        .expect("query")
        .expect("import recorded");
    assert_eq!(record.status, "committed");
    assert_eq!(record.count_new, 39);
    assert_eq!(record.sha256.len(), 64);

    let (status, html) = app.get_text(&format!("/events/{event}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("38社"), "the event counts its exhibitors");
    let (_, html) = app
        .get_text(&format!("/events/{event}/roster/imports/{import}"))
        .await;
    assert!(html.contains("取り込みを確定しました"), "{html}");

    // A second commit of the same import (a double click) is refused.
    let (status, _) = app
        .call(
            "/api/roster_import_commit",
            &[("import_id", &import.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn the_same_file_twice_changes_nothing_and_a_changed_email_is_one_update(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let event = new_event(&app).await;
    let original = fixture("roster_business_fair_2026_utf8.csv");
    let first = stage(&app, event, "fair.csv", original.clone()).await;
    commit(&app, event, first).await;

    let again = stage(&app, event, "fair.csv", original.clone()).await;
    assert_eq!(counts(&preview(&app, again, "").await), [0, 0, 20, 0, 0]);
    commit(&app, event, again).await;
    assert_eq!(company::Entity::find().count(&app.db).await.expect("n"), 20);
    assert_eq!(contact::Entity::find().count(&app.db).await.expect("n"), 20);

    let text = String::from_utf8(original).expect("UTF-8");
    let changed = text.replacen(
        "t.sato@nirazuka-denki.example.or.jp",
        "k.hayashi@nirazuka-denki.example.or.jp",
        1,
    );
    assert_ne!(text, changed, "the fixture has the address");
    let third = stage(&app, event, "fair.csv", changed.into_bytes()).await;
    let page = preview(&app, third, "&class=updated").await;
    assert_eq!(counts(&page), [0, 1, 19, 0, 0]);
    let row = &page["preview"]["rows"][0];
    assert_eq!(row["company_name"], "有限会社韮塚電機");
    assert!(
        row["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .any(|c| c["kind"] == "contact_added"
                && c["email"] == "k.hayashi@nirazuka-denki.example.or.jp"),
        "{row}"
    );
    commit(&app, event, third).await;
    assert_eq!(contact::Entity::find().count(&app.db).await.expect("n"), 21);
}

async fn a_corrected_mapping_is_used_and_remembered_for_the_same_headers(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let event = new_event(&app).await;
    let csv = "会社,担当者メール,ブース,メモ\n\
               株式会社テスト,a@test.example.jp,A-1,要確認\n"
        .as_bytes()
        .to_vec();
    let import = stage(&app, event, "roster.csv", csv.clone()).await;
    let page = preview(&app, import, "").await;
    let mapping = page["preview"]["mapping"].as_array().expect("mapping");
    assert_eq!(mapping[0], "company_name");
    assert_eq!(mapping[1], "email");

    // The officer says the third column is not the booth (ignore it) and maps the notes.
    let response = app
        .submit_form(
            "/api/roster_import_mapping",
            &format!("/events/{event}/roster/imports/{import}"),
            &[
                ("import_id", &import.to_string()),
                ("sheet", page["preview"]["sheet"].as_str().expect("sheet")),
                ("columns[0]", "company_name"),
                ("columns[1]", "email"),
                ("columns[2]", ""),
                ("columns[3]", "notes"),
            ],
        )
        .await;
    assert_eq!(
        location_path(&response),
        format!("/events/{event}/roster/imports/{import}")
    );
    let page = preview(&app, import, "").await;
    assert_eq!(page["preview"]["mapping"][2], Value::Null);
    assert_eq!(page["preview"]["rows"][0]["booth"], "");

    let next = stage(&app, event, "roster-2.csv", csv).await;
    let page = preview(&app, next, "").await;
    assert_eq!(
        page["preview"]["mapping"][3], "notes",
        "the next file with the same headers gets the corrected mapping"
    );
}

async fn invalid_rows_are_left_out_listed_and_handed_back_as_a_workbook(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let event = new_event(&app).await;
    let csv = "企業名,メールアドレス,法人番号\n\
               株式会社よし,ok@yoshi.example.jp,\n\
               ,nobody@example.jp,\n\
               株式会社わるい,tanaka@,1234567890123\n\
               \n\
               =HYPERLINK(\"x\"),f@formula.example.jp,\n"
        .as_bytes()
        .to_vec();
    let import = stage(&app, event, "roster.csv", csv).await;
    let page = preview(&app, import, "&class=invalid").await;
    assert_eq!(counts(&page), [2, 0, 0, 0, 2]);
    let rows = page["preview"]["rows"].as_array().expect("rows");
    assert_eq!(rows[0]["row_number"], 3, "the sheet's own row numbers");
    assert_eq!(rows[1]["row_number"], 4);

    let response = app
        .get(&format!(
            "/events/{event}/roster/imports/{import}/invalid.xlsx"
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment"))
    );
    let bytes = response.bytes().await.expect("body").to_vec();
    let workbook = app::server::spreadsheet::read(
        &bytes,
        "invalid.xlsx",
        &app::server::spreadsheet::Limits::default(),
    )
    .expect("a readable workbook");
    let sheet = &workbook.sheets[0];
    assert_eq!(sheet.rows.len(), 3, "the header and the two invalid rows");
    let reasons = sheet.rows[2].cells.last().expect("reason").as_text();
    assert!(reasons.contains("メールアドレス"), "{reasons}");
    assert!(reasons.contains("法人番号"), "{reasons}");

    commit(&app, event, import).await;
    let names: Vec<String> = company::Entity::find()
        .all(&app.db)
        .await
        .expect("companies")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names.len(), 2, "invalid rows are left out: {names:?}");
    assert!(
        names.contains(&"=HYPERLINK(\"x\")".to_owned()),
        "a formula is kept as text, never run"
    );
}

async fn a_file_that_is_not_a_spreadsheet_is_refused_with_a_message(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let event = new_event(&app).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let response = app
        .upload(
            &format!("/events/{event}/roster/upload"),
            "roster.xlsx",
            png,
        )
        .await;
    assert_eq!(
        location_path(&response),
        format!("/events/{event}/roster/import")
    );
    let (_, html) = app
        .get_text(&format!("/events/{event}/roster/import"))
        .await;
    assert!(html.contains("いずれでもないファイルです"), "{html}");
    let (_, html) = app
        .get_text(&format!("/events/{event}/roster/import"))
        .await;
    assert!(
        !html.contains("いずれでもないファイルです"),
        "the message is shown once"
    );
    assert_eq!(
        roster_import::Entity::find()
            .count(&app.db)
            .await
            .expect("n"),
        0,
        "nothing is recorded for a refused file"
    );
}

async fn a_file_over_the_upload_limit_is_refused_with_the_limit_named(app: TestApp) {
    app.login_as("tanaka@example.jp", Role::Officer).await;
    let event = new_event(&app).await;
    // Just over the limit (the file plus 64 KiB for the form): the rest of the body fits
    // in the socket buffers, so the client reads the answer instead of a reset.
    let oversized = vec![b'a'; server::config::DEFAULT_MAX_UPLOAD_BYTES + 72 * 1024];
    let response = app
        .upload(
            &format!("/events/{event}/roster/upload"),
            "big.csv",
            oversized,
        )
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = response.text().await.expect("body");
    assert!(page.contains("10 MB"), "{page}");
    assert!(page.contains("<title>"), "a page, with a title");
    assert_eq!(
        roster_import::Entity::find()
            .count(&app.db)
            .await
            .expect("n"),
        0
    );
}

async fn viewers_cannot_import_and_uploads_need_the_csrf_token(app: TestApp) {
    app.login_as("review@example.jp", Role::Viewer).await;
    let event = new_event(&app).await;
    let response = app
        .upload(
            &format!("/events/{event}/roster/upload"),
            "roster.csv",
            fixture("roster_business_fair_2026_utf8.csv"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        roster_import::Entity::find()
            .count(&app.db)
            .await
            .expect("n"),
        0
    );

    let officer = support::spawn_browser(&app);
    officer.login_as("tanaka@example.jp", Role::Officer).await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(fixture("roster_business_fair_2026_utf8.csv"))
            .file_name("roster.csv"),
    );
    let response = officer
        .send(
            officer
                .client
                .post(officer.url(&format!("/events/{event}/roster/upload")))
                .multipart(form),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "no CSRF token");
}

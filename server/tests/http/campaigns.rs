//! Campaigns over HTTP on the demo roster: opening one for an event's companies, the
//! completion board following what companies do with their links, and what an officer
//! does about one link.

use crate::forms::{create_from_template, demo_as, publish};
use crate::support::{TestApp, location_path, spawn_browser};
use reqwest::StatusCode;
use serde_json::Value;

/// 8 companies exhibit here in the demo roster.
const EVENT: &str = "メッセナゴヤ 2026 共同出展";
const EVENT_COMPANIES: usize = 8;
/// The test clock starts at 2026-06-01 09:00 JST.
const OPENS: &str = "2026-06-01T09:00";
const DEADLINE: &str = "2026-06-30T17:00";

pub(crate) async fn event_id(app: &TestApp) -> i32 {
    let (_, body) = app.call_get("/api/events?include_archived=false").await;
    let events: Vec<Value> = serde_json::from_str(&body).expect("JSON list");
    let event = super::find_by(&events, "name", EVENT);
    number(&event["id"])
}

pub(crate) fn number(value: &Value) -> i32 {
    value
        .as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .unwrap_or_else(|| panic!("a number: {value}"))
}

async fn options(app: &TestApp, event: i32) -> Value {
    let (status, body) = app
        .call_get(&format!("/api/campaign_options?event_id={event}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("JSON")
}

/// A published form's version id, ready to be sent.
pub(crate) async fn published_version(app: &TestApp, event: i32) -> String {
    let form = create_from_template(app, "after_exhibit").await;
    publish(app, form).await;
    let options = options(app, event).await;
    number(&options["versions"][0]["version_id"]).to_string()
}

fn campaign_fields<'a>(
    event: &'a str,
    version: &'a str,
    opens: &'a str,
    deadline: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("event_id", event),
        ("input[title]", "出展後アンケート（メッセナゴヤ）"),
        ("input[form_version_id]", version),
        ("input[opens_at]", opens),
        ("input[deadline]", deadline),
        ("input[audience]", "all"),
    ]
}

/// Opens a campaign for every company of the event, as the event page's form does
/// without JavaScript; the campaign page it leads to.
pub(crate) async fn open_campaign(app: &TestApp, event: i32, version: &str) -> String {
    let event_text = event.to_string();
    let response = app
        .submit_form(
            "/api/create_campaign",
            &format!("/events/{event}"),
            &campaign_fields(&event_text, version, OPENS, DEADLINE),
        )
        .await;
    let page = location_path(&response);
    let prefix = format!("/events/{event}/campaigns/");
    assert!(page.starts_with(&prefix), "{page}");
    page.split('?').next().unwrap_or_default().to_owned()
}

async fn board(app: &TestApp, event: i32) -> Value {
    let (status, body) = app
        .call_get(&format!("/api/campaign_board?event_id={event}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("JSON")
}

/// The campaign page's data: the campaign and its invitations.
pub(crate) async fn campaign(app: &TestApp, page: &str) -> Value {
    let ids: Vec<&str> = page
        .trim_start_matches("/events/")
        .split("/campaigns/")
        .collect();
    let (status, body) = app
        .call_get(&format!(
            "/api/campaign?event_id={}&campaign_id={}",
            ids[0], ids[1]
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("JSON")
}

pub(crate) fn invitations(campaign: &Value) -> &[Value] {
    campaign["invitations"].as_array().expect("invitations")
}

/// The status the board shows for `company` in its only campaign.
fn board_status<'a>(board: &'a Value, company: &str) -> &'a Value {
    let rows = board["rows"].as_array().expect("rows");
    &super::find_by(rows, "company", company)["cells"][0]
}

pub async fn a_campaign_asks_every_participant_and_the_board_follows_their_links(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let event = event_id(&app).await;
    let (_, html) = app.get_text(&format!("/events/{event}")).await;
    assert!(
        html.contains("依頼を作成する"),
        "the event page offers campaigns"
    );
    assert!(
        html.contains("公開済みのフォームがありません"),
        "but there is nothing to send yet"
    );

    let version = published_version(&app, event).await;
    let (_, html) = app.get_text(&format!("/events/{event}")).await;
    assert!(
        html.contains("出展後アンケート（第1版）"),
        "the published version is offered"
    );
    assert!(
        html.contains(r#"type="datetime-local""#),
        "times are picked as JST"
    );

    let page = open_campaign(&app, event, &version).await;
    let (status, html) = app.get_text(&format!("{page}?saved=created")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("依頼を作成しました"));
    assert_eq!(
        html.matches("value=\"http://127.0.0.1/a/").count(),
        EVENT_COMPANIES,
        "one full link per participant"
    );
    assert!(html.contains("リンクを再発行"));
    assert!(html.contains("今のリンクはすぐに使えなくなります"));
    let data = campaign(&app, &page).await;
    assert_eq!(invitations(&data).len(), EVENT_COMPANIES);
    assert_eq!(data["campaign"]["invited"], EVENT_COMPANIES);

    let board_json = board(&app, event).await;
    assert_eq!(
        board_json["rows"].as_array().map(Vec::len),
        Some(EVENT_COMPANIES)
    );
    for row in board_json["rows"].as_array().expect("rows") {
        assert_eq!(row["cells"][0], "not_opened", "{row}");
    }
    let (_, html) = app.get_text(&format!("/events/{event}")).await;
    assert_eq!(
        html.matches(">未開封<").count(),
        EVENT_COMPANIES,
        "the board in words"
    );
    assert!(html.contains("<caption"), "the board is a captioned table");
    assert!(html.contains("8社"), "companies still missing are counted");

    let first = &invitations(&data)[0];
    let company = first["company"].as_str().expect("company").to_owned();
    let path = first["path"].as_str().expect("path").to_owned();
    let visitor = spawn_browser(&app);
    let (status, _) = visitor.get_text(&path).await;
    assert_eq!(status, StatusCode::OK, "the company opens its link");

    let board_json = board(&app, event).await;
    assert_eq!(board_status(&board_json, &company), "opened");
    let (_, html) = app.get_text(&format!("/events/{event}")).await;
    assert_eq!(html.matches(">開封済み<").count(), 1);
    assert_eq!(html.matches(">未開封<").count(), EVENT_COMPANIES - 1);
}

pub async fn a_campaign_for_chosen_companies_asks_only_them(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let event = event_id(&app).await;
    let version = published_version(&app, event).await;
    let participants = options(&app, event).await["participants"].clone();
    let chosen: Vec<String> = participants
        .as_array()
        .expect("participants")
        .iter()
        .take(2)
        .map(|p| number(&p["company_id"]).to_string())
        .collect();

    let event_text = event.to_string();
    let mut fields = campaign_fields(&event_text, &version, OPENS, DEADLINE);
    fields.retain(|(name, _)| *name != "input[audience]");
    fields.push(("input[audience]", "chosen"));
    for id in &chosen {
        fields.push(("input[companies][]", id));
    }
    let (status, body) = app.call("/api/create_campaign", &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let board_json = board(&app, event).await;
    let rows = board_json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), EVENT_COMPANIES, "every participant has a row");
    let asked = rows.iter().filter(|row| !row["cells"][0].is_null()).count();
    assert_eq!(asked, 2, "only the chosen were asked");
    let (_, html) = app.get_text(&format!("/events/{event}")).await;
    assert_eq!(
        html.matches(">—<").count(),
        EVENT_COMPANIES - 2,
        "the rest show a dash"
    );
}

pub async fn viewers_cannot_open_campaigns_or_touch_links(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let event = event_id(&app).await;
    let version = published_version(&app, event).await;
    let page = open_campaign(&app, event, &version).await;
    let data = campaign(&app, &page).await;
    let invitation = number(&invitations(&data)[0]["id"]).to_string();

    let viewer = spawn_browser(&app);
    let response = viewer
        .login("review@example.jp", server::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(location_path(&response), "/events");
    let (_, html) = viewer.get_text(&format!("/events/{event}")).await;
    assert!(html.contains("未開封"), "viewers see the board");
    assert!(!html.contains("/api/create_campaign"), "but not the form");
    let (status, html) = viewer.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("/api/regenerate_link"),
        "nor the link buttons"
    );

    let event_text = event.to_string();
    let (status, body) = viewer
        .call(
            "/api/create_campaign",
            &campaign_fields(&event_text, &version, OPENS, DEADLINE),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let campaign_id = number(&data["campaign"]["id"]).to_string();
    let (status, _) = viewer
        .call(
            "/api/regenerate_link",
            &[
                ("event_id", event_text.as_str()),
                ("campaign_id", campaign_id.as_str()),
                ("invitation_id", invitation.as_str()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        board(&app, event).await["campaigns"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "nothing was opened"
    );
    assert_eq!(campaign(&app, &page).await, data, "no link changed");
}

pub async fn a_new_link_retires_the_old_one(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let event = event_id(&app).await;
    let version = published_version(&app, event).await;
    let page = open_campaign(&app, event, &version).await;
    let data = campaign(&app, &page).await;
    let first = &invitations(&data)[0];
    let id = number(&first["id"]).to_string();
    let old_path = first["path"].as_str().expect("path").to_owned();
    let ids: Vec<String> = page
        .trim_start_matches("/events/")
        .split("/campaigns/")
        .map(str::to_owned)
        .collect();

    let response = app
        .submit_form(
            "/api/regenerate_link",
            &page,
            &[
                ("event_id", ids[0].as_str()),
                ("campaign_id", ids[1].as_str()),
                ("invitation_id", id.as_str()),
            ],
        )
        .await;
    assert_eq!(
        location_path(&response),
        format!("{page}?saved=regenerated#invitation-{id}"),
        "back to the company's row"
    );
    let after = campaign(&app, &page).await;
    let new_path = super::find_by(
        invitations(&after),
        "company",
        first["company"].as_str().expect("name"),
    )["path"]
        .as_str()
        .expect("path")
        .to_owned();
    assert_ne!(new_path, old_path);

    let visitor = spawn_browser(&app);
    let (status, _) = visitor.get_text(&old_path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the old link is dead");
    let (status, _) = visitor.get_text(&new_path).await;
    assert_eq!(status, StatusCode::OK, "the new one works");
}

pub async fn a_deadline_before_the_opening_is_refused_beside_the_field(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let event = event_id(&app).await;
    let version = published_version(&app, event).await;
    let event_text = event.to_string();
    let fields = campaign_fields(
        &event_text,
        &version,
        "2026-06-10T09:00",
        "2026-06-05T17:00",
    );

    let (status, body) = app.call("/api/create_campaign", &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains(r#"{"field":"deadline","problem":{"code":"deadline_before_opening"}}"#),
        "{body}"
    );

    // Without JavaScript: back to the event page, the message by the field, the values kept.
    let event_page = format!("/events/{event}");
    let response = app
        .submit_form("/api/create_campaign", &event_page, &fields)
        .await;
    let back = location_path(&response);
    assert!(back.starts_with(&format!("{event_page}?")), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(
        html.contains(r#"id="c-f-deadline-error""#),
        "an error by the deadline"
    );
    assert!(html.contains("締切は受付開始より後にしてください。"));
    assert!(
        html.contains(r#"aria-describedby="c-f-deadline-hint c-f-deadline-error""#),
        "tied to the field"
    );
    assert!(
        html.contains(r#"value="2026-06-05T17:00""#),
        "what was typed is kept"
    );
    let details = &html[html.find("<details").expect("details")..];
    let details = &details[..details.find('>').expect("tag end")];
    assert!(details.contains(" open"), "the form stays open: {details}");
    assert_eq!(
        board(&app, event).await["campaigns"]
            .as_array()
            .map(Vec::len),
        Some(0),
        "nothing was opened"
    );
}

pub async fn one_company_gets_more_time_but_never_less(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let event = event_id(&app).await;
    let version = published_version(&app, event).await;
    let page = open_campaign(&app, event, &version).await;
    let data = campaign(&app, &page).await;
    let id = number(&invitations(&data)[0]["id"]).to_string();
    let ids: Vec<String> = page
        .trim_start_matches("/events/")
        .split("/campaigns/")
        .map(str::to_owned)
        .collect();
    let extend = |until: &'static str| {
        let fields = [
            ("event_id", ids[0].as_str()),
            ("campaign_id", ids[1].as_str()),
            ("invitation_id", id.as_str()),
            ("until", until),
        ];
        let page = page.clone();
        let app = &app;
        async move {
            app.submit_form("/api/extend_deadline", &page, &fields)
                .await
        }
    };

    let response = extend("2026-06-20T17:00").await;
    let back = location_path(&response);
    assert!(back.starts_with(&format!("{page}?")), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(
        html.contains(&format!(r#"id="until-{id}-error""#)),
        "the error is in the company's row"
    );
    assert!(html.contains("延長後の締切は、元の締切より後の日時にしてください。"));
    assert_eq!(
        html.matches("class=\"field-error\"").count(),
        1,
        "and only there"
    );

    let response = extend("2026-07-10T17:00").await;
    assert_eq!(
        location_path(&response),
        format!("{page}?saved=extended#invitation-{id}")
    );
    let after = campaign(&app, &page).await;
    let row = invitations(&after)
        .iter()
        .find(|row| number(&row["id"]).to_string() == id)
        .expect("the invitation");
    assert_eq!(row["extended_until"], "2026-07-10T08:00:00Z", "17:00 JST");
}

//! The event dashboard and the fiscal-year dashboard over HTTP: the seeded answers of
//! the summary tests (商談件数 12 + 5 + 0, 成約件数 1 + 2 + 0, 満足度 4, 5, 5), summed
//! across the event and its fiscal year, and the year's boundary on 1 April.

use crate::event_fields;
use crate::summary::seed;
use crate::support::{TestApp, location_path};
use app::server::entities::{audit_log, event, participation};
use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeSet;

/// The text of the first `<dd class="{class}">`.
fn stat<'a>(html: &'a str, class: &str) -> &'a str {
    let start = format!("<dd class=\"{class}\">");
    let at = html
        .find(&start)
        .unwrap_or_else(|| panic!("{class} on the page"))
        + start.len();
    let rest = &html[at..];
    &rest[..rest.find('<').unwrap_or(rest.len())]
}

pub async fn the_event_dashboard_totals_its_campaigns(app: TestApp) {
    let seeded = seed(&app).await;
    let (status, html) = app
        .get_text(&format!("/events/{}/summary", seeded.event))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<title>催しの集計 - "),
        "the page has a title"
    );
    assert_eq!(stat(&html, "stat-negotiations"), "17");
    assert_eq!(stat(&html, "stat-contracts"), "3");
    assert!(
        html.contains("3 / 8 (37.5%)"),
        "the response rate of the campaign"
    );
    assert!(html.contains("4.67"), "the mean satisfaction");
    assert!(
        html.contains(&format!(
            "/events/{}/campaigns/{}/summary",
            seeded.event, seeded.campaign
        )),
        "each campaign links to its summary"
    );
    assert!(html.contains("<svg"), "a chart of the campaigns");

    let (status, _) = app.get_text("/events/99999/summary").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

pub async fn the_fiscal_year_dashboard_totals_its_events_and_the_trend(app: TestApp) {
    let seeded = seed(&app).await;
    let year = event::Entity::find_by_id(seeded.event)
        .one(&app.db)
        .await
        .expect("query")
        .expect("the event")
        .fiscal_year;
    // What the dashboard must count: the year's events that are not archived, and the
    // distinct companies taking part in any of them.
    let events: Vec<i32> = event::Entity::find()
        .filter(event::Column::FiscalYear.eq(year))
        .filter(event::Column::ArchivedAt.is_null())
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|e| e.id)
        .collect();
    let companies: BTreeSet<i32> = participation::Entity::find()
        .filter(participation::Column::EventId.is_in(events.clone()))
        .all(&app.db)
        .await
        .expect("query")
        .into_iter()
        .map(|p| p.company_id)
        .collect();

    let (status, html) = app.get_text(&format!("/kpi?year={year}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("{year}年度（令和")),
        "the 令和 year beside"
    );
    assert_eq!(stat(&html, "stat-events"), events.len().to_string());
    assert_eq!(stat(&html, "stat-companies"), companies.len().to_string());
    assert_eq!(stat(&html, "stat-negotiations"), "17");
    assert_eq!(stat(&html, "stat-contracts"), "3");
    assert!(html.contains("商談件数の推移"), "the trend chart");

    // The year before has none of it.
    let (_, html) = app.get_text(&format!("/kpi?year={}", year - 1)).await;
    assert_eq!(stat(&html, "stat-negotiations"), "0");
}

pub async fn a_fiscal_year_runs_from_april_to_march(app: TestApp) {
    crate::forms::demo_as(&app, "tanaka@example.jp").await;
    let mut ids = Vec::new();
    for (name, day) in [
        ("三月末の商談会", "2031-03-31"),
        ("四月初めの商談会", "2031-04-01"),
    ] {
        let response = app
            .submit_form(
                "/api/create_event",
                "/events/new",
                &event_fields(name, day, day),
            )
            .await;
        let page = location_path(&response);
        ids.push(page.trim_start_matches("/events/").to_owned());
    }
    let (_, fy2030) = app.get_text("/kpi?year=2030").await;
    let (_, fy2031) = app.get_text("/kpi?year=2031").await;
    assert!(fy2030.contains("三月末の商談会") && !fy2030.contains("四月初めの商談会"));
    assert!(fy2031.contains("四月初めの商談会") && !fy2031.contains("三月末の商談会"));
    assert!(fy2030.contains("2030年度（令和12年度）"));
    assert_eq!(stat(&fy2030, "stat-events"), "1");

    // An archived event leaves the figures.
    let response = app
        .submit_form(
            "/api/archive_event",
            &format!("/events/{}", ids[0]),
            &[("id", ids[0].as_str()), ("archived", "true")],
        )
        .await;
    assert!(response.status().is_redirection());
    let (_, fy2030) = app.get_text("/kpi?year=2030").await;
    assert!(!fy2030.contains("三月末の商談会"));
    assert_eq!(stat(&fy2030, "stat-events"), "0");

    let (status, _) = app.get_text("/kpi?year=1800").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a year out of range");
}

fn kpi_year(kpi: &serde_json::Value, year: i64) -> &serde_json::Value {
    kpi["years"]
        .as_array()
        .expect("years")
        .iter()
        .find(|y| y["year"] == year)
        .unwrap_or_else(|| panic!("year {year} in {kpi}"))
}

pub async fn kpis_show_actual_against_target_per_year_and_cumulatively(app: TestApp) {
    seed(&app).await; // 成約件数 1 + 2 + 0 in FY2026
    let create = |name: &'static str, source: &'static str, question: &'static str| {
        let app = &app;
        async move {
            let response = app
                .submit_form(
                    "/api/create_kpi",
                    "/kpi/settings",
                    &[
                        ("input[name]", name),
                        ("input[unit]", "件"),
                        ("input[source]", source),
                        ("input[question]", question),
                        ("input[baseline]", "1,000"),
                    ],
                )
                .await;
            let page = location_path(&response);
            assert!(
                page.starts_with("/kpi/settings?saved=created#kpi-"),
                "{page}"
            );
            page.rsplit("#kpi-").next().expect("id").to_owned()
        }
    };
    let contracts = create("成約件数", "question", "contracts").await;
    let typed = create("新規取引社数", "manual", "").await;
    let set = |kpi: String, year: &'static str, target: &'static str, actual: &'static str| {
        let app = &app;
        async move {
            let response = app
                .submit_form(
                    "/api/set_kpi_year",
                    "/kpi/settings",
                    &[
                        ("kpi_id", kpi.as_str()),
                        ("year", year),
                        ("target", target),
                        ("actual", actual),
                    ],
                )
                .await;
            assert_eq!(
                location_path(&response),
                format!("/kpi/settings?saved=year#kpi-{kpi}")
            );
        }
    };
    // Before Kotae, a result typed from the paper records.
    set(contracts.clone(), "2025", "5", "4").await;
    set(contracts.clone(), "2026", "6", "").await;
    set(typed.clone(), "2026", "10", "１２").await;

    let (status, body) = app.call_get("/api/kpi_settings").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let settings: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        settings["current_year"], 2026,
        "the test clock's fiscal year"
    );
    let kpis = settings["kpis"].as_array().expect("kpis");
    assert_eq!(kpis.len(), 2);
    assert_eq!(kpis[0]["baseline"], "1000");
    let year = kpi_year(&kpis[0], 2026);
    assert_eq!(year["target"], "6");
    assert_eq!(year["actual"], "3", "summed from the submitted answers");
    assert_eq!(year["cumulative_target"], "11");
    assert_eq!(year["cumulative_actual"], "7");
    assert_eq!(kpi_year(&kpis[0], 2025)["actual"], "4");
    assert_eq!(kpis[0]["typed_years"], serde_json::json!([2025]));
    assert_eq!(kpi_year(&kpis[1], 2026)["actual"], "12");
    assert!(
        settings["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .any(|q| q["id"] == "contracts"),
        "the number questions of published forms are offered"
    );

    let (_, html) = app.get_text("/kpi?year=2026").await;
    assert!(html.contains("成約件数（件）"));
    assert!(html.contains("50.0%"), "3 of a target of 6");
    assert!(html.contains("63.6%"), "7 of a cumulative target of 11");
    assert!(html.contains("120.0%"), "12 typed of a target of 10");

    // A value that is not a number is refused beside its field; nothing changes.
    let (status, body) = app
        .call(
            "/api/set_kpi_year",
            &[
                ("kpi_id", contracts.as_str()),
                ("year", "2026"),
                ("target", "たくさん"),
                ("actual", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("target"), "{body}");
    let (_, body) = app.call_get("/api/kpi_settings").await;
    let settings: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(kpi_year(&settings["kpis"][0], 2026)["target"], "6");

    // The annual review workbook: the KPIs against their targets, then the events.
    let response = app.get("/kpi/export.xlsx?year=2026").await;
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.expect("body").to_vec();
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let names = workbook.sheet_names();
    assert_eq!(names[0], "合計");
    assert!(
        names.iter().any(|n| n == "メッセナゴヤ 2026 共同出展"),
        "{names:?}"
    );
    let summary = workbook.worksheet_range("合計").expect("summary sheet");
    let row_of = |label: &str| {
        summary
            .rows()
            .find(|row| matches!(row.first(), Some(Data::String(s)) if s == label))
            .unwrap_or_else(|| panic!("a row {label}"))
            .to_vec()
    };
    let kpi = row_of("成約件数（件）");
    assert_eq!(kpi[1], Data::Float(1000.0), "baseline");
    assert_eq!(kpi[2], Data::Float(6.0), "target");
    assert_eq!(kpi[3], Data::Float(3.0), "result");
    let event = row_of("メッセナゴヤ 2026 共同出展");
    assert_eq!(event[4], Data::Float(17.0), "商談件数 of the event");
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("annual_review_exported"))
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(logged.len(), 1, "the download is in the audit log");
}

pub async fn viewers_see_kpis_but_cannot_change_them(app: TestApp) {
    app.login_as("viewer@example.jp", app::domain::Role::Viewer)
        .await;
    let (status, _) = app.get_text("/kpi/settings").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .call(
            "/api/create_kpi",
            &[
                ("input[name]", "成約件数"),
                ("input[unit]", ""),
                ("input[source]", "manual"),
                ("input[question]", ""),
                ("input[baseline]", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

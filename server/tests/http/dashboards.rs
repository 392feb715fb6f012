//! The event dashboard and the fiscal-year dashboard over HTTP: the seeded answers of
//! the summary tests (商談件数 12 + 5 + 0, 成約件数 1 + 2 + 0, 満足度 4, 5, 5), summed
//! across the event and its fiscal year, and the year's boundary on 1 April.

use crate::event_fields;
use crate::summary::seed;
use crate::support::{TestApp, location_path};
use app::server::entities::{event, participation};
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

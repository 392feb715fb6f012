//! The summary of a campaign and its exports, over HTTP: three companies submit the
//! 出展後アンケート through their links (a fourth only saves a draft), and the officer's
//! numbers, charts, filters and files must match what was typed, computed by hand.

use crate::campaigns::{campaign, event_id, invitations, number, open_campaign, published_version};
use crate::forms::demo_as;
use crate::support::{Browser, TestApp, hidden_value, location_path, spawn_browser};
use app::server::entities::{audit_log, company};
use calamine::{Data, Reader, Xlsx};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_DISPOSITION, CONTENT_TYPE};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

/// Posts the answer form of `path` as a browser without JavaScript does.
async fn answer(browser: &Browser, path: &str, intent: &str, answers: &[(&str, &str)]) {
    let (status, html) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "the link opens");
    let mut fields: Vec<(&str, String)> = ["csrf", "base_revision", "save_key"]
        .into_iter()
        .map(|name| (name, hidden_value(&html, name).expect("hidden field")))
        .collect();
    fields.push(("intent", intent.to_owned()));
    fields.extend(answers.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let response = browser
        .send(
            browser
                .client
                .post(browser.url(path))
                .header(ACCEPT, "text/html")
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body),
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{intent} accepted"
    );
    let expected = if intent == "submit" {
        format!("{path}/receipt")
    } else {
        format!("{path}?saved=1")
    };
    assert_eq!(location_path(&response), expected);
}

const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"<b>詳細</b>\")";
/// Not in Shift_JIS (nor CP932): the Shift_JIS export must replace and report it.
const OUTSIDE_SJIS: &str = "𠮷";

pub(crate) struct Seeded {
    pub event: i32,
    pub campaign: i32,
    /// The companies that submitted, in the order below, and the one with a draft.
    pub names: [String; 4],
    pub ids: [i32; 4],
}

pub(crate) async fn seed(app: &TestApp) -> Seeded {
    demo_as(app, "tanaka@example.jp").await;
    let event = event_id(app).await;
    let version = published_version(app, event).await;
    let page = open_campaign(app, event, &version).await;
    let data = campaign(app, &page).await;
    let links: Vec<&Value> = invitations(&data).iter().take(4).collect();
    let path = |i: usize| links[i]["path"].as_str().expect("path").to_owned();
    let requests_b = format!("駐車場の案内を増やしてほしい{OUTSIDE_SJIS}");
    let answers: [Vec<(&str, &str)>; 3] = [
        vec![
            ("negotiations", "12"),
            ("expected_contracts", "3"),
            ("contracts", "1"),
            ("business_cards", "85"),
            ("visitor_reaction", "good"),
            ("satisfaction", "4"),
            ("exhibit_again", "yes"),
            ("requests", FORMULA),
        ],
        vec![
            ("negotiations", "5"),
            ("expected_contracts", "2"),
            ("contracts", "2"),
            ("business_cards", "40"),
            ("visitor_reaction", "very_good"),
            ("satisfaction", "5"),
            ("exhibit_again", "no"),
            ("reason_not_again", "遠方のため"),
            ("requests", &requests_b),
        ],
        vec![
            ("negotiations", "0"),
            ("expected_contracts", "0"),
            ("contracts", "0"),
            ("business_cards", "10"),
            ("visitor_reaction", "neutral"),
            ("satisfaction", "5"),
            ("exhibit_again", "undecided"),
        ],
    ];
    for (i, answers) in answers.iter().enumerate() {
        answer(&spawn_browser(app), &path(i), "submit", answers).await;
    }
    // A draft is the company's own until it submits: it must not count.
    answer(
        &spawn_browser(app),
        &path(3),
        "draft",
        &[("negotiations", "1000")],
    )
    .await;
    let name = |i: usize| links[i]["company"].as_str().expect("company").to_owned();
    let id = |i: usize| number(&links[i]["company_id"]);
    Seeded {
        event,
        campaign: number(&data["campaign"]["id"]),
        names: [name(0), name(1), name(2), name(3)],
        ids: [id(0), id(1), id(2), id(3)],
    }
}

async fn summary_json(app: &TestApp, seeded: &Seeded, filters: &str) -> Value {
    let (status, body) = app
        .call_get(&format!(
            "/api/campaign_summary?event_id={}&campaign_id={}&{filters}",
            seeded.event, seeded.campaign
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("JSON")
}

const NO_FILTERS: &str = "filters[industry]=&filters[leader]=&filters[company]=";

fn question<'a>(summary: &'a Value, id: &str) -> &'a Value {
    summary["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["question"]["id"] == id)
        .unwrap_or_else(|| panic!("question {id}"))
}

fn breakdown<'a>(summary: &'a Value, id: &str) -> &'a Value {
    &question(summary, id)["summary"]["breakdown"]["summary"]
}

pub async fn a_campaign_summary_matches_the_answers_computed_by_hand(app: TestApp) {
    let seeded = seed(&app).await;
    let summary = summary_json(&app, &seeded, NO_FILTERS).await;
    assert_eq!(summary["invited"], 8, "every participant was asked");
    assert_eq!(summary["submitted"], 3, "the draft does not count");
    let missing: Vec<&str> = summary["missing"]
        .as_array()
        .expect("missing")
        .iter()
        .map(|m| m["company"].as_str().expect("name"))
        .collect();
    assert_eq!(missing.len(), 5);
    assert!(
        missing.contains(&seeded.names[3].as_str()),
        "the draft is missing"
    );

    // 商談件数 12, 5, 0.
    let negotiations = breakdown(&summary, "negotiations");
    assert_eq!(negotiations["sum"], "17");
    assert_eq!(negotiations["mean"], "5.67");
    assert_eq!(negotiations["median"], "5");
    assert_eq!(negotiations["min"], "0");
    assert_eq!(negotiations["max"], "12");
    assert_eq!(breakdown(&summary, "contracts")["sum"], "3");
    assert_eq!(question(&summary, "negotiations")["summary"]["answered"], 3);

    // 満足度 4, 5, 5.
    let satisfaction = breakdown(&summary, "satisfaction");
    assert_eq!(satisfaction["mean"], "4.67");
    let counts: Vec<u64> = satisfaction["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(|p| p["count"].as_u64().expect("count"))
        .collect();
    assert_eq!(counts, [0, 0, 0, 1, 2]);

    // 次回も出展したいか: one each; the reason was shown only to the one who said no.
    let again = breakdown(&summary, "exhibit_again");
    for option in again["options"].as_array().expect("options") {
        assert_eq!(option["count"], 1, "{option}");
        assert_eq!(
            option["percent"]["tenths"], 333,
            "33.3% in tenths: {option}"
        );
    }
    let reason = question(&summary, "reason_not_again");
    assert_eq!(reason["summary"]["answered"], 1);
    assert_eq!(reason["summary"]["blank"], 2);
    assert_eq!(reason["texts"][0]["company"], seeded.names[1].as_str());
    assert_eq!(reason["texts"][0]["text"], "遠方のため");

    // Free texts keep what was typed and say who typed it.
    let requests = question(&summary, "requests")["texts"]
        .as_array()
        .expect("texts");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["text"], FORMULA);

    // The page: a chart per question drawn on the server, its data beside it, texts
    // escaped, the missing companies listed.
    let (status, html) = app
        .get_text(&format!(
            "/events/{}/campaigns/{}/summary",
            seeded.event, seeded.campaign
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<title>集計 - "), "the page has a title");
    assert!(html.contains("17 件"), "the total 商談件数 with its unit");
    assert!(
        html.matches("<svg").count() >= 7,
        "the response rate and one chart per counted question"
    );
    assert!(html.contains("role=\"img\""), "charts are named images");
    assert!(
        html.contains("グラフのデータ"),
        "each chart has its data table"
    );
    assert!(html.contains("3 / 8 (37.5%)"), "the response rate");
    assert!(html.contains("=HYPERLINK(\"http://evil.example\",\"&lt;b&gt;詳細&lt;/b&gt;\")"));
    assert!(!html.contains("<b>詳細"), "texts are escaped");
    assert!(
        html.contains(&seeded.names[3]),
        "the company with a draft is missing"
    );
    assert!(html.contains("未提出の企業（5社）"));

    // Another event's id: not found, not another campaign's numbers.
    let (status, _) = app
        .get_text(&format!(
            "/api/campaign_summary?event_id={}&campaign_id={}&{NO_FILTERS}",
            seeded.event + 1000,
            seeded.campaign
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

pub async fn a_question_s_texts_have_pages_of_their_own(app: TestApp) {
    let seeded = seed(&app).await;
    let summary = summary_json(&app, &seeded, NO_FILTERS).await;
    assert_eq!(question(&summary, "requests")["texts_total"], 2);
    let path = format!(
        "/events/{}/campaigns/{}/summary/questions/requests",
        seeded.event, seeded.campaign
    );
    let (status, html) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<title>市への要望・意見 - 集計 - "),
        "titled by its question"
    );
    assert!(html.contains("自由記述（2件）"));
    assert!(html.contains("1〜2件目を表示しています。"));
    assert!(html.contains("駐車場の案内を増やしてほしい"));
    assert!(html.contains(&seeded.names[0]) && html.contains(&seeded.names[1]));
    assert!(!html.contains("<b>詳細"), "texts are escaped");
    assert!(
        html.contains(&format!(
            "href=\"/events/{}/campaigns/{}/summary\"",
            seeded.event, seeded.campaign
        )),
        "back to the summary"
    );

    // The summary's filters apply; a page past the last shows the last.
    let (status, html) = app
        .get_text(&format!("{path}?company={}&page=7", seeded.ids[1]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("自由記述（1件）"));
    assert!(html.contains("駐車場の案内を増やしてほしい"));
    assert!(
        !html.contains("HYPERLINK"),
        "another company's text is filtered out"
    );
    assert!(
        html.contains("summary?company="),
        "the way back keeps the filter"
    );

    // A question without texts, or none of that id: not found.
    for question in ["negotiations", "no_such_question"] {
        let (status, _) = app
            .get_text(&format!(
                "/api/question_texts?event_id={}&campaign_id={}&question={question}&{NO_FILTERS}&page=1",
                seeded.event, seeded.campaign
            ))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{question}");
    }
}

pub async fn the_summary_is_filtered_by_company_and_regional_leader(app: TestApp) {
    let seeded = seed(&app).await;
    // Only the first company is a 地域未来牽引企業.
    company::Entity::update_many()
        .col_expr(company::Column::RegionalLeader, Expr::value(false))
        .exec(&app.db)
        .await
        .expect("update");
    company::Entity::update_many()
        .col_expr(company::Column::RegionalLeader, Expr::value(true))
        .filter(company::Column::Id.eq(seeded.ids[0]))
        .exec(&app.db)
        .await
        .expect("update");

    let leaders = summary_json(
        &app,
        &seeded,
        "filters[industry]=&filters[leader]=yes&filters[company]=",
    )
    .await;
    assert_eq!(leaders["invited"], 1);
    assert_eq!(leaders["submitted"], 1);
    assert_eq!(breakdown(&leaders, "negotiations")["sum"], "12");

    let others = summary_json(
        &app,
        &seeded,
        "filters[industry]=&filters[leader]=no&filters[company]=",
    )
    .await;
    assert_eq!(others["invited"], 7);
    assert_eq!(others["submitted"], 2);
    assert_eq!(breakdown(&others, "negotiations")["sum"], "5");

    let one = summary_json(
        &app,
        &seeded,
        &format!(
            "filters[industry]=&filters[leader]=&filters[company]={}",
            seeded.ids[1]
        ),
    )
    .await;
    assert_eq!(one["submitted"], 1);
    assert_eq!(breakdown(&one, "contracts")["sum"], "2");
    assert_eq!(
        one["companies"].as_array().map(Vec::len),
        Some(8),
        "the filter still offers every company"
    );

    // Industries offered are the roster's, and filtering by one keeps only its companies.
    let industry = leaders["industries"][0]
        .as_str()
        .expect("an industry")
        .to_owned();
    let by_industry = summary_json(
        &app,
        &seeded,
        &format!(
            "filters[industry]={}&filters[leader]=&filters[company]=",
            form_urlencoded::byte_serialize(industry.as_bytes()).collect::<String>()
        ),
    )
    .await;
    let expected = company::Entity::find()
        .filter(company::Column::Industry.eq(industry.as_str()))
        .all(&app.db)
        .await
        .expect("query")
        .len();
    assert!(by_industry["invited"].as_u64().expect("count") as usize <= expected);
    assert!(by_industry["invited"].as_u64().expect("count") >= 1);

    // The page shows the filters as a plain GET form, the chosen one selected.
    let (_, html) = app
        .get_text(&format!(
            "/events/{}/campaigns/{}/summary?leader=yes",
            seeded.event, seeded.campaign
        ))
        .await;
    assert!(html.contains("<form method=\"get\""));
    assert!(html.contains("1社中 1社が提出"), "{html}");
    assert!(
        html.contains("export.xlsx?leader=yes"),
        "exports carry the filters"
    );
}

/// Downloads an export: its bytes, after checking it is an attachment.
async fn download(app: &TestApp, seeded: &Seeded, file: &str) -> Vec<u8> {
    let response = app
        .get(&format!(
            "/events/{}/campaigns/{}/{file}",
            seeded.event, seeded.campaign
        ))
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{file}");
    let disposition = response
        .headers()
        .get(CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    response.bytes().await.expect("body").to_vec()
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

pub async fn exports_hold_the_answers_safely_and_are_audited(app: TestApp) {
    let seeded = seed(&app).await;

    let bytes = download(&app, &seeded, "export.xlsx").await;
    let mut workbook = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    assert_eq!(workbook.sheet_names(), ["回答", "設問"]);
    let sheet = workbook.worksheet_range("回答").expect("answers sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows.len(), 4, "headers and one row per submitted company");
    let headers: Vec<String> = rows[0].iter().map(|c| text(Some(c))).collect();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name} in {headers:?}"))
    };
    let first = rows
        .iter()
        .find(|row| text(row.first()) == seeded.names[0])
        .expect("the first company's row");
    assert_eq!(
        first[column("商談件数")],
        Data::Float(12.0),
        "numbers are numbers"
    );
    assert_eq!(text(first.get(column("来場者の反応"))), "良い");
    assert_eq!(
        text(first.get(column("市への要望・意見"))),
        format!("'{FORMULA}"),
        "a formula is neutralised"
    );
    assert!(text(first.get(column("受付番号"))).contains('-'));
    let total: f64 = rows[1..]
        .iter()
        .map(|row| match row[column("商談件数")] {
            Data::Float(f) => f,
            ref other => panic!("a number: {other:?}"),
        })
        .sum();
    assert_eq!(total, 17.0);
    let questions = workbook.worksheet_range("設問").expect("questions sheet");
    let listed: Vec<String> = questions.rows().map(|r| text(r.get(1))).collect();
    assert!(listed.contains(&"商談件数".to_owned()), "{listed:?}");

    let bytes = download(&app, &seeded, "export.csv").await;
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM");
    let csv = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.contains(OUTSIDE_SJIS), "UTF-8 keeps every character");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\""));

    let bytes = download(&app, &seeded, "export.sjis.csv").await;
    let (decoded, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!had_errors, "valid Shift_JIS");
    assert!(decoded.contains("駐車場の案内を増やしてほしい〓"));
    assert!(decoded.contains(&seeded.names[0]));

    // The page says beforehand what Shift_JIS loses, and where.
    let summary = summary_json(&app, &seeded, NO_FILTERS).await;
    let lost = summary["unconvertible"].as_array().expect("list");
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0]["character"], OUTSIDE_SJIS);
    assert_eq!(lost[0]["company"], seeded.names[1].as_str());
    assert_eq!(lost[0]["column"], "市への要望・意見");

    // Every download is in the audit log, with its format.
    let logged: Vec<audit_log::Model> = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("responses_exported"))
        .all(&app.db)
        .await
        .expect("query");
    let formats: Vec<String> = logged
        .iter()
        .map(|row| {
            let details: Value = serde_json::from_str(&row.details).expect("JSON");
            details["format"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(formats, ["xlsx", "csv-utf8", "csv-sjis"]);
    assert!(logged.iter().all(|row| row.actor == "tanaka@example.jp"));

    // Nobody signed out gets the file.
    let stranger = spawn_browser(&app);
    let response = stranger
        .get(&format!(
            "/events/{}/campaigns/{}/export.xlsx",
            seeded.event, seeded.campaign
        ))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "sent to sign in");
}

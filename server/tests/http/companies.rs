//! The company master, driven over HTTP on the demo roster (20 companies at 3 events).

use crate::support::{TestApp, location_path};
use app::server::entities::{audit_log, company, contact, participation};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

const NIRAZUKA: &str = "有限会社韮塚電機";
const NIRAZUKA_EMAIL: &str = "t.sato@nirazuka-denki.example.or.jp";
const NIRAZUKA_NUMBER: &str = "4511284787022";
const KOYO: &str = "株式会社光陽化成";
const KOYO_NUMBER: &str = "4598737497586";
const HEISEI_NUMBER: &str = "9599477515353";

async fn demo_as(app: &TestApp, email: &str) {
    server::demo::load(&app.db, &app.roster_files)
        .await
        .expect("demo data loads");
    let response = app.login(email, server::demo::DEMO_PASSWORD).await;
    assert_eq!(location_path(&response), "/events", "{email} signs in");
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The names the company list page shows for a search.
async fn search_page(app: &TestApp, search: &str) -> String {
    let (status, html) = app
        .get_text(&format!("/companies?q={}", encode(search)))
        .await;
    assert_eq!(status, StatusCode::OK, "{search}");
    html
}

async fn company_id(app: &TestApp, name: &str) -> i32 {
    let (status, body) = app
        .call_get(&format!("/api/companies?search={}&page=1", encode(name)))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: Value = serde_json::from_str(&body).expect("JSON");
    let rows = page["rows"].as_array().expect("rows");
    let row = super::find_by(rows, "name", name);
    row["id"]
        .as_i64()
        .and_then(|id| i32::try_from(id).ok())
        .expect("id")
}

/// The whole tag of the element named `name`.
fn tag_named<'a>(html: &'a str, name: &str) -> &'a str {
    let at = html
        .find(&format!("name=\"{name}\""))
        .expect("the field is there");
    let start = html[..at].rfind('<').expect("tag start");
    let end = at + html[at..].find('>').expect("tag end");
    &html[start..=end]
}

async fn company_json(app: &TestApp, id: i32) -> (StatusCode, Value) {
    let (status, body) = app.call_get(&format!("/api/company?id={id}")).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

fn company_fields<'a>(
    id: &'a str,
    name: &'a str,
    kana: &'a str,
    number: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("input[name]", name),
        ("input[name_kana]", kana),
        ("input[corporate_number]", number),
        ("input[industry]", "医療機器製造業"),
        ("input[address]", "伊勢崎市長沼町832"),
    ]
}

pub async fn companies_are_found_by_name_kana_corporate_number_and_email(app: TestApp) {
    demo_as(&app, server::demo::DEMO_ADMIN).await;
    let (_, html) = app.get_text("/companies").await;
    assert!(html.contains("20社"), "every company is counted");
    assert!(
        html.contains(r#"href="/companies""#),
        "the main menu links here"
    );

    let html = search_page(&app, "韮塚").await;
    assert!(html.contains(NIRAZUKA), "by name");
    assert!(!html.contains("平成プラスチック"), "and only that one");

    let html = search_page(&app, "４５１１-２８４７").await;
    assert!(
        html.contains(NIRAZUKA),
        "by corporate number, full width and hyphens"
    );

    let html = search_page(&app, "T.SATO@NIRAZUKA").await;
    assert!(html.contains(NIRAZUKA), "by a contact's address, any case");
    assert!(
        !html.contains("株式会社大正産業"),
        "t.sato@ at another company is not it"
    );

    let id = company_id(&app, NIRAZUKA).await.to_string();
    let (status, body) = app
        .call(
            "/api/update_company",
            &company_fields(&id, NIRAZUKA, "ニラツカデンキ", NIRAZUKA_NUMBER),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let html = search_page(&app, "ﾆﾗﾂｶ").await;
    assert!(html.contains(NIRAZUKA), "by kana, typed half width");

    let html = search_page(&app, "100%_no such company").await;
    assert!(
        html.contains("該当する企業はありません。"),
        "wildcards match literally"
    );
}

pub async fn an_invalid_corporate_number_is_refused_and_nothing_changes(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let id = company_id(&app, NIRAZUKA).await;
    let (_, before) = company_json(&app, id).await;
    let id_text = id.to_string();

    let (status, body) = app
        .call(
            "/api/update_company",
            &company_fields(&id_text, "別の名前", "", "5511284787022"),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains(
            r#"{"field":"corporate_number","problem":{"code":"invalid_corporate_number"}}"#
        ),
        "{body}"
    );

    let (status, body) = app
        .call(
            "/api/update_company",
            &company_fields(&id_text, "別の名前", "", HEISEI_NUMBER),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains(
            r#"{"field":"corporate_number","problem":{"code":"corporate_number_taken"}}"#
        ),
        "another company's number: {body}"
    );

    let (_, after) = company_json(&app, id).await;
    assert_eq!(before, after, "nothing changed");
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("company_updated"))
        .all(&app.db)
        .await
        .expect("audit log");
    assert!(entries.is_empty(), "and nothing was logged");
}

pub async fn a_refused_form_without_javascript_comes_back_with_what_was_typed(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let id = company_id(&app, NIRAZUKA).await.to_string();
    let page = format!("/companies/{id}");

    let response = app
        .submit_form(
            "/api/update_company",
            &page,
            &company_fields(&id, "韮塚電機（新社名）", "ニラツカ", "12345"),
        )
        .await;
    let back = location_path(&response);
    assert!(back.starts_with(&format!("{page}?")), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(
        html.contains(r#"value="韮塚電機（新社名）""#),
        "the typed name"
    );
    assert!(html.contains(r#"value="ニラツカ""#), "the typed kana");
    assert!(html.contains(r#"value="12345""#), "the typed number");
    assert!(
        html.contains(r#"id="f-corporate_number-error""#),
        "its error"
    );
    assert!(
        html.contains(r#"aria-describedby="f-corporate_number-hint f-corporate_number-error""#),
        "tied to the field"
    );
    let checkbox = tag_named(&html, "input[regional_leader]");
    assert!(
        !checkbox.contains("checked"),
        "the unticked box stays unticked: {checkbox}"
    );

    let response = app
        .submit_form(
            "/api/add_contact",
            &page,
            &[
                ("company_id", id.as_str()),
                ("input[name]", "山田 花子"),
                ("input[department]", "総務部"),
                ("input[email]", "yamada@"),
                ("input[phone]", "0270-00-0000"),
            ],
        )
        .await;
    let back = location_path(&response);
    let (_, html) = app.get_text(&back).await;
    assert!(
        html.contains(r#"value="山田 花子""#),
        "the typed contact name"
    );
    assert!(html.contains(r#"value="yamada@""#), "the typed address");
    assert!(
        html.contains(r#"id="contact-add-f-email-error""#),
        "its error"
    );
    assert!(
        html.contains(&format!(r#"value="{NIRAZUKA}""#)),
        "the other form shows the stored company"
    );

    let (_, html) = app.get_text(&page).await;
    assert!(
        !html.contains("山田 花子"),
        "a fresh visit shows nothing typed"
    );
    let (_, company) = company_json(&app, id.parse().expect("id")).await;
    assert_eq!(company["name"], NIRAZUKA, "nothing was saved");
    assert_eq!(company["contacts"].as_array().map(Vec::len), Some(1));
}

async fn primary_contacts(app: &TestApp, company_id: i32) -> Vec<contact::Model> {
    contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(company_id))
        .filter(contact::Column::IsPrimary.eq(true))
        .all(&app.db)
        .await
        .expect("contacts")
}

pub async fn switching_the_primary_contact_leaves_exactly_one(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let id = company_id(&app, NIRAZUKA).await;
    let id_text = id.to_string();
    let response = app
        .submit_form(
            "/api/add_contact",
            &format!("/companies/{id}"),
            &[
                ("company_id", id_text.as_str()),
                ("input[name]", "山田 花子"),
                ("input[email]", "Yamada@Nirazuka-Denki.example.or.jp"),
            ],
        )
        .await;
    assert_eq!(
        location_path(&response),
        format!("/companies/{id}?saved=contact")
    );
    let (status, body) = app
        .call(
            "/api/add_contact",
            &[
                ("company_id", id_text.as_str()),
                ("input[email]", "yamada@nirazuka-denki.example.or.jp"),
            ],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "one address once: {body}"
    );
    assert!(body.contains("email_taken"), "{body}");

    let first = primary_contacts(&app, id).await;
    assert_eq!(first.len(), 1, "the roster's contact stays primary");
    assert_eq!(first[0].email, NIRAZUKA_EMAIL);

    let (_, company) = company_json(&app, id).await;
    let yamada = super::find_by(
        company["contacts"].as_array().expect("contacts"),
        "email",
        "yamada@nirazuka-denki.example.or.jp",
    )["id"]
        .to_string();
    let (status, body) = app
        .call("/api/set_primary_contact", &[("id", yamada.as_str())])
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let now = primary_contacts(&app, id).await;
    assert_eq!(now.len(), 1, "exactly one primary");
    assert_eq!(now[0].email, "yamada@nirazuka-denki.example.or.jp");

    let (_, html) = app.get_text("/companies?q=%E9%9F%AE%E5%A1%9A").await;
    assert!(
        html.contains("山田 花子"),
        "the list shows the new primary contact"
    );
}

pub async fn merging_moves_contacts_and_events_and_deletes_the_merged_company(app: TestApp) {
    demo_as(&app, "tanaka@example.jp").await;
    let keep = company_id(&app, NIRAZUKA).await;
    let other = company_id(&app, KOYO).await;
    let (keep_text, other_text) = (keep.to_string(), other.to_string());
    // The kept record has no corporate number yet; the merged one has the same person.
    let (status, body) = app
        .call(
            "/api/update_company",
            &company_fields(&keep_text, NIRAZUKA, "", ""),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .call(
            "/api/add_contact",
            &[
                ("company_id", other_text.as_str()),
                ("input[name]", "佐藤"),
                ("input[email]", NIRAZUKA_EMAIL),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let page = format!("/companies/{keep}");
    let (_, html) = app
        .get_text(&format!("{page}?merge_q={}", encode(KOYO)))
        .await;
    assert!(
        html.contains(&format!("?merge_with={other}#merge")),
        "the search offers the other company"
    );
    let (_, html) = app.get_text(&format!("{page}?merge_with={other}")).await;
    assert!(
        html.contains("次の企業をこの企業に統合しますか？"),
        "a confirmation step"
    );
    assert!(html.contains("担当者 2 名と出展実績 2 件"), "{html}");

    let response = app
        .submit_form(
            "/api/merge_companies",
            &format!("{page}?merge_with={other}"),
            &[
                ("id", keep_text.as_str()),
                ("other_id", other_text.as_str()),
            ],
        )
        .await;
    assert_eq!(location_path(&response), format!("{page}?saved=merged"));

    let (status, _) = company_json(&app, other).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the merged company is gone");
    let (_, kept) = company_json(&app, keep).await;
    assert_eq!(kept["name"], NIRAZUKA, "the kept company keeps its name");
    assert_eq!(
        kept["corporate_number"], KOYO_NUMBER,
        "and fills its empty number"
    );
    let emails: Vec<&str> = kept["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .filter_map(|c| c["email"].as_str())
        .collect();
    assert_eq!(
        emails,
        vec![NIRAZUKA_EMAIL, "d.watanabe@koyo-kasei.example.ne.jp"],
        "the duplicate address was dropped, the other contact moved"
    );
    assert_eq!(primary_contacts(&app, keep).await.len(), 1, "one primary");
    let events: Vec<&str> = kept["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(events.len(), 3, "{events:?}");
    assert!(
        events.contains(&"HOSPEX Japan 2026 共同出展"),
        "the other's event moved"
    );

    let orphans = participation::Entity::find()
        .filter(participation::Column::CompanyId.eq(other))
        .all(&app.db)
        .await
        .expect("participations");
    assert!(orphans.is_empty());
    assert!(
        company::Entity::find_by_id(other)
            .one(&app.db)
            .await
            .expect("query")
            .is_none()
    );
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("companies_merged"))
        .order_by_desc(audit_log::Column::Id)
        .one(&app.db)
        .await
        .expect("audit log")
        .expect("the merge is logged");
    assert_eq!(entry.subject, format!("company {keep}"));
    assert_eq!(entry.actor, "tanaka@example.jp");
    let details: Value = serde_json::from_str(&entry.details).expect("JSON");
    assert_eq!(details["merged"]["name"], KOYO);
    assert_eq!(
        details["dropped_contacts"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(details["dropped_events"].as_array().map(Vec::len), Some(1));

    let (status, body) = app
        .call(
            "/api/merge_companies",
            &[("id", keep_text.as_str()), ("other_id", keep_text.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("same_company"), "{body}");
}

pub async fn viewers_see_companies_but_cannot_change_them(app: TestApp) {
    demo_as(&app, "review@example.jp").await;
    let id = company_id(&app, NIRAZUKA).await;
    let other = company_id(&app, KOYO).await.to_string();
    let id_text = id.to_string();
    let (status, html) = app.get_text(&format!("/companies/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(NIRAZUKA_EMAIL), "contacts are shown");
    assert!(
        html.contains("ビジネスマッチング展示商談会 2026"),
        "and events"
    );
    for action in [
        "update_company",
        "add_contact",
        "update_contact",
        "set_primary_contact",
        "merge_companies",
    ] {
        assert!(
            !html.contains(&format!("/api/{action}")),
            "no {action} form"
        );
    }
    let (_, before) = company_json(&app, id).await;

    let (status, _) = app
        .call(
            "/api/update_company",
            &company_fields(&id_text, "乗っ取り", "", ""),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .call(
            "/api/add_contact",
            &[
                ("company_id", id_text.as_str()),
                ("input[email]", "x@example.jp"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .call(
            "/api/merge_companies",
            &[("id", id_text.as_str()), ("other_id", other.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (_, after) = company_json(&app, id).await;
    assert_eq!(before, after, "nothing changed");
}

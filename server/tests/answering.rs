//! A company answering through its personal link, over real HTTP, without JavaScript
//! (plain form posts), once on SQLite and once on PostgreSQL.

#[macro_use]
mod support;

use app::domain::campaigns::InvitationStatus;
use app::domain::forms::templates::Template;
use app::server::entities::{campaign, event, invitation, response, response_revision};
use app::server::links::LinkKey;
use app::server::services::audit::Actor;
use app::server::services::{campaigns, forms};
use chrono::{DateTime, Duration as Days, Utc};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::Duration;
use support::{Browser, TestApp, hidden_value, location_path, test_epoch};

on_both_databases!(
    a_company_saves_a_draft_comes_back_and_submits,
    a_refused_submit_comes_back_with_everything_typed,
    a_page_too_old_to_send_keeps_what_was_typed,
    after_the_deadline_the_form_is_read_only_until_extended_for_the_company,
    a_double_submit_makes_one_revision,
    autosaves_move_the_base_revision_and_the_submit_after_them_counts,
    a_save_based_on_an_older_revision_shows_both_versions,
    wrong_links_get_a_friendly_page_and_are_rate_limited,
    a_regenerated_link_replaces_the_old_one,
    nothing_with_answers_can_be_deleted,
    many_companies_submitting_at_once_are_all_saved_once,
    merging_companies_keeps_their_answers,
    links_opened_for_the_first_time_during_submissions_fail_no_submission,
    the_answer_page_loads_the_small_answer_script_not_the_app_bundle,
    a_draft_form_is_read_afresh_on_every_view_and_save,
);

/// A campaign of the 出展後アンケート for every participant of a demo event: opens at
/// the test epoch, deadline 14 days later. Returns the campaign and one company's link.
async fn open_campaign(app: &TestApp) -> (campaign::Model, invitation::Model, String) {
    let campaign = support::demo_campaign(app).await;
    let invitation = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .one(&app.db)
        .await
        .expect("query")
        .expect("an invitation");
    let path = campaigns::link_path(&links(), &invitation);
    (campaign, invitation, path)
}

fn links() -> LinkKey {
    LinkKey::derive(support::secret_key().expose())
}

/// Every answer of the template, valid.
const COMPLETE: [(&str, &str); 7] = [
    ("negotiations", "12"),
    ("expected_contracts", "3"),
    ("contracts", "1"),
    ("business_cards", "85"),
    ("visitor_reaction", "good"),
    ("satisfaction", "4"),
    ("exhibit_again", "yes"),
];

/// Posts the answer form of the page `html` as a browser without JavaScript does: its
/// hidden fields, the pressed button's `intent`, and `answers`.
async fn post_answers(
    browser: &Browser,
    path: &str,
    html: &str,
    intent: &str,
    answers: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields: Vec<(String, String)> = ["csrf", "base_revision", "save_key"]
        .iter()
        .map(|name| {
            let value = hidden_value(html, name).unwrap_or_else(|| panic!("the form has {name}"));
            ((*name).to_owned(), value)
        })
        .collect();
    fields.push(("intent".into(), intent.into()));
    fields.extend(
        answers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    post_fields(browser, path, &fields).await
}

async fn post_fields(
    browser: &Browser,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    browser
        .send(
            browser
                .client
                .post(browser.url(path))
                .header(ACCEPT, "text/html,application/xhtml+xml")
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body),
        )
        .await
}

async fn status_of(app: &TestApp, invitation_id: i32) -> InvitationStatus {
    let row = invitation::Entity::find_by_id(invitation_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("invitation");
    InvitationStatus::parse(&row.status).expect("a status code")
}

async fn revisions(app: &TestApp, invitation_id: i32) -> Vec<response_revision::Model> {
    let Some(response) = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation_id))
        .one(&app.db)
        .await
        .expect("query")
    else {
        return Vec::new();
    };
    let mut kept = response_revision::Entity::find()
        .filter(response_revision::Column::ResponseId.eq(response.id))
        .all(&app.db)
        .await
        .expect("query");
    kept.sort_by_key(|row| row.revision);
    kept
}

async fn a_company_saves_a_draft_comes_back_and_submits(app: TestApp) {
    let (_, invitation, path) = open_campaign(&app).await;
    assert_eq!(
        status_of(&app, invitation.id).await,
        InvitationStatus::NotOpened
    );

    let (status, html) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<title>出展後アンケート"),
        "the page has the form's title"
    );
    assert_eq!(
        status_of(&app, invitation.id).await,
        InvitationStatus::Opened
    );

    let response = post_answers(
        &app,
        &path,
        &html,
        "draft",
        &[
            ("negotiations", "12"),
            ("requests", "駐車場の案内を\r\n増やしてください"),
        ],
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "a saved draft redirects"
    );
    assert_eq!(location_path(&response), format!("{path}?saved=1"));
    assert_eq!(
        status_of(&app, invitation.id).await,
        InvitationStatus::Draft
    );

    // Another contact of the company opens the same link later: the draft is there.
    let colleague = support::spawn_browser(&app);
    let (_, html) = colleague.get_text(&path).await;
    assert!(html.contains("value=\"12\""), "the draft's number is shown");
    assert!(html.contains("駐車場の案内を"), "the draft's text is shown");
    assert_eq!(hidden_value(&html, "base_revision").as_deref(), Some("1"));

    let response = post_answers(&colleague, &path, &html, "submit", &COMPLETE).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location_path(&response), format!("{path}/receipt"));
    let (status, receipt) = colleague.get_text(&format!("{path}/receipt")).await;
    assert_eq!(status, StatusCode::OK);
    let number = format!("-{:05}-2", invitation.id);
    assert!(
        receipt.contains(&number),
        "the receipt number ({number}) is shown"
    );
    assert_eq!(
        status_of(&app, invitation.id).await,
        InvitationStatus::Submitted
    );

    // Until the deadline the company may change its answers: each submission is kept.
    app.clock.advance(Duration::from_secs(3 * 24 * 3600));
    let (_, html) = app.get_text(&path).await;
    let mut changed = COMPLETE.to_vec();
    changed[0] = ("negotiations", "15");
    let response = post_answers(&app, &path, &html, "submit", &changed).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let kept = revisions(&app, invitation.id).await;
    assert_eq!(kept.len(), 2, "both submissions are kept");
    assert!(kept[0].answers.contains("12") && kept[1].answers.contains("15"));
}

async fn a_refused_submit_comes_back_with_everything_typed(app: TestApp) {
    let (_, invitation, path) = open_campaign(&app).await;
    let (_, html) = app.get_text(&path).await;
    let long_text = "展示会では多くの来場者に製品を紹介できました。\r\n".repeat(40);
    let response = post_answers(
        &app,
        &path,
        &html,
        "submit",
        &[
            ("negotiations", "12x"),
            ("contracts", "1"),
            ("requests", &long_text),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(
        page.contains("value=\"12x\""),
        "the wrong number comes back as typed"
    );
    assert!(page.contains("value=\"1\""));
    let first_line = "展示会では多くの来場者に製品を紹介できました。";
    // The form shows it once; the data for the browser script carries it again.
    let form = &page[..page.find("</form>").expect("the page has the form")];
    assert_eq!(
        form.matches(first_line).count(),
        40,
        "the long text comes back whole"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(
        page.contains("href=\"#q-negotiations\""),
        "the summary links to the field"
    );
    assert!(
        page.contains("数値で入力してください"),
        "the error is said in Japanese"
    );
    assert!(
        response::Entity::find()
            .filter(response::Column::InvitationId.eq(invitation.id))
            .one(&app.db)
            .await
            .expect("query")
            .is_none(),
        "nothing was saved"
    );
}

async fn a_page_too_old_to_send_keeps_what_was_typed(app: TestApp) {
    let (_, _, path) = open_campaign(&app).await;
    let (_, html) = app.get_text(&path).await;
    let fields: Vec<(String, String)> = vec![
        ("csrf".into(), "not-the-token".into()),
        ("base_revision".into(), "0".into()),
        ("save_key".into(), "k".into()),
        ("intent".into(), "submit".into()),
        ("requests".into(), "長い意見をここに書きました".into()),
    ];
    let response = post_fields(&app, &path, &fields).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = response.text().await.expect("body");
    assert!(page.contains("長い意見をここに書きました"));
    let fresh = hidden_value(&page, "csrf").expect("a new token");
    assert_eq!(
        Some(fresh),
        hidden_value(&html, "csrf"),
        "the page carries the right token"
    );
}

async fn after_the_deadline_the_form_is_read_only_until_extended_for_the_company(app: TestApp) {
    let (campaign, invitation, path) = open_campaign(&app).await;
    let (_, html) = app.get_text(&path).await;
    // The company types past the deadline, then sends.
    app.clock.advance(Duration::from_secs(15 * 24 * 3600));
    let response = post_answers(&app, &path, &html, "submit", &COMPLETE).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.expect("body");
    assert!(page.contains("value=\"85\""), "what was typed comes back");
    assert!(!page.contains("name=\"intent\""), "no button to send");
    let (_, page) = app.get_text(&path).await;
    assert!(
        page.contains("回答期限を過ぎた"),
        "the page says the form is closed"
    );
    assert!(!page.contains("name=\"intent\""));

    // The office gives this company three more days.
    let until: DateTime<Utc> = campaign.deadline + Days::days(3);
    campaigns::extend_deadline(
        &app.db,
        &app::domain::mail::BusinessCalendar::new(2026..=2026, Vec::new(), true),
        app.clock.now(),
        &Actor::System("test"),
        invitation.id,
        Some(until),
    )
    .await
    .expect("extended");
    let (_, html) = app.get_text(&path).await;
    assert!(
        html.contains("name=\"intent\""),
        "the form is open again for this company"
    );
    let response = post_answers(&app, &path, &html, "submit", &COMPLETE).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The others' deadline is unchanged.
    let other = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .filter(invitation::Column::Id.ne(invitation.id))
        .one(&app.db)
        .await
        .expect("query")
        .expect("another company");
    let (_, page) = app.get_text(&campaigns::link_path(&links(), &other)).await;
    assert!(!page.contains("name=\"intent\""));
}

async fn a_double_submit_makes_one_revision(app: TestApp) {
    let (_, invitation, path) = open_campaign(&app).await;
    let (_, html) = app.get_text(&path).await;
    let first = post_answers(&app, &path, &html, "submit", &COMPLETE).await;
    let second = post_answers(&app, &path, &html, "submit", &COMPLETE).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        second.status(),
        StatusCode::SEE_OTHER,
        "the repeat gets the same answer"
    );
    assert_eq!(location_path(&second), format!("{path}/receipt"));
    assert_eq!(revisions(&app, invitation.id).await.len(), 1);
    let responses = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation.id))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(responses, 1);
}

async fn a_save_based_on_an_older_revision_shows_both_versions(app: TestApp) {
    let (_, invitation, path) = open_campaign(&app).await;
    let colleague = support::spawn_browser(&app);
    let (_, mine) = app.get_text(&path).await;
    let (_, theirs) = colleague.get_text(&path).await;
    let response = post_answers(&colleague, &path, &theirs, "submit", &COMPLETE).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let mut my_answers = COMPLETE.to_vec();
    my_answers[0] = ("negotiations", "40");
    let response = post_answers(&app, &path, &mine, "submit", &my_answers).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.expect("body");
    assert!(
        page.contains("value=\"40\""),
        "my typed values are in the form"
    );
    assert!(
        page.contains("id=\"saved-by-other\""),
        "the saved version is shown too"
    );
    assert_eq!(hidden_value(&page, "base_revision").as_deref(), Some("1"));
    assert_eq!(
        revisions(&app, invitation.id).await.len(),
        1,
        "nothing overwritten"
    );

    // Sending again from the conflict page is a deliberate choice: it is saved.
    let response = post_answers(&app, &path, &page, "submit", &my_answers).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(revisions(&app, invitation.id).await.len(), 2);
}

async fn wrong_links_get_a_friendly_page_and_are_rate_limited(app: TestApp) {
    let (_, _, path) = open_campaign(&app).await;
    let (status, page) = app.get_text("/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("<title>このリンクは使えません"));
    assert!(page.contains("市の担当者"));
    for n in 0..25 {
        let (status, _) = app.get_text(&format!("/a/wrong{n}")).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(
                n >= 18,
                "limited only after about twenty wrong links, not after {n}"
            );
            let (status, _) = app.get_text(&path).await;
            assert_eq!(
                status,
                StatusCode::TOO_MANY_REQUESTS,
                "even a right link waits"
            );
            app.clock.advance(Duration::from_secs(60));
            let (status, _) = app.get_text(&path).await;
            assert_eq!(
                status,
                StatusCode::OK,
                "a minute later the right link works"
            );
            return;
        }
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    panic!("25 wrong links in a row were never limited");
}

async fn a_regenerated_link_replaces_the_old_one(app: TestApp) {
    let (_, invitation, old_path) = open_campaign(&app).await;
    let new_path = campaigns::regenerate_link(
        &app.db,
        &links(),
        app.clock.now(),
        &Actor::System("test"),
        invitation.id,
    )
    .await
    .expect("regenerated");
    assert_ne!(new_path, old_path);
    assert_eq!(app.get(&old_path).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.get(&new_path).await.status(), StatusCode::OK);
}

async fn nothing_with_answers_can_be_deleted(app: TestApp) {
    let (campaign, invitation, path) = open_campaign(&app).await;
    let (_, html) = app.get_text(&path).await;
    post_answers(&app, &path, &html, "submit", &COMPLETE).await;
    let event_delete = event::Entity::delete_by_id(campaign.event_id)
        .exec(&app.db)
        .await;
    assert!(
        event_delete.is_err(),
        "an event with a campaign cannot be deleted"
    );
    let campaign_delete = campaign::Entity::delete_by_id(campaign.id)
        .exec(&app.db)
        .await;
    assert!(
        campaign_delete.is_err(),
        "a campaign with invitations cannot be deleted"
    );
    let company_delete =
        app::server::entities::company::Entity::delete_by_id(invitation.company_id)
            .exec(&app.db)
            .await;
    assert!(
        company_delete.is_err(),
        "a company with answers cannot be deleted"
    );
    assert_eq!(
        revisions(&app, invitation.id).await.len(),
        1,
        "the answers are all there"
    );
}

/// What the browser's autosave sends: the form as it stands, `intent=autosave`, JSON back.
async fn autosave(
    app: &TestApp,
    path: &str,
    html: &str,
    base: i32,
    negotiations: &str,
) -> serde_json::Value {
    let fields: Vec<(String, String)> = vec![
        ("csrf".into(), hidden_value(html, "csrf").expect("csrf")),
        ("base_revision".into(), base.to_string()),
        (
            "save_key".into(),
            hidden_value(html, "save_key").expect("save_key"),
        ),
        ("intent".into(), "autosave".into()),
        ("negotiations".into(), negotiations.into()),
    ];
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&fields)
        .finish();
    let response = app
        .send(
            app.client
                .post(app.url(path))
                .header(ACCEPT, "application/json")
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("JSON")
}

async fn autosaves_move_the_base_revision_and_the_submit_after_them_counts(app: TestApp) {
    let (_, invitation, path) = open_campaign(&app).await;
    let (_, html) = app.get_text(&path).await;
    assert_eq!(autosave(&app, &path, &html, 0, "1").await["revision"], 1);
    assert_eq!(autosave(&app, &path, &html, 1, "12").await["revision"], 2);
    assert_eq!(
        status_of(&app, invitation.id).await,
        InvitationStatus::Draft
    );
    // The page's own submit, sent while its second autosave was still in flight: it is
    // based on revision 1, but the page made revision 2 itself, so nothing unseen is lost.
    let mut fields: Vec<(String, String)> = vec![
        ("csrf".into(), hidden_value(&html, "csrf").expect("csrf")),
        ("base_revision".into(), "1".into()),
        (
            "save_key".into(),
            hidden_value(&html, "save_key").expect("save_key"),
        ),
        ("intent".into(), "submit".into()),
    ];
    fields.extend(
        COMPLETE
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let response = post_fields(&app, &path, &fields).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the submit is not taken for a repeat"
    );
    assert_eq!(location_path(&response), format!("{path}/receipt"));
    assert_eq!(
        status_of(&app, invitation.id).await,
        InvitationStatus::Submitted
    );
}

async fn many_companies_submitting_at_once_are_all_saved_once(app: TestApp) {
    let (campaign, _, _) = open_campaign(&app).await;
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .all(&app.db)
        .await
        .expect("query");
    assert!(
        invitations.len() >= 5,
        "the demo event has several companies"
    );
    let mut pages = Vec::new();
    for row in &invitations {
        let path = campaigns::link_path(&links(), row);
        let (_, html) = app.get_text(&path).await;
        pages.push((path, html));
    }
    // Every company sends at once, and one of them twice from two tabs.
    let twice_path = pages[0].0.clone();
    let other_tab = support::spawn_browser(&app);
    let (_, other_html) = other_tab.get_text(&twice_path).await;
    let mut sends = Vec::new();
    for (path, html) in &pages {
        sends.push(post_answers(&app, path, html, "submit", &COMPLETE));
    }
    let (all, second_tab) = tokio::join!(
        futures::future::join_all(sends),
        post_answers(&other_tab, &twice_path, &other_html, "submit", &COMPLETE)
    );
    for response in &all[1..] {
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let mut outcomes = vec![all[0].status(), second_tab.status()];
    outcomes.sort();
    assert_eq!(
        outcomes,
        vec![StatusCode::SEE_OTHER, StatusCode::CONFLICT],
        "of two tabs sending the first answers at once, one is saved and one is told"
    );
    for row in &invitations {
        assert_eq!(
            revisions(&app, row.id).await.len(),
            1,
            "one revision per company"
        );
        assert_eq!(status_of(&app, row.id).await, InvitationStatus::Submitted);
    }
}

async fn merging_companies_keeps_their_answers(app: TestApp) {
    use app::server::services::companies::{Change, merge};
    let (campaign, invitation, path) = open_campaign(&app).await;
    let (_, html) = app.get_text(&path).await;
    post_answers(&app, &path, &html, "submit", &COMPLETE).await;
    let actor = Actor::System("test");
    let change = Change {
        at: app.clock.now(),
        actor: &actor,
        cc_others: true,
    };
    let other = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .filter(invitation::Column::Id.ne(invitation.id))
        .one(&app.db)
        .await
        .expect("query")
        .expect("another company");
    // Both were asked in the same campaign: one of them would lose its answers.
    let refused = merge(&app.db, change, other.company_id, invitation.company_id).await;
    assert!(
        matches!(&refused, Err(app::error::AppError::Invalid(errors)) if errors.for_field("other_id") == Some(&app::domain::Problem::BothAsked)),
        "{refused:?}"
    );
    assert_eq!(
        revisions(&app, invitation.id).await.len(),
        1,
        "nothing was lost"
    );

    // A company outside the campaign merged with the one that answered keeps the answers.
    let outsider = app::server::entities::company::ActiveModel {
        name: sea_orm::Set("統合元工業".into()),
        name_kana: sea_orm::Set(String::new()),
        corporate_number: sea_orm::Set(None),
        industry: sea_orm::Set(String::new()),
        address: sea_orm::Set(String::new()),
        regional_leader: sea_orm::Set(false),
        created_at: sea_orm::Set(app.clock.now()),
        updated_at: sea_orm::Set(app.clock.now()),
        ..Default::default()
    };
    let outsider = sea_orm::ActiveModelTrait::insert(outsider, &app.db)
        .await
        .expect("insert");
    let change = Change {
        at: app.clock.now(),
        actor: &actor,
        cc_others: true,
    };
    merge(&app.db, change, outsider.id, invitation.company_id)
        .await
        .expect("merged");
    let moved = invitation::Entity::find_by_id(invitation.id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("the invitation is still there");
    assert_eq!(
        moved.company_id, outsider.id,
        "the link now belongs to the kept company"
    );
    assert_eq!(
        app.get(&path).await.status(),
        StatusCode::OK,
        "and still works"
    );
}

/// A first view marks the invitation opened: a write from another connection while the
/// writer's batch is in flight. On SQLite that can make the batch's first write fail
/// (`SQLITE_BUSY_SNAPSHOT`); the writer then runs the batch again, and no company sees it.
async fn links_opened_for_the_first_time_during_submissions_fail_no_submission(app: TestApp) {
    let (campaign, _, _) = open_campaign(&app).await;
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .all(&app.db)
        .await
        .expect("query");
    let (submitting, opening) = invitations.split_at(invitations.len() / 2);
    let mut pages = Vec::new();
    for row in submitting {
        let path = campaigns::link_path(&links(), row);
        let (_, html) = app.get_text(&path).await;
        pages.push((path, html));
    }
    let visitor = support::spawn_browser(&app);
    let sends = pages
        .iter()
        .map(|(path, html)| post_answers(&app, path, html, "submit", &COMPLETE));
    let opening_paths: Vec<String> = opening
        .iter()
        .map(|row| campaigns::link_path(&links(), row))
        .collect();
    let views = opening_paths.iter().map(|path| visitor.get(path));
    let (sent, viewed) = tokio::join!(
        futures::future::join_all(sends),
        futures::future::join_all(views)
    );
    for response in &sent {
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    for response in &viewed {
        assert_eq!(response.status(), StatusCode::OK);
    }
    for row in opening {
        assert_eq!(status_of(&app, row.id).await, InvitationStatus::Opened);
    }
    for row in submitting {
        assert_eq!(status_of(&app, row.id).await, InvitationStatus::Submitted);
    }
}

/// The answer page is not hydrated: it loads `/pkg/answer.js` (the answer script, with
/// the nonce of the page's policy) instead of the officers' app bundle, and its form
/// carries the definition the script checks answers with.
async fn the_answer_page_loads_the_small_answer_script_not_the_app_bundle(app: TestApp) {
    let (_, _, path) = open_campaign(&app).await;
    let response = app.get(&path).await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response
        .headers()
        .get("content-security-policy")
        .and_then(|value| value.to_str().ok())
        .expect("a policy")
        .to_owned();
    let html = response.text().await.expect("body");
    assert!(
        html.len() < 50 * 1024,
        "the answer page is under 50 KB: {} bytes",
        html.len()
    );
    assert!(
        !html.contains("/pkg/kotae.js") && !html.contains("/pkg/kotae.wasm"),
        "no app bundle on the answer page"
    );
    let script_at = html
        .find("import init from \"/pkg/answer.js\"")
        .expect("the page starts the answer script");
    let tag = &html[html[..script_at].rfind("<script").expect("in a script")..script_at];
    let nonce = tag
        .split("nonce=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the script has a nonce");
    assert!(
        csp.contains(&format!("'nonce-{nonce}'")),
        "the script's nonce is the policy's"
    );

    let attribute = html
        .split("data-definition=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form carries its definition");
    let json = attribute
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let definition: app::domain::forms::FormDefinition =
        serde_json::from_str(&json).expect("the definition reads back");
    assert_eq!(definition, Template::AfterExhibit.definition());
}

/// Published form versions are kept in memory once read; a draft is edited in place, so
/// a link that reaches one (campaigns send published versions, but nothing else relies on
/// it) must show and check against its newest questions every time.
async fn a_draft_form_is_read_afresh_on_every_view_and_save(app: TestApp) {
    let (campaign, _, path) = open_campaign(&app).await;
    let (status, _) = app.get_text(&path).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the published version is read (and kept)"
    );

    let now = test_epoch();
    let form =
        forms::create_from_template(&app.db, now, &Actor::System("test"), Template::AfterExhibit)
            .await
            .expect("form");
    let draft = forms::latest(&app.db, form.id).await.expect("its draft");
    assert!(!draft.is_published());
    campaign::Entity::update_many()
        .col_expr(campaign::Column::FormVersionId, Expr::value(draft.row.id))
        .filter(campaign::Column::Id.eq(campaign.id))
        .exec(&app.db)
        .await
        .expect("the campaign points at the draft");
    let (status, html) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>出展後アンケート</h1>"));

    // Edited in place: retitled, and the free text now required.
    let mut edited = draft.definition.clone();
    edited.title.ja = "改訂版アンケート".into();
    for item in &mut edited.items {
        if let app::domain::forms::Item::Question(question) = item
            && question.id.as_str() == "requests"
        {
            question.required = true;
        }
    }
    let saved = forms::save(&app.db, now, form.id, &edited)
        .await
        .expect("saved");
    assert_eq!(saved.row.id, draft.row.id, "the draft itself was edited");

    let (status, html) = app.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<h1>改訂版アンケート</h1>"),
        "the view shows the edited draft"
    );
    let response = post_answers(&app, &path, &html, "submit", &COMPLETE).await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the save checks against the edited draft: the free text is now required"
    );
}

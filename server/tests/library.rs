//! Seminar reports shared with the participating companies: the consent the report asks
//! for, an officer's approval and sharing, the library every company reads through its
//! link, and withdrawal. Over HTTP, once on SQLite and once on PostgreSQL.

#[macro_use]
mod support;
#[path = "library/attachments.rs"]
mod attachments;

use app::domain::forms::templates::Template;
use app::server::entities::{campaign, invitation};
use app::server::links::LinkKey;
use app::server::services::campaigns;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use support::{Browser, TestApp};

on_both_databases!(
    an_approved_report_with_consent_is_shared_read_by_other_companies_and_withdrawn,
    a_report_without_consent_cannot_be_shared_and_the_library_is_for_participants_only,
);

fn links() -> LinkKey {
    LinkKey::derive(support::secret_key().expose())
}

/// The demo data and a セミナー受講レポート campaign for its first event's participants.
async fn seminar_campaign(app: &TestApp) -> (campaign::Model, Vec<invitation::Model>) {
    let demo = support::demo_campaign(app).await;
    let campaign = support::template_campaign(
        &app.db,
        demo.event_id,
        Template::SeminarReport,
        "セミナー受講レポート",
    )
    .await;
    let invited = invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .order_by_asc(invitation::Column::Id)
        .all(&app.db)
        .await
        .expect("invitations");
    (campaign, invited)
}

fn path_of(invitation: &invitation::Model) -> String {
    campaigns::link_path(&links(), invitation)
}

async fn report(browser: &Browser, path: &str, title: &str, consent: &str) {
    browser
        .submit_answers(
            path,
            &[
                ("seminar_title", title),
                ("lecturer", "山田 教授"),
                ("summary", "海外の医療機器規制と販路開拓の要点。"),
                (
                    "practices_to_share",
                    "展示会前に現地代理店と商談を予約する。",
                ),
                ("share_consent", consent),
            ],
        )
        .await;
}

/// Approves the company's current submission, then shares it (`share`) or not.
async fn approve(app: &TestApp, campaign: &campaign::Model, invitation: &invitation::Model) {
    let page = app.get_json(&format!(
            "/api/response_review?event_id={}&campaign_id={}&invitation_id={}&english=false&other=x",
            campaign.event_id, campaign.id, invitation.id
        )).await;
    let revision = page["revision"].to_string();
    let (status, body) = app
        .call(
            "/api/review_response",
            &[
                ("event_id", &campaign.event_id.to_string()),
                ("campaign_id", &campaign.id.to_string()),
                ("invitation_id", &invitation.id.to_string()),
                ("revision", &revision),
                ("decision", "approve"),
            ],
        )
        .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
}

async fn share(
    app: &TestApp,
    campaign: &campaign::Model,
    invitation: &invitation::Model,
    share: bool,
) -> (StatusCode, String) {
    app.call(
        "/api/share_report",
        &[
            ("event_id", &campaign.event_id.to_string()),
            ("campaign_id", &campaign.id.to_string()),
            ("invitation_id", &invitation.id.to_string()),
            ("share", if share { "true" } else { "false" }),
        ],
    )
    .await
}

async fn an_approved_report_with_consent_is_shared_read_by_other_companies_and_withdrawn(
    app: TestApp,
) {
    let (campaign, invited) = seminar_campaign(&app).await;
    let (author, reader) = (&invited[0], &invited[1]);
    let company = support::spawn_browser(&app);
    report(
        &company,
        &path_of(author),
        "医療機器の海外展開セミナー",
        "yes",
    )
    .await;

    // Not before an officer approved it.
    app.login_as("officer@example.jp", app::domain::Role::Officer)
        .await;
    let (status, body) = share(&app, &campaign, author, true).await;
    assert!(
        status.is_client_error() && body.contains("not_approved"),
        "{status} {body}"
    );
    approve(&app, &campaign, author).await;
    let (status, body) = share(&app, &campaign, author, true).await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );

    // Another participating company reads it through its own link: the company's name,
    // the seminar, the text; not the consent question, not a contact's address.
    let other = support::spawn_browser(&app);
    let library = format!("{}/library", path_of(reader));
    let (status, html) = other.get_text(&library).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("医療機器の海外展開セミナー"), "{html}");
    let (status, html) = other
        .get_text(&format!("{library}?q=%E4%BB%A3%E7%90%86%E5%BA%97"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("医療機器の海外展開セミナー"),
        "words of the text find it"
    );
    let (_, html) = other
        .get_text(&format!(
            "{library}?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84"
        ))
        .await;
    assert!(
        !html.contains("医療機器の海外展開セミナー"),
        "other words do not"
    );
    let (_, list): (_, String) = other
        .call_get(&format!(
            "/api/library?token={}&english=false&other=x",
            path_of(reader).trim_start_matches("/a/")
        ))
        .await;
    let list: serde_json::Value = serde_json::from_str(&list).expect("JSON");
    let id = list["items"][0]["id"].as_i64().expect("a shared report");
    let (status, html) = other.get_text(&format!("{library}/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("展示会前に現地代理店と商談を予約する。"));
    assert!(
        !html.contains("共有することに同意しますか"),
        "the consent question is not shown"
    );
    let author_contacts = app::server::entities::contact::Entity::find()
        .filter(app::server::entities::contact::Column::CompanyId.eq(author.company_id))
        .all(&app.db)
        .await
        .expect("contacts");
    for contact in author_contacts {
        assert!(
            !html.contains(&contact.email),
            "no contact address is shown"
        );
    }

    // The event's dashboard counts it as submitted and shared.
    let totals = dashboard_totals(&app, campaign.event_id).await;
    assert_eq!(
        (
            totals["seminar_reports"].as_u64(),
            totals["seminar_reports_shared"].as_u64()
        ),
        (Some(1), Some(1))
    );

    // Withdrawn, it is gone at once, from the list and from its page.
    let (status, body) = share(&app, &campaign, author, false).await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    let (_, html) = other.get_text(&library).await;
    assert!(!html.contains("医療機器の海外展開セミナー"));
    let (status, _) = other.get_text(&format!("{library}/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let totals = dashboard_totals(&app, campaign.event_id).await;
    assert_eq!(totals["seminar_reports_shared"].as_u64(), Some(0));
}

async fn dashboard_totals(app: &TestApp, event_id: i32) -> serde_json::Value {
    let page = app
        .get_json(&format!("/api/event_dashboard?event_id={event_id}"))
        .await;
    page["totals"].clone()
}

async fn a_report_without_consent_cannot_be_shared_and_the_library_is_for_participants_only(
    app: TestApp,
) {
    let (campaign, invited) = seminar_campaign(&app).await;
    let author = &invited[0];
    let company = support::spawn_browser(&app);
    report(&company, &path_of(author), "非公開のセミナー", "no").await;
    app.login_as("officer@example.jp", app::domain::Role::Officer)
        .await;
    approve(&app, &campaign, author).await;
    let (status, body) = share(&app, &campaign, author, true).await;
    assert!(
        status.is_client_error() && body.contains("no_consent"),
        "{status} {body}"
    );

    // Nobody else reads the library: a wrong link gets the friendly page, and without a
    // link the library is for signed-in officers.
    let stranger = support::spawn_browser(&app);
    let (status, _) = stranger
        .get_text("/a/not-a-real-token-at-all/library")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = stranger
        .call_get("/api/library?english=false&other=x")
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

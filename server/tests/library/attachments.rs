//! Files attached to a seminar report: kept with a multipart post (no JavaScript), judged
//! by content and size, kept by drafts, downloaded only by those allowed to — the owner,
//! officers, and other participants once the report is shared.

use super::{approve, path_of, seminar_campaign, share};
use crate::support::{self, Browser, Db, Options, TEST_TIME_LIMIT, TestApp, hidden_value};
use app::server::attachments::Limits;
use app::server::entities::{attachment, invitation, response};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::multipart::{Form, Part};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_databases!(
    a_report_goes_in_with_its_pdf_and_only_those_allowed_download_it,
    a_company_cannot_keep_another_companys_file,
    a_file_no_answer_names_is_forgotten_after_a_week,
);

/// A small PDF: the magic bytes, some text, the end marker.
fn pdf(bytes: usize) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(bytes.saturating_sub(6), b'x');
    pdf.extend_from_slice(b"%%EOF\n");
    pdf
}

/// Posts the company's form as a browser without JavaScript does when files are
/// chosen: `multipart/form-data`, with the page's own CSRF and revision fields.
async fn post_with_files(
    browser: &Browser,
    path: &str,
    intent: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, Vec<u8>)],
) -> (StatusCode, String) {
    let (_, html) = browser.get_text(path).await;
    let mut form = Form::new().text("intent", intent.to_owned());
    for name in ["csrf", "base_revision", "save_key"] {
        let value = hidden_value(&html, name).unwrap_or_else(|| panic!("the form has {name}"));
        form = form.text(name, value);
    }
    for (name, value) in fields {
        form = form.text((*name).to_owned(), (*value).to_owned());
    }
    for (field, name, bytes) in files {
        let part = Part::bytes(bytes.clone())
            .file_name((*name).to_owned())
            .mime_str("application/pdf")
            .expect("a type");
        form = form.part((*field).to_owned(), part);
    }
    let response = browser
        .send(
            browser
                .client
                .post(browser.url(path))
                .header(ACCEPT, "text/html")
                .multipart(form),
        )
        .await;
    let status = response.status();
    (status, response.text().await.expect("body"))
}

const REPORT: [(&str, &str); 3] = [
    ("seminar_title", "医療機器の海外展開セミナー"),
    ("summary", "海外の医療機器規制と販路開拓の要点。"),
    ("share_consent", "yes"),
];

async fn files_of(app: &TestApp, invitation: &invitation::Model) -> Vec<attachment::Model> {
    attachment::Entity::find()
        .filter(attachment::Column::InvitationId.eq(invitation.id))
        .all(&app.db)
        .await
        .expect("attachments")
}

async fn a_report_goes_in_with_its_pdf_and_only_those_allowed_download_it(app: TestApp) {
    let (campaign, invited) = seminar_campaign(&app).await;
    let (author, reader) = (&invited[0], &invited[1]);
    let company = support::spawn_browser(&app);
    let path = path_of(author);
    let slides = pdf(3000);

    // A draft with the file: kept, and listed on the form when the company comes back.
    let (status, _) = post_with_files(
        &company,
        &path,
        "draft",
        &REPORT,
        &[("materials", "講演資料.pdf", slides.clone())],
    )
    .await;
    assert!(status.is_redirection(), "the draft is saved: {status}");
    let kept = files_of(&app, author).await;
    assert_eq!(kept.len(), 1);
    let file = &kept[0];
    assert_eq!(
        (file.name.as_str(), file.size, file.mime.as_str()),
        ("講演資料.pdf", 3000, "application/pdf")
    );
    let (_, html) = company.get_text(&path).await;
    assert!(html.contains("講演資料.pdf"), "the draft keeps its file");

    // Submitted with the file kept (its box stays ticked): the answer names it.
    let id = file.id.to_string();
    let mut fields = REPORT.to_vec();
    fields.push(("materials", &id));
    let (status, _) = post_with_files(&company, &path, "submit", &fields, &[]).await;
    assert!(status.is_redirection(), "submitted: {status}");
    let saved = response::Entity::find()
        .filter(response::Column::InvitationId.eq(author.id))
        .one(&app.db)
        .await
        .expect("read")
        .expect("a response");
    assert_eq!(saved.state, "submitted");
    assert!(saved.answers.contains("講演資料.pdf"), "{}", saved.answers);

    // The owner downloads it: as an attachment, with the type found in it.
    let download = format!("{path}/files/{id}");
    let got = company.get(&download).await;
    assert_eq!(got.status(), StatusCode::OK);
    let header = |name| {
        got.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header(CONTENT_TYPE), "application/pdf");
    assert!(
        header(CONTENT_DISPOSITION).starts_with("attachment;"),
        "{}",
        header(CONTENT_DISPOSITION)
    );
    assert!(header(reqwest::header::CONTENT_SECURITY_POLICY).contains("sandbox"));
    assert_eq!(got.bytes().await.expect("body").as_ref(), slides.as_slice());

    // Another company may not, nor a wrong link, nor anyone without signing in.
    let other = support::spawn_browser(&app);
    let through_other = format!("{}/files/{id}", path_of(reader));
    assert_eq!(
        other.get(&through_other).await.status(),
        StatusCode::NOT_FOUND
    );
    let forged = format!("/a/not-a-real-token-at-all/files/{id}");
    assert_eq!(other.get(&forged).await.status(), StatusCode::NOT_FOUND);
    let anonymous = other.get(&format!("/files/{id}")).await;
    assert!(
        anonymous.status().is_redirection(),
        "to the login page: {}",
        anonymous.status()
    );

    // An officer may, and sees the file on the review page.
    app.login_as("officer@example.jp", app::domain::Role::Officer)
        .await;
    assert_eq!(
        app.get(&format!("/files/{id}")).await.status(),
        StatusCode::OK
    );
    let (_, html) = app
        .get_text(&format!(
            "/events/{}/campaigns/{}/responses/{}",
            campaign.event_id, campaign.id, author.id
        ))
        .await;
    assert!(html.contains(&format!("href=\"/files/{id}\"")), "{html}");
    // The campaign's summary lists it with the company, and the export names it.
    let (_, html) = app
        .get_text(&format!(
            "/events/{}/campaigns/{}/summary",
            campaign.event_id, campaign.id
        ))
        .await;
    assert!(html.contains("添付ファイル（1社）"), "{html}");
    assert!(html.contains(&format!("href=\"/files/{id}\"")), "{html}");
    let csv = app
        .get(&format!(
            "/events/{}/campaigns/{}/export.csv",
            campaign.event_id, campaign.id
        ))
        .await
        .text()
        .await
        .expect("a CSV");
    assert!(csv.contains("講演資料.pdf"), "{csv}");

    // Shared, the other participants may download it from the library; withdrawn, not.
    approve(&app, &campaign, author).await;
    let (status, body) = share(&app, &campaign, author, true).await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    assert_eq!(other.get(&through_other).await.status(), StatusCode::OK);
    let (status, body) = share(&app, &campaign, author, false).await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    assert_eq!(
        other.get(&through_other).await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn a_company_cannot_keep_another_companys_file(app: TestApp) {
    let (_, invited) = seminar_campaign(&app).await;
    let (owner, thief) = (&invited[0], &invited[1]);
    let company = support::spawn_browser(&app);
    let (status, _) = post_with_files(
        &company,
        &path_of(owner),
        "draft",
        &REPORT,
        &[("materials", "社外秘.pdf", pdf(1000))],
    )
    .await;
    assert!(status.is_redirection(), "{status}");
    let id = files_of(&app, owner).await[0].id.to_string();

    let other = support::spawn_browser(&app);
    let record =
        format!(r#"{{"id":{id},"name":"社外秘.pdf","size":1000,"mime":"application/pdf"}}"#);
    for forged in [id.as_str(), record.as_str()] {
        let mut fields = REPORT.to_vec();
        fields.push(("materials", forged));
        let (status, html) = post_with_files(&other, &path_of(thief), "submit", &fields, &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
        assert!(html.contains("添付ファイルが見つかりません"), "{html}");
        assert!(
            html.contains("医療機器の海外展開セミナー"),
            "what was typed comes back"
        );
    }
    let answered = response::Entity::find()
        .filter(response::Column::InvitationId.eq(thief.id))
        .one(&app.db)
        .await
        .expect("read");
    assert!(answered.is_none(), "nothing was saved");
}

async fn a_file_no_answer_names_is_forgotten_after_a_week(app: TestApp) {
    let (_, invited) = seminar_campaign(&app).await;
    let author = &invited[0];
    let company = support::spawn_browser(&app);
    let path = path_of(author);
    // Two files in a draft, then the draft saved again with only the first ticked.
    let (status, _) = post_with_files(
        &company,
        &path,
        "draft",
        &REPORT,
        &[
            ("materials", "keep.pdf", pdf(1200)),
            ("materials", "drop.pdf", pdf(1300)),
        ],
    )
    .await;
    assert!(status.is_redirection(), "{status}");
    let files = files_of(&app, author).await;
    let keep = files.iter().find(|f| f.name == "keep.pdf").expect("kept");
    let drop = files.iter().find(|f| f.name == "drop.pdf").expect("kept");
    let keep_id = keep.id.to_string();
    let mut fields = REPORT.to_vec();
    fields.push(("materials", &keep_id));
    let (status, _) = post_with_files(&company, &path, "draft", &fields, &[]).await;
    assert!(status.is_redirection(), "{status}");

    let store = &app.attachments;
    let sweep = |now| app::server::services::attachments::forget_unused(&app.db, store, now);
    assert_eq!(
        sweep(app.clock.now()).await.expect("swept"),
        0,
        "not within a week"
    );
    let later = app.clock.now() + chrono::Duration::days(8);
    // The unticked file: no answer names it any more (a draft saved over a draft keeps no
    // revision), so after a week it goes, bytes and all; the ticked one stays.
    assert_eq!(sweep(later).await.expect("swept"), 1);
    assert!(
        store.path_of(&drop.sha256).is_none(),
        "its bytes are deleted"
    );
    assert!(store.path_of(&keep.sha256).is_some());
    // A file kept for a refused post and never saved is forgotten, bytes and all.
    let (status, _) = post_with_files(
        &company,
        &path,
        "draft",
        &[("seminar_title", "")],
        &[
            ("materials", "orphan.pdf", pdf(1400)),
            ("materials", "bad.pdf", b"<html>".to_vec()),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let orphan = files_of(&app, author)
        .await
        .into_iter()
        .find(|f| f.name == "orphan.pdf")
        .expect("kept for the refused post");
    assert!(store.path_of(&orphan.sha256).is_some());
    assert_eq!(sweep(later).await.expect("swept"), 1);
    assert!(
        store.path_of(&orphan.sha256).is_none(),
        "its bytes are deleted"
    );
    let left: Vec<String> = files_of(&app, author)
        .await
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(left, ["keep.pdf"], "only the file an answer names is left");
}

/// Small limits, so that the refusals need only small files.
fn small_limits() -> Options {
    Options {
        attachment_limits: Limits {
            per_file: 4 * 1024,
            per_response: 6 * 1024,
        },
        ..Options::default()
    }
}

async fn files_are_judged_by_their_content_and_their_size(app: TestApp) {
    let (_, invited) = seminar_campaign(&app).await;
    let author = &invited[0];
    let company = support::spawn_browser(&app);
    let path = path_of(author);

    // Called .pdf, but HTML: refused, with everything typed given back.
    let html_page = b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec();
    let (status, html) = post_with_files(
        &company,
        &path,
        "submit",
        &REPORT,
        &[("materials", "slides.pdf", html_page)],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("このファイルは受け付けられません"), "{html}");
    assert!(
        html.contains("海外の医療機器規制と販路開拓の要点。"),
        "typed text comes back"
    );
    assert!(files_of(&app, author).await.is_empty(), "nothing is kept");

    // One file over the limit.
    let (status, html) = post_with_files(
        &company,
        &path,
        "draft",
        &REPORT,
        &[("materials", "big.pdf", pdf(5 * 1024))],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("ファイルが大きすぎます"), "{html}");
    assert!(files_of(&app, author).await.is_empty());

    // Two that fit alone but not together: the first is kept (and shown as kept), the
    // second refused.
    let (status, html) = post_with_files(
        &company,
        &path,
        "draft",
        &REPORT,
        &[
            ("materials", "first.pdf", pdf(3500)),
            ("materials", "second.pdf", pdf(3500)),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("添付ファイルの合計が大きすぎます"), "{html}");
    assert!(html.contains("first.pdf"), "the file that fitted is kept");
    let kept = files_of(&app, author).await;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].name, "first.pdf");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_judged_by_their_content_and_their_size_on_sqlite() {
    support::run_with(
        Db::Sqlite,
        "files_are_judged_by_their_content_and_their_size",
        small_limits(),
        TEST_TIME_LIMIT,
        files_are_judged_by_their_content_and_their_size,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_judged_by_their_content_and_their_size_on_postgres() {
    support::run_with(
        Db::Postgres,
        "files_are_judged_by_their_content_and_their_size",
        small_limits(),
        TEST_TIME_LIMIT,
        files_are_judged_by_their_content_and_their_size,
    )
    .await;
}

//! Email end to end: the scheduler queues, the worker sends to a real SMTP server on
//! loopback (in this process), and what arrives is read back as a mail client would.
//! Faults (4xx, 5xx, a relay that is down, a worker that died mid-send) are scripted
//! on the server. Once on SQLite and once on PostgreSQL.

#[macro_use]
mod support;
#[path = "support/smtp.rs"]
mod smtp;

use app::server::entities::{campaign, contact, invitation, outbox_message};
use app::server::links::LinkKey;
use app::server::services::campaigns;
use app::server::services::mail::outbox;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server::mail::Delivered;
use smtp::SmtpSink;
use std::time::Duration;
use support::{Db, Options, TestApp};

/// Declares each scenario on both databases; each gets a fresh SMTP sink and an app
/// that sends to it (or to the port it will listen on, for the relay that was down).
macro_rules! with_smtp {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::run_with_smtp(crate::support::Db::Sqlite, stringify!($name), super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::run_with_smtp(crate::support::Db::Postgres, stringify!($name), super::$name).await;
                }
            )*
        }
    };
}

with_smtp!(
    invitations_arrive_with_recipients_subject_and_personal_link,
    reminders_go_only_to_companies_that_have_not_submitted,
    a_deferred_message_is_sent_once_after_a_retry,
    a_refused_address_is_not_retried_until_it_is_fixed,
    nothing_is_lost_while_the_relay_is_down,
    a_message_of_a_worker_that_died_is_sent_and_its_late_result_is_ignored,
    officers_set_the_policy_remind_now_and_pause_and_read_the_delivery_log,
    viewers_read_the_delivery_log_but_cannot_change_reminders,
    officers_word_a_campaigns_messages_preview_them_and_go_back_to_the_standard,
    officers_get_one_digest_on_business_day_mornings_while_requests_are_open,
    an_officer_returns_a_response_with_a_comment_and_approves_the_resubmission,
    two_schedulers_and_two_workers_at_once_send_each_of_500_companies_one_invitation,
);

async fn run_with_smtp<F, Fut>(db: Db, name: &str, test: F)
where
    F: FnOnce(TestApp, SmtpSink, u16) -> Fut,
    Fut: Future<Output = ()>,
{
    let port = SmtpSink::free_port();
    let mut mail = server::config::MailConfig::files_in(std::path::Path::new("unused"));
    mail.transport = server::config::MailTransport::Smtp(SmtpSink::url(port));
    mail.loops = None;
    // The digest has its own scenario; elsewhere it would add officers' mail to counts.
    mail.digest = name.contains("digest");
    let options = Options {
        mail: Some(mail),
        ..Options::default()
    };
    // The relay-down scenario starts the sink itself, later.
    let sink = if name == "nothing_is_lost_while_the_relay_is_down" {
        None
    } else {
        Some(SmtpSink::start_on(port))
    };
    support::run_with(
        db,
        name,
        options,
        support::TEST_TIME_LIMIT,
        |app| async move {
            let sink = sink.unwrap_or_else(SmtpSink::unstarted);
            test(app, sink, port).await;
        },
    )
    .await;
}

/// The demo's companies asked to answer the 出展後アンケート (see
/// `support::after_exhibit_campaign`).
async fn open_campaign(app: &TestApp) -> campaign::Model {
    support::demo_campaign(app).await
}

fn links() -> LinkKey {
    LinkKey::derive(support::secret_key().expose())
}

async fn invitations(app: &TestApp, campaign: &campaign::Model) -> Vec<invitation::Model> {
    invitation::Entity::find()
        .filter(invitation::Column::CampaignId.eq(campaign.id))
        .order_by_asc(invitation::Column::Id)
        .all(&app.db)
        .await
        .expect("invitations")
}

async fn messages(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .order_by_asc(outbox_message::Column::Id)
        .all(&app.db)
        .await
        .expect("outbox")
}

async fn primary_email(app: &TestApp, company_id: i32) -> String {
    contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(company_id))
        .filter(contact::Column::IsPrimary.eq(true))
        .one(&app.db)
        .await
        .expect("query")
        .expect("a primary contact")
        .email
}

/// Submits the company's form through its link, as a browser without JavaScript does.
async fn submit(app: &TestApp, path: &str) {
    app.submit_answers(
        path,
        &[
            ("negotiations", "12"),
            ("expected_contracts", "3"),
            ("contracts", "1"),
            ("business_cards", "85"),
            ("visitor_reaction", "good"),
            ("satisfaction", "4"),
            ("exhibit_again", "yes"),
        ],
    )
    .await;
}

async fn invitations_arrive_with_recipients_subject_and_personal_link(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    let pass = app.mailer.schedule().await.expect("scheduler");
    assert_eq!(pass.invitations, invited.len() as u64);
    assert_eq!(
        app.mailer.schedule().await.expect("scheduler").invitations,
        0,
        "a second pass queues nothing again"
    );
    let done = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(done.sent as usize, invited.len());
    let received = sink.received();
    assert_eq!(received.len(), invited.len(), "one message per company");

    let first = &invited[0];
    let address = primary_email(&app, first.company_id).await;
    let link = format!("http://127.0.0.1/a/{}", links().token(&first.token_seed));
    let message = received
        .iter()
        .find(|m| m.recipients.contains(&address))
        .expect("the primary contact's message");
    assert!(
        message.subject().contains("出展後アンケート"),
        "{}",
        message.subject()
    );
    assert!(
        message.header("Subject").starts_with("=?utf-8?"),
        "the subject is MIME-encoded: {}",
        message.header("Subject")
    );
    let text = message.text();
    assert!(
        text.contains(&link),
        "the personal link is in the text: {text}"
    );
    assert!(text.contains("様"), "a Japanese greeting");
    let stored = messages(&app).await;
    let row = stored
        .iter()
        .find(|m| m.invitation_id == Some(first.id))
        .expect("its outbox row");
    assert_eq!(row.state, "sent");
    assert!(row.last_reply.starts_with("250"), "{}", row.last_reply);
    assert_eq!(message.header("Message-ID"), row.message_id);
    assert!(
        !row.body_text.contains(&links().token(&first.token_seed)),
        "the database never holds the token"
    );

    // The link in the message opens the company's form.
    let path = link.trim_start_matches("http://127.0.0.1");
    let (status, _) = app.get_text(path).await;
    assert_eq!(status, reqwest::StatusCode::OK);
}

async fn reminders_go_only_to_companies_that_have_not_submitted(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    app.mailer.schedule().await.expect("scheduler");
    app.mailer.deliver_due().await.expect("worker");
    let first = &invited[0];
    submit(&app, &campaigns::link_path(&links(), first)).await;
    let receipts = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(receipts.sent, 1, "the receipt of the submission");

    // Nothing is due before 7 days before the deadline (Monday 8 June, 09:00 JST).
    app.clock.advance(Duration::from_secs(6 * 24 * 3600));
    assert_eq!(app.mailer.schedule().await.expect("scheduler").reminders, 0);
    app.clock.advance(Duration::from_secs(24 * 3600 + 60));
    let pass = app.mailer.schedule().await.expect("scheduler");
    assert_eq!(pass.reminders as usize, invited.len() - 1);
    assert_eq!(app.mailer.schedule().await.expect("scheduler").reminders, 0);

    // A company that submits after its reminder was queued but before it was sent is
    // not reminded either.
    let second = &invited[1];
    submit(&app, &campaigns::link_path(&links(), second)).await;
    let done = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(done.cancelled, 1);
    assert_eq!(
        done.sent as usize,
        invited.len() - 2 + 1,
        "reminders and one receipt"
    );

    let submitted = [
        primary_email(&app, first.company_id).await,
        primary_email(&app, second.company_id).await,
    ];
    let reminders: Vec<_> = sink
        .received()
        .into_iter()
        .filter(|m| m.subject().contains("ご提出のお願い】"))
        .collect();
    assert_eq!(reminders.len(), invited.len() - 2);
    for reminder in &reminders {
        assert!(
            !submitted.iter().any(|a| reminder.recipients.contains(a)),
            "no reminder to a company that submitted"
        );
    }
}

async fn a_deferred_message_is_sent_once_after_a_retry(app: TestApp, sink: SmtpSink, _port: u16) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    sink.script(&[(451, "4.3.0 try again later")]);
    app.mailer.schedule().await.expect("scheduler");
    let done = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(done.retrying, 1);
    assert_eq!(done.sent as usize, invited.len() - 1);
    let deferred = messages(&app)
        .await
        .into_iter()
        .find(|m| m.state == "queued")
        .expect("the deferred message waits");
    assert_eq!(deferred.attempts, 1);
    assert!(
        deferred.last_reply.contains("451"),
        "{}",
        deferred.last_reply
    );
    assert_eq!(
        app.mailer.deliver_due().await.expect("worker"),
        Delivered::default(),
        "not retried before its backoff"
    );
    app.clock.advance(Duration::from_secs(61));
    let retry = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(retry.sent, 1);
    let received = sink.received();
    assert_eq!(received.len(), invited.len(), "each company once");
    let ids: std::collections::HashSet<String> =
        received.iter().map(|m| m.header("Message-ID")).collect();
    assert_eq!(ids.len(), invited.len());
}

async fn a_refused_address_is_not_retried_until_it_is_fixed(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    sink.script(&[(550, "5.1.1 no such user")]);
    app.mailer.schedule().await.expect("scheduler");
    let done = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(done.failed, 1);
    let failed = messages(&app)
        .await
        .into_iter()
        .find(|m| m.state == "failed")
        .expect("the refused message");
    assert!(failed.last_reply.contains("550"), "{}", failed.last_reply);
    app.clock.advance(Duration::from_secs(24 * 3600));
    assert_eq!(
        app.mailer.deliver_due().await.expect("worker").sent,
        0,
        "a permanent failure is not retried"
    );

    // The event's board tells officers which address needs fixing.
    app.login_as("officer@example.jp", app::domain::Role::Officer)
        .await;
    let board = app
        .get_json(&format!(
            "/api/campaign_board?event_id={}",
            campaign.event_id
        ))
        .await;
    let failures = board["mail_failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 1);
    assert_eq!(
        failures[0]["company_id"],
        failed.company_id.expect("a company")
    );

    // An officer fixes the address: the message goes out to the new one.
    let person = contact::Entity::find()
        .filter(contact::Column::CompanyId.eq(failed.company_id))
        .filter(contact::Column::IsPrimary.eq(true))
        .one(&app.db)
        .await
        .expect("query")
        .expect("primary contact");
    let (status, body) = app
        .call(
            "/api/update_contact",
            &[
                ("id", &person.id.to_string()),
                ("input[name]", &person.name),
                ("input[department]", &person.department),
                ("input[email]", "fixed@example.jp"),
                ("input[phone]", &person.phone),
            ],
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    let resent = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(resent.sent, 1);
    let last = sink.received().pop().expect("the resent message");
    assert!(last.recipients.contains(&"fixed@example.jp".to_owned()));
    assert_eq!(sink.received().len(), invited.len());
}

async fn nothing_is_lost_while_the_relay_is_down(app: TestApp, _sink: SmtpSink, port: u16) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    app.mailer.schedule().await.expect("scheduler");
    let down = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(
        down.retrying as usize,
        invited.len(),
        "all deferred, none lost"
    );
    let sink = SmtpSink::start_on(port);
    app.clock.advance(Duration::from_secs(61));
    let up = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(up.sent as usize, invited.len());
    assert_eq!(sink.received().len(), invited.len());
}

async fn a_message_of_a_worker_that_died_is_sent_and_its_late_result_is_ignored(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    app.mailer.schedule().await.expect("scheduler");
    // A worker claims everything and dies before sending.
    let stale = outbox::claim(&app.db, app.clock.now(), Duration::from_secs(300), 1000)
        .await
        .expect("claim");
    assert_eq!(stale.len(), invited.len());
    assert_eq!(
        app.mailer.deliver_due().await.expect("worker"),
        Delivered::default(),
        "claimed messages are left alone while the lease lasts"
    );
    app.clock.advance(Duration::from_secs(301));
    let rescued = app.mailer.deliver_due().await.expect("worker");
    assert_eq!(rescued.sent as usize, invited.len());
    // The dead worker's late report does not overwrite the newer outcome.
    let late = outbox::record(
        &app.db,
        &stale[0],
        &outbox::Outcome::Transient("late".into()),
        app.clock.now(),
    )
    .await
    .expect("record");
    assert!(!late, "fenced off by the newer lease");
    assert!(messages(&app).await.iter().all(|m| m.state == "sent"));
    assert_eq!(sink.received().len(), invited.len());
}

async fn delivery_log(app: &TestApp, event_id: i32, campaign_id: i32) -> serde_json::Value {
    app.get_json(&format!(
        "/api/delivery_log?event_id={event_id}&campaign_id={campaign_id}"
    ))
    .await
}

async fn officers_set_the_policy_remind_now_and_pause_and_read_the_delivery_log(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    let (event, id) = (campaign.event_id.to_string(), campaign.id.to_string());
    app.login_as("officer@example.jp", app::domain::Role::Officer)
        .await;
    app.mailer.schedule().await.expect("scheduler");
    app.mailer.deliver_due().await.expect("worker");

    // A refused policy names the field; nothing changes.
    let (status, body) = app
        .call(
            "/api/save_reminder_policy",
            &[
                ("event_id", &event),
                ("campaign_id", &id),
                ("policy[days_before]", "5"),
                ("policy[every_days_after]", ""),
                ("policy[max_reminders]", "2"),
                ("policy[window_start_hour]", "18"),
                ("policy[window_end_hour]", "9"),
                ("policy[enabled]", "on"),
            ],
        )
        .await;
    assert!(status.is_client_error(), "{status}");
    assert!(body.contains("window_end_hour"), "{body}");
    // One reminder, 5 days before the deadline (Wednesday 10 June, 10:00 JST).
    let (status, body) = app
        .call(
            "/api/save_reminder_policy",
            &[
                ("event_id", &event),
                ("campaign_id", &id),
                ("policy[days_before]", "5"),
                ("policy[every_days_after]", ""),
                ("policy[max_reminders]", "1"),
                ("policy[window_start_hour]", "10"),
                ("policy[window_end_hour]", "16"),
                ("policy[enabled]", "on"),
            ],
        )
        .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    let log = delivery_log(&app, campaign.event_id, campaign.id).await;
    assert_eq!(log["policy"]["days_before"], "5");
    assert_eq!(log["schedule"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        log["messages"].as_array().map(Vec::len),
        Some(invited.len())
    );
    assert!(
        log["companies"]
            .as_array()
            .expect("companies")
            .iter()
            .all(|c| c["next_reminder_at"] == "2026-06-10T01:00:00Z"),
        "{}",
        log["companies"]
    );

    // Pause one company, remind another now.
    let (paused, reminded) = (&invited[0], &invited[1]);
    let (status, _) = app
        .call(
            "/api/pause_reminders",
            &[
                ("event_id", &event),
                ("campaign_id", &id),
                ("invitation_id", &paused.id.to_string()),
                ("paused", "true"),
            ],
        )
        .await;
    assert!(status.is_success() || status.is_redirection());
    let (status, _) = app
        .call(
            "/api/remind_now",
            &[
                ("event_id", &event),
                ("campaign_id", &id),
                ("invitation_id", &reminded.id.to_string()),
            ],
        )
        .await;
    assert!(status.is_success() || status.is_redirection());
    assert_eq!(app.mailer.deliver_due().await.expect("worker").sent, 1);

    app.clock
        .advance(Duration::from_secs(9 * 24 * 3600 + 3600 + 60));
    let pass = app.mailer.schedule().await.expect("scheduler");
    assert_eq!(
        pass.reminders as usize,
        invited.len() - 2,
        "the paused company and the one reminded by hand (its one reminder used) are skipped"
    );
    app.mailer.deliver_due().await.expect("worker");
    let paused_address = primary_email(&app, paused.company_id).await;
    assert!(
        sink.received()
            .iter()
            .filter(|m| m.recipients.contains(&paused_address))
            .count()
            == 1,
        "the paused company got only its invitation"
    );

    // The log shows every message; one opens as sent, with the current link.
    let log = delivery_log(&app, campaign.event_id, campaign.id).await;
    let messages = log["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), invited.len() * 2 - 1);
    let reminder = messages
        .iter()
        .find(|m| m["purpose"] == "reminder" && m["company_id"] == reminded.company_id)
        .expect("the reminder sent now");
    assert_eq!(reminder["state"], "sent");
    let (status, body) = app
        .call_get(&format!(
            "/api/delivery_message?event_id={event}&campaign_id={id}&id={}",
            reminder["id"]
        ))
        .await;
    assert!(status.is_success(), "{status} {body}");
    assert!(
        body.contains(&links().token(&reminded.token_seed)),
        "{body}"
    );
    let (status, html) = app
        .get_text(&format!(
            "/events/{event}/campaigns/{id}/mail/{}",
            reminder["id"]
        ))
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert!(html.contains("<title>"), "the message page has a title");
    let (status, html) = app
        .get_text(&format!("/events/{event}/campaigns/{id}/mail"))
        .await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert!(html.contains("送信履歴"), "the page renders its log");
}

async fn viewers_read_the_delivery_log_but_cannot_change_reminders(
    app: TestApp,
    _sink: SmtpSink,
    _port: u16,
) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    app.login_as("viewer@example.jp", app::domain::Role::Viewer)
        .await;
    let log = delivery_log(&app, campaign.event_id, campaign.id).await;
    assert_eq!(
        log["companies"].as_array().map(Vec::len),
        Some(invited.len())
    );
    let (status, _) = app
        .call(
            "/api/remind_now",
            &[
                ("event_id", &campaign.event_id.to_string()),
                ("campaign_id", &campaign.id.to_string()),
                ("invitation_id", &invited[0].id.to_string()),
            ],
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::FORBIDDEN);
    let (status, _) = app
        .call(
            "/api/save_mail_template",
            &[
                ("event_id", &campaign.event_id.to_string()),
                ("campaign_id", &campaign.id.to_string()),
                ("purpose", "reminder"),
                ("template[subject]", "件名"),
                ("template[body]", "{{ link }}"),
            ],
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::FORBIDDEN);
    // Another event's id does not reach this campaign.
    let (status, _) = app
        .call_get(&format!(
            "/api/delivery_log?event_id={}&campaign_id={}",
            campaign.event_id + 100,
            campaign.id
        ))
        .await;
    assert_eq!(status, reqwest::StatusCode::NOT_FOUND);
}

async fn two_schedulers_and_two_workers_at_once_send_each_of_500_companies_one_invitation(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    let expo = support::event_with_companies(&app.db, 500).await;
    support::after_exhibit_campaign(&app.db, expo).await;

    // Two schedulers decide at once, then two workers deliver at once.
    let (one, two) = (app.mailer.clone(), app.mailer.clone());
    let (a, b) = tokio::join!(one.schedule(), two.schedule());
    let queued = a.expect("scheduler one").invitations + b.expect("scheduler two").invitations;
    assert_eq!(queued, 500, "the campaign's invitations were queued once");
    let (a, b) = tokio::join!(one.deliver_due(), two.deliver_due());
    let (a, b) = (a.expect("worker one"), b.expect("worker two"));
    assert_eq!(a.sent + b.sent, 500);
    assert_eq!(a.lost_leases + b.lost_leases, 0);
    let received = sink.received();
    assert_eq!(received.len(), 500, "no company got a second invitation");
    let mut recipients: Vec<String> = received.iter().flat_map(|m| m.recipients.clone()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 500, "every company got one");
}

async fn mail_template(
    app: &TestApp,
    campaign: &campaign::Model,
    query: &str,
) -> serde_json::Value {
    app.get_json(&format!(
        "/api/mail_template?event_id={}&campaign_id={}&purpose=invitation{query}",
        campaign.event_id, campaign.id
    ))
    .await
}

async fn officers_word_a_campaigns_messages_preview_them_and_go_back_to_the_standard(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    let (event, id) = (campaign.event_id.to_string(), campaign.id.to_string());
    app.login_as("officer@example.jp", app::domain::Role::Officer)
        .await;

    // The editor starts from the standard wording.
    let editor = mail_template(&app, &campaign, "").await;
    assert_eq!(editor["custom"], false);
    assert!(
        editor["source"]["subject"]
            .as_str()
            .is_some_and(|s| s.contains("{{ form }}")),
        "{editor}"
    );
    assert!(
        editor["placeholders"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p == "link") && !p.iter().any(|p| p == "receipt")),
        "{editor}"
    );

    // A wording without the link is refused, and says which placeholder is missing.
    let subject = "【{{ event }}】ご回答のお願い（{{ company }}）";
    let (status, body) = app
        .call(
            "/api/save_mail_template",
            &[
                ("event_id", &event),
                ("campaign_id", &id),
                ("purpose", "invitation"),
                ("template[subject]", subject),
                ("template[body]", "{{ company }}\n{{ contact }}様"),
            ],
        )
        .await;
    assert!(status.is_client_error(), "{status}");
    assert!(
        body.contains("missing_placeholder") && body.contains("link"),
        "{body}"
    );
    assert_eq!(
        mail_template(&app, &campaign, "").await["custom"],
        false,
        "nothing was saved"
    );

    // A preview for a chosen company renders its name, its recipients and its link;
    // an unknown placeholder is named instead.
    let chosen = &invited[1];
    let wording = "{{ company }}\n{{ contact }}様\n\nご回答はこちら: {{ link }}\n\n{{ signature }}";
    let query = |body: &str| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("preview[subject]", subject)
            .append_pair("preview[body]", body)
            .append_pair("company_id", &chosen.company_id.to_string())
            .finish()
    };
    let previewed = mail_template(&app, &campaign, &format!("&{}", query(wording))).await;
    let link = format!("http://127.0.0.1/a/{}", links().token(&chosen.token_seed));
    let preview = &previewed["preview"];
    assert_eq!(preview["company_id"], chosen.company_id);
    let company = preview["company"].as_str().expect("a company").to_owned();
    assert!(
        preview["subject"]
            .as_str()
            .is_some_and(|s| s.contains(&company) && !s.contains("{{")),
        "{preview}"
    );
    assert!(
        preview["body_text"]
            .as_str()
            .is_some_and(|s| s.contains(&format!("ご回答はこちら: {link}"))),
        "{preview}"
    );
    let address = primary_email(&app, chosen.company_id).await;
    assert!(preview["to"].to_string().contains(&address), "{preview}");
    let refused = mail_template(
        &app,
        &campaign,
        &format!("&{}", query("{{ link }} {{ compnay }}")),
    )
    .await;
    assert!(refused["preview"].is_null());
    assert_eq!(refused["preview_errors"][0]["field"], "body");
    assert_eq!(refused["preview_errors"][0]["problem"]["name"], "compnay");
    // The page renders the same preview without JavaScript.
    let (_, html) = app
        .get_text(&format!(
            "/events/{event}/campaigns/{id}/mail/templates/invitation?preview=1&{}",
            form_urlencoded::Serializer::new(String::new())
                .append_pair("subject", subject)
                .append_pair("body", wording)
                .append_pair("company", &chosen.company_id.to_string())
                .finish()
        ))
        .await;
    assert!(
        html.contains("この文面で保存"),
        "the page offers to save the preview"
    );
    assert!(html.contains(&format!("ご回答はこちら: {link}")));

    // Saved, it words the invitations queued after it, in text and in HTML.
    let (status, body) = app
        .call(
            "/api/save_mail_template",
            &[
                ("event_id", &event),
                ("campaign_id", &id),
                ("purpose", "invitation"),
                ("template[subject]", subject),
                ("template[body]", wording),
            ],
        )
        .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    assert_eq!(mail_template(&app, &campaign, "").await["custom"], true);
    app.mailer.schedule().await.expect("scheduler");
    app.mailer.deliver_due().await.expect("worker");
    let received = sink.received();
    assert_eq!(received.len(), invited.len());
    let message = received
        .iter()
        .find(|m| m.recipients.contains(&address))
        .expect("the chosen company's message");
    assert_eq!(
        message.subject(),
        preview["subject"].as_str().expect("subject")
    );
    assert!(message.text().contains(&format!("ご回答はこちら: {link}")));
    let html = message
        .parsed()
        .body_html(0)
        .expect("an HTML part")
        .into_owned();
    assert!(html.contains(&format!("<a href=\"{link}\">")), "{html}");
    let log = delivery_log(&app, campaign.event_id, campaign.id).await;
    assert_eq!(log["templates"][0]["purpose"], "invitation");
    assert_eq!(log["templates"][0]["custom"], true);

    // Back to the standard wording; both changes are in the audit log.
    let (status, _) = app
        .call(
            "/api/reset_mail_template",
            &[
                ("event_id", &event),
                ("campaign_id", &id),
                ("purpose", "invitation"),
            ],
        )
        .await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
    assert_eq!(mail_template(&app, &campaign, "").await["custom"], false);
    let changes = app::server::entities::audit_log::Entity::find()
        .filter(app::server::entities::audit_log::Column::Action.eq("mail_template_changed"))
        .all(&app.db)
        .await
        .expect("audit");
    assert_eq!(changes.len(), 2, "saved, then reset");
}

async fn officers_get_one_digest_on_business_day_mornings_while_requests_are_open(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    use app::domain::Role;
    // Nothing open yet, 09:00 on Monday 1 June: no digest.
    app.login_as("viewer@example.jp", Role::Viewer).await;
    app.login_as("officer@example.jp", Role::Officer).await;
    assert_eq!(app.mailer.schedule().await.expect("scheduler").digests, 0);

    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    let writers = app::server::entities::officer::Entity::find()
        .filter(app::server::entities::officer::Column::Role.ne(Role::Viewer.as_str()))
        .all(&app.db)
        .await
        .expect("officers")
        .len() as u64;
    let pass = app.mailer.schedule().await.expect("scheduler");
    assert_eq!(
        pass.digests, writers,
        "admins' and officers', not the viewer's"
    );
    assert_eq!(
        app.mailer.schedule().await.expect("scheduler").digests,
        0,
        "one a day"
    );
    app.mailer.deliver_due().await.expect("worker");
    let digest = sink
        .received()
        .into_iter()
        .find(|m| m.recipients.iter().any(|r| r == "officer@example.jp"))
        .expect("the officer's digest");
    assert!(
        digest.subject().contains("回答状況のまとめ"),
        "{}",
        digest.subject()
    );
    let text = digest.text();
    assert!(
        text.contains(&format!("提出済み: 0 / {} 社", invited.len())),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "http://127.0.0.1/events/{}/campaigns/{}",
            campaign.event_id, campaign.id
        )),
        "{text}"
    );
    assert!(
        !sink
            .received()
            .iter()
            .any(|m| m.recipients.iter().any(|r| r == "viewer@example.jp")),
        "viewers get no digest"
    );

    // One company submits during Monday; Tuesday's digest counts it as new.
    let first = &invited[0];
    submit(&app, &format!("/a/{}", links().token(&first.token_seed))).await;
    app.clock.advance(Duration::from_secs(24 * 3600));
    let pass = app.mailer.schedule().await.expect("scheduler");
    assert_eq!(pass.digests, writers);
    app.mailer.deliver_due().await.expect("worker");
    let tuesday = sink
        .received()
        .into_iter()
        .filter(|m| m.subject().contains("回答状況のまとめ"))
        .find(|m| m.subject().contains("6月2日"))
        .expect("Tuesday's digest");
    assert!(
        tuesday.text().contains(&format!(
            "提出済み: 1 / {} 社（前回のまとめ以降 +1）",
            invited.len()
        )),
        "{}",
        tuesday.text()
    );

    // Saturday at nine: no digest (not a business day); nor on Monday before nine.
    app.clock.advance(Duration::from_secs(4 * 24 * 3600));
    assert_eq!(app.mailer.schedule().await.expect("scheduler").digests, 0);
    app.clock.advance(Duration::from_secs(2 * 24 * 3600 - 60));
    assert_eq!(app.mailer.schedule().await.expect("scheduler").digests, 0);
    app.clock.advance(Duration::from_secs(60));
    assert_eq!(
        app.mailer.schedule().await.expect("scheduler").digests,
        writers
    );
}

async fn review_call(
    app: &TestApp,
    campaign: &campaign::Model,
    invitation: &invitation::Model,
    revision: i32,
    decision: &str,
    comment: &str,
) -> (reqwest::StatusCode, String) {
    app.call(
        "/api/review_response",
        &[
            ("event_id", &campaign.event_id.to_string()),
            ("campaign_id", &campaign.id.to_string()),
            ("invitation_id", &invitation.id.to_string()),
            ("revision", &revision.to_string()),
            ("decision", decision),
            ("comment", comment),
        ],
    )
    .await
}

async fn review_page(
    app: &TestApp,
    campaign: &campaign::Model,
    invitation: &invitation::Model,
) -> serde_json::Value {
    app.get_json(&format!(
        "/api/response_review?event_id={}&campaign_id={}&invitation_id={}&english=false&other=%E3%81%9D%E3%81%AE%E4%BB%96",
        campaign.event_id, campaign.id, invitation.id
    ))
    .await
}

async fn an_officer_returns_a_response_with_a_comment_and_approves_the_resubmission(
    app: TestApp,
    sink: SmtpSink,
    _port: u16,
) {
    let campaign = open_campaign(&app).await;
    let invited = invitations(&app, &campaign).await;
    app.mailer.schedule().await.expect("scheduler");
    app.mailer.deliver_due().await.expect("worker");
    app.login_as("officer@example.jp", app::domain::Role::Officer)
        .await;
    let company = &invited[0];
    let path = format!("/a/{}", links().token(&company.token_seed));
    submit(&app, &path).await;

    // The officer reads the answers in words.
    let page = review_page(&app, &campaign, company).await;
    assert_eq!(page["status"], "submitted");
    let revision = page["revision"].as_i64().expect("a submitted revision") as i32;
    assert!(
        page["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .any(|l| l["answer"] == "12件"),
        "{page}"
    );

    // A return needs a comment; with one, the company sees it and is told by email.
    let (status, body) = review_call(&app, &campaign, company, revision, "return", " ").await;
    assert!(status.is_client_error(), "{status}");
    assert!(
        body.contains("comment") && body.contains("required"),
        "{body}"
    );
    let comment = "商談件数と成約件数をご確認ください。\n成約件数が商談件数を上回っています。";
    let (status, body) = review_call(&app, &campaign, company, revision, "return", comment).await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    let (_, html) = app.get_text(&path).await;
    assert!(
        html.contains("成約件数が商談件数を上回っています。"),
        "the company sees the comment"
    );
    let returned = invitation::Entity::find_by_id(company.id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("the invitation");
    assert_eq!(returned.status, "returned");
    assert!(
        returned.submitted_at.is_none(),
        "it counts as not submitted"
    );
    assert!(returned.next_reminder_at.is_some(), "its reminders resume");
    app.mailer.schedule().await.expect("scheduler");
    app.mailer.deliver_due().await.expect("worker");
    let address = primary_email(&app, company.company_id).await;
    let notice = sink
        .received()
        .into_iter()
        .find(|m| m.subject().contains("差し戻し"))
        .expect("the notice of the return");
    assert!(notice.recipients.contains(&address));
    assert!(
        notice
            .text()
            .contains("成約件数が商談件数を上回っています。")
    );
    assert!(notice.text().contains(&format!("http://127.0.0.1{path}")));
    // Nothing to approve until it is submitted again.
    let (status, body) = review_call(&app, &campaign, company, revision, "approve", "").await;
    assert!(status.is_client_error(), "{status}");
    assert!(body.contains("not_submitted"), "{body}");

    // Resubmitted, the officer's old reading is stale; the new one is approved.
    submit(&app, &path).await;
    let page = review_page(&app, &campaign, company).await;
    assert_eq!(page["status"], "submitted");
    let newer = page["revision"].as_i64().expect("a revision") as i32;
    assert!(newer > revision);
    let (status, body) = review_call(&app, &campaign, company, revision, "approve", "").await;
    assert!(
        status.is_client_error() && body.contains("newer_revision"),
        "{status} {body}"
    );
    let (status, body) = review_call(&app, &campaign, company, newer, "approve", "").await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );

    // Every round is kept, in order, with the comment.
    let page = review_page(&app, &campaign, company).await;
    assert_eq!(page["status"], "approved");
    let kinds: Vec<&str> = page["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| h["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(kinds, ["submitted", "returned", "submitted", "approved"]);
    assert_eq!(page["history"][1]["comment"], comment.replace("\\n", "\n"));
    let (_, html) = app.get_text(&path).await;
    assert!(
        !html.contains("成約件数が商談件数を上回っています。"),
        "the comment is gone once resubmitted"
    );
}

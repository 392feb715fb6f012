//! The real server process killed (SIGKILL) in the middle of sending a campaign's
//! invitations, then started again: every message is sent, none is lost. A message the
//! SMTP server accepted in the instant before the kill, before the outcome was
//! recorded, is sent again after its lease expires — with the same Message-ID, so the
//! duplicate can be recognised. The test counts and reports those.

#[allow(unused_macros)]
#[macro_use]
mod support;
#[path = "support/smtp.rs"]
mod smtp;

use app::server::entities::outbox_message;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::config::DatabaseUrl;
use smtp::SmtpSink;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const COMPANIES: usize = 300;
/// How long anything here may take: the whole test stays well inside a minute or two.
const LIMIT: Duration = Duration::from_secs(90);

/// Kills the server if the test ends while it runs.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_server(data_dir: &Path, smtp_port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("KOTAE_DATA_DIR", data_dir)
        .env("KOTAE_LISTEN", "127.0.0.1:0")
        .env("KOTAE_SMTP_URL", SmtpSink::url(smtp_port))
        .env("KOTAE_SCHEDULER_INTERVAL", "1")
        .env("KOTAE_MAIL_LEASE", "2")
        .env("RUST_LOG", "error")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    Server(child)
}

async fn wait_until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let started = Instant::now();
    while !done().await {
        assert!(
            started.elapsed() < LIMIT,
            "{what} did not happen within {LIMIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_batch_loses_no_message_and_duplicates_keep_their_message_id() {
    let data = tempfile::tempdir().expect("data directory");
    let db = server::db::connect_and_migrate(&DatabaseUrl::sqlite_in(data.path()))
        .await
        .expect("database");
    let event = support::event_with_companies(&db, COMPANIES).await;
    support::after_exhibit_campaign(&db, event).await;

    // A relay that takes 40 ms per message, so that the kill lands mid-batch.
    let port = SmtpSink::free_port();
    let sink = SmtpSink::start_slow_on(port, Duration::from_millis(40));
    let mut first = start_server(data.path(), port);
    wait_until("the first 60 messages", async || {
        sink.received().len() >= 60
    })
    .await;
    first.0.kill().expect("SIGKILL");
    first.0.wait().expect("the killed server is gone");
    let at_kill = sink.received().len();
    assert!(at_kill < COMPANIES, "killed before the campaign was sent");

    let _second = start_server(data.path(), port);
    let sent = || {
        outbox_message::Entity::find()
            .filter(outbox_message::Column::State.eq("sent"))
            .count(&db)
    };
    wait_until("every message recorded as sent", async || {
        sent().await.is_ok_and(|n| n == COMPANIES as u64)
    })
    .await;

    let received = sink.received();
    let mut by_recipient: HashMap<String, Vec<String>> = HashMap::new();
    for message in &received {
        for recipient in &message.recipients {
            by_recipient
                .entry(recipient.clone())
                .or_default()
                .push(message.header("Message-ID"));
        }
    }
    assert_eq!(
        by_recipient.len(),
        COMPANIES,
        "every company got its invitation"
    );
    for (recipient, ids) in &by_recipient {
        assert!(
            ids.iter().all(|id| id == &ids[0]),
            "{recipient}: a duplicate carries the same Message-ID"
        );
    }
    let duplicates = received.len() - COMPANIES;
    eprintln!(
        "killed after {at_kill} messages were accepted; after the restart all {COMPANIES} were \
         sent, {duplicates} of them twice (accepted just before the kill, not yet recorded)"
    );
    // Only messages in flight or not yet recorded at the kill can be sent twice.
    assert!(
        duplicates <= server::mail::MOST_UNRECORDED,
        "{duplicates} duplicates"
    );
}

//! Nothing waits forever: a request stuck in the server is answered with 503 within the
//! configured limit, a test stuck on a request fails in its own time limit, and pages
//! keep rendering while other apps start in the same process (the cause of the hangs
//! the suite used to show).

mod support;

use reqwest::StatusCode;
use std::time::Duration;
use support::{Db, Options, STALL_PATH, TEST_TIME_LIMIT, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_gets_no_answer_in_time_is_answered_with_503() {
    let options = Options {
        request_timeout: Duration::from_secs(1),
        ..Options::default()
    };
    support::run_with(
        Db::Sqlite,
        "a_request_that_gets_no_answer_in_time_is_answered_with_503",
        options,
        TEST_TIME_LIMIT,
        |app: TestApp| async move {
            let response = app.get(STALL_PATH).await;
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(
                response.headers().get("retry-after").map(|v| v.as_bytes()),
                Some(&b"5"[..])
            );
            let body = response.text().await.expect("body");
            assert!(body.contains("応答に時間がかかっています"), "{body}");
            assert!(body.contains("The server did not answer in time"), "{body}");

            // The server goes on serving.
            let (status, _) = app.get_text("/healthz").await;
            assert_eq!(status, StatusCode::OK);
        },
    )
    .await;
}

/// The server's own limit (30 s) is longer than this test's (3 s): only the test's
/// limit can end it, and it must say which test and which request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[should_panic(
    expected = "a_stuck_test_fails_in_its_time_limit on Sqlite did not finish within 3s; the last request it sent: GET /test/stall (no answer yet)"
)]
async fn a_stuck_test_fails_in_its_time_limit() {
    support::run_with(
        Db::Sqlite,
        "a_stuck_test_fails_in_its_time_limit",
        Options::default(),
        Duration::from_secs(3),
        |app: TestApp| async move {
            app.get(STALL_PATH).await;
        },
    )
    .await;
}

/// Starting an app renders it once to list its routes, and Leptos marks the whole
/// process as "not loading resources" while it does: a page rendered by another app
/// at that moment used to wait forever for its data. Each test starts its own app in
/// one process, so this is what the suite hit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_while_other_apps_start() {
    let options = Options {
        request_timeout: Duration::from_secs(10),
        ..Options::default()
    };
    support::run_with(
        Db::Sqlite,
        "pages_render_while_other_apps_start",
        options,
        TEST_TIME_LIMIT,
        |app: TestApp| async move {
            let starting = async {
                for _ in 0..12 {
                    let other = support::spawn_app(Db::Sqlite).await.expect("app starts");
                    drop(other);
                }
            };
            let (done_tx, done_rx) = tokio::sync::watch::channel(false);
            let readers = (0..12).map(|_| {
                let done = done_rx.clone();
                let browser = support::spawn_browser(&app);
                async move {
                    let mut failures = Vec::new();
                    let mut pages = 0;
                    while !*done.borrow() {
                        let (status, html) = browser.get_text("/login").await;
                        pages += 1;
                        if status != StatusCode::OK || !html.contains("</html>") {
                            failures.push(format!("{status}, {} bytes", html.len()));
                        }
                    }
                    (pages, failures)
                }
            });
            let (_, results) = tokio::join!(
                async {
                    starting.await;
                    let _ = done_tx.send(true);
                },
                futures::future::join_all(readers)
            );
            let pages: usize = results.iter().map(|(pages, _)| pages).sum();
            let failures: Vec<&String> = results.iter().flat_map(|(_, f)| f).collect();
            assert!(pages >= 12, "pages were loaded meanwhile: {pages}");
            assert!(
                failures.is_empty(),
                "{} of {pages} pages did not render: {failures:?}",
                failures.len()
            );
        },
    )
    .await;
}

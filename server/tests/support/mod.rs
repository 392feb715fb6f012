//! Test harness: starts the real application on a random port with a fresh database
//! (an SQLite file in a temporary directory, or a new PostgreSQL database) and drives it
//! over HTTP like a browser without JavaScript, or like the hydrated app.

#![allow(dead_code)] // each test binary uses a different part of the harness

use app::domain::{Email, NewOfficer, Password, Role};
use app::server::AppState;
use app::server::clock::Clock;
use app::server::services::audit::Actor;
use app::server::services::officers;
use axum::Router;
use axum::routing::get;
use chrono::{DateTime, Utc};
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION, REFERER};
use reqwest::{Client, RequestBuilder, Response, StatusCode, redirect};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::config::{Config, DEFAULT_REQUEST_TIMEOUT, DatabaseUrl, SecretKey};
use server::startup::{Application, Wiring, leptos_options};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;
use tokio::sync::oneshot;
use url::Url;

/// Declares each named scenario twice, as `sqlite::name` and `postgres::name`, each a
/// test on its own runtime that runs the scenario against a fresh app within the time limit.
#[allow(unused_macros)] // not every test binary declares scenarios
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::support::run(crate::support::Db::Sqlite, stringify!($name), super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::support::run(crate::support::Db::Postgres, stringify!($name), super::$name).await;
                }
            )*
        }
    };
}

pub const PASSWORD: &str = "correct horse battery staple";

/// Every test body gets this long; a hang then fails one test in a minute instead of
/// holding CI until its own limit.
pub const TEST_TIME_LIMIT: Duration = Duration::from_secs(60);

/// Starting the app (migrations, a new PostgreSQL database) gets its own limit.
const START_TIME_LIMIT: Duration = Duration::from_secs(60);

/// A route that never answers, for the tests of the time limits.
pub const STALL_PATH: &str = "/test/stall";

/// The manual clock of every test app starts here and moves only when a test says so.
pub fn test_epoch() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-06-01T09:00:00+09:00")
        .expect("valid date")
        .with_timezone(&Utc)
}

#[derive(Debug, Clone, Copy)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Where the test PostgreSQL server is; a fresh database is created on it per test.
fn postgres_admin_url() -> String {
    std::env::var("KOTAE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// One browser: its own cookies; does not follow redirects (tests look at them).
pub struct Browser {
    pub base: String,
    pub db: DatabaseConnection,
    /// Where the app keeps uploaded rosters (for `server::demo::load`).
    pub roster_files: app::server::services::roster::import::Storage,
    /// Where the app keeps attached files.
    pub attachments: app::server::attachments::Store,
    pub client: Client,
    journal: Journal,
    /// The app's clock, for what the harness writes directly (officers' audit entries).
    clock: Clock,
}

/// The last request any browser of a test sent, and whether it was answered: what a
/// test that ran out of time was waiting for.
#[derive(Clone, Default)]
struct Journal(Arc<Mutex<Option<String>>>);

impl Journal {
    fn record(&self, entry: String) {
        if let Ok(mut last) = self.0.lock() {
            *last = Some(entry);
        }
    }

    fn last(&self) -> String {
        self.0
            .lock()
            .ok()
            .and_then(|last| last.clone())
            .unwrap_or_else(|| "none".into())
    }
}

/// Settings a test may change for its app.
#[derive(Debug, Clone)]
pub struct Options {
    pub request_timeout: Duration,
    /// Mail settings; by default `.eml` files in the data directory, and no background
    /// loops (tests run the scheduler and worker through `app.mailer`).
    pub mail: Option<server::config::MailConfig>,
    /// How large attached files may be (the product's defaults unless a test needs less).
    pub attachment_limits: app::server::attachments::Limits,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            mail: None,
            attachment_limits: Default::default(),
        }
    }
}

/// The running app and the first browser using it (`app.login(...)` etc.).
pub struct TestApp {
    browser: Browser,
    /// The app's clock: tests move time with `app.clock.advance(...)`.
    pub clock: Clock,
    /// The mail scheduler and worker, run by hand (`schedule`, `deliver_due`).
    pub mailer: server::mail::Mailer,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    postgres_database: Option<String>,
    _data_dir: TempDir,
}

/// Runs one test against a fresh app on the given database, within [`TEST_TIME_LIMIT`].
/// On PostgreSQL, when the server cannot be reached, the test is skipped with a loud
/// message instead of failing.
pub async fn run<F, Fut>(db: Db, test_name: &str, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    run_with(db, test_name, Options::default(), TEST_TIME_LIMIT, test).await
}

/// Like [`run`], with the app's settings and the test's time limit chosen by the test.
/// A test that runs out of time fails with its name and the last request it sent.
pub async fn run_with<F, Fut>(db: Db, test_name: &str, options: Options, limit: Duration, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    let started = tokio::time::timeout(START_TIME_LIMIT, spawn_app_with(db, options)).await;
    let Ok(spawned) = started else {
        panic!("{test_name} on {db:?}: the app did not start within {START_TIME_LIMIT:?}");
    };
    let Some(app) = spawned else {
        eprintln!(
            "\n!!! SKIPPED {test_name} on PostgreSQL: no server at {} (set KOTAE_TEST_POSTGRES_URL) !!!\n",
            redact(&postgres_admin_url())
        );
        return;
    };
    let journal = app.journal.clone();
    if tokio::time::timeout(limit, test(app)).await.is_err() {
        panic!(
            "{test_name} on {db:?} did not finish within {limit:?}; the last request it sent: {}",
            journal.last()
        );
    }
}

fn redact(url: &str) -> String {
    DatabaseUrl::parse(url)
        .map(|u| u.redacted())
        .unwrap_or_default()
}

pub async fn spawn_app(db: Db) -> Option<TestApp> {
    spawn_app_with(db, Options::default()).await
}

pub async fn spawn_app_with(db: Db, options: Options) -> Option<TestApp> {
    // Server logs appear with a failing test's output (RUST_LOG=debug for more).
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .try_init();
    let data_dir = tempfile::tempdir().expect("temporary data directory");
    let (database_url, postgres_database) = match db {
        Db::Sqlite => (DatabaseUrl::sqlite_in(data_dir.path()), None),
        Db::Postgres => {
            let name = format!("kotae_test_{}", rand::random::<u64>());
            let admin_url = postgres_admin_url();
            let admin = Database::connect(admin_url.as_str()).await.ok()?;
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("creating the test database");
            admin.close().await.ok();
            let mut url = Url::parse(&admin_url).expect("postgres URL");
            url.set_path(&name);
            (
                DatabaseUrl::parse(url.as_str()).expect("postgres URL"),
                Some(name),
            )
        }
    };
    let config = Config {
        data_dir: data_dir.path().to_owned(),
        database_url,
        listen: "127.0.0.1:0".parse().expect("address"),
        base_url: Url::parse("http://127.0.0.1").expect("url"),
        secret_key: secret_key(),
        request_timeout: options.request_timeout,
        max_upload_bytes: server::config::DEFAULT_MAX_UPLOAD_BYTES,
        attachments: server::config::AttachmentConfig {
            dir: data_dir.path().join("attachments"),
            limits: options.attachment_limits,
        },
        group_commit: true,
        mail: options.mail.clone().unwrap_or_else(|| {
            let mut mail = server::config::MailConfig::files_in(data_dir.path());
            mail.loops = None;
            mail
        }),
    };
    let clock = Clock::manual(test_epoch());
    let wiring = Wiring {
        clock: clock.clone(),
        extra_routes: Some(
            Router::<AppState>::new().route(STALL_PATH, get(std::future::pending::<()>)),
        ),
    };
    let mut leptos = leptos_options(config.listen).expect("leptos options");
    leptos.site_root = static_files(data_dir.path()).into();
    let app = Application::build_with(&config, leptos, wiring)
        .await
        .expect("application starts");
    let base = format!("http://{}", app.local_addr());
    let db = app.state().db.clone();
    let mailer = app.mailer().clone();
    let roster_files = app.state().roster_files.clone();
    let attachments = app.state().attachments.store.clone();
    let (shutdown, on_shutdown) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        app.run_until(async {
            let _ = on_shutdown.await;
        })
        .await
        .expect("server runs");
    });
    Some(TestApp {
        browser: Browser {
            base,
            db,
            roster_files,
            attachments,
            client: http_client(),
            journal: Journal::default(),
            clock: clock.clone(),
        },
        clock,
        mailer,
        shutdown: Some(shutdown),
        server: Some(server),
        postgres_database,
        _data_dir: data_dir,
    })
}

/// The secret key of every test app, for tests that compute what the server derives
/// from it (the CSRF token of an answer page).
pub fn secret_key() -> SecretKey {
    SecretKey::from_text(&"test-key-".repeat(10)).expect("key")
}

/// The static file the test apps serve (the wasm bundle is not built for these tests),
/// so that responses to static files can be looked at too.
pub const STATIC_FILE: &str = "/favicon.svg";

/// A site root in the test's data directory, holding [`STATIC_FILE`]; its path.
fn static_files(data_dir: &std::path::Path) -> String {
    let root = data_dir.join("site");
    std::fs::create_dir_all(&root).expect("site root");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../public/favicon.svg"),
        root.join(STATIC_FILE.trim_start_matches('/')),
    )
    .expect("static file copied");
    root.to_string_lossy().into_owned()
}

/// Another browser, with no cookies yet, on the same app.
pub fn spawn_browser(app: &TestApp) -> Browser {
    Browser {
        base: app.base.clone(),
        db: app.db.clone(),
        roster_files: app.roster_files.clone(),
        attachments: app.attachments.clone(),
        client: http_client(),
        journal: app.journal.clone(),
        clock: app.clock.clone(),
    }
}

impl std::ops::Deref for TestApp {
    type Target = Browser;
    fn deref(&self) -> &Browser {
        &self.browser
    }
}

fn http_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .build()
        .expect("http client")
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
        if let Some(name) = self.postgres_database.take() {
            // Drop runs outside async code: remove the database from a helper thread.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async {
                        if let Ok(admin) = Database::connect(postgres_admin_url().as_str()).await {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                }
            })
            .join();
        }
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn create_officer(&self, email: &str, role: Role) {
        officers::create(
            &self.db,
            NewOfficer {
                email: Email::parse(email).expect("email"),
                name: format!("テスト {}", role.as_str()),
                role,
                password: Password::parse(PASSWORD).expect("password"),
            },
            &Actor::System("test"),
            self.clock.now(),
        )
        .await
        .expect("officer created");
    }

    /// Sends a request, noting it in the test's journal first.
    pub async fn send(&self, request: RequestBuilder) -> Response {
        let request = request.build().expect("a well-formed request");
        let what = format!("{} {}", request.method(), request.url().path());
        self.journal.record(format!("{what} (no answer yet)"));
        let response = self
            .client
            .execute(request)
            .await
            .unwrap_or_else(|error| panic!("{what}: {error}"));
        self.journal
            .record(format!("{what} (answered {})", response.status()));
        response
    }

    pub async fn get(&self, path: &str) -> Response {
        self.send(self.client.get(self.url(path))).await
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.expect("body"))
    }

    /// The CSRF token the server put in this browser's forms.
    pub async fn csrf_token(&self) -> String {
        let (_, html) = self.get_text("/login").await;
        hidden_value(&html, "csrf").expect("the page has a CSRF field")
    }

    /// Posts a form the way a browser without JavaScript does (Accept: text/html, a
    /// Referer), with the CSRF token added.
    pub async fn submit_form(
        &self,
        path: &str,
        referer: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let token = self.csrf_token().await;
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.send(
            self.client
                .post(self.url(path))
                .header(ACCEPT, "text/html,application/xhtml+xml")
                .header(REFERER, self.url(referer))
                .form(&all),
        )
        .await
    }

    /// Submits a company's answer page at `path` as a browser without JavaScript does:
    /// the page's hidden fields, `intent=submit`, and `answers`. Panics unless accepted.
    pub async fn submit_answers(&self, path: &str, answers: &[(&str, &str)]) {
        let (_, html) = self.get_text(path).await;
        let mut fields: Vec<(&str, String)> = ["csrf", "base_revision", "save_key"]
            .into_iter()
            .map(|name| {
                let value =
                    hidden_value(&html, name).unwrap_or_else(|| panic!("the form has {name}"));
                (name, value)
            })
            .collect();
        fields.push(("intent", "submit".to_owned()));
        fields.extend(answers.iter().map(|(k, v)| (*k, (*v).to_owned())));
        let response = self
            .send(
                self.client
                    .post(self.url(path))
                    .header(ACCEPT, "text/html,application/xhtml+xml")
                    .form(&fields),
            )
            .await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "the submission is accepted: {}",
            response.status()
        );
    }

    /// Calls a server function the way the hydrated app does (no HTML, JSON errors),
    /// with the CSRF token added.
    pub async fn call(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let token = self.csrf_token().await;
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.call_raw(path, &all).await
    }

    /// Calls a read-only (GET) server function and reads its JSON; panics unless it
    /// succeeded.
    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        let (status, body) = self.call_get(path).await;
        assert!(status.is_success(), "GET {path}: {status} {body}");
        serde_json::from_str(&body).expect("JSON")
    }

    /// Calls a read-only (GET) server function the way the hydrated app does.
    pub async fn call_get(&self, path: &str) -> (StatusCode, String) {
        let response = self
            .send(
                self.client
                    .get(self.url(path))
                    .header(ACCEPT, "application/json"),
            )
            .await;
        let status = response.status();
        (status, response.text().await.expect("body"))
    }

    /// Like `call`, but sends exactly these fields (no CSRF token is added).
    pub async fn call_raw(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let response = self
            .send(
                self.client
                    .post(self.url(path))
                    .header(ACCEPT, "application/json")
                    .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(serde_urlencoded(fields)),
            )
            .await;
        let status = response.status();
        (status, response.text().await.expect("body"))
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.submit_form(
            "/api/login",
            "/login",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Uploads a file with a multipart form, as the roster upload page does without
    /// JavaScript, with the CSRF token added.
    pub async fn upload(&self, path: &str, file_name: &str, bytes: Vec<u8>) -> Response {
        let token = self.csrf_token().await;
        let form = reqwest::multipart::Form::new().text("csrf", token).part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
        );
        self.send(
            self.client
                .post(self.url(path))
                .header(ACCEPT, "text/html,application/xhtml+xml")
                .multipart(form),
        )
        .await
    }

    pub async fn login_as(&self, email: &str, role: Role) {
        self.create_officer(email, role).await;
        let response = self.login(email, PASSWORD).await;
        assert_eq!(location(&response), "/events", "login as {email} succeeds");
    }
}

fn serde_urlencoded(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The path and query of a Location header, whether absolute or not.
pub fn location_path(response: &Response) -> String {
    let location = location(response);
    match Url::parse(&location) {
        Ok(url) => format!(
            "{}{}",
            url.path(),
            url.query().map(|q| format!("?{q}")).unwrap_or_default()
        ),
        Err(_) => location,
    }
}

/// The value of `<input name="NAME" value="...">` in a page.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let value_at = tag.find("value=\"")? + "value=\"".len();
    let value_end = value_at + tag[value_at..].find('"')?;
    Some(tag[value_at..value_end].to_owned())
}

/// A published 出展後アンケート asked of every participant of `event_id`: opens at the
/// test epoch (2026-06-01 09:00 JST, a Monday), deadline 14 days later. The invitations'
/// links are made with [`secret_key`].
pub async fn after_exhibit_campaign(
    db: &DatabaseConnection,
    event_id: i32,
) -> app::server::entities::campaign::Model {
    use app::domain::forms::templates::Template;
    template_campaign(db, event_id, Template::AfterExhibit, "出展後アンケート").await
}

/// A campaign of a built-in form for every participant of the event: opens at the test
/// epoch, deadline 14 days later.
pub async fn template_campaign(
    db: &DatabaseConnection,
    event_id: i32,
    template: app::domain::forms::templates::Template,
    title: &str,
) -> app::server::entities::campaign::Model {
    use app::domain::campaigns::{AnswerWindow, Audience, CampaignDraft};
    use app::server::links::LinkKey;
    use app::server::services::{campaigns, forms};
    let actor = Actor::System("test");
    let now = test_epoch();
    let form = forms::create_from_template(db, now, &actor, template)
        .await
        .expect("form");
    let version = forms::publish(db, now, &actor, form.id)
        .await
        .expect("published");
    let draft = CampaignDraft {
        title: title.into(),
        form_version_id: version.row.id,
        window: AnswerWindow {
            opens_at: now,
            deadline: now + chrono::Duration::days(14),
            extended_until: None,
        },
        audience: Audience::AllParticipants,
    };
    let links = LinkKey::derive(secret_key().expose());
    campaigns::create(db, &links, now, &actor, event_id, draft)
        .await
        .expect("campaign")
}

/// The demo data and a campaign for the participants of its first event.
pub async fn demo_campaign(browser: &Browser) -> app::server::entities::campaign::Model {
    use sea_orm::EntityTrait;
    server::demo::load(&browser.db, &browser.roster_files)
        .await
        .expect("demo data");
    let event_id = app::server::entities::participation::Entity::find()
        .one(&browser.db)
        .await
        .expect("query")
        .expect("the demo has participants")
        .event_id;
    after_exhibit_campaign(&browser.db, event_id).await
}

/// A new event with `count` participating companies, each with one contact
/// (`c000@example.jp` ...): a campaign too large to send in one batch. Returns its id.
pub async fn event_with_companies(db: &DatabaseConnection, count: usize) -> i32 {
    use app::server::entities::{company, contact, event, participation};
    use sea_orm::{ActiveModelTrait, Set};
    let now = test_epoch();
    let expo = event::ActiveModel {
        name: Set("市内テクノフェア 2026".into()),
        kind: Set("tech_expo".into()),
        venue: Set("市産業交流センター".into()),
        start_date: Set(chrono::NaiveDate::from_ymd_opt(2026, 5, 20).expect("date")),
        end_date: Set(chrono::NaiveDate::from_ymd_opt(2026, 5, 22).expect("date")),
        fiscal_year: Set(2026),
        notes: Set(String::new()),
        archived_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("event");
    for n in 0..count {
        let firm = company::ActiveModel {
            name: Set(format!("テスト工業{n:03}株式会社")),
            name_kana: Set(String::new()),
            corporate_number: Set(None),
            industry: Set("製造業".into()),
            address: Set(String::new()),
            regional_leader: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("company");
        contact::ActiveModel {
            company_id: Set(firm.id),
            name: Set(format!("担当{n:03}")),
            department: Set(String::new()),
            email: Set(format!("c{n:03}@example.jp")),
            phone: Set(String::new()),
            is_primary: Set(true),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("contact");
        participation::ActiveModel {
            event_id: Set(expo.id),
            company_id: Set(firm.id),
            booth: Set(format!("A-{n:03}")),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("participation");
    }
    expo.id
}

//! Builds the whole application (database, sessions, routes, middleware) and serves it.
//! Tests use the same code with port 0 and a fresh database.

use crate::config::Backend;
use crate::config::{Config, MailLoops};
use crate::csrf::{CsrfKey, CsrfSettings};
use crate::mail::{self, Mailer};
use crate::security_headers::{self, Policy};
use crate::timeout::RequestTimeout;
use crate::{
    answer_post, attachment_download, csrf, db, exports, form_echo, guard, health, locale,
    roster_upload, timeout,
};
use anyhow::Context;
use app::app::{App, shell};
use app::server::AppState;
use app::server::clock::Clock;
use app::server::links::LinkKey;
use app::server::services::answering::{FormVersionCache, SaveDeps, SaveQueue};
use app::server::services::attachments;
use app::server::session_store::DbSessionStore;
use app::server::throttle::{LinkThrottle, LoginThrottle};
use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Request, State};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, generate_route_list, handle_server_fns_with_context,
};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::timeout::ResponseBodyTimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::{Key, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

/// Room for the form fields and multipart framing around an uploaded file.
const MULTIPART_OVERHEAD: usize = 64 * 1024;

/// Officers are signed out after this long without a request.
const SESSION_IDLE: time::Duration = time::Duration::hours(8);

/// What the process supplies besides the configuration. Production uses the defaults;
/// tests bring a manual clock, and routes of their own (a deliberately stuck one).
#[derive(Default)]
pub struct Wiring {
    pub clock: Clock,
    /// Served behind the trace and time-limit layers, but outside the session, CSRF and
    /// login layers.
    pub extra_routes: Option<Router<AppState>>,
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    store: DbSessionStore,
    mailer: Mailer,
    mail_loops: Option<MailLoops>,
}

impl Application {
    /// Connects and migrates the database and binds the listening socket. Fails with a
    /// message naming the setting to fix.
    pub async fn build(config: &Config, leptos_options: LeptosOptions) -> anyhow::Result<Self> {
        Self::build_with(config, leptos_options, Wiring::default()).await
    }

    pub async fn build_with(
        config: &Config,
        leptos_options: LeptosOptions,
        wiring: Wiring,
    ) -> anyhow::Result<Self> {
        let db = db::connect_and_migrate(&config.database_url).await?;
        let listener = TcpListener::bind(config.listen).await.with_context(|| {
            format!(
                "cannot listen on {}: is another program using that port? Set KOTAE_LISTEN to another address",
                config.listen
            )
        })?;
        let form_versions = FormVersionCache::default();
        let composer = mail::composer(config);
        let calendar = Arc::new(mail::calendar(&config.mail, &wiring.clock));
        let deps = SaveDeps {
            versions: form_versions.clone(),
            composer: composer.clone(),
        };
        let links = LinkKey::derive(config.secret_key.expose());
        let mailer = Mailer::new(
            config,
            db.clone(),
            wiring.clock.clone(),
            composer.clone(),
            calendar.clone(),
            links.clone(),
        )?;
        let state = AppState {
            leptos_options,
            db: db.clone(),
            login_throttle: Arc::new(LoginThrottle::with_clock(wiring.clock.clone())),
            link_throttle: Arc::new(LinkThrottle::with_clock(wiring.clock.clone())),
            links,
            saves: if config.group_commit {
                // SQLite has one writer at a time; PostgreSQL gains from a few.
                let writers = match config.database_url.backend() {
                    Backend::Sqlite => 1,
                    Backend::Postgres => 4,
                };
                SaveQueue::start(db.clone(), wiring.clock.clone(), deps, writers)
            } else {
                SaveQueue::direct(db.clone(), wiring.clock.clone(), deps)
            },
            form_versions,
            clock: wiring.clock,
            roster_files: config.roster_files(),
            attachments: config.attachments.service(),
            base_url: config.base_url.as_str().trim_end_matches('/').to_owned(),
            composer,
            calendar,
        };
        let store = DbSessionStore::new(db);
        let router = router(config, state.clone(), store.clone(), wiring.extra_routes)?;
        Ok(Self {
            listener,
            router,
            state,
            store,
            mailer,
            mail_loops: config.mail.loops,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound TCP listener has a local address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The mail worker and scheduler (tests run them by hand).
    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// Serves until `shutdown` resolves, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let housekeeping = tokio::spawn(housekeeping(self.store, self.state.clone()));
        let mail = self.mail_loops.map(|loops| self.mailer.spawn_loops(loops));
        let result = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP");
        housekeeping.abort();
        if let Some(mail) = mail {
            // Safe at any point: an unrecorded send is claimed again after its lease.
            mail.abort();
        }
        result
    }
}

fn router(
    config: &Config,
    state: AppState,
    store: DbSessionStore,
    extra_routes: Option<Router<AppState>>,
) -> anyhow::Result<Router> {
    let routes = route_list();
    let key = Key::try_from(config.secret_key.expose()).context("cookie key")?;
    let sessions = SessionManagerLayer::new(store)
        .with_name("kotae_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE))
        .with_signed(key);

    let context_state = state.clone();
    let app_routes = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/locale/{lang}", get(locale::switch))
        .route(
            "/events/{id}/roster/upload",
            post(roster_upload::upload).layer(DefaultBodyLimit::max(
                config.max_upload_bytes + MULTIPART_OVERHEAD,
            )),
        )
        .route(
            "/events/{id}/roster/imports/{import_id}/invalid.xlsx",
            get(roster_upload::invalid_rows),
        )
        .merge(exports::routes())
        .merge(attachment_download::routes())
        // A company's plain form post; its page (GET) is a Leptos route.
        .route("/a/{token}", post(answer_post::post))
        .route(
            "/api/{*fn_name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                security_headers::provide_nonce();
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(security_headers::provide_nonce, shell))
        // Layers run outside-in from the last one: session, form echo, CSRF, login guard.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            guard::require_login,
        ))
        .layer(middleware::from_fn_with_state(
            CsrfSettings {
                key: CsrfKey::derive(&config.secret_key),
                links: state.links.clone(),
                max_multipart: config.max_upload_bytes + MULTIPART_OVERHEAD,
                max_answer_multipart: usize::try_from(config.attachments.limits.per_response)
                    .unwrap_or(usize::MAX)
                    .saturating_add(MULTIPART_OVERHEAD),
                secure_cookies: config.secure_cookies(),
            },
            csrf::protect,
        ))
        .layer(middleware::from_fn(form_echo::remember))
        .layer(sessions);
    let routes = match extra_routes {
        Some(extra) => app_routes.merge(extra),
        None => app_routes,
    };
    // Outside everything else, so that a request stuck anywhere below (the session
    // store included) is answered and logged: trace, then the time limits, then the
    // security headers, which thus cover every response (the 503 of the time limit too).
    let router = routes
        .layer(middleware::from_fn_with_state(
            RequestTimeout(config.request_timeout),
            timeout::limit,
        ))
        .layer(ResponseBodyTimeoutLayer::new(config.request_timeout))
        .layer(middleware::from_fn_with_state(
            Policy::from_env(),
            security_headers::add,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state);
    Ok(router)
}

/// The app's routes, listed once per process.
///
/// Listing them renders the app once, and while it does Leptos sets a process-wide flag
/// (`SuppressResourceLoad`) under which every resource that starts loading waits forever,
/// in any request of any app in the process (leptos-rs/leptos#4773). The server lists
/// its routes before it listens, so no page can start loading in that window; the test
/// suite starts many apps in one process, and each listing used to hang a page that
/// another test was rendering at that moment. Listing once, before the first app of the
/// process serves, closes the window for good: other callers wait for the first.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn server_fn_handler(
    State(state): State<AppState>,
    request: Request<Body>,
) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// Removes expired sessions, forgets idle rate-limit counters and deletes attached files
/// no answer names (after a week), every ten minutes.
async fn housekeeping(store: DbSessionStore, state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        match store.delete_expired().await {
            Ok(0) => {}
            Ok(removed) => tracing::info!(removed, "expired sessions removed"),
            Err(error) => tracing::warn!(%error, "removing expired sessions failed"),
        }
        state.login_throttle.prune();
        state.link_throttle.prune();
        let now = state.clock.now();
        match attachments::forget_unused(&state.db, &state.attachments.store, now).await {
            Ok(0) => {}
            Ok(forgotten) => tracing::info!(forgotten, "unused attachments deleted"),
            Err(error) => tracing::warn!(?error, "deleting unused attachments failed"),
        }
    }
}

/// Resolves at the first Ctrl-C or SIGTERM, so that in-flight requests finish before the
/// process exits. The handlers are installed when this is called, not when the future
/// is first polled: a signal sent as soon as the port is open (a supervisor, a test)
/// must stop the server cleanly rather than kill it with the default action, so call it
/// before the listener is bound.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let installed = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |installed: std::io::Result<tokio::signal::unix::Signal>,
                        name: &'static str| async move {
                match installed {
                    Ok(mut signal) => {
                        signal.recv().await;
                    }
                    Err(error) => {
                        tracing::error!(%error, "cannot listen for {name}");
                        std::future::pending::<()>().await;
                    }
                }
            };
            let (interrupt, terminate) = installed;
            tokio::select! {
                () = wait(interrupt, "Ctrl-C") => {},
                () = wait(terminate, "SIGTERM") => {},
            }
        }
        #[cfg(not(unix))]
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
        tracing::info!("shutting down");
    }
}

/// Leptos settings: from cargo-leptos' environment when it built or runs us; otherwise
/// (`cargo test`, a plain `cargo build`) the same values cargo-leptos would use.
pub fn leptos_options(listen: SocketAddr) -> anyhow::Result<LeptosOptions> {
    let from_cargo_leptos = option_env!("LEPTOS_OUTPUT_NAME").is_some()
        || std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    let mut options = if from_cargo_leptos {
        get_configuration(None)
            .context("reading the LEPTOS_* settings")?
            .leptos_options
    } else {
        LeptosOptions::builder()
            .output_name("kotae")
            .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
            .build()
    };
    options.site_addr = listen;
    Ok(options)
}

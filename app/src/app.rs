//! The page shell, the router and the session context every page reads.

use crate::api::dto::SessionInfo;
use crate::api::session::get_session_info;
use crate::components::form::{FormEchoMeta, csrf_token};
use crate::components::layout::Layout;
use crate::error::AppError;
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_i18n::context::{CookieOptions, UseLocalesOptions};
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// Name of the cookie that keeps the chosen language (leptos_i18n's default name).
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";
pub const LOCALE_COOKIE_MAX_AGE_SECS: i64 = 365 * 24 * 60 * 60;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <meta name="csrf-token" content=csrf_token() />
                <FormEchoMeta />
                <AutoReload options=options.clone() />
                {if is_answer_page() {
                    view! { <AnswerScript options /> }.into_any()
                } else {
                    view! { <HydrationScripts options /> }.into_any()
                }}
                <MetaTags />
                <link rel="stylesheet" id="leptos" href="/pkg/kotae.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Whether this request is for a company's pages (`/a/…`). They are not hydrated: what
/// a company's browser downloads is the small answer script (crate `kotae-enhance`,
/// built by scripts/build-enhance), not the officers' app bundle.
fn is_answer_page() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_some_and(|parts| parts.uri.path().starts_with("/a/"))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// Loads the answer script: live checks and autosave on top of the server-rendered form.
/// The page works the same without it.
#[component]
fn AnswerScript(options: LeptosOptions) -> impl IntoView {
    let pkg = options.site_pkg_dir;
    let script = format!("/{pkg}/answer.js");
    let wasm = format!("/{pkg}/answer_bg.wasm");
    let start = format!("import init from \"{script}\";\ninit({{ module_or_path: \"{wasm}\" }});");
    view! {
        <link rel="modulepreload" href=script />
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" nonce=use_nonce()>
            {start}
        </script>
    }
}

/// The current session (signed-in officer and CSRF token), loaded once per page.
#[derive(Clone, Copy)]
pub struct SessionResource(pub Resource<Result<SessionInfo, AppError>>);

/// The session, for code that runs inside a `Suspense` after it has loaded.
pub fn use_session() -> Signal<Option<SessionInfo>> {
    let SessionResource(resource) = expect_context();
    Signal::derive(move || resource.get().and_then(Result::ok))
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let session = Resource::new_blocking(|| (), |_| get_session_info());
    provide_context(SessionResource(session));
    // Japanese unless the person chose English: the language switch sets a cookie. The
    // browser's Accept-Language is ignored on purpose; our users share office PCs whose
    // browsers are often set to English.
    let no_accept_language = UseLocalesOptions::default().ssr_lang_header_getter(|| None);
    // One site-wide cookie, kept for a year (the same as the server's /locale route sets).
    let cookie_options = CookieOptions::<Locale>::default()
        .path("/")
        .max_age(LOCALE_COOKIE_MAX_AGE_SECS * 1000);

    // Marks the page as interactive once hydrated (effects run only in the browser);
    // browser tests wait for it before they click.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    // Every route renders fully on the server before it is sent (`SsrMode::Async`), so
    // each page works with JavaScript disabled; with JavaScript it is hydrated.
    view! {
        // Every page names itself with a `<Title>`; this one is for the pages that show
        // only an error (a record that does not exist), which would have none. Titles
        // rendered later win.
        <Title text="Kotae" />
        <I18nContextProvider ssr_lang_header_getter=no_accept_language cookie_options>
            <Router>
                <Layout>
                    <Routes fallback=routes::not_found::NotFound>
                        <Route
                            path=path!("/")
                            view=|| view! { <Redirect path="/events" /> }
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/login") view=routes::login::LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/events") view=routes::events::EventsPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/events/new")
                            view=routes::event_new::NewEventPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id")
                            view=routes::event_detail::EventPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/admin/officers")
                            view=routes::officers::OfficersPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/companies")
                            view=routes::companies::list::CompaniesPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/companies/:id")
                            view=routes::companies::detail::CompanyPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/a/:token") view=routes::answer::page::AnswerPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/a/:token/library")
                            view=routes::library::LibraryPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/a/:token/library/:report_id")
                            view=routes::library::LibraryReportPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/library")
                            view=routes::library::LibraryPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/library/:report_id")
                            view=routes::library::LibraryReportPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/a/:token/receipt")
                            view=routes::answer::receipt::ReceiptPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/forms") view=routes::forms::list::FormsPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/forms/:id")
                            view=routes::forms::detail::FormPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/summary")
                            view=routes::dashboards::event::EventSummaryPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/kpi") view=routes::dashboards::fiscal_year::FiscalYearPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/kpi/settings")
                            view=routes::dashboards::kpi_settings::KpiSettingsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/campaigns/:campaign_id/summary")
                            view=routes::campaigns::summary::CampaignSummaryPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/campaigns/:campaign_id/summary/questions/:question")
                            view=routes::campaigns::summary::QuestionTextsPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/campaigns/:campaign_id/responses/:invitation_id")
                            view=routes::campaigns::review::ReviewPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/campaigns/:campaign_id/mail")
                            view=routes::mail::page::MailPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/campaigns/:campaign_id/mail/templates/:purpose")
                            view=routes::mail::template_editor::TemplatePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/campaigns/:campaign_id/mail/:message_id")
                            view=routes::mail::message::MessagePage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/campaigns/:campaign_id")
                            view=routes::campaigns::page::CampaignPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/forms/:id/edit")
                            view=routes::forms::builder::FormBuilderPage
                            ssr=SsrMode::Async
                        />
                        <Route path=path!("/admin/audit") view=routes::audit::AuditPage ssr=SsrMode::Async />
                        <Route
                            path=path!("/events/:id/roster/import")
                            view=routes::roster::upload::UploadPage
                            ssr=SsrMode::Async
                        />
                        <Route
                            path=path!("/events/:id/roster/imports/:import_id")
                            view=routes::roster::preview::ImportPage
                            ssr=SsrMode::Async
                        />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

//! The frame of every page: skip link, header with navigation and language switch, main.

use crate::api::dto::SessionInfo;
use crate::api::session::Logout;
use crate::app::use_session;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, skip_to_content)}
        </a>
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href="/events">
                    <span class="brand-name">"Kotae"</span>
                    <span class="brand-tagline">{t!(i18n, tagline)}</span>
                </a>
                <Suspense fallback=|| ()>
                    {move || session.get().map(|info| view! { <Nav info /> })}
                </Suspense>
                <LanguageSwitch />
            </div>
        </header>
        <main id="main" class="container" tabindex="-1">
            {children()}
        </main>
    }
}

/// Links for the signed-in officer, and the log-out button.
#[component]
fn Nav(info: SessionInfo) -> impl IntoView {
    let i18n = use_i18n();
    let is_admin = info.is_admin();
    let can_read_audit_log = info.can_read_audit_log();
    let csrf = info.csrf.clone();
    info.officer.map(|officer| {
        view! {
            <nav class="main-nav" aria-label=move || t_string!(i18n, nav.main)>
                <ul>
                    <li>
                        <a href="/events">{t!(i18n, nav.events)}</a>
                    </li>
                    <li>
                        <a href="/companies">{t!(i18n, companies.nav)}</a>
                    </li>
                    <li>
                        <a href="/forms">{t!(i18n, forms.nav)}</a>
                    </li>
                    <li>
                        <a href="/kpi">{t!(i18n, dashboards.nav)}</a>
                    </li>
                    <li>
                        <a href="/library">{t!(i18n, library.nav)}</a>
                    </li>
                    {is_admin
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/admin/officers">{t!(i18n, nav.officers)}</a>
                                </li>
                            }
                        })}
                    {can_read_audit_log
                        .then(|| {
                            view! {
                                <li>
                                    <a href="/admin/audit">{t!(i18n, audit.nav)}</a>
                                </li>
                            }
                        })}
                </ul>
                <span class="whoami">
                    {officer.name.clone()} " · " {move || messages::role(i18n, officer.role)}
                </span>
                // A plain form, so signing out reloads the page even when hydrated.
                <form method="post" action=Logout::url() class="inline-form">
                    <input type="hidden" name="csrf" value=csrf />
                    <button type="submit" class="button link">
                        {t!(i18n, nav.logout)}
                    </button>
                </form>
            </nav>
        }
    })
}

/// Switches language with plain links to the server's `/locale/{lang}` route, which sets
/// the cookie and comes back here: works the same with and without JavaScript.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let href = move |lang: &str| {
        let here = format!("{}{}", location.pathname.get(), location.search.get());
        let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
        format!("/locale/{lang}?next={next}")
    };
    let current = move |locale: Locale| (i18n.get_locale() == locale).then_some("true");
    view! {
        <nav class="lang-switch" aria-label=move || t_string!(i18n, nav.language)>
            <a href=move || href("ja") rel="external" lang="ja" hreflang="ja" aria-current=move || current(Locale::ja)>
                "日本語"
            </a>
            <a href=move || href("en") rel="external" lang="en" hreflang="en" aria-current=move || current(Locale::en)>
                "English"
            </a>
        </nav>
    }
}

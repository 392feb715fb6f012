//! The officers' login page.

use crate::api::session::Login;
use crate::components::form::{
    Control, CsrfField, ErrorBanner, FormField, error_of, field_errors_of,
};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    // Never submitted from this page's code: the form below posts natively so a
    // successful login reloads the whole page. The action only carries the error
    // the server sends back in the URL after a failed attempt.
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let errors = field_errors_of(login.value());
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), login.title).to_string() />
        <section class="card narrow">
            <h1>{t!(i18n, login.title)}</h1>
            <p>{t!(i18n, login.intro)}</p>
            <ErrorBanner error=error_of(login.value()) />
            <form method="post" action=Login::url() class="form" novalidate>
                <CsrfField />
                <input type="hidden" name="next" value=next />
                {move || {
                    view! {
                        <FormField
                            name="email"
                            field="email"
                            label=t_string!(i18n, login.email).to_string()
                            control=Control::Email
                            required=true
                            autocomplete="username"
                            errors
                        />
                        <FormField
                            name="password"
                            field="password"
                            label=t_string!(i18n, login.password).to_string()
                            control=Control::Password
                            required=true
                            autocomplete="current-password"
                            errors
                        />
                    }
                }}
                <button type="submit" class="button primary">
                    {t!(i18n, login.submit)}
                </button>
            </form>
        </section>
    }
}

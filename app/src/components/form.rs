//! Accessible form parts: labelled fields whose errors are tied to the control,
//! the hidden CSRF field, and the banner for errors that belong to no field.

use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;

/// The kind of control a `FormField` renders.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    Text,
    Email,
    Password,
    Date,
    LongText,
    /// Options as (value, label), shown after an empty "choose" option when one is given.
    Select {
        options: Vec<(String, String)>,
        placeholder: Option<String>,
    },
}

/// One labelled form control with its hint and its error message.
#[component]
pub fn FormField(
    /// The control's `name` in the posted form, e.g. `input[name]`.
    name: &'static str,
    /// The key of this field in `FieldErrors`, e.g. `name`. Also makes the element ids.
    field: &'static str,
    label: String,
    control: Control,
    /// Errors of the last submission, if it failed.
    errors: Signal<Option<FieldErrors>>,
    #[prop(into, optional)] value: String,
    #[prop(optional)] required: bool,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Distinguishes ids when one page shows the same field twice.
    #[prop(optional)]
    id_prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{id_prefix}f-{field}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let problem = move || errors.get().and_then(|e| e.for_field(field).cloned());
    let invalid = move || problem().is_some().then_some("true");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if problem().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let input = |kind: &'static str| {
        view! {
            <input
                type=kind
                id=id.clone()
                name=name
                value=value.clone()
                required=required
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described_by.clone()
            />
        }
        .into_any()
    };
    let control_view = match control.clone() {
        Control::Text => input("text"),
        Control::Email => input("email"),
        Control::Password => input("password"),
        Control::Date => input("date"),
        Control::LongText => view! {
            <textarea
                id=id.clone()
                name=name
                rows="5"
                required=required
                aria-invalid=invalid
                aria-describedby=described_by.clone()
            >
                {value.clone()}
            </textarea>
        }
        .into_any(),
        Control::Select {
            options,
            placeholder,
        } => {
            let selected_value = value.clone();
            view! {
                <select
                    id=id.clone()
                    name=name
                    required=required
                    aria-invalid=invalid
                    aria-describedby=described_by.clone()
                >
                    {placeholder.map(|text| view! { <option value="">{text}</option> })}
                    {options
                        .into_iter()
                        .map(|(option, label)| {
                            let selected = option == selected_value;
                            view! {
                                <option value=option selected=selected>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || problem().is_some()>
            <label for=id.clone()>
                {label}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            {control_view}
            {move || {
                problem()
                    .map(|p| {
                        view! {
                            <p class="field-error" id=error_id.clone()>
                                {messages::problem(i18n, &p)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The session's CSRF token as a hidden field; every state-changing form includes it.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=csrf_token() /> }
}

/// The CSRF token of this page. On the server it comes from the request (the CSRF
/// middleware made sure the session has one before rendering); in the browser from the
/// `<meta name="csrf-token">` the server rendered, so hydration sees the same value
/// without waiting for anything.
pub fn csrf_token() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .extensions
                    .get::<crate::server::auth::CsrfToken>()
                    .cloned()
            })
            .map(|token| token.0)
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .query_selector("meta[name=csrf-token]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .unwrap_or_default()
    }
}

/// The error of a failed submission, announced to screen readers.
#[component]
pub fn ErrorBanner(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            view! {
                <div class="banner banner-error" role="alert">
                    {messages::app_error(i18n, &error)}
                </div>
            }
        })
    }
}

/// The field errors of an action's last result.
pub fn field_errors_of<T, S>(value: S) -> Signal<Option<FieldErrors>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || {
        value
            .get()
            .and_then(|r| r.err())
            .and_then(|e| e.field_errors().cloned())
    })
}

/// The error of an action's last result.
pub fn error_of<T, S>(value: S) -> Signal<Option<AppError>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

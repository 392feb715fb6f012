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
    /// A date and time without a zone (`2026-12-15T17:00`), read as office time.
    DateTimeLocal,
    LongText,
    /// A checkbox, ticked when `value` is not empty; it posts `on` when ticked.
    Checkbox,
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
    #[prop(into, optional)]
    id_prefix: String,
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
    let is_checkbox = control == Control::Checkbox;
    let control_view = match control.clone() {
        Control::Text => input("text"),
        Control::Email => input("email"),
        Control::Password => input("password"),
        Control::Date => input("date"),
        Control::DateTimeLocal => input("datetime-local"),
        Control::Checkbox => view! {
            <input
                type="checkbox"
                id=id.clone()
                name=name
                value="on"
                checked=!value.is_empty()
                aria-invalid=invalid
                aria-describedby=described_by.clone()
            />
        }
        .into_any(),
        Control::LongText => view! {
            <textarea
                id=id.clone()
                name=name
                rows="5"
                required=required
                aria-invalid=invalid
                aria-describedby=described_by.clone()
            >
                {crate::components::answer_form::textarea_content(&value)}
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
        <div
            class="field"
            class:field-check=is_checkbox
            class:field-invalid=move || problem().is_some()
        >
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

/// The page's CSRF token as a hidden field; every state-changing form includes it.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=csrf_token() /> }
}

/// The CSRF token of this page. On the server it comes from the request (the CSRF
/// middleware chose it before rendering); in the browser from the
/// `<meta name="csrf-token">` the server rendered, so hydration sees the same value
/// without waiting for anything.
pub fn csrf_token() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::server::auth::request_csrf_token().unwrap_or_default()
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

/// What an officer typed into a form that the server refused while JavaScript was off.
///
/// Without JavaScript a refused form is answered with a redirect back to its page, the
/// error in the URL (`__path`, `__err`); the values would be lost. The server keeps them
/// in the session instead (never in the URL, which ends up in logs), keyed by the server
/// function and the page (`server::form_echo`); when that page is shown again with the
/// error, the server puts them in the request and in a `<meta name="form-echo">` (see
/// [`FormEchoMeta`]) so that hydration sees the same values. A form reads them with
/// [`FormEcho::of`] and renders them instead of the stored ones.
///
/// The CSRF token and every field whose name mentions a password are never kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FormEcho {
    /// The server function the form posted to, e.g. `/api/update_company`.
    pub action: String,
    /// The path of the page the form was on.
    pub page: String,
    /// The posted fields in order, as `(name, value)`.
    pub values: Vec<(String, String)>,
}

impl FormEcho {
    /// Beyond this many bytes of values nothing is kept: a form is never that large.
    pub const MAX_BYTES: usize = 64 * 1024;

    /// The values a refused form of server function `F` posted from this page, if this
    /// page is being shown again because of that refusal.
    pub fn of<F: leptos::server_fn::ServerFn>() -> Option<FormEcho> {
        let echo = current_form_echo()?;
        let location = leptos_router::hooks::use_location();
        let here = location.pathname.get_untracked();
        let refused = location.query.with_untracked(|q| q.get("__path"));
        (echo.action == F::url() && echo.page == here && refused.as_deref() == Some(F::url()))
            .then_some(echo)
    }

    /// Whether a posted field may be echoed: never the CSRF token, never a password.
    pub fn keeps(name: &str) -> bool {
        name != "csrf" && !name.to_ascii_lowercase().contains("password")
    }

    /// The echo of a url-encoded form body, or `None` when it is too large to keep.
    pub fn from_body(action: &str, page: &str, body: &[u8]) -> Option<FormEcho> {
        let values: Vec<(String, String)> = form_urlencoded::parse(body)
            .filter(|(name, _)| Self::keeps(name))
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        let size: usize = values.iter().map(|(n, v)| n.len() + v.len()).sum();
        (size <= Self::MAX_BYTES).then(|| FormEcho {
            action: action.to_owned(),
            page: page.to_owned(),
            values,
        })
    }

    /// The value posted as `name`, e.g. `id` or `input[name]`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The fields posted as `prefix[key]`, read back into the form's input type (e.g.
    /// `EventInput` from `input[...]`): the same struct the server function received.
    pub fn restore<T: serde::de::DeserializeOwned>(&self, prefix: &str) -> Option<T> {
        let open = format!("{prefix}[");
        let fields = self.values.iter().filter_map(|(name, value)| {
            let key = name.strip_prefix(&open)?.strip_suffix(']')?;
            Some((key.to_owned(), value.clone()))
        });
        T::deserialize(serde::de::value::MapDeserializer::<
            _,
            serde::de::value::Error,
        >::new(fields))
        .ok()
    }

    /// One url-encoded line, for the `<meta>` the browser reads back.
    pub fn encode(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("__action", &self.action)
            .append_pair("__page", &self.page)
            .extend_pairs(&self.values)
            .finish()
    }

    pub fn decode(line: &str) -> FormEcho {
        let mut echo = FormEcho::default();
        for (name, value) in form_urlencoded::parse(line.as_bytes()) {
            match name.as_ref() {
                "__action" => echo.action = value.into_owned(),
                "__page" => echo.page = value.into_owned(),
                _ => echo.values.push((name.into_owned(), value.into_owned())),
            }
        }
        echo
    }
}

/// The echo of this request: on the server from the request (the `form_echo`
/// middleware put it there), in the browser from the `<meta>` the server rendered.
fn current_form_echo() -> Option<FormEcho> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()?
            .extensions
            .get::<FormEcho>()
            .cloned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .query_selector("meta[name=form-echo]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .map(|line| FormEcho::decode(&line))
    }
}

/// Carries this request's [`FormEcho`] to the browser; rendered in the document head.
#[component]
pub fn FormEchoMeta() -> impl IntoView {
    current_form_echo().map(|echo| view! { <meta name="form-echo" content=echo.encode() /> })
}

#[cfg(test)]
mod tests {
    use super::FormEcho;

    #[test]
    fn the_csrf_token_and_passwords_are_never_echoed() {
        let body = b"csrf=t0k3n&input%5Bname%5D=%E9%9F%AE%E5%A1%9A&input%5Bpassword%5D=secret&new_Password=x";
        let echo = FormEcho::from_body("/api/x", "/p", body).expect("small");
        assert_eq!(echo.values, vec![("input[name]".into(), "韮塚".into())]);
    }

    #[test]
    fn large_bodies_are_not_kept() {
        let body = format!("note={}", "a".repeat(FormEcho::MAX_BYTES + 1));
        assert_eq!(FormEcho::from_body("/api/x", "/p", body.as_bytes()), None);
    }

    #[test]
    fn an_echo_survives_the_meta_line() {
        let echo = FormEcho {
            action: "/api/update_company".into(),
            page: "/companies/3".into(),
            values: vec![
                ("id".into(), "3".into()),
                ("input[name]".into(), "株式会社 \"韮塚\" & <電機>".into()),
            ],
        };
        assert_eq!(FormEcho::decode(&echo.encode()), echo);
    }

    #[test]
    fn prefixed_fields_restore_the_input_struct() {
        let echo = FormEcho {
            values: vec![
                ("id".into(), "3".into()),
                ("input[name]".into(), "展示会".into()),
                ("input[kind]".into(), "tech_expo".into()),
                ("input[start_date]".into(), "2026-13-01".into()),
                ("input[end_date]".into(), String::new()),
            ],
            ..FormEcho::default()
        };
        let input: crate::domain::EventInput = echo.restore("input").expect("restored");
        assert_eq!(input.name, "展示会");
        assert_eq!(input.start_date, "2026-13-01");
        assert_eq!(input.notes, "", "absent fields take their default");
        assert_eq!(echo.get("id"), Some("3"));
    }
}

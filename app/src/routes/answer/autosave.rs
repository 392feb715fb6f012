//! Autosave of drafts, for browsers with JavaScript: a few seconds after the company
//! stops typing, the form is posted to its own URL as a draft (`intent=autosave`,
//! `Accept: application/json`), and the revision the server answers becomes the base of
//! the next save. Without JavaScript nothing here runs and the "save draft" button does
//! the same job.

use crate::i18n::*;
use leptos::prelude::*;

/// What the last autosave did, said in the status line under the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Only the browser build makes these; the server renders the empty status line.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Saving {
    InProgress,
    /// Saved at this office time (`HH:MM`).
    Saved(u32, u32),
    Failed,
}

/// The status line of the autosave; renders nothing until the first save.
#[component]
pub fn Autosave() -> impl IntoView {
    let i18n = use_i18n();
    let saving = RwSignal::new(None::<Saving>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| browser::attach(saving));
    view! {
        <p class="autosave-status hint" role="status" aria-live="polite">
            {move || {
                saving
                    .get()
                    .map(|state| match state {
                        Saving::InProgress => t_string!(i18n, answer_page.autosave_saving).to_string(),
                        Saving::Saved(hour, minute) => {
                            let at = format!("{hour:02}:{minute:02}");
                            t_string!(i18n, answer_page.autosave_saved, at = at).to_string()
                        }
                        Saving::Failed => t_string!(i18n, answer_page.autosave_failed).to_string(),
                    })
            }}
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Saving;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::Duration;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{FormData, HtmlFormElement, HtmlInputElement, RequestInit, UrlSearchParams};

    /// How long after the last keystroke the draft is saved.
    const QUIET: Duration = Duration::from_secs(3);

    pub fn attach(saving: RwSignal<Option<Saving>>) {
        let Some(form) = document()
            .query_selector("form.answer-form")
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let pending: Rc<RefCell<Option<TimeoutHandle>>> = Rc::default();
        let on_change = {
            let form = form.clone();
            Closure::<dyn Fn()>::new(move || {
                if let Some(handle) = pending.borrow_mut().take() {
                    handle.clear();
                }
                let form = form.clone();
                let handle = set_timeout_with_handle(
                    move || leptos::task::spawn_local(save(form, saving)),
                    QUIET,
                );
                *pending.borrow_mut() = handle.ok();
            })
        };
        for event in ["input", "change"] {
            let _ =
                form.add_event_listener_with_callback(event, on_change.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        on_change.forget();
    }

    async fn save(form: HtmlFormElement, saving: RwSignal<Option<Saving>>) {
        saving.set(Some(Saving::InProgress));
        let outcome = post(&form).await;
        saving.set(Some(match outcome {
            Ok(revision) => {
                set_base_revision(&form, revision);
                let now = js_sys::Date::new_0();
                // The office's clock is JST; the status line shows the company's own.
                Saving::Saved(now.get_hours(), now.get_minutes())
            }
            Err(_) => Saving::Failed,
        }));
    }

    /// Posts the form as an autosave; the new revision on success.
    async fn post(form: &HtmlFormElement) -> Result<i32, JsValue> {
        let data = FormData::new_with_form(form)?;
        data.set_with_str("intent", "autosave")?;
        let body = UrlSearchParams::new_with_str_sequence_sequence(&data)?;
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_body(&body);
        let headers = web_sys::Headers::new()?;
        headers.set("Accept", "application/json")?;
        headers.set("Content-Type", "application/x-www-form-urlencoded")?;
        init.set_headers(&headers);
        let response: web_sys::Response =
            JsFuture::from(window().fetch_with_str_and_init(&form.action(), &init))
                .await?
                .dyn_into()?;
        if !response.ok() {
            return Err(JsValue::from(response.status()));
        }
        let json = JsFuture::from(response.json()?).await?;
        js_sys::Reflect::get(&json, &JsValue::from_str("revision"))?
            .as_f64()
            .map(|revision| revision as i32)
            .ok_or_else(|| JsValue::from_str("no revision"))
    }

    fn set_base_revision(form: &HtmlFormElement, revision: i32) {
        if let Some(input) = form
            .query_selector("input[name=base_revision]")
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<HtmlInputElement>().ok())
        {
            input.set_value(&revision.to_string());
        }
    }
}

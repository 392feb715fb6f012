//! Autosave of drafts: a few seconds after the company stops typing, the form is posted
//! to its own URL as a draft (`intent=autosave`, `Accept: application/json`), and the
//! revision the server answers becomes the base of the next save. The status line under
//! the form (`.autosave-status`, a polite live region the server renders empty) says
//! what happened. Only while the response is not submitted: the server renders the
//! status line only then.

use crate::messages::{self, Lang};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, FormData, HtmlFormElement, HtmlInputElement, RequestInit};
use web_sys::{UrlSearchParams, Window};

/// How long after the last keystroke the draft is saved.
const QUIET_MS: i32 = 3_000;

/// What the last autosave did.
enum Saving {
    InProgress,
    /// Saved at this time of the company's own clock (`HH:MM`).
    Saved(u32, u32),
    Failed,
}

pub fn attach(document: &Document, form: &HtmlFormElement, lang: Lang) {
    let (Some(window), Ok(Some(status))) = (
        web_sys::window(),
        document.query_selector(".autosave-status"),
    ) else {
        return;
    };
    // The timer of the save that waits for the company to stop typing.
    let pending: Rc<RefCell<Option<i32>>> = Rc::default();
    let save_now = {
        let form = form.clone();
        Closure::<dyn Fn()>::new(move || {
            wasm_bindgen_futures::spawn_local(save(form.clone(), status.clone(), lang));
        })
    };
    let on_change = {
        let window = window.clone();
        Closure::<dyn Fn()>::new(move || {
            if let Some(timer) = pending.borrow_mut().take() {
                window.clear_timeout_with_handle(timer);
            }
            let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                save_now.as_ref().unchecked_ref(),
                QUIET_MS,
            );
            *pending.borrow_mut() = timer.ok();
        })
    };
    for event in ["input", "change"] {
        let _ = form.add_event_listener_with_callback(event, on_change.as_ref().unchecked_ref());
    }
    // The listener (and the save it schedules) lives as long as the page.
    on_change.forget();
}

async fn save(form: HtmlFormElement, status: Element, lang: Lang) {
    show(&status, lang, Saving::InProgress);
    let outcome = match web_sys::window() {
        Some(window) => post(&window, &form).await,
        None => Err(JsValue::NULL),
    };
    show(
        &status,
        lang,
        match outcome {
            Ok(revision) => {
                set_base_revision(&form, revision);
                let now = js_sys::Date::new_0();
                Saving::Saved(now.get_hours(), now.get_minutes())
            }
            Err(_) => Saving::Failed,
        },
    );
}

fn show(status: &Element, lang: Lang, saving: Saving) {
    let text = match saving {
        Saving::InProgress => messages::text(lang, "answer_page.autosave_saving", &[]),
        Saving::Saved(hour, minute) => messages::text(
            lang,
            "answer_page.autosave_saved",
            &[("at", format!("{hour:02}:{minute:02}"))],
        ),
        Saving::Failed => messages::text(lang, "answer_page.autosave_failed", &[]),
    };
    status.set_text_content(Some(&text));
}

/// Posts the form as an autosave; the new revision on success.
async fn post(window: &Window, form: &HtmlFormElement) -> Result<i32, JsValue> {
    let data = FormData::new_with_form(form)?;
    data.set_with_str("intent", "autosave")?;
    // Chosen files go up only with an explicit save or submit: a draft saved every few
    // seconds must not resend them. Kept files are text fields, and are saved.
    let body = UrlSearchParams::new()?;
    if let Some(entries) = js_sys::try_iter(&data)? {
        for entry in entries {
            let pair: js_sys::Array = entry?.unchecked_into();
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                body.append(&name, &value);
            }
        }
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&body);
    let headers = web_sys::Headers::new()?;
    headers.set("Accept", "application/json")?;
    headers.set("Content-Type", "application/x-www-form-urlencoded")?;
    init.set_headers(&headers);
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(&form.action(), &init))
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

//! Sending a form with chosen files, with progress. Without this the browser posts the
//! multipart form itself (and shows nothing while a 20 MB file goes up); here the same
//! post is sent with `XMLHttpRequest`, whose upload events say how far it got. The
//! server's answer is the same as for the plain post: after a redirect (saved, or the
//! receipt) the browser goes there; a page with problems replaces this one.

use crate::messages::{self, Lang};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{
    Document, Element, FormData, HtmlFormElement, HtmlInputElement, ProgressEvent, SubmitEvent,
    XmlHttpRequest,
};

pub fn attach(document: &Document, form: &HtmlFormElement, lang: Lang) {
    let on_submit = {
        let document = document.clone();
        let form = form.clone();
        Closure::<dyn Fn(SubmitEvent)>::new(move |event: SubmitEvent| {
            if !has_chosen_files(&form) {
                return; // nothing to wait for: the browser posts it
            }
            if send(&document, &form, event.submitter(), lang).is_ok() {
                event.prevent_default();
            }
        })
    };
    let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    // Lives as long as the page.
    on_submit.forget();
}

fn has_chosen_files(form: &HtmlFormElement) -> bool {
    let Ok(inputs) = form.query_selector_all("input[type=file]") else {
        return false;
    };
    (0..inputs.length())
        .filter_map(|index| inputs.item(index))
        .filter_map(|node| node.dyn_into::<HtmlInputElement>().ok())
        .any(|input| input.files().is_some_and(|files| files.length() > 0))
}

fn send(
    document: &Document,
    form: &HtmlFormElement,
    submitter: Option<web_sys::HtmlElement>,
    lang: Lang,
) -> Result<(), JsValue> {
    let data = FormData::new_with_form(form)?;
    // The button pressed says draft or submit; a scripted post must carry it itself.
    if let Some(button) = submitter
        && let (Some(name), Some(value)) =
            (button.get_attribute("name"), button.get_attribute("value"))
    {
        data.set_with_str(&name, &value)?;
    }
    let status = progress_line(document, form)?;
    let request = XmlHttpRequest::new()?;
    request.open("POST", &form.action())?;
    let on_progress = {
        let status = status.clone();
        Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                let percent = (event.loaded() / event.total() * 100.0).floor();
                show(&status, lang, Some(percent));
            }
        })
    };
    request
        .upload()?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    on_progress.forget();
    let on_done = {
        let request = request.clone();
        let document = document.clone();
        let status = status.clone();
        let action = form.action();
        Closure::<dyn Fn()>::new(move || finish(&request, &document, &status, &action, lang))
    };
    request.set_onload(Some(on_done.as_ref().unchecked_ref()));
    let on_error = {
        let status = status.clone();
        Closure::<dyn Fn()>::new(move || {
            status.set_text_content(Some(&messages::text(
                lang,
                "answer_page.upload_failed",
                &[],
            )));
        })
    };
    request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_done.forget();
    on_error.forget();
    show(&status, lang, Some(0.0));
    request.send_with_opt_form_data(Some(&data))
}

/// After the post: follow the server's redirect, or show the page it answered with.
fn finish(
    request: &XmlHttpRequest,
    document: &Document,
    status: &Element,
    action: &str,
    lang: Lang,
) {
    let url = request.response_url();
    let redirected = !url.is_empty() && url != action;
    if redirected && request.status().is_ok_and(|code| code == 200) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(&url);
        }
        return;
    }
    match request.response_text() {
        Ok(Some(html)) if !html.is_empty() => {
            // The page the plain post would have shown: what was typed, and the problems.
            if let Some(page) = document.dyn_ref::<web_sys::HtmlDocument>() {
                let _ = page.open();
                let _ = page.write(&js_sys::Array::of1(&JsValue::from_str(&html)));
                let _ = page.close();
            }
        }
        _ => status.set_text_content(Some(&messages::text(
            lang,
            "answer_page.upload_failed",
            &[],
        ))),
    }
}

/// The live line that reports the upload: the autosave status line when there is one,
/// else one made under the buttons.
fn progress_line(document: &Document, form: &HtmlFormElement) -> Result<Element, JsValue> {
    if let Some(line) = form.query_selector(".upload-status")? {
        return Ok(line);
    }
    let line = document.create_element("p")?;
    line.set_class_name("upload-status hint");
    line.set_attribute("role", "status")?;
    line.set_attribute("aria-live", "polite")?;
    form.append_child(&line)?;
    Ok(line)
}

fn show(status: &Element, lang: Lang, percent: Option<f64>) {
    if let Some(percent) = percent {
        let text = messages::text(
            lang,
            "answer_page.uploading",
            &[("percent", format!("{percent:.0}"))],
        );
        status.set_text_content(Some(&text));
    }
}

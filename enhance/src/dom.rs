//! Small DOM helpers the script's parts share.

use kotae_domain::forms::RawAnswers;
use wasm_bindgen::JsCast;
use web_sys::{Document, FormData, HtmlFormElement};

/// The page's answer form, if it has one (a closed or receipt page has none).
pub fn answer_form(document: &Document) -> Option<HtmlFormElement> {
    document
        .query_selector("form.answer-form")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<HtmlFormElement>().ok())
}

/// The form's fields as the server would receive them.
pub fn read(form: &HtmlFormElement) -> RawAnswers {
    let mut raw = RawAnswers::default();
    let Ok(data) = FormData::new_with_form(form) else {
        return raw;
    };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else {
        return raw;
    };
    for entry in entries.flatten() {
        let pair: js_sys::Array = entry.unchecked_into();
        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            raw.push(&name, &value);
        }
    }
    raw
}

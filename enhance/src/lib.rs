//! The answer page's script (`/pkg/answer.js`). The page is complete as the server sends
//! it and is not hydrated; this only enhances the form once loaded:
//! - [`live_check`]: when the company leaves a field or changes a choice, the form is read
//!   with the server's own parser (`Answers::parse` in draft mode) and each question's
//!   problem is shown or cleared beside it; questions whose condition is not met are hidden;
//! - [`autosave`]: a few seconds after the company stops typing, the draft is saved;
//! - [`upload`]: a form with chosen files is sent with its progress shown.
//!
//! Without JavaScript nothing here runs, every question stays visible and the buttons
//! post the form. The messages come from the app's locale files ([`messages`]).

pub mod messages;

#[cfg(target_arch = "wasm32")]
mod autosave;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
mod live_check;
#[cfg(target_arch = "wasm32")]
mod upload;

/// Attaches to the answer form, if the page has one, and marks the page interactive
/// (`<body data-hydrated="true">`, which the browser tests wait for, as on the app's
/// hydrated pages).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    use messages::Lang;
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .map_or(Lang::Ja, |lang| Lang::from_html_lang(&lang));
    if let Some(form) = dom::answer_form(&document) {
        live_check::attach(&document, &form, lang);
        autosave::attach(&document, &form, lang);
        upload::attach(&document, &form, lang);
    }
    if let Some(body) = document.body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

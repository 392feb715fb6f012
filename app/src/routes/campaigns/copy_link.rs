//! A "copy" button beside a link. It needs the clipboard, so it appears only once the
//! page is hydrated; without JavaScript the link stays selectable in its field.

use crate::i18n::*;
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
mod clipboard {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// `navigator.clipboard.writeText`; throws where there is no clipboard (pages
        /// served over plain HTTP), which `catch` turns into an `Err`.
        #[wasm_bindgen(catch, js_namespace = ["navigator", "clipboard"], js_name = writeText)]
        pub fn write_text(text: &str) -> Result<JsValue, JsValue>;
    }
}

/// Copies `text`; says so in a live region, or asks to copy by hand.
#[component]
pub fn CopyButton(text: String, #[prop(into)] label: String) -> impl IntoView {
    let i18n = use_i18n();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let outcome = RwSignal::new(None::<bool>);
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        outcome.set(Some(clipboard::write_text(&text).is_ok()));
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
    };
    move || {
        hydrated.get().then(|| {
            let label = label.clone();
            view! {
                <button type="button" class="button secondary small" on:click=copy.clone() aria-label=label>
                    {t!(i18n, campaigns.copy)}
                </button>
                <span class="copy-outcome" role="status">
                    {move || match outcome.get() {
                        Some(true) => t_string!(i18n, campaigns.copied).to_string(),
                        Some(false) => t_string!(i18n, campaigns.copy_by_hand).to_string(),
                        None => String::new(),
                    }}
                </span>
            }
        })
    }
}

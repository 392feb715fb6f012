//! Live checks for browsers with JavaScript: when the company leaves a field or changes a
//! choice, the form is read with the same code the server uses ([`Answers::parse`] in
//! draft mode, so only what was typed wrong is flagged, nothing missing yet) and each
//! question's message is shown or cleared beside it; questions whose condition is not
//! met are hidden. The server still checks everything on every post; without
//! JavaScript nothing here runs and every question stays visible.

use crate::domain::forms::FormDefinition;
use leptos::prelude::*;

/// Renders nothing; attaches the checks to the answer form once hydrated.
#[component]
pub fn LiveCheck(definition: FormDefinition) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let i18n = crate::i18n::use_i18n();
        Effect::new(move |_| browser::attach(definition.clone(), i18n));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = definition;
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::components::answer_form::control_id;
    use crate::domain::forms::{Answers, FormDefinition, Mode, RawAnswers};
    use crate::domain::{FieldErrors, Problem};
    use crate::i18n::Locale;
    use crate::messages;
    use leptos::prelude::*;
    use leptos_i18n::I18nContext;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{Element, FormData, HtmlFormElement};

    pub fn attach(definition: FormDefinition, i18n: I18nContext<Locale>) {
        let Some(form) = document()
            .query_selector("form.answer-form")
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        show_applicable(&form, &read(&form));
        let check = {
            let form = form.clone();
            Closure::<dyn Fn()>::new(move || {
                let raw = read(&form);
                show_applicable(&form, &raw);
                let errors = match Answers::parse(&definition, raw, Mode::Draft) {
                    Ok(_) => FieldErrors::default(),
                    Err(refused) => refused.errors,
                };
                for question in definition.questions() {
                    let field = question.id.as_str();
                    let problem = errors
                        .for_field(field)
                        .or_else(|| errors.for_field(&question.id.other_field()));
                    show_problem(&form, field, problem, i18n);
                }
            })
        };
        for event in ["change", "focusout"] {
            let _ = form.add_event_listener_with_callback(event, check.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        check.forget();
    }

    /// The form's fields as the server would receive them.
    fn read(form: &HtmlFormElement) -> RawAnswers {
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

    /// Hides the questions whose condition the answers so far do not meet.
    fn show_applicable(form: &HtmlFormElement, raw: &RawAnswers) {
        let Ok(conditional) = form.query_selector_all("[data-show-if-question]") else {
            return;
        };
        for index in 0..conditional.length() {
            let Some(element) = conditional
                .item(index)
                .and_then(|node| node.dyn_into::<Element>().ok())
            else {
                continue;
            };
            let on = element
                .get_attribute("data-show-if-question")
                .unwrap_or_default();
            let equals = element
                .get_attribute("data-show-if-value")
                .unwrap_or_default();
            let met = raw.values(&on).contains(&equals);
            let _ = if met {
                element.remove_attribute("hidden")
            } else {
                element.set_attribute("hidden", "")
            };
        }
    }

    /// Shows `problem` beside the question `field`, or clears what was shown.
    fn show_problem(
        form: &HtmlFormElement,
        field: &str,
        problem: Option<&Problem>,
        i18n: I18nContext<Locale>,
    ) {
        let Ok(Some(wrapper)) = form.query_selector(&format!("[data-question=\"{field}\"]")) else {
            return;
        };
        let note_id = format!("{}-error", control_id(field));
        // A group is described on its fieldset, any other question on its control.
        let described = if wrapper.tag_name().eq_ignore_ascii_case("fieldset") {
            Some(wrapper.clone())
        } else {
            document().get_element_by_id(&control_id(field))
        };
        let existing = document().get_element_by_id(&note_id);
        match problem {
            Some(problem) => {
                let note = existing.or_else(|| {
                    let note = document().create_element("p").ok()?;
                    note.set_id(&note_id);
                    note.set_class_name("field-error");
                    let _ = wrapper.append_child(&note);
                    Some(note)
                });
                if let Some(note) = note {
                    note.set_text_content(Some(&messages::problem(i18n, problem)));
                }
                let _ = wrapper.class_list().add_1("field-invalid");
                if let Some(control) = described {
                    let _ = control.set_attribute("aria-invalid", "true");
                    let ids = control
                        .get_attribute("aria-describedby")
                        .unwrap_or_default();
                    if !ids.split_whitespace().any(|id| id == note_id) {
                        let _ = control
                            .set_attribute("aria-describedby", format!("{ids} {note_id}").trim());
                    }
                }
            }
            None => {
                if let Some(note) = existing {
                    note.remove();
                }
                let _ = wrapper.class_list().remove_1("field-invalid");
                if let Some(control) = described {
                    let _ = control.remove_attribute("aria-invalid");
                    let ids: Vec<String> = control
                        .get_attribute("aria-describedby")
                        .unwrap_or_default()
                        .split_whitespace()
                        .filter(|id| *id != note_id)
                        .map(str::to_owned)
                        .collect();
                    let _ = if ids.is_empty() {
                        control.remove_attribute("aria-describedby")
                    } else {
                        control.set_attribute("aria-describedby", &ids.join(" "))
                    };
                }
            }
        }
    }
}

//! Live checks: on `change` and `focusout` the whole form is read and parsed as a draft
//! (so only what was typed wrong is flagged, nothing missing yet), each question's
//! message is shown or cleared beside it, and conditional questions are shown or hidden.
//! The server still checks everything on every post.

use crate::dom;
use crate::messages::{self, Lang};
use kotae_domain::forms::control_ids::{control_id, note_id};
use kotae_domain::forms::{Answers, FormDefinition, Mode, RawAnswers};
use kotae_domain::{FieldErrors, Problem};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{Document, Element, HtmlFormElement};

/// The form carries its definition as JSON in `data-definition` (escaped by the server
/// like any attribute); without it the form is left as it is.
pub fn attach(document: &Document, form: &HtmlFormElement, lang: Lang) {
    let Some(definition) = form
        .get_attribute("data-definition")
        .and_then(|json| serde_json::from_str::<FormDefinition>(&json).ok())
    else {
        return;
    };
    show_applicable(form, &dom::read(form));
    let check = {
        let form = form.clone();
        let document = document.clone();
        Closure::<dyn Fn()>::new(move || {
            let raw = dom::read(&form);
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
                show_problem(&document, &form, field, problem, lang);
            }
        })
    };
    for event in ["change", "focusout"] {
        let _ = form.add_event_listener_with_callback(event, check.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    check.forget();
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
    document: &Document,
    form: &HtmlFormElement,
    field: &str,
    problem: Option<&Problem>,
    lang: Lang,
) {
    let Ok(Some(wrapper)) = form.query_selector(&format!("[data-question=\"{field}\"]")) else {
        return;
    };
    let note_id = note_id(field, "error");
    // A group is described on its fieldset, any other question on its control.
    let described = if wrapper.tag_name().eq_ignore_ascii_case("fieldset") {
        Some(wrapper.clone())
    } else {
        document.get_element_by_id(&control_id(field))
    };
    let existing = document.get_element_by_id(&note_id);
    match problem {
        Some(problem) => {
            let note = existing.or_else(|| {
                let note = document.create_element("p").ok()?;
                note.set_id(&note_id);
                note.set_class_name("field-error");
                let _ = wrapper.append_child(&note);
                Some(note)
            });
            if let Some(note) = note {
                note.set_text_content(Some(&messages::problem(lang, problem)));
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

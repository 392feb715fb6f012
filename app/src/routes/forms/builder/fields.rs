//! The builder's controls: labelled inputs named after their place in the posted form
//! (`input[items][3][min]`), each with its error tied to it.

use crate::domain::Problem;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;

/// The posted name of an item's field.
pub fn item_name(index: usize, field: &str) -> String {
    format!("input[items][{index}][{field}]")
}

/// The element id of an item's field.
pub fn item_id(index: usize, field: &str) -> String {
    format!("item-{index}-{field}")
}

/// How a [`Field`] is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Date,
    LongText,
    Checkbox,
}

/// One labelled control; `value` is what to show, `problem` the error of the last post.
#[component]
pub fn Field(
    name: String,
    id: String,
    label: String,
    kind: Kind,
    #[prop(into)] value: String,
    problem: Option<Problem>,
    hint: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [
        hint.as_ref().map(|_| hint_id.clone()),
        problem.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let is_invalid = problem.is_some();
    let invalid = is_invalid.then_some("true");
    let control = match kind {
        Kind::LongText => view! {
            <textarea id=id.clone() name=name rows="3" aria-invalid=invalid aria-describedby=described>
                {value}
            </textarea>
        }
        .into_any(),
        Kind::Checkbox => view! {
            <input
                type="checkbox"
                id=id.clone()
                name=name
                value="on"
                checked=!value.is_empty()
                aria-describedby=described
            />
        }
        .into_any(),
        Kind::Text | Kind::Number | Kind::Date => {
            // Numbers stay text inputs: full-width digits and a leading minus are read by
            // the server, which a browser's number input would refuse to send.
            let (input_type, mode) = match kind {
                Kind::Date => ("date", None),
                Kind::Number => ("text", Some("decimal")),
                _ => ("text", None),
            };
            view! {
                <input
                    type=input_type
                    inputmode=mode
                    id=id.clone()
                    name=name
                    value=value
                    aria-invalid=invalid
                    aria-describedby=described
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field-check={kind == Kind::Checkbox} class:field-invalid=is_invalid>
            <label for=id>{label}</label>
            {hint.map(|text| view! { <p class="hint" id=hint_id>{text}</p> })}
            {control}
            {problem.map(|p| view! { <p class="field-error" id=error_id>{messages::problem(i18n, &p)}</p> })}
        </div>
    }
}

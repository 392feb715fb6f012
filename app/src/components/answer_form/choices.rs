//! The choosing controls: radio buttons, a select, checkboxes, and the free text of
//! "other" (a rating scale is in [`super::rating`]). Radio buttons and checkboxes post the question id as their name
//! (a checkbox group repeats it), "other" posts [`OTHER`], and its text is posted as
//! `q3__other`: the fields `read_choice` reads. After the deadline they are `disabled`.

use super::question::Control;
use super::{control_id, described_by, note_id};
use crate::domain::forms::read_choice::OTHER_MAX_CHARS;
use crate::domain::forms::{ChoiceOption, OTHER};
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;

/// The id of the `index`th option of a group: the first has the question's own id, so
/// that the error summary's link lands on it.
pub(super) fn option_id(field: &str, index: usize) -> String {
    if index == 0 {
        control_id(field)
    } else {
        format!("{}-{index}", control_id(field))
    }
}

/// The values chosen, as posted: trimmed, blanks dropped.
fn chosen(control: &Control<'_>) -> Vec<String> {
    control
        .form
        .raw
        .values(control.field())
        .iter()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .collect()
}

/// The "other" text as posted.
fn other_typed(control: &Control<'_>) -> String {
    control
        .form
        .raw
        .first(&control.question.id.other_field())
        .to_owned()
}

/// Whether "other" shows as chosen: clicked, or its text typed, which the server reads
/// as choosing it.
fn other_chosen(chosen: &[String], other_typed: &str) -> bool {
    chosen.iter().any(|value| value == OTHER) || !other_typed.trim().is_empty()
}

/// Whether a value shows as chosen, from what was posted.
fn posted_choice(control: &Control<'_>) -> impl Fn(&str) -> bool + use<> {
    let chosen = chosen(control);
    let other = other_chosen(&chosen, &other_typed(control));
    move |value| {
        if value == OTHER {
            other
        } else {
            chosen.iter().any(|c| c == value)
        }
    }
}

/// One radio button or checkbox with its label.
struct Choice {
    id: String,
    value: String,
    label: String,
    checked: bool,
}

fn choice_list(control: &Control<'_>, kind: &'static str, choices: Vec<Choice>) -> AnyView {
    let name = control.field().to_owned();
    let read_only = control.form.read_only;
    let invalid = control.aria_invalid();
    choices
        .into_iter()
        .map(|choice| {
            view! {
                <div class="answer-choice">
                    <input
                        type=kind
                        id=choice.id.clone()
                        name=name.clone()
                        value=choice.value
                        checked=choice.checked
                        disabled=read_only
                        aria-invalid=invalid
                    />
                    <label for=choice.id>{choice.label}</label>
                </div>
            }
        })
        .collect_view()
        .into_any()
}

/// The options, then "other" when offered, chosen as posted.
fn choices_of(control: &Control<'_>, options: &[ChoiceOption], other: bool) -> Vec<Choice> {
    let is_chosen = posted_choice(control);
    let field = control.field();
    let english = control.form.words.english;
    let mut choices: Vec<Choice> = options
        .iter()
        .enumerate()
        .map(|(index, option)| Choice {
            id: option_id(field, index),
            value: option.value.clone(),
            label: option.label.for_locale(english).to_owned(),
            checked: is_chosen(&option.value),
        })
        .collect();
    if other {
        choices.push(Choice {
            id: option_id(field, options.len()),
            value: OTHER.to_owned(),
            label: control.form.words.other.clone(),
            checked: is_chosen(OTHER),
        });
    }
    choices
}

pub(super) fn radios(control: &Control<'_>, options: &[ChoiceOption], other: bool) -> AnyView {
    group(control, options, other, "radio")
}

pub(super) fn checkboxes(control: &Control<'_>, options: &[ChoiceOption], other: bool) -> AnyView {
    group(control, options, other, "checkbox")
}

/// Radio buttons or checkboxes, the "other" text after them.
fn group(
    control: &Control<'_>,
    options: &[ChoiceOption],
    other: bool,
    kind: &'static str,
) -> AnyView {
    let choices = choices_of(control, options, other);
    view! {
        <div class="answer-choices">{choice_list(control, kind, choices)}</div>
        {other.then(|| other_text(control, true))}
    }
    .into_any()
}

/// A single choice among many, as a select with an empty first entry, so that nothing
/// is chosen for the company.
pub(super) fn select(control: &Control<'_>, options: &[ChoiceOption], other: bool) -> AnyView {
    let i18n = control.form.i18n;
    let entries = choices_of(control, options, other)
        .into_iter()
        .map(|choice| {
            view! {
                <option value=choice.value selected=choice.checked>
                    {choice.label}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            id=control_id(control.field())
            name=control.field().to_owned()
            disabled=control.form.read_only
            aria-required=control.aria_required()
            aria-invalid=control.aria_invalid()
            aria-describedby=described_by(&control.notes)
        >
            <option value="">{t!(i18n, answer.choose)}</option>
            {entries}
        </select>
        {other.then(|| other_text(control, false))}
    }
    .into_any()
}

/// The free text of "other", with its own label and its own error (`q3__other`). Outside
/// a fieldset its label names the question too, since no legend does.
fn other_text(control: &Control<'_>, in_group: bool) -> AnyView {
    let form = control.form;
    let i18n = form.i18n;
    let field = control.question.id.other_field();
    let error = form
        .errors
        .for_field(&field)
        .map(|problem| (note_id(&field, "error"), messages::problem(i18n, problem)));
    let notes: Vec<String> = error.iter().map(|(id, _)| id.clone()).collect();
    let invalid = error.is_some().then_some("true");
    let question_label = (!in_group).then(|| {
        let label = control.question.label.for_locale(form.words.english);
        view! { <span class="visually-hidden">{format!("{label} ")}</span> }
    });
    view! {
        <div class="answer-other" class:field-invalid=invalid.is_some()>
            <label for=control_id(&field)>
                {question_label}
                {t!(i18n, answer.other_text)}
            </label>
            {error.map(|(id, text)| view! { <p class="field-error" id=id>{text}</p> })}
            <input
                type="text"
                id=control_id(&field)
                name=field.clone()
                value=form.raw.first(&field).to_owned()
                maxlength=OTHER_MAX_CHARS
                readonly=form.read_only
                aria-invalid=invalid
                aria-describedby=described_by(&notes)
            />
        </div>
    }
    .into_any()
}

/// How many choices a multiple choice question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Any,
    AtLeast(u32),
    AtMost(u32),
    Between(u32, u32),
    Exactly(u32),
}

fn limit(min: Option<u32>, max: Option<u32>) -> Limit {
    // Choosing none is leaving the question blank, which `required` governs: a minimum
    // of 0 or 1 adds nothing to say.
    let min = min.filter(|min| *min > 1);
    match (min, max) {
        (None, None) => Limit::Any,
        (Some(min), None) => Limit::AtLeast(min),
        (None, Some(max)) => Limit::AtMost(max),
        (Some(min), Some(max)) if min == max => Limit::Exactly(min),
        (Some(min), Some(max)) => Limit::Between(min, max),
    }
}

pub(super) fn limit_hint(
    i18n: leptos_i18n::I18nContext<Locale>,
    min: Option<u32>,
    max: Option<u32>,
) -> String {
    match limit(min, max) {
        Limit::Any => t_string!(i18n, answer.choose_any).to_string(),
        Limit::AtLeast(min) => t_string!(i18n, answer.choose_at_least, min = min).to_string(),
        Limit::AtMost(max) => t_string!(i18n, answer.choose_at_most, max = max).to_string(),
        Limit::Between(min, max) => {
            t_string!(i18n, answer.choose_between, min = min, max = max).to_string()
        }
        Limit::Exactly(count) => t_string!(i18n, answer.choose_exactly, count = count).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_option_of_a_group_carries_the_question_id() {
        assert_eq!(option_id("topics", 0), "q-topics");
        assert_eq!(option_id("topics", 3), "q-topics-3");
    }

    #[test]
    fn typing_the_other_text_shows_other_as_chosen() {
        assert!(other_chosen(&[], "知人の紹介"));
        assert!(other_chosen(&[OTHER.to_owned()], ""));
        assert!(!other_chosen(&["web".to_owned()], "  "));
    }

    #[test]
    fn the_choice_limits_are_stated_the_simplest_way() {
        assert_eq!(limit(None, None), Limit::Any);
        assert_eq!(limit(Some(1), None), Limit::Any);
        assert_eq!(limit(Some(2), None), Limit::AtLeast(2));
        assert_eq!(limit(Some(1), Some(3)), Limit::AtMost(3));
        assert_eq!(limit(Some(2), Some(3)), Limit::Between(2, 3));
        assert_eq!(limit(Some(2), Some(2)), Limit::Exactly(2));
    }
}

//! One question: its label (or legend, for a group), the notes that describe it, its
//! error, and the control of its kind (see [`super::inputs`] and [`super::choices`]).

use super::condition::describe;
use super::{FormContext, choices, control_id, described_by, files, inputs, note_id, rating};
use crate::domain::forms::{ChoiceDisplay, Question, QuestionKind};
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;

/// What the control of one question needs to render itself.
pub(super) struct Control<'a> {
    pub(super) question: &'a Question,
    pub(super) form: &'a FormContext<'a>,
    /// The ids of the notes that describe the control (condition, help, hint, error).
    pub(super) notes: Vec<String>,
    pub(super) invalid: bool,
}

impl Control<'_> {
    pub(super) fn field(&self) -> &str {
        self.question.id.as_str()
    }

    /// The first value posted for the question, as typed: what a text control shows.
    pub(super) fn typed(&self) -> String {
        self.form.raw.first(self.field()).to_owned()
    }

    pub(super) fn aria_invalid(&self) -> Option<&'static str> {
        self.invalid.then_some("true")
    }

    /// `aria-required` for the controls that support it (text boxes and selects).
    pub(super) fn aria_required(&self) -> Option<&'static str> {
        self.question.required.then_some("true")
    }
}

/// A group of radio buttons or checkboxes, drawn in a `<fieldset>` with a `<legend>`.
fn is_group(kind: &QuestionKind) -> bool {
    match kind {
        QuestionKind::SingleChoice { display, .. } => *display == ChoiceDisplay::Radio,
        QuestionKind::MultipleChoice { .. } | QuestionKind::Rating { .. } => true,
        _ => false,
    }
}

pub(super) fn question_field(question: &Question, form: &FormContext<'_>) -> AnyView {
    let i18n = form.i18n;
    let english = form.words.english;
    let field = question.id.as_str();
    let id = control_id(field);
    let group = is_group(&question.kind);

    let condition = question.show_if.as_ref().map(|condition| {
        let words = describe(form.definition, condition, &form.words);
        let text = t_string!(
            i18n,
            answer.condition,
            question = words.question,
            choice = words.choice
        )
        .to_string();
        (note_id(field, "condition"), text)
    });
    let help = Some(question.help.for_locale(english))
        .filter(|help| !help.trim().is_empty())
        .map(|help| (note_id(field, "help"), help.to_owned()));
    let hint = hint(question, form).map(|hint| (note_id(field, "hint"), hint));
    let error = form
        .errors
        .for_field(field)
        .map(|problem| (note_id(field, "error"), messages::problem(i18n, problem)));

    let notes: Vec<String> = [&condition, &help, &hint, &error]
        .into_iter()
        .flatten()
        .map(|(id, _)| id.clone())
        .collect();
    let control = Control {
        question,
        form,
        invalid: error.is_some(),
        // A group is described once, on its fieldset, not on each of its options.
        notes: if group { Vec::new() } else { notes.clone() },
    };
    let control_view = control_view(&control);

    let label = question.label.for_locale(english).to_owned();
    let marker = question.required.then(|| {
        view! { <span class="answer-required-marker">{t!(i18n, answer.required)}</span> }
    });
    let notes_view = view! {
        {condition
            .map(|(id, text)| view! { <p class="answer-condition" id=id>{text}</p> })}
        {help.map(|(id, text)| view! { <p class="hint pre-wrap" id=id>{text}</p> })}
        {hint.map(|(id, text)| view! { <p class="hint" id=id>{text}</p> })}
        {error.map(|(id, text)| view! { <p class="field-error" id=id>{text}</p> })}
    };
    let show_if_question = question.show_if.as_ref().map(|c| c.question.to_string());
    let show_if_value = question.show_if.as_ref().map(|c| c.equals.clone());
    let invalid = control.invalid;

    if group {
        view! {
            <fieldset
                class="answer-question"
                class:field-invalid=invalid
                data-question=field.to_owned()
                data-show-if-question=show_if_question
                data-show-if-value=show_if_value
                aria-describedby=described_by(&notes)
            >
                <legend class="answer-label">{label} {marker}</legend>
                {notes_view}
                {control_view}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <div
                class="answer-question"
                class:field-invalid=invalid
                data-question=field.to_owned()
                data-show-if-question=show_if_question
                data-show-if-value=show_if_value
            >
                <label class="answer-label" for=id>
                    {label}
                    {marker}
                </label>
                {notes_view}
                {control_view}
            </div>
        }
        .into_any()
    }
}

fn control_view(control: &Control<'_>) -> AnyView {
    match &control.question.kind {
        QuestionKind::ShortText { max_chars } => inputs::short_text(control, *max_chars),
        QuestionKind::LongText { max_chars } => inputs::long_text(control, *max_chars),
        QuestionKind::Integer { unit, .. } => inputs::number(control, "numeric", unit.as_ref()),
        QuestionKind::Decimal { unit, .. } => inputs::number(control, "decimal", unit.as_ref()),
        QuestionKind::Date { .. } => inputs::date(control),
        QuestionKind::Email => inputs::email(control),
        QuestionKind::File { .. } => files::files(control),
        QuestionKind::SingleChoice {
            options,
            display: ChoiceDisplay::Radio,
            other,
        } => choices::radios(control, options, *other),
        QuestionKind::SingleChoice {
            options,
            display: ChoiceDisplay::Select,
            other,
        } => choices::select(control, options, *other),
        QuestionKind::MultipleChoice { options, other, .. } => {
            choices::checkboxes(control, options, *other)
        }
        QuestionKind::Rating {
            min,
            max,
            min_label,
            max_label,
        } => rating::rating(control, *min..=*max, min_label, max_label),
    }
}

/// A hint the kind of question calls for: how many choices to make, how long a long
/// text may be. Short texts need none: they are short.
fn hint(question: &Question, form: &FormContext<'_>) -> Option<String> {
    let i18n = form.i18n;
    match &question.kind {
        QuestionKind::MultipleChoice {
            min_selected,
            max_selected,
            ..
        } => Some(choices::limit_hint(i18n, *min_selected, *max_selected)),
        QuestionKind::LongText { max_chars } if !form.read_only => {
            Some(t_string!(i18n, answer.max_chars, max = *max_chars).to_string())
        }
        QuestionKind::File { max_files } if !form.read_only => {
            Some(t_string!(i18n, answer.files_hint, max = *max_files).to_string())
        }
        _ => None,
    }
}

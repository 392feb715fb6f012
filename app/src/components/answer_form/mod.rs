//! The questionnaire as a company fills it in: [`AnswerForm`] renders the fields of a
//! [`FormDefinition`] with the values to show and the problems of the last post;
//! [`ErrorSummary`] lists those problems with links to the fields; [`AnswerSummary`] shows
//! stored answers as text, for a receipt or for "the saved version".
//!
//! Everything is plain server-rendered HTML that works without JavaScript: each control
//! posts under the name [`Answers::parse`](crate::domain::forms::Answers::parse) reads (the
//! question id; `q3__other` for the "other" text; a checkbox group repeats its name), and
//! nothing is hidden on the server. A script may later hide the questions whose
//! condition is not met, using the `data-show-if-question` / `data-show-if-value`
//! attributes of each conditional question.
//!
//! The HTML `required`, `min` and `max` attributes are left out on purpose: they would
//! stop the browser from posting an unfinished draft. The server validates; a required
//! question shows a visible marker, and its text controls carry `aria-required`.

mod answer_summary;
mod choices;
mod condition;
mod files;
#[cfg(test)]
mod fixtures;
mod inputs;
mod labels;
mod question;
mod rating;
mod summary;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use answer_summary::AnswerSummary;
pub use files::size_text;
pub(crate) use inputs::textarea_content;
pub use summary::ErrorSummary;

use crate::domain::FieldErrors;
use crate::domain::forms::{FormDefinition, Item, RawAnswers, Section};
use crate::i18n::*;
use labels::Words;
use leptos::prelude::*;
use question::question_field;

pub use crate::domain::forms::control_ids::{control_id, note_id};

/// The `aria-describedby` of a control: the ids given, or none.
fn described_by(ids: &[String]) -> Option<String> {
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// What every question of one rendering shares.
struct FormContext<'a> {
    definition: &'a FormDefinition,
    raw: &'a RawAnswers,
    errors: &'a FieldErrors,
    read_only: bool,
    /// Where kept files are downloaded from (`{files_href}/{id}`); none in a preview.
    files_href: Option<&'a str>,
    i18n: leptos_i18n::I18nContext<Locale>,
    words: Words,
}

/// The fields of a questionnaire: the page around it owns the `<form>` (with
/// `method="post"`, the CSRF and idempotency fields, and preferably `novalidate`, so
/// that the browser's own checks of `type="email"` never stop a draft), the buttons,
/// and the heading with [`FormDefinition::title`] and its description.
///
/// The language is read once from the i18n context: the language switch reloads the
/// page, and re-rendering the controls would throw away what the company typed.
#[component]
pub fn AnswerForm(
    /// The questionnaire to render.
    definition: FormDefinition,
    /// The values to show: a saved draft (`Answers::to_raw`) or, after a refused post,
    /// exactly what was posted, so that nothing typed is lost.
    #[prop(optional)]
    raw: RawAnswers,
    /// The problems of the last post, keyed by question id or `q3__other`.
    #[prop(optional)]
    errors: FieldErrors,
    /// After the deadline: the values are shown, nothing can be changed.
    #[prop(optional)]
    read_only: bool,
    /// Leaves out the [`ErrorSummary`] at the top, for a page that renders it itself.
    #[prop(optional)]
    without_summary: bool,
    /// Where the files kept for file questions are downloaded from (`{files_href}/{id}`).
    #[prop(optional, into)]
    files_href: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormContext {
        definition: &definition,
        raw: &raw,
        errors: &errors,
        read_only,
        files_href: files_href.as_deref(),
        i18n,
        words: Words::of(i18n),
    };
    let summary = (!without_summary).then(|| summary::error_summary(&form));
    let note = (!read_only && definition.questions().any(|q| q.required)).then(|| {
        view! { <p class="hint answer-required-note">{t!(i18n, answer.required_note)}</p> }
    });
    let items = definition
        .items
        .iter()
        .map(|item| match item {
            Item::Section(section) => section_heading(section, &form),
            Item::Question(question) => question_field(question, &form),
        })
        .collect_view();
    view! {
        <div class="answer-fields">
            {summary} {note} {items}
        </div>
    }
}

fn section_heading(section: &Section, form: &FormContext<'_>) -> AnyView {
    let english = form.words.english;
    let help = section.help.for_locale(english);
    let help = (!help.trim().is_empty())
        .then(|| view! { <p class="hint answer-section-help pre-wrap">{help.to_owned()}</p> });
    view! {
        <h2 class="answer-section" id=format!("s-{}", section.id)>
            {section.heading.for_locale(english).to_owned()}
        </h2>
        {help}
    }
    .into_any()
}

//! The error summary at the top of a refused form: every problem, named by its question,
//! linking to the control, so that a keyboard or screen reader user can go from one to
//! the next. Without JavaScript nothing can move the focus, so the summary takes it with
//! `autofocus` when the page loads.

use super::labels::Words;
use super::{FormContext, control_id};
use crate::domain::forms::{FormDefinition, Question};
use crate::domain::{FieldError, FieldErrors, Problem};
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;

/// One line of the summary, before its problem is put into words.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// The link to the control: `#q-negotiations`, or `#q-channel__other`.
    href: Option<String>,
    /// The question's label; `None` for a field the form does not know.
    question: Option<String>,
    /// Whether the problem is with the "other" text of the question.
    other: bool,
    problem: Problem,
}

/// The question `field` belongs to, and whether it is its "other" text.
fn question_of<'a>(definition: &'a FormDefinition, field: &str) -> Option<(&'a Question, bool)> {
    definition.questions().find_map(|question| {
        if question.id.as_str() == field {
            Some((question, false))
        } else if question.is_choice() && question.id.other_field() == field {
            Some((question, true))
        } else {
            None
        }
    })
}

fn entries(definition: &FormDefinition, errors: &FieldErrors, words: &Words) -> Vec<Entry> {
    errors
        .0
        .iter()
        .map(
            |FieldError { field, problem }| match question_of(definition, field) {
                Some((question, other)) => Entry {
                    href: Some(format!("#{}", control_id(field))),
                    question: Some(question.label.for_locale(words.english).to_owned()),
                    other,
                    problem: problem.clone(),
                },
                None => Entry {
                    href: None,
                    question: None,
                    other: false,
                    problem: problem.clone(),
                },
            },
        )
        .collect()
}

/// The summary of `errors`; nothing when there are none.
pub(super) fn error_summary(form: &FormContext<'_>) -> Option<AnyView> {
    summary_view(form.definition, form.errors, &form.words, form.i18n)
}

fn summary_view(
    definition: &FormDefinition,
    errors: &FieldErrors,
    words: &Words,
    i18n: leptos_i18n::I18nContext<Locale>,
) -> Option<AnyView> {
    if errors.is_empty() {
        return None;
    }
    let count = errors.0.len();
    let items = entries(definition, errors, words)
        .into_iter()
        .map(|entry| {
            let problem = messages::problem(i18n, &entry.problem);
            let text = match entry.question {
                Some(question) => {
                    let question = if entry.other {
                        t_string!(i18n, answer.other_field, question = question).to_string()
                    } else {
                        question
                    };
                    t_string!(
                        i18n,
                        answer.error_link,
                        question = question,
                        problem = problem
                    )
                    .to_string()
                }
                None => problem,
            };
            let line = match entry.href {
                // `target="_self"` leaves the link to the browser: following it moves the
                // focus to the field. The router would take it over once the page is
                // hydrated, and only scroll, leaving a keyboard user on the link.
                Some(href) => view! { <a href=href target="_self">{text}</a> }.into_any(),
                None => text.into_any(),
            };
            view! { <li>{line}</li> }
        })
        .collect_view();
    Some(
        view! {
            <div
                class="error-summary"
                role="alert"
                aria-labelledby="error-summary-title"
                tabindex="-1"
                autofocus=true
            >
                <h2 id="error-summary-title">{t!(i18n, answer.errors_title, count = count)}</h2>
                <ul>{items}</ul>
            </div>
        }
        .into_any(),
    )
}

/// Every problem of a refused form, linked to its field. [`super::AnswerForm`] shows one
/// at its top; a page that shows it elsewhere passes `without_summary` to the form.
#[component]
pub fn ErrorSummary(
    /// The questionnaire the errors belong to: it names their questions.
    definition: FormDefinition,
    /// The problems, keyed by question id or `q3__other`.
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    summary_view(&definition, &errors, &Words::of(i18n), i18n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::answer_form::fixtures::{choosing, japanese};

    #[test]
    fn each_problem_links_to_its_control_and_names_its_question() {
        let mut errors = FieldErrors::default();
        errors.push("amount", Problem::NotANumber);
        errors.push("channel__other", Problem::Required);
        let entries = entries(&choosing(), &errors, &japanese());
        assert_eq!(
            entries,
            [
                Entry {
                    href: Some("#q-amount".to_owned()),
                    question: Some("売上".to_owned()),
                    other: false,
                    problem: Problem::NotANumber,
                },
                Entry {
                    href: Some("#q-channel__other".to_owned()),
                    question: Some("知ったきっかけ".to_owned()),
                    other: true,
                    problem: Problem::Required,
                },
            ]
        );
    }

    #[test]
    fn a_problem_with_a_field_the_form_does_not_know_has_no_link() {
        let errors = FieldErrors::single("idempotency_key", Problem::Required);
        let entries = entries(&choosing(), &errors, &japanese());
        assert_eq!(entries[0].href, None);
        assert_eq!(entries[0].question, None);
    }

    #[test]
    fn the_other_field_of_a_question_without_choices_is_unknown() {
        let errors = FieldErrors::single("amount__other", Problem::Required);
        assert_eq!(entries(&choosing(), &errors, &japanese())[0].href, None);
    }
}

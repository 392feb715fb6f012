//! The problems of a form definition (`FormDefinition::check`) in the reader's language,
//! each named by the item it concerns.

use crate::domain::forms::{DefinitionIssue, DefinitionProblem, FormDefinition, Item};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn issue(i18n: I18nContext<Locale>, issue: &DefinitionIssue) -> String {
    use DefinitionIssue as I;
    match issue {
        I::EmptyTitle => t_string!(i18n, forms.issues.empty_title).to_string(),
        I::EmptyId => t_string!(i18n, forms.issues.empty_id).to_string(),
        I::InvalidId => t_string!(i18n, forms.issues.invalid_id).to_string(),
        I::DuplicateId => t_string!(i18n, forms.issues.duplicate_id).to_string(),
        I::EmptyLabel => t_string!(i18n, forms.issues.empty_label).to_string(),
        I::ZeroMaxChars => t_string!(i18n, forms.issues.zero_max_chars).to_string(),
        I::NoOptions => t_string!(i18n, forms.issues.no_options).to_string(),
        I::InvalidOptionValue { value } => {
            t_string!(i18n, forms.issues.invalid_option_value, value = value).to_string()
        }
        I::DuplicateOptionValue { value } => {
            t_string!(i18n, forms.issues.duplicate_option_value, value = value).to_string()
        }
        I::EmptyOptionLabel { value } => {
            t_string!(i18n, forms.issues.empty_option_label, value = value).to_string()
        }
        I::MinAboveMax => t_string!(i18n, forms.issues.min_above_max).to_string(),
        I::NoFilesAllowed => t_string!(i18n, forms.issues.no_files_allowed).to_string(),
        I::MinSelectedAboveOptions => {
            t_string!(i18n, forms.issues.min_selected_above_options).to_string()
        }
        I::FractionDigitsAboveLimit { limit } => t_string!(
            i18n,
            forms.issues.fraction_digits_above_limit,
            limit = *limit
        )
        .to_string(),
        I::InvalidRatingScale => t_string!(i18n, forms.issues.invalid_rating_scale).to_string(),
        I::ConditionOnItself => t_string!(i18n, forms.issues.condition_on_itself).to_string(),
        I::ConditionOnUnknownQuestion => {
            t_string!(i18n, forms.issues.condition_on_unknown_question).to_string()
        }
        I::ConditionOnLaterQuestion => {
            t_string!(i18n, forms.issues.condition_on_later_question).to_string()
        }
        I::ConditionOnNonChoice => {
            t_string!(i18n, forms.issues.condition_on_non_choice).to_string()
        }
        I::ConditionValueNotAnOption => {
            t_string!(i18n, forms.issues.condition_value_not_an_option).to_string()
        }
    }
}

/// The name of the item a problem concerns: its Japanese label and its id, or the
/// form itself.
pub fn subject(
    i18n: I18nContext<Locale>,
    definition: &FormDefinition,
    problem: &DefinitionProblem,
) -> String {
    let Some(id) = &problem.item else {
        return t_string!(i18n, forms.issues.the_form).to_string();
    };
    let label = definition
        .items
        .iter()
        .find(|item| item.id() == id)
        .map(|item| match item {
            Item::Section(section) => section.heading.ja.clone(),
            Item::Question(question) => question.label.ja.clone(),
        })
        .filter(|label| !label.trim().is_empty());
    match label {
        Some(label) => format!("{label} ({id})"),
        None => format!("({id})"),
    }
}

/// The problems of a definition as a list, announced as an alert.
#[component]
pub fn ProblemList(definition: FormDefinition, problems: Vec<DefinitionProblem>) -> impl IntoView {
    let i18n = use_i18n();
    (!problems.is_empty()).then(|| {
        let count = problems.len();
        view! {
            <section class="card banner-error" role="alert" aria-labelledby="problems-heading">
                <h2 id="problems-heading">
                    {move || t_string!(i18n, forms.problems_title, count = count).to_string()}
                </h2>
                <ul>
                    {problems
                        .iter()
                        .map(|problem| {
                            let subject = subject(i18n, &definition, problem);
                            let text = issue(i18n, &problem.issue);
                            view! { <li>{subject} ": " {text}</li> }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

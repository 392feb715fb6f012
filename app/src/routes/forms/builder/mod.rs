//! `/forms/{id}/edit`: the form builder. One plain HTML form holds the whole newest
//! version; every button (save, add, move, delete) posts all of it with its own `op`,
//! so building works without JavaScript. A refused post comes back with what was typed
//! and the problems next to the items they concern.

mod echo;
mod fields;
mod item;

use super::issues;
use crate::api::form_dto::FormDto;
use crate::api::forms::{SaveForm, get_form};
use crate::components::form::{CsrfField, ErrorBanner};
use crate::domain::forms::builder::{BuilderInput, QUESTION_KINDS, SECTION};
use crate::domain::forms::{DefinitionProblem, QuestionId};
use crate::error::AppError;
use crate::i18n::*;
use item::{ItemContext, builder_item, kind_label};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn FormBuilderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let form = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_form(id).await,
            None => Err(AppError::NotFound),
        }
    });
    // Never dispatched: the form posts natively. It carries the error of a refused post.
    let save = ServerAction::<SaveForm>::new();
    let refused = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <Builder form refused=refused.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
        <p>
            <a href="/forms">{t!(i18n, forms.back)}</a>
        </p>
    }
}

#[component]
fn Builder(form: FormDto, refused: Option<AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let saved = query.read_untracked().get("saved").is_some() && refused.is_none();
    let input = echo::refused_input().unwrap_or_else(|| BuilderInput::from(&form.definition));
    let problems: Vec<DefinitionProblem> = match &refused {
        Some(AppError::InvalidForm(problems)) => problems.clone(),
        _ => Vec::new(),
    };
    let errors = refused
        .as_ref()
        .and_then(|e| e.field_errors().cloned())
        .unwrap_or_default();
    let id = form.id;
    let newest = form.newest().map(|v| v.version).unwrap_or(1);
    let draft = form.newest_is_draft();
    let title = format!(
        "{} - {}",
        td_string!(i18n.get_locale_untracked(), forms.builder.title),
        form.title
    );
    let form_problems: Vec<String> = problems
        .iter()
        .filter(|p| p.item.is_none())
        .map(|p| issues::issue(i18n, &p.issue))
        .collect();
    let count = input.items.len();
    let items = input
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let context = ItemContext {
                index,
                count,
                problems: problems_of(i18n, &problems, &item.id),
                errors: errors.clone(),
                earlier_choices: earlier_choices(&input, index),
            };
            builder_item(i18n, item.clone(), context)
        })
        .collect_view();
    view! {
        <Title text=title />
        <div class="page-header">
            <h1>{t!(i18n, forms.builder.title)} ": " {form.title.clone()}</h1>
            <a class="button secondary" href=format!("/forms/{id}")>{t!(i18n, forms.builder.to_preview)}</a>
        </div>
        {saved.then(|| view! { <div class="banner banner-ok" role="status">{t!(i18n, forms.saved_banner)}</div> })}
        <ErrorBanner error=Signal::stored(refused.clone()) />
        <p class="hint">
            {if draft {
                t_string!(i18n, forms.builder.editing_draft, number = newest).to_string()
            } else {
                t_string!(i18n, forms.builder.editing_published, number = newest, next = newest + 1).to_string()
            }}
        </p>
        <form method="post" action=SaveForm::url() class="builder" novalidate=true>
            <CsrfField />
            <input type="hidden" name="id" value=id />
            // The first submit button is the one Enter presses: plain saving.
            <div class="button-row">
                <button type="submit" name="op" value="save" class="button primary">{t!(i18n, forms.builder.save)}</button>
            </div>
            <section class="card builder-head" aria-labelledby="builder-head">
                <h2 id="builder-head">{t!(i18n, forms.builder.about)}</h2>
                {(!form_problems.is_empty()).then(|| view! {
                    <ul class="item-problems" role="alert">
                        {form_problems.into_iter().map(|p| view! { <li class="field-error">{p}</li> }).collect_view()}
                    </ul>
                })}
                <HeadFields input=input.clone() />
            </section>
            {items}
            <section class="card builder-add" aria-labelledby="builder-add">
                <h2 id="builder-add">{t!(i18n, forms.builder.add)}</h2>
                <div class="inline-form">
                    <label for="add-kind">{t!(i18n, forms.builder.kind)}</label>
                    <select id="add-kind" name="add_kind">
                        {QUESTION_KINDS
                            .into_iter()
                            .chain(std::iter::once(SECTION))
                            .map(|code| view! { <option value=code>{kind_label(i18n, code)}</option> })
                            .collect_view()}
                    </select>
                    <button type="submit" name="op" value="add" class="button secondary">{t!(i18n, forms.builder.add_button)}</button>
                </div>
            </section>
            <div class="button-row">
                <button type="submit" name="op" value="save" class="button primary">{t!(i18n, forms.builder.save)}</button>
            </div>
        </form>
    }
}

/// The title and description of the form.
#[component]
fn HeadFields(input: BuilderInput) -> impl IntoView {
    let i18n = use_i18n();
    let field = |name: &'static str, label: String, value: String, long: bool| {
        let id = format!("form-{name}");
        let control = if long {
            view! { <textarea id=id.clone() name=format!("input[{name}]") rows="3">{value}</textarea> }.into_any()
        } else {
            view! { <input type="text" id=id.clone() name=format!("input[{name}]") value=value /> }
                .into_any()
        };
        view! {
            <div class="field">
                <label for=id>{label}</label>
                {control}
            </div>
        }
    };
    let locale = i18n.get_locale_untracked();
    view! {
        <div class="field-row">
            {field("title_ja", td_string!(locale, forms.builder.title_ja).to_string(), input.title_ja, false)}
            {field("title_en", td_string!(locale, forms.builder.title_en).to_string(), input.title_en, false)}
        </div>
        <div class="field-row">
            {field("description_ja", td_string!(locale, forms.builder.description_ja).to_string(), input.description_ja, true)}
            {field("description_en", td_string!(locale, forms.builder.description_en).to_string(), input.description_en, true)}
        </div>
    }
}

/// The problems `check()` found with the item `id`, in words.
fn problems_of(
    i18n: leptos_i18n::I18nContext<Locale>,
    problems: &[DefinitionProblem],
    id: &str,
) -> Vec<String> {
    let id = QuestionId::new(id.trim());
    problems
        .iter()
        .filter(|p| p.item.as_ref() == Some(&id))
        .map(|p| issues::issue(i18n, &p.issue))
        .collect()
}

/// The choice questions before item `index`: what its condition may refer to.
fn earlier_choices(input: &BuilderInput, index: usize) -> Vec<(String, String)> {
    input.items[..index]
        .iter()
        .filter(|item| item.kind == "single_choice" || item.kind == "multiple_choice")
        .map(|item| (item.id.clone(), item.label_ja.clone()))
        .collect()
}

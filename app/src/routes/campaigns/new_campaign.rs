//! The form that opens a campaign: which published form, when, and for whom. A plain
//! form post without JavaScript; a refused one comes back with what was typed.

use crate::api::campaign_dto::CampaignOptionsDto;
use crate::api::campaigns::{CreateCampaign, campaign_options};
use crate::components::form::{
    Control, CsrfField, ErrorBanner, FormEcho, FormField, error_of, field_errors_of,
};
use crate::domain::FieldErrors;
use crate::domain::campaigns::{CampaignInput, office_time_input};
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;

/// The name the chosen companies are posted under: one value per ticked box.
const COMPANIES_FIELD: &str = "input[companies][]";

#[component]
pub fn NewCampaign(event_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateCampaign>::new();
    let options = Resource::new(move || event_id, campaign_options);
    let echo = FormEcho::of::<CreateCampaign>();
    let refused = echo.is_some();
    view! {
        <details class="new-campaign" open=refused>
            <summary>{t!(i18n, campaigns.new)}</summary>
            <ErrorBanner error=error_of(create.value()) />
            <Suspense fallback=|| ()>
                {move || {
                    let echo = echo.clone();
                    Suspend::new(async move {
                        match options.await {
                            Ok(options) if options.versions.is_empty() => view! {
                                <p class="empty">
                                    {t!(i18n, campaigns.no_published_forms)} " "
                                    <a href="/forms">{t!(i18n, forms.title)}</a>
                                </p>
                            }
                            .into_any(),
                            Ok(options) => {
                                let input = initial_input(&options, echo.as_ref());
                                view! { <CampaignForm event_id create options input /> }.into_any()
                            }
                            Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }
                                .into_any(),
                        }
                    })
                }}
            </Suspense>
        </details>
    }
}

/// What the form shows first: what a refused post sent, or the newest published form
/// with its title, opening now.
fn initial_input(options: &CampaignOptionsDto, echo: Option<&FormEcho>) -> CampaignInput {
    if let Some(echo) = echo
        && let Some(mut input) = echo.restore::<CampaignInput>("input")
    {
        input.companies = echo
            .values
            .iter()
            .filter(|(name, _)| name == COMPANIES_FIELD)
            .map(|(_, value)| value.clone())
            .collect();
        return input;
    }
    let first = options.versions.first();
    CampaignInput {
        title: first.map(|v| v.title.clone()).unwrap_or_default(),
        form_version_id: first.map(|v| v.version_id.to_string()).unwrap_or_default(),
        opens_at: office_time_input(options.now),
        deadline: String::new(),
        audience: "all".into(),
        companies: Vec::new(),
    }
}

#[component]
fn CampaignForm(
    event_id: i32,
    create: ServerAction<CreateCampaign>,
    options: CampaignOptionsDto,
    input: CampaignInput,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = field_errors_of(create.value());
    // With JavaScript, choosing another form retitles the campaign until the officer
    // types a title of their own.
    let title = RwSignal::new(input.title.clone());
    let typed = RwSignal::new(false);
    let titles: Vec<(String, String)> = options
        .versions
        .iter()
        .map(|v| (v.version_id.to_string(), v.title.clone()))
        .collect();
    let choose_version = move |id: String| {
        if !typed.get_untracked()
            && let Some((_, text)) = titles.iter().find(|(value, _)| *value == id)
        {
            title.set(text.clone());
        }
    };
    let version_options: Vec<(String, String)> = options
        .versions
        .iter()
        .map(|v| {
            let label = td_string!(
                i18n.get_locale_untracked(),
                campaigns.version_option,
                title = v.title.clone(),
                number = v.version
            )
            .to_string();
            (v.version_id.to_string(), label)
        })
        .collect();
    let chosen_version = input.form_version_id.clone();
    view! {
        <ActionForm action=create attr:class="form" attr:novalidate=true>
            <CsrfField />
            <input type="hidden" name="event_id" value=event_id />
            <div class="field" class:field-invalid=move || problem(errors, "form_version_id").is_some()>
                <label for="c-f-form_version_id">{t!(i18n, campaigns.form_version)}</label>
                <select
                    id="c-f-form_version_id"
                    name="input[form_version_id]"
                    aria-describedby=move || problem(errors, "form_version_id").map(|_| "c-f-form_version_id-error")
                    on:change=move |ev| choose_version(event_target_value(&ev))
                >
                    {version_options
                        .into_iter()
                        .map(|(value, label)| {
                            let selected = value == chosen_version;
                            view! { <option value=value selected=selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
                <FieldProblem errors field="form_version_id" />
            </div>
            <div class="field" class:field-invalid=move || problem(errors, "title").is_some()>
                <label for="c-f-title">
                    {t!(i18n, campaigns.campaign_title)}
                    <span class="required" aria-hidden="true">" *"</span>
                </label>
                <p class="hint" id="c-f-title-hint">{t!(i18n, campaigns.title_hint)}</p>
                <input
                    type="text"
                    id="c-f-title"
                    name="input[title]"
                    prop:value=move || title.get()
                    value=input.title.clone()
                    on:input=move |ev| {
                        typed.set(true);
                        title.set(event_target_value(&ev));
                    }
                    aria-describedby=move || described_by("c-f-title-hint", errors, "title")
                />
                <FieldProblem errors field="title" />
            </div>
            <div class="field-row">
                <FormField
                    name="input[opens_at]"
                    field="opens_at"
                    label=td_string!(i18n.get_locale_untracked(), campaigns.opens_at).to_string()
                    control=Control::DateTimeLocal
                    errors
                    value=input.opens_at.clone()
                    required=true
                    hint=td_string!(i18n.get_locale_untracked(), campaigns.time_hint).to_string()
                    id_prefix="c-"
                />
                <FormField
                    name="input[deadline]"
                    field="deadline"
                    label=td_string!(i18n.get_locale_untracked(), campaigns.deadline).to_string()
                    control=Control::DateTimeLocal
                    errors
                    value=input.deadline.clone()
                    required=true
                    hint=td_string!(i18n.get_locale_untracked(), campaigns.time_hint).to_string()
                    id_prefix="c-"
                />
            </div>
            <Audience options input errors />
            <div>
                <button type="submit" class="button primary">{t!(i18n, campaigns.create)}</button>
            </div>
        </ActionForm>
    }
}

/// All of the event's companies, or those ticked.
#[component]
fn Audience(
    options: CampaignOptionsDto,
    input: CampaignInput,
    errors: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = input.audience == "chosen";
    let ticked = input.companies;
    view! {
        <fieldset
            class="field audience"
            class:field-invalid=move || problem(errors, "companies").is_some()
            aria-describedby=move || problem(errors, "companies").map(|_| "c-f-companies-error")
        >
            <legend>{t!(i18n, campaigns.audience)}</legend>
            <label class="choice">
                <input type="radio" name="input[audience]" value="all" checked=!chosen />
                {t!(i18n, campaigns.audience_all)}
            </label>
            <label class="choice">
                <input type="radio" name="input[audience]" value="chosen" checked=chosen />
                {t!(i18n, campaigns.audience_chosen)}
            </label>
            <FieldProblem errors field="companies" />
            {if options.participants.is_empty() {
                view! { <p class="empty">{t!(i18n, roster.no_participants)}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{t!(i18n, campaigns.companies_hint)}</p>
                    <ul class="plain company-choices">
                        {options
                            .participants
                            .into_iter()
                            .map(|p| {
                                let value = p.company_id.to_string();
                                let checked = ticked.contains(&value);
                                view! {
                                    <li>
                                        <label class="choice">
                                            <input type="checkbox" name=COMPANIES_FIELD value=value checked=checked />
                                            {p.booth} " " {p.company}
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </fieldset>
    }
}

fn problem(errors: Signal<Option<FieldErrors>>, field: &str) -> Option<crate::domain::Problem> {
    errors.get().and_then(|e| e.for_field(field).cloned())
}

fn described_by(hint: &str, errors: Signal<Option<FieldErrors>>, field: &str) -> String {
    match problem(errors, field) {
        Some(_) => format!("{hint} c-f-{field}-error"),
        None => hint.to_owned(),
    }
}

/// The message of a field's problem, under the field (`c-f-{field}-error`).
#[component]
fn FieldProblem(errors: Signal<Option<FieldErrors>>, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        problem(errors, field).map(|p| {
            view! { <p class="field-error" id=format!("c-f-{field}-error")>{messages::problem(i18n, &p)}</p> }
        })
    }
}

//! `/kpi/settings`: the programme's KPIs. An officer adds a KPI (the sum of a number
//! question, or typed by hand, with a baseline) and sets each fiscal year's target and,
//! where Kotae has no answers for it, the actual value. Plain forms: no JavaScript needed.

use super::kpi_table::KpiTable;
use crate::api::kpi_dto::{KpiDto, KpiSettingsDto};
use crate::api::kpis::{CreateKpi, SetKpiYear, kpi_settings};
use crate::app::use_session;
use crate::components::form::{
    Control, CsrfField, ErrorBanner, FormEcho, FormField, error_of, field_errors_of,
};
use crate::domain::kpi::KpiInput;
use crate::i18n::*;
use crate::routes::companies::successes;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The page's two actions, owned by the page so that they outlive the reloads of its
/// data after each success.
#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateKpi>,
    set: ServerAction<SetKpiYear>,
    /// The KPI whose year form was sent last (with JavaScript), whose form shows the
    /// outcome.
    last_kpi: RwSignal<Option<i32>>,
}

#[component]
pub fn KpiSettingsPage() -> impl IntoView {
    let actions = Actions {
        create: ServerAction::new(),
        set: ServerAction::new(),
        last_kpi: RwSignal::new(None),
    };
    Effect::new(move |_| {
        if let Some(input) = actions.set.input().get() {
            actions.last_kpi.set(Some(input.kpi_id));
        }
    });
    let (created, saved) = (successes(actions.create), successes(actions.set));
    let page = Resource::new(move || (created.get(), saved.get()), |_| kpi_settings());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <KpiSettings page actions /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn KpiSettings(page: KpiSettingsDto, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let query = use_query_map();
    let saved = move || match query.read().get("saved").as_deref() {
        Some("created") => Some(t_string!(i18n, kpis.created_banner).to_string()),
        Some("year") => Some(t_string!(i18n, kpis.year_banner).to_string()),
        _ => None,
    };
    let KpiSettingsDto {
        kpis,
        questions,
        current_year,
    } = page;
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), kpis.settings_title).to_string() />
        <p><a href="/kpi">{t!(i18n, kpis.back)}</a></p>
        <h1>{t!(i18n, kpis.settings_title)}</h1>
        {move || saved().map(|text| view! { <div class="banner banner-ok" role="status">{text}</div> })}
        {kpis
            .into_iter()
            .map(|kpi| {
                let years = (kpi.years.first().map_or(current_year, |y| y.year).min(current_year - 4)
                    ..=current_year + 1)
                    .collect::<Vec<_>>();
                view! {
                    <KpiTable kpi=kpi.clone() year=current_year />
                    {move || can_write().then(|| view! { <YearForm kpi=kpi.clone() years=years.clone() current_year actions /> })}
                }
            })
            .collect_view()}
        {move || can_write().then(|| view! { <NewKpi questions=questions.clone() create=actions.create /> })}
    }
}

/// One year's target and typed actual value of a KPI.
#[component]
fn YearForm(kpi: KpiDto, years: Vec<i32>, current_year: i32, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let set = actions.set;
    let id = kpi.id;
    let echoed =
        FormEcho::of::<SetKpiYear>().filter(|echo| echo.get("kpi_id") == Some(&id.to_string()));
    let mine = echoed.is_some();
    let errors = Signal::derive(move || {
        (mine || actions.last_kpi.get() == Some(id))
            .then(|| field_errors_of(set.value()).get())
            .flatten()
    });
    let error = Signal::derive(move || {
        (mine || actions.last_kpi.get() == Some(id))
            .then(|| error_of(set.value()).get())
            .flatten()
    });
    let chosen = echoed
        .as_ref()
        .and_then(|echo| echo.get("year").and_then(|y| y.parse().ok()))
        .unwrap_or(current_year);
    let typed = |name: &str| {
        echoed
            .as_ref()
            .and_then(|e| e.get(name))
            .unwrap_or_default()
            .to_owned()
    };
    let (typed_target, typed_actual) = (typed("target"), typed("actual"));
    let year_id = format!("kpi{id}-year");
    view! {
        <section class="card no-print" aria-labelledby=format!("kpi-{id}-set")>
            <h3 id=format!("kpi-{id}-set")>
                {move || t_string!(i18n, kpis.set_year_of, kpi = kpi.name.clone()).to_string()}
            </h3>
            <ErrorBanner error />
            <ActionForm action=set attr:class="form filters" attr:novalidate=true>
                <CsrfField />
                <input type="hidden" name="kpi_id" value=id />
                <div class="field">
                    <label for=year_id.clone()>{t!(i18n, dashboards.fiscal_year)}</label>
                    <select id=year_id name="year">
                        {years
                            .into_iter()
                            .map(|y| view! { <option value=y.to_string() selected=y == chosen>{format!("{y}年度")}</option> })
                            .collect_view()}
                    </select>
                </div>
                <FormField
                    name="target"
                    field="target"
                    id_prefix=format!("kpi{id}-")
                    label=td_string!(locale, kpis.target).to_string()
                    control=Control::Text
                    value=typed_target
                    errors
                />
                <FormField
                    name="actual"
                    field="actual"
                    id_prefix=format!("kpi{id}-")
                    label=td_string!(locale, kpis.actual_typed).to_string()
                    hint=td_string!(locale, kpis.actual_hint).to_string()
                    control=Control::Text
                    value=typed_actual
                    errors
                />
                <div class="actions">
                    <button type="submit" class="button">{t!(i18n, kpis.save_year)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// A new KPI.
#[component]
fn NewKpi(
    questions: Vec<crate::api::kpi_dto::NumberQuestion>,
    create: ServerAction<CreateKpi>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let initial = FormEcho::of::<CreateKpi>()
        .and_then(|echo| echo.restore::<KpiInput>("input"))
        .unwrap_or_else(|| KpiInput {
            source: "question".into(),
            ..KpiInput::default()
        });
    let errors = field_errors_of(create.value());
    view! {
        <section class="card no-print" aria-labelledby="new-kpi">
            <h2 id="new-kpi">{t!(i18n, kpis.new)}</h2>
            <ErrorBanner error=error_of(create.value()) />
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <CsrfField />
                <FormField
                    name="input[name]"
                    field="name"
                    label=td_string!(locale, kpis.name).to_string()
                    control=Control::Text
                    value=initial.name.clone()
                    required=true
                    errors
                />
                <FormField
                    name="input[unit]"
                    field="unit"
                    label=td_string!(locale, kpis.unit).to_string()
                    hint=td_string!(locale, kpis.unit_hint).to_string()
                    control=Control::Text
                    value=initial.unit.clone()
                    errors
                />
                <FormField
                    name="input[source]"
                    field="source"
                    label=td_string!(locale, kpis.source).to_string()
                    control=Control::Select {
                        options: vec![
                            ("question".into(), td_string!(locale, kpis.source_question).to_string()),
                            ("manual".into(), td_string!(locale, kpis.source_manual).to_string()),
                        ],
                        placeholder: None,
                    }
                    value=initial.source.clone()
                    errors
                />
                <FormField
                    name="input[question]"
                    field="question"
                    label=td_string!(locale, kpis.question).to_string()
                    hint=td_string!(locale, kpis.question_hint).to_string()
                    control=Control::Select {
                        options: questions
                            .iter()
                            .map(|q| (q.id.clone(), format!("{}（{}）", q.label, q.id)))
                            .collect(),
                        placeholder: Some(td_string!(locale, kpis.choose).to_string()),
                    }
                    value=initial.question.clone()
                    errors
                />
                <FormField
                    name="input[baseline]"
                    field="baseline"
                    label=td_string!(locale, kpis.baseline).to_string()
                    control=Control::Text
                    value=initial.baseline.clone()
                    errors
                />
                <button type="submit" class="button primary">{t!(i18n, kpis.create)}</button>
            </ActionForm>
        </section>
    }
}

//! `/kpi?year=2026`: a fiscal year (April to March) across all its events: how many
//! events and companies, the totals of 商談件数 and 成約件数 by event and by kind of
//! event, and the trend over every year, with 令和 years beside the western ones.

use super::figures::{Chart, Headline, response_rate, satisfaction, value_chart};
use super::kpi_table::KpiTable;
use crate::api::dashboard_dto::{Figures, FiscalYearDashboardDto, GroupRow};
use crate::api::dashboards::fiscal_year_dashboard;
use crate::components::form::ErrorBanner;
use crate::domain::{EventKind, FiscalYear};
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `2026年度（令和8年度）`, or `FY2026` in English.
fn year_label(locale: Locale, year: i32) -> String {
    let year = FiscalYear::new(year);
    match locale {
        Locale::en => year.english_label(),
        Locale::ja => format!("{}年度（{}）", year.start_year(), year.wareki()),
    }
}

#[component]
pub fn FiscalYearPage() -> impl IntoView {
    let query = use_query_map();
    let year = move || {
        query
            .read()
            .get("year")
            .and_then(|y| y.trim().parse::<i32>().ok())
    };
    let page = Resource::new(year, fiscal_year_dashboard);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <FiscalYearDashboard page /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FiscalYearDashboard(page: FiscalYearDashboardDto) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let FiscalYearDashboardDto {
        year,
        events,
        by_kind,
        totals,
        years,
        kpis,
    } = page;
    let label = year_label(locale, year);
    let page_title = format!("{} - {label}", td_string!(locale, dashboards.year_title));
    let heading = label.clone();
    let mut choices: Vec<i32> = years.iter().map(|row| row.key).collect();
    if !choices.contains(&year) {
        choices.push(year);
        choices.sort_unstable();
    }
    let negotiations_title = td_string!(locale, dashboards.negotiations_trend).to_string();
    let contracts_title = td_string!(locale, dashboards.contracts_trend).to_string();
    let trend = |value: fn(&Figures) -> f64| -> Vec<(String, f64)> {
        years
            .iter()
            .map(|row| (year_label(locale, row.key), value(&row.figures)))
            .collect()
    };
    let negotiations_chart = value_chart(
        "negotiations-trend",
        &negotiations_title,
        &trend(|f| f.negotiations().to_f64()),
    );
    let contracts_chart = value_chart(
        "contracts-trend",
        &contracts_title,
        &trend(|f| f.contracts().to_f64()),
    );
    let GroupRow {
        events: event_count,
        companies,
        figures,
        ..
    } = totals;
    view! {
        <Title text=page_title />
        <h1>{move || t_string!(i18n, dashboards.year_heading, year = heading.clone()).to_string()}</h1>
        <form method="get" action="/kpi" class="filters no-print">
            <div class="field">
                <label for="fiscal-year">{t!(i18n, dashboards.fiscal_year)}</label>
                <select id="fiscal-year" name="year">
                    {choices
                        .into_iter()
                        .rev()
                        .map(|choice| view! {
                            <option value=choice.to_string() selected=choice == year>{year_label(locale, choice)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="submit" class="button">{t!(i18n, dashboards.show)}</button>
            </div>
        </form>
        <p class="no-print">
            <a class="button" href=format!("/kpi/export.xlsx?year={year}") download="">{t!(i18n, dashboards.workbook)}</a>
        </p>
        <section class="card" aria-labelledby="year-totals">
            <h2 id="year-totals">{t!(i18n, dashboards.totals)}</h2>
            <dl class="stats">
                <dt>{t!(i18n, dashboards.events)}</dt>
                <dd class="stat-events">{event_count}</dd>
                <dt>{t!(i18n, dashboards.companies)}</dt>
                <dd class="stat-companies">{companies}</dd>
            </dl>
            <Headline figures />
        </section>
        <section class="card" aria-labelledby="year-kpis">
            <h2 id="year-kpis">{t!(i18n, kpis.title)}</h2>
            {if kpis.is_empty() {
                view! { <p>{t!(i18n, kpis.none)}</p> }.into_any()
            } else {
                kpis.into_iter().map(|kpi| view! { <KpiTable kpi year /> }).collect_view().into_any()
            }}
            <p class="no-print"><a href="/kpi/settings">{t!(i18n, kpis.settings_link)}</a></p>
        </section>
        <section class="card" aria-labelledby="year-events">
            <h2 id="year-events">{t!(i18n, dashboards.by_event)}</h2>
            {if events.is_empty() {
                view! { <p>{t!(i18n, dashboards.no_events)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-labelledby="year-events" tabindex="0">
                        <table class="table">
                            <caption class="visually-hidden">{t!(i18n, dashboards.by_event)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, dashboards.event)}</th>
                                    <th scope="col">{t!(i18n, dashboards.kind)}</th>
                                    <th scope="col" class="number">{t!(i18n, dashboards.participants)}</th>
                                    <FigureHeaders />
                                </tr>
                            </thead>
                            <tbody>
                                {events
                                    .into_iter()
                                    .map(|e| view! {
                                        <tr>
                                            <th scope="row">
                                                <a href=format!("/events/{}/summary", e.id)>{e.name}</a>
                                                <br />
                                                <span class="hint">{e.start_date.format("%Y/%m/%d").to_string()}</span>
                                            </th>
                                            <td>{move || messages::event_kind(i18n, e.kind)}</td>
                                            <td class="number">{e.participants}</td>
                                            <FigureCells figures=e.figures />
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <GroupTable
            id="year-kinds"
            title=td_string!(locale, dashboards.by_kind).to_string()
            key_header=td_string!(locale, dashboards.kind).to_string()
            rows=by_kind.into_iter().map(|row| (kind_label(i18n, row.key), row)).collect()
        />
        <section class="card" aria-labelledby="year-trend">
            <h2 id="year-trend">{t!(i18n, dashboards.trend)}</h2>
            <div class="chart-pair">
                <Chart svg=negotiations_chart />
                <Chart svg=contracts_chart />
            </div>
        </section>
        <GroupTable
            id="year-trend-table"
            title=td_string!(locale, dashboards.trend_table).to_string()
            key_header=td_string!(locale, dashboards.fiscal_year).to_string()
            rows=years.into_iter().map(|row| (year_label(locale, row.key), row)).collect()
        />
    }
}

fn kind_label(i18n: leptos_i18n::I18nContext<Locale>, kind: EventKind) -> String {
    messages::event_kind(i18n, kind)
}

#[component]
fn FigureHeaders() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <th scope="col" class="number">{t!(i18n, dashboards.response_rate)}</th>
        <th scope="col" class="number">{t!(i18n, dashboards.negotiations)}</th>
        <th scope="col" class="number">{t!(i18n, dashboards.contracts)}</th>
        <th scope="col" class="number">{t!(i18n, dashboards.satisfaction)}</th>
        <th scope="col" class="number">{t!(i18n, dashboards.seminar_reports)}</th>
        <th scope="col" class="number">{t!(i18n, dashboards.seminar_reports_shared)}</th>
    }
}

#[component]
fn FigureCells(figures: Figures) -> impl IntoView {
    view! {
        <td class="number">{response_rate(&figures)}</td>
        <td class="number">{figures.negotiations().to_string()}</td>
        <td class="number">{figures.contracts().to_string()}</td>
        <td class="number">{satisfaction(&figures)}</td>
        <td class="number">{figures.seminar_reports}</td>
        <td class="number">{figures.seminar_reports_shared}</td>
    }
}

/// Events grouped by kind or by year.
#[component]
fn GroupTable<K: 'static>(
    id: &'static str,
    title: String,
    key_header: String,
    rows: Vec<(String, GroupRow<K>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let region_label = heading_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{title.clone()}</h2>
            <div class="table-scroll" role="region" aria-labelledby=region_label tabindex="0">
                <table class="table" id=id>
                    <caption class="visually-hidden">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{key_header}</th>
                            <th scope="col" class="number">{t!(i18n, dashboards.events)}</th>
                            <th scope="col" class="number">{t!(i18n, dashboards.companies)}</th>
                            <FigureHeaders />
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(label, row)| view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td class="number">{row.events}</td>
                                    <td class="number">{row.companies}</td>
                                    <FigureCells figures=row.figures />
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

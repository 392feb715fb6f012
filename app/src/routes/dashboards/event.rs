//! `/events/{id}/summary`: an event's campaigns side by side: who was asked, who
//! answered, and the totals of 商談件数, 成約件数 and 満足度.

use super::figures::{Chart, Headline, response_rate, satisfaction};
use crate::api::dashboard_dto::EventDashboardDto;
use crate::api::dashboards::event_dashboard;
use crate::components::form::ErrorBanner;
use crate::domain::FiscalYear;
use crate::domain::aggregate::Percent;
use crate::domain::aggregate::svg::{Bar, ChartId, bar_chart};
use crate::error::AppError;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EventSummaryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let page = Resource::new(id, |id| async move {
        match id {
            Some(id) => event_dashboard(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <EventSummary page /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EventSummary(page: EventDashboardDto) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let EventDashboardDto {
        event_id,
        event_name,
        kind,
        start_date,
        end_date,
        fiscal_year,
        participants,
        campaigns,
        totals,
    } = page;
    let year = FiscalYear::new(fiscal_year);
    let year_label = format!("{}年度（{}）", year.start_year(), year.wareki());
    let page_title = format!(
        "{} - {event_name}",
        td_string!(locale, dashboards.event_title)
    );
    let heading = event_name.clone();
    let rate_title = td_string!(locale, dashboards.rate_by_campaign).to_string();
    let bars: Vec<Bar> = campaigns
        .iter()
        .map(|c| Bar {
            label: c.title.clone(),
            count: c.figures.submitted,
            percent: Percent::of(c.figures.submitted, c.figures.invited),
        })
        .collect();
    let rate_chart =
        (!bars.is_empty()).then(|| bar_chart(&ChartId::new("campaign-rates"), &rate_title, &bars));
    view! {
        <Title text=page_title />
        <p class="no-print">
            <a href=format!("/events/{event_id}")>{move || t_string!(i18n, campaigns.back, event = event_name.clone()).to_string()}</a>
        </p>
        <h1>{move || t_string!(i18n, dashboards.event_heading, event = heading.clone()).to_string()}</h1>
        <section class="card" aria-labelledby="event-figures">
            <h2 id="event-figures">{t!(i18n, dashboards.totals)}</h2>
            <dl class="details">
                <dt>{t!(i18n, dashboards.kind)}</dt>
                <dd>{move || messages::event_kind(i18n, kind)}</dd>
                <dt>{t!(i18n, dashboards.period)}</dt>
                <dd>{format!("{} - {}", start_date.format("%Y/%m/%d"), end_date.format("%Y/%m/%d"))}</dd>
                <dt>{t!(i18n, dashboards.fiscal_year)}</dt>
                <dd><a href=format!("/kpi?year={fiscal_year}")>{year_label}</a></dd>
                <dt>{t!(i18n, dashboards.participants)}</dt>
                <dd>{move || t_string!(i18n, campaigns.companies_count, count = participants).to_string()}</dd>
            </dl>
            <Headline figures=totals />
        </section>
        <section class="card" aria-labelledby="event-campaigns">
            <h2 id="event-campaigns">{t!(i18n, dashboards.campaigns)}</h2>
            {if campaigns.is_empty() {
                view! { <p>{t!(i18n, campaigns.none)}</p> }.into_any()
            } else {
                view! {
                    {rate_chart.map(|svg| view! { <Chart svg /> })}
                    <div class="table-scroll" role="region" aria-labelledby="event-campaigns" tabindex="0">
                        <table class="table">
                            <caption class="visually-hidden">{t!(i18n, dashboards.campaigns)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, dashboards.campaign)}</th>
                                    <th scope="col" class="number">{t!(i18n, dashboards.response_rate)}</th>
                                    <th scope="col" class="number">{t!(i18n, dashboards.negotiations)}</th>
                                    <th scope="col" class="number">{t!(i18n, dashboards.contracts)}</th>
                                    <th scope="col" class="number">{t!(i18n, dashboards.satisfaction)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {campaigns
                                    .into_iter()
                                    .map(|c| {
                                        let rate = response_rate(&c.figures);
                                        let satisfaction = satisfaction(&c.figures);
                                        view! {
                                            <tr>
                                                <th scope="row">
                                                    <a href=format!("/events/{event_id}/campaigns/{}/summary", c.id)>{c.title}</a>
                                                    {c.seminar.then(|| view! { " " <span class="badge">{t!(i18n, dashboards.seminar)}</span> })}
                                                </th>
                                                <td class="number">{rate}</td>
                                                <td class="number">{c.figures.negotiations().to_string()}</td>
                                                <td class="number">{c.figures.contracts().to_string()}</td>
                                                <td class="number">{satisfaction}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

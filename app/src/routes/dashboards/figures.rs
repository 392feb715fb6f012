//! The figures both dashboards show: headline numbers, and a chart of numbers per row
//! with the same numbers as a table.

use crate::api::dashboard_dto::Figures;
use crate::domain::aggregate::Percent;
use crate::domain::aggregate::svg::{Bar, ChartId, bar_chart};
use crate::i18n::*;
use leptos::prelude::*;

/// `12 / 40 (30.0%)`.
pub fn response_rate(figures: &Figures) -> String {
    match Percent::of(figures.submitted, figures.invited) {
        Some(percent) => format!("{} / {} ({percent})", figures.submitted, figures.invited),
        None => format!("{} / {}", figures.submitted, figures.invited),
    }
}

pub fn satisfaction(figures: &Figures) -> String {
    figures
        .satisfaction()
        .map(|mean| mean.to_string())
        .unwrap_or_else(|| "-".to_owned())
}

/// The headline numbers of some campaigns.
#[component]
pub fn Headline(figures: Figures) -> impl IntoView {
    let i18n = use_i18n();
    let rate = response_rate(&figures);
    let satisfaction = satisfaction(&figures);
    view! {
        <dl class="stats">
            <dt>{t!(i18n, dashboards.response_rate)}</dt>
            <dd>{rate}</dd>
            <dt>{t!(i18n, dashboards.negotiations)}</dt>
            <dd class="stat-negotiations">{figures.negotiations().to_string()}</dd>
            <dt>{t!(i18n, dashboards.contracts)}</dt>
            <dd class="stat-contracts">{figures.contracts().to_string()}</dd>
            <dt>{t!(i18n, dashboards.satisfaction)}</dt>
            <dd>{satisfaction}</dd>
            <dt>{t!(i18n, dashboards.seminar_reports)}</dt>
            <dd>{figures.seminar_reports}</dd>
            <dt>{t!(i18n, dashboards.seminar_reports_shared)}</dt>
            <dd class="stat-shared">{figures.seminar_reports_shared}</dd>
        </dl>
    }
}

/// A bar per row (`label`, `value`), for counts too large or fractional for a share.
pub fn value_chart(name: &str, title: &str, rows: &[(String, f64)]) -> String {
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(label, value)| Bar {
            label: label.clone(),
            count: whole(*value),
            percent: None,
        })
        .collect();
    bar_chart(&ChartId::new(name), title, &bars)
}

/// A total as a bar's length: rounded, never negative.
fn whole(value: f64) -> u32 {
    if value.is_finite() && value > 0.0 {
        // Bars are drawn to scale of whole counts; the tables carry the exact value.
        value.round().min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// A chart drawn on the server.
#[component]
pub fn Chart(svg: String) -> impl IntoView {
    view! {
        <figure class="chart">
            <div class="chart-image" inner_html=svg></div>
        </figure>
    }
}

//! A KPI year by year: target, actual, achievement, and the running totals since its
//! first year, the row of the year shown marked.

use crate::api::kpi_dto::KpiDto;
use crate::domain::aggregate::Exact;
use crate::domain::kpi::{KpiSource, achievement_tenths};
use crate::i18n::*;
use leptos::prelude::*;

fn shown(value: Option<Exact>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// `125.0%`, or `-`.
pub fn achievement(actual: Option<Exact>, target: Option<Exact>) -> String {
    achievement_tenths(actual, target).map_or_else(
        || "-".to_owned(),
        |t| {
            format!(
                "{}{}.{}%",
                if t < 0 { "-" } else { "" },
                t.abs() / 10,
                t.abs() % 10
            )
        },
    )
}

#[component]
pub fn KpiTable(kpi: KpiDto, year: i32) -> impl IntoView {
    let i18n = use_i18n();
    let KpiDto {
        id,
        name,
        unit,
        source,
        baseline,
        years,
        typed_years,
    } = kpi;
    let heading_id = format!("kpi-{id}");
    let labelled_by = heading_id.clone();
    let region_label = heading_id.clone();
    let source_text = match &source {
        KpiSource::Question(question) => {
            let question = question.as_str().to_owned();
            view! { {move || t_string!(i18n, kpis.source_question_of, question = question.clone()).to_string()} }
                .into_any()
        }
        KpiSource::Manual => view! { {t!(i18n, kpis.source_manual)} }.into_any(),
    };
    let title = if unit.is_empty() {
        name.clone()
    } else {
        format!("{name}（{unit}）")
    };
    view! {
        <section class="card kpi" aria-labelledby=labelled_by>
            <h3 id=heading_id>{title.clone()}</h3>
            <p class="hint">
                {source_text}
                {baseline.map(|b| view! {
                    " / " {t!(i18n, kpis.baseline)} ": " {b.to_string()}
                })}
            </p>
            <div class="table-scroll" role="region" aria-labelledby=region_label tabindex="0">
                <table class="table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, dashboards.fiscal_year)}</th>
                            <th scope="col" class="number">{t!(i18n, kpis.target)}</th>
                            <th scope="col" class="number">{t!(i18n, kpis.actual)}</th>
                            <th scope="col" class="number">{t!(i18n, kpis.achievement)}</th>
                            <th scope="col" class="number">{t!(i18n, kpis.cumulative_target)}</th>
                            <th scope="col" class="number">{t!(i18n, kpis.cumulative_actual)}</th>
                            <th scope="col" class="number">{t!(i18n, kpis.cumulative_achievement)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {years
                            .into_iter()
                            .map(|row| {
                                let current = row.year == year;
                                let typed = typed_years.contains(&row.year);
                                view! {
                                    <tr class:current-year=current aria-current=current.then_some("true")>
                                        <th scope="row">{format!("{}年度", row.year)}</th>
                                        <td class="number">{shown(row.target)}</td>
                                        <td class="number">
                                            {shown(row.actual)}
                                            {typed.then(|| view! { " " <span class="badge">{t!(i18n, kpis.typed)}</span> })}
                                        </td>
                                        <td class="number">{achievement(row.actual, row.target)}</td>
                                        <td class="number">{shown(row.cumulative_target)}</td>
                                        <td class="number">{shown(row.cumulative_actual)}</td>
                                        <td class="number">{achievement(row.cumulative_actual, row.cumulative_target)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

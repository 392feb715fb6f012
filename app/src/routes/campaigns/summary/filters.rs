//! The filters of the summary: a plain GET form, so they work without JavaScript and
//! the filtered page has its own address to bookmark or share with a colleague.

use crate::api::summary_dto::SummaryFilters;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Filters(
    path: String,
    filters: SummaryFilters,
    industries: Vec<String>,
    companies: Vec<(i32, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let industry = filters.industry().unwrap_or_default().to_owned();
    let leader = filters.regional_leader();
    let company = filters.company();
    let filtered = !filters.is_empty();
    view! {
        <section class="card no-print" aria-labelledby="filters-heading">
            <h2 id="filters-heading">{t!(i18n, summary.filters)}</h2>
            <form method="get" action=path.clone() class="filters">
                <div class="field">
                    <label for="filter-industry">{t!(i18n, summary.industry)}</label>
                    <select id="filter-industry" name="industry">
                        <option value="" selected=industry.is_empty()>{t!(i18n, summary.any)}</option>
                        {industries
                            .into_iter()
                            .map(|name| {
                                let selected = name == industry;
                                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-leader">{t!(i18n, summary.leader)}</label>
                    <select id="filter-leader" name="leader">
                        <option value="" selected=leader.is_none()>{t!(i18n, summary.leader_any)}</option>
                        <option value="yes" selected=leader == Some(true)>{t!(i18n, summary.leader_yes)}</option>
                        <option value="no" selected=leader == Some(false)>{t!(i18n, summary.leader_no)}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="filter-company">{t!(i18n, summary.company)}</label>
                    <select id="filter-company" name="company">
                        <option value="" selected=company.is_none()>{t!(i18n, summary.any)}</option>
                        {companies
                            .into_iter()
                            .map(|(id, name)| {
                                view! { <option value=id.to_string() selected=company == Some(id)>{name}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="actions">
                    <button type="submit" class="button">{t!(i18n, summary.apply)}</button>
                    {filtered.then(|| view! { <a href=path.clone() class="button secondary">{t!(i18n, summary.clear)}</a> })}
                </div>
            </form>
        </section>
    }
}

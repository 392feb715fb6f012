//! `/events/{id}/campaigns/{campaign_id}/summary`: what a campaign's submitted answers
//! add up to, question by question, with charts drawn on the server (so they show and
//! print without JavaScript), a table of each chart's data beside it, the companies
//! still missing, filters and the exports.

mod filters;
mod question;
mod texts;

pub use texts::QuestionTextsPage;

use crate::api::summary::campaign_summary;
use crate::api::summary_dto::{CampaignSummaryDto, SummaryFilters};
use crate::components::form::ErrorBanner;
use crate::domain::aggregate::svg::{ChartId, response_rate_bar};
use crate::error::AppError;
use crate::i18n::*;
use filters::Filters;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use question::QuestionCard;

use super::status::StatusLabel;

#[component]
pub fn CampaignSummaryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let request = move || {
        let params = params.read();
        let id = |name| params.get(name).and_then(|s| s.parse::<i32>().ok());
        let query = query.read();
        let filters = SummaryFilters {
            industry: query.get("industry").unwrap_or_default(),
            leader: query.get("leader").unwrap_or_default(),
            company: query.get("company").unwrap_or_default(),
        };
        (id("id"), id("campaign_id"), filters)
    };
    let page = Resource::new(request, |request| async move {
        match request {
            (Some(event_id), Some(campaign_id), filters) => {
                campaign_summary(event_id, campaign_id, filters).await
            }
            _ => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Summary page /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(page: CampaignSummaryDto) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.get_locale_untracked() == Locale::en;
    let CampaignSummaryDto {
        event_name,
        form_title,
        campaign,
        filters,
        industries,
        companies,
        invited,
        submitted,
        missing,
        questions,
        unconvertible,
    } = page;
    let (event_id, campaign_id) = (campaign.event_id, campaign.id);
    let campaign_path = format!("/events/{event_id}/campaigns/{campaign_id}");
    let title = campaign.title.clone();
    let page_title = format!(
        "{} - {} - {event_name}",
        td_string!(i18n.get_locale_untracked(), summary.title),
        campaign.title
    );
    let rate_title = td_string!(i18n.get_locale_untracked(), summary.response_rate).to_string();
    let rate_chart = response_rate_bar(
        &ChartId::new("response-rate"),
        &rate_title,
        submitted,
        invited,
    );
    let texts_href = filters.href(&format!("{campaign_path}/summary/questions/{{}}"), None);
    let export = {
        let (filters, campaign_path) = (filters.clone(), campaign_path.clone());
        move |format: &str| filters.href(&format!("{campaign_path}/export.{format}"), None)
    };
    let missing_count = missing.len();
    view! {
        <Title text=page_title />
        <p class="no-print">
            <a href=campaign_path.clone()>{t!(i18n, summary.back)}</a>
        </p>
        <h1>{move || t_string!(i18n, summary.heading, campaign = title.clone()).to_string()}</h1>
        <p class="hint">{event_name.clone()} " / " {form_title.for_locale(english).to_owned()}</p>
        <Filters path=format!("{campaign_path}/summary") filters industries companies />
        <section class="card" aria-labelledby="rate-heading">
            <h2 id="rate-heading">{t!(i18n, summary.response_rate)}</h2>
            <figure class="chart">
                <div class="chart-image" inner_html=rate_chart></div>
                <figcaption>
                    {move || t_string!(i18n, summary.response_rate_value, invited = invited, submitted = submitted).to_string()}
                </figcaption>
            </figure>
            {if missing.is_empty() {
                view! { <p>{t!(i18n, summary.none_missing)}</p> }.into_any()
            } else {
                view! {
                    <details class="missing">
                        <summary>{move || t_string!(i18n, summary.missing, count = missing_count).to_string()}</summary>
                        <ul>
                            {missing
                                .into_iter()
                                .map(|m| view! { <li>{m.company} " " <StatusLabel status=m.status /></li> })
                                .collect_view()}
                        </ul>
                    </details>
                }.into_any()
            }}
        </section>
        {(submitted == 0).then(|| view! { <p class="banner" role="status">{t!(i18n, summary.no_answers)}</p> })}
        {questions
            .into_iter()
            .map(|result| view! { <QuestionCard result english texts_href=texts_href.clone() /> })
            .collect_view()}
        <section class="card no-print" aria-labelledby="exports-heading">
            <h2 id="exports-heading">{t!(i18n, summary.exports)}</h2>
            <p class="hint">{t!(i18n, summary.exports_note)}</p>
            <ul class="exports">
                <li><a href=export("xlsx") download="">{t!(i18n, summary.xlsx)}</a></li>
                <li><a href=export("csv") download="">{t!(i18n, summary.csv_utf8)}</a></li>
                <li><a href=export("sjis.csv") download="">{t!(i18n, summary.csv_sjis)}</a></li>
            </ul>
            {if unconvertible.is_empty() {
                view! { <p class="hint">{t!(i18n, summary.sjis_ok)}</p> }.into_any()
            } else {
                view! {
                    <div class="sjis-lost">
                        <p>{t!(i18n, summary.sjis_lost)}</p>
                        <ul>
                            {unconvertible
                                .into_iter()
                                .map(|lost| {
                                    view! {
                                        <li>
                                            {move || t_string!(
                                                i18n, summary.sjis_lost_item,
                                                character = lost.character.clone(),
                                                company = lost.company.clone(),
                                                column = lost.column.clone()
                                            ).to_string()}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

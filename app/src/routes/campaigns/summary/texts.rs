//! `/events/{id}/campaigns/{campaign_id}/summary/questions/{question}`: every text
//! written to one question (or every file attached to it), by company name, a page at a
//! time, with the summary's filters. The summary page shows the first of them.

use super::question::{FileList, Listed, TextHeading, TextList};
use crate::api::summary::question_texts;
use crate::api::summary_dto::{QuestionTextsDto, SummaryFilters};
use crate::components::form::ErrorBanner;
use crate::components::pagination::Pagination;
use crate::domain::forms::QuestionKind;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn QuestionTextsPage() -> impl IntoView {
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
        let page = query.get("page").and_then(|page| page.parse().ok());
        (
            id("id"),
            id("campaign_id"),
            params.get("question"),
            filters,
            page.unwrap_or(1),
        )
    };
    let page = Resource::new(request, |request| async move {
        match request {
            (Some(event_id), Some(campaign_id), Some(question), filters, page) => {
                question_texts(event_id, campaign_id, question, filters, page).await
            }
            _ => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Texts page /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Texts(page: QuestionTextsDto) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.get_locale_untracked() == Locale::en;
    let QuestionTextsDto {
        event_name,
        campaign,
        filters,
        number,
        question,
        page,
        pages,
        total,
        first,
        texts,
    } = page;
    let summary_path = format!(
        "/events/{}/campaigns/{}/summary",
        campaign.event_id, campaign.id
    );
    let label = question.label.for_locale(english).to_owned();
    let page_title = format!(
        "{label} - {} - {} - {event_name}",
        td_string!(i18n.get_locale_untracked(), summary.title),
        campaign.title
    );
    let last = first as usize + texts.len().saturating_sub(1);
    let shown = (!texts.is_empty()).then(|| {
        td_string!(
            i18n.get_locale_untracked(),
            summary.texts_shown,
            first = first,
            last = last
        )
        .to_string()
    });
    let listed = Listed {
        texts,
        total,
        more: None,
    };
    let list = match question.kind {
        QuestionKind::File { .. } => view! { <FileList texts=listed /> }.into_any(),
        QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => {
            view! { <TextList texts=listed heading=TextHeading::Texts /> }.into_any()
        }
        _ => view! { <TextList texts=listed heading=TextHeading::Other /> }.into_any(),
    };
    let this_path = format!("{summary_path}/questions/{}", question.id.as_str());
    let href = {
        let filters = filters.clone();
        move |to: u64| filters.href(&this_path, Some(u32::try_from(to).unwrap_or(u32::MAX)))
    };
    view! {
        <Title text=page_title />
        <p class="no-print">
            <a href=filters.href(&summary_path, None)>{t!(i18n, summary.back_to_summary)}</a>
        </p>
        <h1>
            <span class="question-number">
                {move || t_string!(i18n, summary.question_number, number = number).to_string()}
            </span>
            " "
            {label.clone()}
        </h1>
        <p class="hint">
            {event_name.clone()} " / " {campaign.title.clone()}
            {(!filters.is_empty()).then(|| view! { " / " {t!(i18n, summary.texts_filtered)} })}
        </p>
        <section class="card">
            {list}
            {shown.map(|shown| view! { <p class="hint">{shown}</p> })}
        </section>
        <Pagination page=u64::from(page) pages=u64::from(pages) href />
    }
}

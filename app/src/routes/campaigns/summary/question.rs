//! One question of the summary: its chart, the chart's data as a table, its statistics
//! and the texts written, each with the company that wrote it.

use crate::api::summary_dto::{CompanyText, QuestionResult};
use crate::components::answer_lines::FileLinks;
use crate::domain::aggregate::svg::{Bar, ChartId, bar_chart, histogram_chart};
use crate::domain::aggregate::{Breakdown, Exact, NumberSummary, Percent};
use crate::domain::forms::{QuestionKind, Text};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn QuestionCard(
    result: QuestionResult,
    english: bool,
    /// The question's own pages of texts, `{}` standing for its id.
    texts_href: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let QuestionResult {
        number,
        question,
        summary,
        texts,
        texts_total,
    } = result;
    // Only what the card cannot list links to the rest.
    let more = (texts.len() < texts_total as usize)
        .then(|| texts_href.replace("{}", question.id.as_str()));
    let texts = Listed {
        texts,
        total: texts_total,
        more,
    };
    let label = question.label.for_locale(english).to_owned();
    let heading_id = format!("q-{}-heading", question.id.as_str());
    let labelled_by = heading_id.clone();
    let chart_id = ChartId::new(question.id.as_str());
    let (answered, blank, unfit) = (summary.answered, summary.blank, summary.unfit);
    let unit = unit_of(&question.kind).map(|unit| unit.for_locale(english).to_owned());
    let body = match summary.breakdown {
        Breakdown::Choices(choices) => {
            let other = td_string!(i18n.get_locale_untracked(), summary.other).to_string();
            let bars = Bar::for_choices(&choices, &other, english);
            let chart = bar_chart(&chart_id, &label, &bars);
            let heading = td_string!(i18n.get_locale_untracked(), summary.option).to_string();
            let other_texts = choices.other.is_some().then(|| {
                view! { <TextList texts heading=TextHeading::Other /> }
            });
            view! { <ChartWithData chart bars heading /> {other_texts} }.into_any()
        }
        Breakdown::Rating(rating) => {
            let bars = Bar::for_rating(&rating);
            let chart = bar_chart(&chart_id, &label, &bars);
            let heading = td_string!(i18n.get_locale_untracked(), summary.point).to_string();
            let mean = rating.mean.map(|mean| {
                view! {
                    <dl class="stats">
                        <dt>{t!(i18n, summary.mean)}</dt>
                        <dd>{mean.to_string()}</dd>
                    </dl>
                }
            });
            view! { {mean} <ChartWithData chart bars heading /> }.into_any()
        }
        Breakdown::Numbers(Some(numbers)) => {
            let chart = histogram_chart(&chart_id, &label, &numbers.histogram);
            let bars: Vec<Bar> = numbers
                .histogram
                .bins
                .iter()
                .map(|bin| Bar {
                    label: bin.label(),
                    count: bin.count,
                    percent: Percent::of(bin.count, answered),
                })
                .collect();
            let heading = td_string!(i18n.get_locale_untracked(), summary.range).to_string();
            view! { <Statistics numbers unit /> <ChartWithData chart bars heading /> }.into_any()
        }
        Breakdown::Numbers(None) => ().into_any(),
        Breakdown::Counted => match question.kind {
            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => {
                view! { <TextList texts heading=TextHeading::Texts /> }.into_any()
            }
            QuestionKind::File { .. } => view! { <FileList texts /> }.into_any(),
            _ => view! { <p class="hint">{t!(i18n, summary.counted_only)}</p> }.into_any(),
        },
    };
    view! {
        <section class="card question-summary" aria-labelledby=labelled_by>
            <h2 id=heading_id>
                <span class="question-number">
                    {move || t_string!(i18n, summary.question_number, number = number).to_string()}
                </span>
                " "
                {label.clone()}
            </h2>
            <p class="hint">
                {move || t_string!(i18n, summary.answered, answered = answered, blank = blank).to_string()}
                {(unfit > 0).then(|| view! {
                    " / " {move || t_string!(i18n, summary.unfit, count = unfit).to_string()}
                })}
            </p>
            {body}
        </section>
    }
}

fn unit_of(kind: &QuestionKind) -> Option<&Text> {
    match kind {
        QuestionKind::Integer { unit, .. } | QuestionKind::Decimal { unit, .. } => unit.as_ref(),
        _ => None,
    }
}

/// The chart, drawn on the server, and a table of the same numbers for screen readers,
/// for copying, and for paper.
#[component]
fn ChartWithData(chart: String, bars: Vec<Bar>, heading: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="chart-with-data">
            <figure class="chart">
                <div class="chart-image" inner_html=chart></div>
            </figure>
            <table class="table chart-data">
                <caption>{t!(i18n, summary.chart_data)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{heading}</th>
                        <th scope="col" class="number">{t!(i18n, summary.count)}</th>
                        <th scope="col" class="number">{t!(i18n, summary.share)}</th>
                    </tr>
                </thead>
                <tbody>
                    {bars
                        .into_iter()
                        .map(|bar| {
                            view! {
                                <tr>
                                    <th scope="row">{bar.label}</th>
                                    <td class="number">{bar.count}</td>
                                    <td class="number">{bar.percent.map(|p| p.to_string()).unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Sum, mean, median and extremes of a number question, with its unit.
#[component]
fn Statistics(numbers: NumberSummary, unit: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let with_unit = move |value: Exact| match &unit {
        Some(unit) => format!("{value} {unit}"),
        None => value.to_string(),
    };
    view! {
        <dl class="stats">
            <dt>{t!(i18n, summary.sum)}</dt>
            <dd class="stat-sum">{with_unit(numbers.sum)}</dd>
            <dt>{t!(i18n, summary.mean)}</dt>
            <dd>{with_unit(numbers.mean)}</dd>
            <dt>{t!(i18n, summary.median)}</dt>
            <dd>{with_unit(numbers.median)}</dd>
            <dt>{t!(i18n, summary.min)}</dt>
            <dd>{with_unit(numbers.min)}</dd>
            <dt>{t!(i18n, summary.max)}</dt>
            <dd>{with_unit(numbers.max)}</dd>
        </dl>
    }
}

#[derive(Clone, Copy)]
pub(super) enum TextHeading {
    Texts,
    Other,
}

/// Texts (or attached files) of a question, by company name: the first of them on the
/// summary, a page of them on the question's own pages.
pub(super) struct Listed {
    pub texts: Vec<CompanyText>,
    /// How many there are in all.
    pub total: u32,
    /// Where all of them are, when these are not all.
    pub more: Option<String>,
}

/// The link to the rest of a list, when there is more.
#[component]
fn More(more: Option<String>, total: u32) -> impl IntoView {
    let i18n = use_i18n();
    more.map(|href| {
        view! {
            <p class="more-texts">
                <a href=href>{move || t_string!(i18n, summary.all_texts, count = total).to_string()}</a>
            </p>
        }
    })
}

/// The files each company attached, linked to their download.
#[component]
pub(super) fn FileList(texts: Listed) -> impl IntoView {
    let i18n = use_i18n();
    let Listed { texts, total, more } = texts;
    view! {
        <h3 class="texts-heading">{move || t_string!(i18n, summary.files, count = total).to_string()}</h3>
        <ul class="free-texts">
            {texts
                .into_iter()
                .map(|t| {
                    view! {
                        <li>
                            <FileLinks files=t.files href="/files".to_owned() />
                            <p class="hint">{t.company}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <More more total />
    }
}

/// Texts written, each with its company.
#[component]
pub(super) fn TextList(texts: Listed, heading: TextHeading) -> impl IntoView {
    let i18n = use_i18n();
    let Listed { texts, total, more } = texts;
    let title = move || match heading {
        TextHeading::Texts => t_string!(i18n, summary.texts, count = total).to_string(),
        TextHeading::Other => t_string!(i18n, summary.other_texts, count = total).to_string(),
    };
    view! {
        <h3 class="texts-heading">{title}</h3>
        {if texts.is_empty() {
            view! { <p class="hint">{t!(i18n, summary.no_texts)}</p> }.into_any()
        } else {
            view! {
                <ul class="free-texts">
                    {texts
                        .into_iter()
                        .map(|t| view! { <li><p class="free-text">{t.text}</p> <p class="hint">{t.company}</p></li> })
                        .collect_view()}
                </ul>
            }.into_any()
        }}
        <More more total />
    }
}

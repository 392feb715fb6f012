//! `/a/{token}/receipt`: the confirmation after submitting, with the receipt number and
//! what was submitted.

use super::{LinkProblem, deadline_text};
use crate::api::answers::{ReceiptDto, load_receipt};
use crate::components::answer_form::AnswerSummary;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let receipt = Resource::new_blocking(|| (), move |_| load_receipt(token.clone()));
    view! {
        <Meta name="robots" content="noindex, nofollow" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match receipt.await {
                    Ok(receipt) => view! { <Receipt receipt /> }.into_any(),
                    Err(error) => view! { <LinkProblem error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Receipt(receipt: ReceiptDto) -> impl IntoView {
    let i18n = use_i18n();
    let english = i18n.get_locale_untracked() == Locale::en;
    let title = receipt.definition.title.for_locale(english).to_owned();
    let back = format!("/a/{}", receipt.token);
    view! {
        <Title text=t_string!(i18n, answer_page.receipt_title).to_string() />
        <p class="answer-event">{receipt.event.clone()} " / " {receipt.campaign.clone()}</p>
        <h1>{t!(i18n, answer_page.receipt_title)}</h1>
        <dl class="answer-facts receipt-facts">
            <dt>{t!(i18n, answer_page.receipt_number)}</dt>
            <dd class="receipt-number">{receipt.receipt.clone()}</dd>
            <dt>{t!(i18n, answer_page.company)}</dt>
            <dd>{receipt.company.clone()}</dd>
            <dt>{t!(i18n, answer_page.submitted_at)}</dt>
            <dd>{deadline_text(receipt.submitted_at)}</dd>
            <dt>{t!(i18n, answer_page.deadline)}</dt>
            <dd>{deadline_text(receipt.window.closes_at())}</dd>
        </dl>
        <section class="card" aria-labelledby="your-answers">
            <h2 id="your-answers">{t!(i18n, answer_page.your_answers)} " — " {title}</h2>
            <AnswerSummary definition=receipt.definition.clone() answers=receipt.answers.clone() />
        </section>
        {receipt
            .can_edit
            .then(|| {
                view! {
                    <p>
                        <a href=back>{t!(i18n, answer_page.edit)}</a>
                    </p>
                }
            })}
    }
}

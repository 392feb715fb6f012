//! `/events/{id}/campaigns/{campaign_id}/mail/{message_id}`: one message as it was (or
//! will be) sent: recipients, subject, Message-ID, state and the plain-text body with
//! the company's current link.

use super::labels::{DeliveryState, reply_text};
use crate::api::mail::delivery_message;
use crate::api::mail_dto::MessageDto;
use crate::components::form::ErrorBanner;
use crate::domain::office_time::format_office_time;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MessagePage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let params = params.read();
        let id = |name| params.get(name).and_then(|s| s.parse::<i32>().ok());
        (id("id"), id("campaign_id"), id("message_id"))
    };
    let page = Resource::new(ids, |ids| async move {
        match ids {
            (Some(event_id), Some(campaign_id), Some(id)) => {
                delivery_message(event_id, campaign_id, id).await
            }
            _ => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match (page.await, ids()) {
                    (Ok(message), (Some(event_id), _, _)) => view! { <Message message event_id /> }.into_any(),
                    (Err(error), _) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Message(message: MessageDto, event_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let MessageDto {
        delivery,
        to,
        cc,
        message_id,
        body_text,
    } = message;
    let back = format!("/events/{event_id}/campaigns/{}/mail", delivery.campaign_id);
    let title = format!(
        "{} - {}",
        td_string!(locale, mail.message_title),
        delivery.subject
    );
    let reply = delivery.last_reply.clone();
    view! {
        <Title text=title />
        <p><a href=back>{t!(i18n, mail.back_to_log)}</a></p>
        <h1>{t!(i18n, mail.message_title)}</h1>
        <section class="card">
            <dl class="details">
                <dt>{t!(i18n, mail.subject)}</dt>
                <dd>{delivery.subject.clone()}</dd>
                <dt>{t!(i18n, mail.to)}</dt>
                <dd>{to.join(", ")}</dd>
                {(!cc.is_empty()).then(|| view! { <dt>{t!(i18n, mail.cc)}</dt> <dd>{cc.join(", ")}</dd> })}
                <dt>{t!(i18n, mail.message_id)}</dt>
                <dd><code>{message_id}</code></dd>
                <dt>{t!(i18n, mail.state)}</dt>
                <dd>
                    <DeliveryState code=delivery.state.clone() />
                    " "
                    {format_office_time(delivery.sent_at.unwrap_or(delivery.due_at))}
                </dd>
                <dt>{t!(i18n, mail.attempts)}</dt>
                <dd>{delivery.attempts}</dd>
                <dt>{t!(i18n, mail.reply)}</dt>
                <dd>{move || reply_text(i18n, &reply)}</dd>
            </dl>
        </section>
        <section class="card" aria-labelledby="body-heading">
            <h2 id="body-heading">{t!(i18n, mail.body)}</h2>
            <pre class="mail-body" tabindex="0" aria-labelledby="body-heading">{body_text}</pre>
        </section>
    }
}

//! A table of messages: the delivery log of a campaign, or the failures of an event.

use super::labels::{DeliveryState, purpose_text, reply_text};
use crate::api::mail_dto::DeliveryDto;
use crate::domain::office_time::format_office_time;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn DeliveryTable(
    messages: Vec<DeliveryDto>,
    event_id: i32,
    /// The id of the heading that names the table.
    labelled_by: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" role="region" aria-labelledby=labelled_by tabindex="0">
            <table class="table deliveries">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, mail.time)}</th>
                        <th scope="col">{t!(i18n, mail.company)}</th>
                        <th scope="col">{t!(i18n, mail.purpose)}</th>
                        <th scope="col">{t!(i18n, mail.recipients)}</th>
                        <th scope="col">{t!(i18n, mail.state)}</th>
                        <th scope="col">{t!(i18n, mail.attempts)}</th>
                        <th scope="col">{t!(i18n, mail.reply)}</th>
                        <th scope="col">{t!(i18n, mail.open)}</th>
                    </tr>
                </thead>
                <tbody>
                    {messages
                        .into_iter()
                        .map(|message| {
                            let when = format_office_time(message.sent_at.unwrap_or(message.due_at));
                            let href = format!(
                                "/events/{event_id}/campaigns/{}/mail/{}",
                                message.campaign_id,
                                message.id
                            );
                            let purpose = message.purpose.clone();
                            let company = message.company.clone();
                            let reply = message.last_reply.clone();
                            let label = move || {
                                t_string!(
                                    i18n,
                                    mail.open_of,
                                    company = company.clone(),
                                    purpose = purpose_text(i18n, &purpose)
                                )
                                .to_string()
                            };
                            let purpose = message.purpose.clone();
                            view! {
                                <tr>
                                    <td class="time">{when}</td>
                                    <th scope="row">
                                        <a href=format!("/companies/{}", message.company_id)>{message.company.clone()}</a>
                                    </th>
                                    <td>
                                        {move || purpose_text(i18n, &purpose)}
                                        {(message.sequence > 1).then(|| format!(" #{}", message.sequence))}
                                    </td>
                                    <td class="recipients">{message.to.join(", ")}</td>
                                    <td class="state"><DeliveryState code=message.state.clone() /></td>
                                    <td>{message.attempts}</td>
                                    <td class="reply">{move || reply_text(i18n, &reply)}</td>
                                    <td><a href=href aria-label=label>{t!(i18n, mail.open)}</a></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

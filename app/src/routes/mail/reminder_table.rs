//! Each company's reminders in a campaign: how many, the next one, and an officer's
//! "remind now" and pause / resume.

use crate::api::mail::{PauseReminders, RemindNow};
use crate::api::mail_dto::ReminderRowDto;
use crate::app::use_session;
use crate::components::form::CsrfField;
use crate::domain::office_time::format_office_time;
use crate::i18n::*;
use crate::routes::campaigns::status::StatusLabel;
use leptos::prelude::*;

#[component]
pub fn ReminderTable(
    rows: Vec<ReminderRowDto>,
    event_id: i32,
    campaign_id: i32,
    remind: ServerAction<RemindNow>,
    pause: ServerAction<PauseReminders>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" role="region" aria-labelledby="reminders-heading" tabindex="0">
            <table class="table reminders">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, mail.company)}</th>
                        <th scope="col">{t!(i18n, mail.status)}</th>
                        <th scope="col">{t!(i18n, mail.sent_count)}</th>
                        <th scope="col">{t!(i18n, mail.next)}</th>
                        <th scope="col">{t!(i18n, mail.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| view! { <Row row event_id campaign_id remind pause /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Row(
    row: ReminderRowDto,
    event_id: i32,
    campaign_id: i32,
    remind: ServerAction<RemindNow>,
    pause: ServerAction<PauseReminders>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let open = !row.status.counts_as_submitted();
    let count = row.reminders_queued;
    let next = match (row.paused, open, row.next_reminder_at) {
        (true, _, _) => None,
        (false, true, Some(at)) => Some(format_office_time(at)),
        _ => None,
    };
    let id = row.invitation_id;
    let company = row.company.clone();
    let (remind_label, pause_label, resume_label) = {
        let locale = i18n.get_locale_untracked();
        (
            td_string!(locale, mail.remind_now_of, company = company.clone()).to_string(),
            td_string!(locale, mail.pause_of, company = company.clone()).to_string(),
            td_string!(locale, mail.resume_of, company = company.clone()).to_string(),
        )
    };
    let paused = row.paused;
    view! {
        <tr id=format!("reminders-{id}")>
            <th scope="row">{row.company.clone()}</th>
            <td><StatusLabel status=row.status /></td>
            <td>{move || t_string!(i18n, mail.sent_count_value, count = count).to_string()}</td>
            <td>
                {match next {
                    Some(at) => at.into_any(),
                    None => view! { {move || t_string!(i18n, mail.next_none).to_string()} }.into_any(),
                }}
                {paused.then(|| view! { " " <span class="badge">{t!(i18n, mail.paused)}</span> })}
            </td>
            <td>
                {move || (can_write() && open).then(|| {
                    let (remind_label, pause_label, resume_label) =
                        (remind_label.clone(), pause_label.clone(), resume_label.clone());
                    view! {
                        <ActionForm action=remind attr:class="inline-form">
                            <CsrfField />
                            <input type="hidden" name="event_id" value=event_id />
                            <input type="hidden" name="campaign_id" value=campaign_id />
                            <input type="hidden" name="invitation_id" value=id />
                            <button type="submit" class="button secondary small" aria-label=remind_label>
                                {t!(i18n, mail.remind_now)}
                            </button>
                        </ActionForm>
                        <ActionForm action=pause attr:class="inline-form">
                            <CsrfField />
                            <input type="hidden" name="event_id" value=event_id />
                            <input type="hidden" name="campaign_id" value=campaign_id />
                            <input type="hidden" name="invitation_id" value=id />
                            <input type="hidden" name="paused" value=(!paused).to_string() />
                            {if paused {
                                view! {
                                    <button type="submit" class="button secondary small" aria-label=resume_label>
                                        {t!(i18n, mail.resume)}
                                    </button>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <button type="submit" class="button secondary small" aria-label=pause_label>
                                        {t!(i18n, mail.pause)}
                                    </button>
                                }
                                    .into_any()
                            }}
                        </ActionForm>
                    }
                })}
            </td>
        </tr>
    }
}

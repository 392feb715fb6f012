//! `/events/{id}/campaigns/{campaign_id}/mail`: a campaign's email. The reminder policy
//! (with the times it plans), each company's reminders with "remind now" and pause,
//! the wording of each kind of message, and the delivery log: every message with its state, attempts and the mail server's
//! last reply.

use super::delivery_table::DeliveryTable;
use super::policy_form::PolicyForm;
use super::reminder_table::ReminderTable;
use super::template_list::TemplateList;
use crate::api::mail::{PauseReminders, RemindNow, SaveReminderPolicy, delivery_log};
use crate::api::mail_dto::DeliveryLogDto;
use crate::app::use_session;
use crate::components::form::ErrorBanner;
use crate::components::saved_banner::SavedBanner;
use crate::domain::office_time::format_office_time;
use crate::error::AppError;
use crate::i18n::*;
use crate::routes::companies::successes;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The page's actions, owned by the page so that they outlive the reloads of its data.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveReminderPolicy>,
    remind: ServerAction<RemindNow>,
    pause: ServerAction<PauseReminders>,
}

#[component]
pub fn MailPage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let params = params.read();
        let id = |name| params.get(name).and_then(|s| s.parse::<i32>().ok());
        (id("id"), id("campaign_id"))
    };
    let actions = Actions {
        save: ServerAction::new(),
        remind: ServerAction::new(),
        pause: ServerAction::new(),
    };
    let changes = (
        successes(actions.save),
        successes(actions.remind),
        successes(actions.pause),
    );
    let page = Resource::new(
        move || (ids(), changes.0.get(), changes.1.get(), changes.2.get()),
        |(ids, ..)| async move {
            match ids {
                (Some(event_id), Some(campaign_id)) => delivery_log(event_id, campaign_id).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match (page.await, ids()) {
                    (Ok(page), (Some(event_id), Some(campaign_id))) => {
                        view! { <Mail page event_id campaign_id actions /> }.into_any()
                    }
                    (Err(error), _) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Mail(page: DeliveryLogDto, event_id: i32, campaign_id: i32, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let DeliveryLogDto {
        event_name,
        campaign_title,
        deadline,
        policy,
        schedule,
        companies,
        messages,
        templates,
    } = page;
    let title = td_string!(locale, mail.page_title, campaign = campaign_title.clone()).to_string();
    let page_title = format!("{title} - {event_name}");
    let back = td_string!(locale, mail.back, campaign = campaign_title.clone()).to_string();
    let empty_log = messages.is_empty();
    view! {
        <Title text=page_title />
        <p><a href=format!("/events/{event_id}/campaigns/{campaign_id}")>{back}</a></p>
        <h1>{title}</h1>
        <SavedBanner words=saved_words />
        <section class="card" aria-labelledby="policy-heading">
            <h2 id="policy-heading">{t!(i18n, mail.policy)}</h2>
            <p class="hint">{t!(i18n, mail.policy_note)}</p>
            {move || can_write().then(|| view! {
                <PolicyForm event_id campaign_id policy=policy.clone() save=actions.save />
            })}
            <h3>{t!(i18n, mail.schedule)} " (" {format_office_time(deadline)} ")"</h3>
            {if schedule.is_empty() {
                view! { <p>{t!(i18n, mail.schedule_none)}</p> }.into_any()
            } else {
                view! {
                    <ol class="schedule">
                        {schedule.into_iter().map(|at| view! { <li>{format_office_time(at)}</li> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
        <section class="card" aria-labelledby="reminders-heading">
            <h2 id="reminders-heading">{t!(i18n, mail.companies)}</h2>
            <ReminderTable rows=companies event_id campaign_id remind=actions.remind pause=actions.pause />
        </section>
        <section class="card" aria-labelledby="templates-heading">
            <h2 id="templates-heading">{t!(i18n, mail.templates)}</h2>
            <p class="hint">{t!(i18n, mail.templates_note)}</p>
            <TemplateList templates event_id campaign_id />
        </section>
        <section class="card" aria-labelledby="log-heading">
            <h2 id="log-heading">{t!(i18n, mail.log)}</h2>
            {if empty_log {
                view! { <p>{t!(i18n, mail.log_empty)}</p> }.into_any()
            } else {
                view! { <DeliveryTable messages event_id labelled_by="log-heading" /> }.into_any()
            }}
        </section>
    }
}

fn saved_words(i18n: I18nContext<Locale>, code: &str) -> Option<String> {
    let text = match code {
        "policy" => t_string!(i18n, mail.saved_policy),
        "reminded" => t_string!(i18n, mail.saved_reminded),
        "not_reminded" => t_string!(i18n, mail.saved_not_reminded),
        "paused" => t_string!(i18n, mail.saved_paused),
        "resumed" => t_string!(i18n, mail.saved_resumed),
        _ => return None,
    };
    Some(text.to_string())
}

//! A message's kind and delivery state in the reader's language.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn purpose_text(i18n: I18nContext<Locale>, code: &str) -> String {
    match code {
        "invitation" => t_string!(i18n, mail.purposes.invitation).to_string(),
        "reminder" => t_string!(i18n, mail.purposes.reminder).to_string(),
        "receipt" => t_string!(i18n, mail.purposes.receipt).to_string(),
        "digest" => t_string!(i18n, mail.purposes.digest).to_string(),
        "returned" => t_string!(i18n, mail.purposes.returned).to_string(),
        other => other.to_owned(),
    }
}

pub fn state_text(i18n: I18nContext<Locale>, code: &str) -> String {
    match code {
        "queued" => t_string!(i18n, mail.states.queued).to_string(),
        "sending" => t_string!(i18n, mail.states.sending).to_string(),
        "sent" => t_string!(i18n, mail.states.sent).to_string(),
        "failed" => t_string!(i18n, mail.states.failed).to_string(),
        "cancelled" => t_string!(i18n, mail.states.cancelled).to_string(),
        other => other.to_owned(),
    }
}

/// The mail server's reply, or our reason in words when there was no server to ask.
pub fn reply_text(i18n: I18nContext<Locale>, reply: &str) -> String {
    if reply == "no recipient address" {
        t_string!(i18n, mail.no_address).to_string()
    } else {
        reply.to_owned()
    }
}

#[component]
pub fn DeliveryState(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("status mail-{code}");
    view! { <span class=class>{move || state_text(i18n, &code)}</span> }
}

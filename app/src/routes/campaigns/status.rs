//! Where a company stands with a campaign, in words.

use crate::domain::campaigns::InvitationStatus;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn status_text(i18n: I18nContext<Locale>, status: InvitationStatus) -> String {
    match status {
        InvitationStatus::NotOpened => t_string!(i18n, campaigns.status.not_opened).to_string(),
        InvitationStatus::Opened => t_string!(i18n, campaigns.status.opened).to_string(),
        InvitationStatus::Draft => t_string!(i18n, campaigns.status.draft).to_string(),
        InvitationStatus::Submitted => t_string!(i18n, campaigns.status.submitted).to_string(),
        InvitationStatus::Returned => t_string!(i18n, campaigns.status.returned).to_string(),
        InvitationStatus::Approved => t_string!(i18n, campaigns.status.approved).to_string(),
    }
}

/// A status as a coloured label; the words carry the meaning, the colour only helps.
#[component]
pub fn StatusLabel(status: InvitationStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("status status-{}", status.as_code())>
            {move || status_text(i18n, status)}
        </span>
    }
}

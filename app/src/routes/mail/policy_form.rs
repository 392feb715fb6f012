//! The reminder policy of a campaign: a plain form (no JavaScript needed) whose refused
//! values come back as typed, with the error beside each field.

use crate::api::mail::SaveReminderPolicy;
use crate::components::form::{
    Control, CsrfField, ErrorBanner, FormEcho, FormField, error_of, field_errors_of,
};
use crate::domain::mail::ReminderPolicyInput;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn PolicyForm(
    event_id: i32,
    campaign_id: i32,
    policy: ReminderPolicyInput,
    save: ServerAction<SaveReminderPolicy>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let errors = field_errors_of(save.value());
    let error = error_of(save.value());
    // After a refused post without JavaScript: what was typed.
    let echo = FormEcho::of::<SaveReminderPolicy>();
    let echoed = echo.clone();
    let value = move |name: &str, stored: &str| {
        echoed
            .as_ref()
            .map(|e| e.get(name).unwrap_or_default().to_owned())
            .unwrap_or_else(|| stored.to_owned())
    };
    let enabled = match echo.clone() {
        Some(e) => e.get("policy[enabled]").unwrap_or_default().to_owned(),
        None => policy.enabled.clone().unwrap_or_default(),
    };
    let text = move |key: &str| match key {
        "days_before" => td_string!(locale, mail.days_before).to_string(),
        "days_before_hint" => td_string!(locale, mail.days_before_hint).to_string(),
        "every" => td_string!(locale, mail.every_days_after).to_string(),
        "every_hint" => td_string!(locale, mail.every_days_after_hint).to_string(),
        "max" => td_string!(locale, mail.max_reminders).to_string(),
        "start" => td_string!(locale, mail.window_start_hour).to_string(),
        "end" => td_string!(locale, mail.window_end_hour).to_string(),
        _ => td_string!(locale, mail.enabled).to_string(),
    };
    view! {
        <ErrorBanner error />
        <ActionForm action=save attr:class="form policy-form" attr:novalidate=true>
            <CsrfField />
            <input type="hidden" name="event_id" value=event_id />
            <input type="hidden" name="campaign_id" value=campaign_id />
            <FormField
                name="policy[enabled]"
                field="enabled"
                label=text("enabled")
                control=Control::Checkbox
                errors
                value=enabled
            />
            <FormField
                name="policy[days_before]"
                field="days_before"
                label=text("days_before")
                hint=text("days_before_hint")
                control=Control::Text
                errors
                value=value("policy[days_before]", &policy.days_before)
            />
            <FormField
                name="policy[every_days_after]"
                field="every_days_after"
                label=text("every")
                hint=text("every_hint")
                control=Control::Text
                errors
                value=value("policy[every_days_after]", &policy.every_days_after)
            />
            <FormField
                name="policy[max_reminders]"
                field="max_reminders"
                label=text("max")
                control=Control::Text
                errors
                required=true
                value=value("policy[max_reminders]", &policy.max_reminders)
            />
            <FormField
                name="policy[window_start_hour]"
                field="window_start_hour"
                label=text("start")
                control=Control::Text
                errors
                required=true
                value=value("policy[window_start_hour]", &policy.window_start_hour)
            />
            <FormField
                name="policy[window_end_hour]"
                field="window_end_hour"
                label=text("end")
                control=Control::Text
                errors
                required=true
                value=value("policy[window_end_hour]", &policy.window_end_hour)
            />
            <button type="submit" class="button">{t!(i18n, mail.save_policy)}</button>
        </ActionForm>
    }
}

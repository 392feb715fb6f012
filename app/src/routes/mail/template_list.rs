//! The kinds of message of a campaign, each with its wording (standard or the campaign's
//! own) and a link to its editor.

use super::labels::purpose_text;
use crate::api::mail_dto::TemplateSummaryDto;
use crate::domain::office_time::format_office_time;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn TemplateList(
    templates: Vec<TemplateSummaryDto>,
    event_id: i32,
    campaign_id: i32,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <table class="templates" aria-labelledby="templates-heading">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, mail.template_kind)}</th>
                    <th scope="col">{t!(i18n, mail.template_state)}</th>
                    <th scope="col">{t!(i18n, mail.actions)}</th>
                </tr>
            </thead>
            <tbody>
                {templates
                    .into_iter()
                    .map(|template| {
                        let kind = purpose_text(i18n, &template.purpose);
                        let state = match template.updated_at {
                            Some(at) if template.custom => {
                                td_string!(locale, mail.template_state_custom, at = format_office_time(at))
                                    .to_string()
                            }
                            _ => td_string!(locale, mail.template_state_builtin).to_string(),
                        };
                        let href = format!(
                            "/events/{event_id}/campaigns/{campaign_id}/mail/templates/{}",
                            template.purpose
                        );
                        let label = td_string!(locale, mail.template_edit_of, kind = kind.clone())
                            .to_string();
                        view! {
                            <tr>
                                <td>{kind}</td>
                                <td>{state}</td>
                                <td>
                                    <a href=href aria-label=label>{t!(i18n, mail.template_edit)}</a>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

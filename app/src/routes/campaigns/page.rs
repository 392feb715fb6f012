//! `/events/{id}/campaigns/{campaign_id}`: one campaign and the personal link of every
//! company asked, with what an officer may do about one link: copy it, issue a new one,
//! give the company more time.

use super::copy_link::CopyButton;
use super::status::StatusLabel;
use crate::api::campaign_dto::{CampaignPageDto, InvitationDto};
use crate::api::campaigns::{ExtendDeadline, RegenerateLink, get_campaign};
use crate::app::use_session;
use crate::components::form::{CsrfField, ErrorBanner, FormEcho};
use crate::domain::campaigns::office_time_input;
use crate::domain::office_time::format_office_time;
use crate::error::AppError;
use crate::i18n::*;
use crate::messages;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let params = params.read();
        let id = |name| params.get(name).and_then(|s| s.parse::<i32>().ok());
        (id("id"), id("campaign_id"))
    };
    let page = Resource::new(ids, |ids| async move {
        match ids {
            (Some(event_id), Some(campaign_id)) => get_campaign(event_id, campaign_id).await,
            _ => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Campaign page /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the last redirect here reported.
#[component]
fn SavedBanner() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        let text = match query.read().get("saved").as_deref() {
            Some("created") => t_string!(i18n, campaigns.created_banner).to_string(),
            Some("regenerated") => t_string!(i18n, campaigns.regenerated_banner).to_string(),
            Some("extended") => t_string!(i18n, campaigns.extended_banner).to_string(),
            _ => return None,
        };
        Some(view! { <div class="banner banner-ok" role="status">{text}</div> })
    }
}

#[component]
fn Campaign(page: CampaignPageDto) -> impl IntoView {
    let i18n = use_i18n();
    let CampaignPageDto {
        event_name,
        campaign,
        invitations,
        base_url,
    } = page;
    let event_id = campaign.event_id;
    let opens_at = format_office_time(campaign.opens_at);
    let deadline = format_office_time(campaign.deadline);
    let (invited, submitted, missing) = (campaign.invited, campaign.submitted, campaign.missing());
    let version = campaign.form_version;
    let page_title = format!("{} - {event_name}", campaign.title);
    let context = RowContext {
        event_id,
        campaign_id: campaign.id,
        deadline: campaign.deadline,
        base_url,
    };
    view! {
        <Title text=page_title />
        <p>
            <a href=format!("/events/{event_id}#campaigns")>
                {move || t_string!(i18n, campaigns.back, event = event_name.clone()).to_string()}
            </a>
        </p>
        <SavedBanner />
        <section class="card">
            <h1>{campaign.title.clone()}</h1>
            <dl class="details">
                <dt>{t!(i18n, campaigns.form_version)}</dt>
                <dd>
                    <a href=format!("/forms/{}", campaign.form_id)>
                        {move || t_string!(i18n, forms.version_number, number = version).to_string()}
                    </a>
                </dd>
                <dt>{t!(i18n, campaigns.opens_at)}</dt>
                <dd>{opens_at}</dd>
                <dt>{t!(i18n, campaigns.deadline)}</dt>
                <dd>{deadline}</dd>
                <dt>{t!(i18n, campaigns.progress)}</dt>
                <dd>
                    {move || {
                        t_string!(
                            i18n, campaigns.progress_value, submitted = submitted, invited = invited, missing = missing
                        )
                            .to_string()
                    }}
                </dd>
            </dl>
            <p>
                <a class="button" href=format!("/events/{event_id}/campaigns/{}/summary", context.campaign_id)>
                    {t!(i18n, summary.link)}
                </a>
                " "
                <a class="button secondary" href=format!("/events/{event_id}/campaigns/{}/mail", context.campaign_id)>
                    {t!(i18n, mail.link)}
                </a>
            </p>
        </section>
        <section class="card" aria-labelledby="links-heading">
            <h2 id="links-heading">{t!(i18n, campaigns.links)}</h2>
            <p class="hint">{t!(i18n, campaigns.links_note)}</p>
            <div class="table-scroll" role="region" aria-labelledby="links-heading" tabindex="0">
                <table class="table invitations">
                    <caption class="visually-hidden">{t!(i18n, campaigns.links)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, campaigns.company)}</th>
                            <th scope="col">{t!(i18n, campaigns.state)}</th>
                            <th scope="col">{t!(i18n, campaigns.link)}</th>
                            <th scope="col">{t!(i18n, campaigns.deadline)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {invitations
                            .into_iter()
                            .map(|invitation| view! { <InvitationRow invitation context=context.clone() /> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// What every row of the links table shares.
#[derive(Clone)]
struct RowContext {
    event_id: i32,
    campaign_id: i32,
    deadline: chrono::DateTime<chrono::Utc>,
    base_url: String,
}

/// One company's link. Each row has its own actions, so that with JavaScript an error
/// shows in the row it belongs to; without JavaScript, the row is the one whose post
/// the server echoed back.
#[component]
fn InvitationRow(invitation: InvitationDto, context: RowContext) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let regenerate = ServerAction::<RegenerateLink>::new();
    let extend = ServerAction::<ExtendDeadline>::new();
    let id = invitation.id;
    let link = format!("{}{}", context.base_url, invitation.path);
    let link_id = format!("link-{id}");
    let until_id = format!("until-{id}");
    let company = invitation.company.clone();
    let regenerate_error = row_error(regenerate, id);
    let extend_error = row_error(extend, id);
    let until_problem = move || {
        extend_error
            .get()
            .and_then(|e| e.field_errors().and_then(|f| f.for_field("until").cloned()))
    };
    let until_value = invitation
        .extended_until
        .map(office_time_input)
        .unwrap_or_default();
    let closes = format_office_time(
        invitation
            .extended_until
            .unwrap_or(context.deadline)
            .max(context.deadline),
    );
    let extended = invitation
        .extended_until
        .is_some_and(|u| u > context.deadline);
    let copy_label = td_string!(
        i18n.get_locale_untracked(),
        campaigns.copy_link_of,
        company = company.clone()
    )
    .to_string();
    let link_label = td_string!(
        i18n.get_locale_untracked(),
        campaigns.link_of,
        company = company.clone()
    )
    .to_string();
    let (event_id, campaign_id) = (context.event_id, context.campaign_id);
    view! {
        <tr id=format!("invitation-{id}")>
            <th scope="row">{company.clone()}</th>
            <td>
                <StatusLabel status=invitation.status />
                {invitation.submitted_at.map(|at| view! { <br /> <span class="hint">{format_office_time(at)}</span> })}
                {(invitation.status != crate::domain::campaigns::InvitationStatus::NotOpened).then(|| {
                    let href = format!("/events/{event_id}/campaigns/{campaign_id}/responses/{id}");
                    let label = td_string!(i18n.get_locale_untracked(), review.view_of, company = company.clone())
                        .to_string();
                    view! { <br /> <a href=href aria-label=label>{t!(i18n, review.view)}</a> }
                })}
            </td>
            <td class="link-cell">
                <input
                    type="text"
                    id=link_id
                    class="link-field"
                    readonly=true
                    value=link.clone()
                    aria-label=link_label
                />
                <CopyButton text=link label=copy_label />
                {move || can_write().then(|| view! {
                    <ErrorBanner error=regenerate_error />
                    <ActionForm action=regenerate attr:class="inline-form regenerate-form">
                        <CsrfField />
                        <input type="hidden" name="event_id" value=event_id />
                        <input type="hidden" name="campaign_id" value=campaign_id />
                        <input type="hidden" name="invitation_id" value=id />
                        <button type="submit" class="button secondary small">
                            {t!(i18n, campaigns.regenerate)}
                        </button>
                        <span class="hint">{t!(i18n, campaigns.regenerate_note)}</span>
                    </ActionForm>
                })}
            </td>
            <td>
                {closes}
                {extended.then(|| view! { " " <span class="badge">{t!(i18n, campaigns.extended)}</span> })}
                {move || can_write().then(|| {
                    let until_id = until_id.clone();
                    let error_id = format!("{until_id}-error");
                    let until_value = until_value.clone();
                    view! {
                        <ActionForm action=extend attr:class="extend-form">
                            <CsrfField />
                            <input type="hidden" name="event_id" value=event_id />
                            <input type="hidden" name="campaign_id" value=campaign_id />
                            <input type="hidden" name="invitation_id" value=id />
                            <label for=until_id.clone()>{t!(i18n, campaigns.extend_until)}</label>
                            <input
                                type="datetime-local"
                                id=until_id.clone()
                                name="until"
                                value=until_value
                                aria-invalid=move || until_problem().is_some().then_some("true")
                                aria-describedby={
                                    let error_id = error_id.clone();
                                    move || until_problem().map(|_| error_id.clone())
                                }
                            />
                            {move || until_problem().map(|p| view! {
                                <p class="field-error" id=error_id.clone()>{messages::problem(i18n, &p)}</p>
                            })}
                            <button type="submit" class="button secondary small">
                                {t!(i18n, campaigns.extend)}
                            </button>
                        </ActionForm>
                    }
                })}
            </td>
        </tr>
    }
}

/// The error of a row's action: its own failed call (with JavaScript), or, after a
/// refused post without JavaScript, the error if the post was this row's.
fn row_error<S>(action: ServerAction<S>, invitation_id: i32) -> Signal<Option<AppError>>
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    let echoed_here = FormEcho::of::<S>()
        .and_then(|echo| echo.get("invitation_id").map(str::to_owned))
        .is_some_and(|posted| posted == invitation_id.to_string());
    Signal::derive(move || {
        let mine = echoed_here || action.version().get() > 0;
        mine.then(|| action.value().get().and_then(|r| r.err()))
            .flatten()
    })
}

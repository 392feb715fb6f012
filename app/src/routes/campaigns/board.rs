//! The campaigns section of an event page: the form that opens a campaign, and the
//! completion board, one row per company and one column per campaign.

use super::new_campaign::NewCampaign;
use super::status::StatusLabel;
use crate::api::campaign_dto::{CampaignDto, CompletionBoard};
use crate::api::campaigns::campaign_board;
use crate::app::use_session;
use crate::components::form::ErrorBanner;
use crate::domain::office_time::format_office_time;
use crate::i18n::*;
use crate::routes::mail::DeliveryTable;
use leptos::prelude::*;

#[component]
pub fn CampaignsSection(event_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let board = Resource::new(move || event_id, campaign_board);
    view! {
        <section class="card" id="campaigns" aria-labelledby="campaigns-heading">
            <h2 id="campaigns-heading">{t!(i18n, campaigns.title)}</h2>
            // Inside a Suspense: the session is a resource, read only once it has loaded.
            <Suspense fallback=|| ()>
                {move || can_write().then(|| view! { <NewCampaign event_id /> })}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match board.await {
                        Ok(board) if board.campaigns.is_empty() => {
                            view! { <p class="empty">{t!(i18n, campaigns.none)}</p> }.into_any()
                        }
                        Ok(board) => view! { <Board event_id board /> }.into_any(),
                        Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The board scrolls sideways on a narrow screen instead of squeezing its columns; the
/// scrolling region is focusable so that a keyboard can scroll it too.
#[component]
fn Board(event_id: i32, board: CompletionBoard) -> impl IntoView {
    let i18n = use_i18n();
    let CompletionBoard {
        campaigns,
        rows,
        mail_failures,
    } = board;
    let footer = campaigns.clone();
    view! {
        {(!mail_failures.is_empty()).then(|| view! {
            <div class="mail-failures" role="region" aria-labelledby="mail-failures-heading">
                <h3 id="mail-failures-heading">{t!(i18n, mail.failures)}</h3>
                <p class="hint">{t!(i18n, mail.failures_note)}</p>
                <DeliveryTable messages=mail_failures event_id labelled_by="mail-failures-heading" />
            </div>
        })}
        <div class="table-scroll" role="region" aria-labelledby="board-caption" tabindex="0">
            <table class="table board">
                <caption id="board-caption">{t!(i18n, campaigns.board)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, campaigns.booth)}</th>
                        <th scope="col">{t!(i18n, campaigns.company)}</th>
                        {campaigns
                            .into_iter()
                            .map(|campaign| view! { <CampaignHeader event_id campaign /> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr>
                                    <td>{row.booth}</td>
                                    <th scope="row">{row.company}</th>
                                    {row
                                        .cells
                                        .into_iter()
                                        .map(|cell| match cell {
                                            Some(status) => view! { <td><StatusLabel status /></td> }.into_any(),
                                            None => view! {
                                                <td>
                                                    <span aria-hidden="true">"—"</span>
                                                    <span class="visually-hidden">{t!(i18n, campaigns.not_asked)}</span>
                                                </td>
                                            }
                                            .into_any(),
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">{t!(i18n, campaigns.missing)}</th>
                        {footer
                            .into_iter()
                            .map(|campaign| {
                                let missing = campaign.missing();
                                view! {
                                    <td>
                                        {move || t_string!(i18n, campaigns.companies_count, count = missing).to_string()}
                                    </td>
                                }
                            })
                            .collect_view()}
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

#[component]
fn CampaignHeader(event_id: i32, campaign: CampaignDto) -> impl IntoView {
    let i18n = use_i18n();
    let deadline = format_office_time(campaign.deadline);
    view! {
        <th scope="col">
            <a href=format!("/events/{event_id}/campaigns/{}", campaign.id)>{campaign.title.clone()}</a>
            <span class="board-deadline">
                {move || t_string!(i18n, campaigns.deadline_short, at = deadline.clone()).to_string()}
            </span>
        </th>
    }
}

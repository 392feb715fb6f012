//! `/events/:id/roster/import`: choose a roster file for an event; earlier imports below.

use crate::api::roster::{ImportSummaryDto, UploadPageDto, get_upload_page};
use crate::components::form::{CsrfField, ErrorBanner};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes::roster::text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn UploadPage() -> impl IntoView {
    let params = use_params_map();
    let event_id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let page = Resource::new(event_id, |id| async move {
        match id {
            Some(id) => get_upload_page(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(dto) => view! { <Upload dto /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Upload(dto: UploadPageDto) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let title = format!(
        "{} - {}",
        td_string!(locale, roster.import_title),
        dto.event_name
    );
    let problem = dto.problem.map(AppError::BadFile);
    let mb = dto.max_upload_mb;
    view! {
        <Title text=title />
        <p>
            <a href=format!("/events/{}", dto.event_id)>{t!(i18n, roster.back_to_event)}</a>
        </p>
        <h1>{t!(i18n, roster.import_title)} " — " {dto.event_name.clone()}</h1>
        <section class="card">
            <ErrorBanner error=Signal::stored(problem) />
            <p>{t!(i18n, roster.upload_intro)}</p>
            <form
                method="post"
                action=format!("/events/{}/roster/upload", dto.event_id)
                enctype="multipart/form-data"
                class="form"
            >
                <CsrfField />
                <div class="field">
                    <label for="roster-file">{t!(i18n, roster.file)}</label>
                    <p class="hint" id="roster-file-hint">
                        {move || t_string!(i18n, roster.file_hint, mb = mb).to_string()}
                    </p>
                    <input
                        type="file"
                        id="roster-file"
                        name="file"
                        required=true
                        accept=".xlsx,.xlsm,.xls,.ods,.csv,.tsv,.txt"
                        aria-describedby="roster-file-hint"
                    />
                </div>
                <button type="submit" class="button primary">
                    {t!(i18n, roster.upload)}
                </button>
            </form>
        </section>
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t!(i18n, roster.history)}</h2>
            <History event_id=dto.event_id imports=dto.imports />
        </section>
    }
}

#[component]
fn History(event_id: i32, imports: Vec<ImportSummaryDto>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if imports.is_empty() {
        return view! { <p class="empty">{t!(i18n, roster.no_history)}</p> }.into_any();
    }
    view! {
        <table class="table responsive-table">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, roster.uploaded_at)}</th>
                    <th scope="col">{t!(i18n, roster.file_info)}</th>
                    <th scope="col">{t!(i18n, roster.status)}</th>
                    <th scope="col">{t!(i18n, roster.counts)}</th>
                </tr>
            </thead>
            <tbody>
                {imports
                    .into_iter()
                    .map(|import| {
                        let counts = import
                            .counts
                            .iter()
                            .map(|(class, n)| format!("{} {n}", text::class(locale, *class)))
                            .collect::<Vec<_>>()
                            .join(" / ");
                        let status = if import.committed {
                            td_string!(locale, roster.status_committed)
                        } else {
                            td_string!(locale, roster.status_pending)
                        };
                        view! {
                            <tr>
                                <td data-label=td_string!(locale, roster.uploaded_at)>{import.created_at}</td>
                                <td data-label=td_string!(locale, roster.file_info)>
                                    <a href=format!("/events/{event_id}/roster/imports/{}", import.id)>
                                        {import.file_name}
                                    </a>
                                </td>
                                <td data-label=td_string!(locale, roster.status)>{status}</td>
                                <td data-label=td_string!(locale, roster.counts)>
                                    {import.committed.then_some(counts)}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

//! `/forms/{id}`: one form. Its versions, the preview of the newest one, its problems,
//! and for officers who may write: publish, copy and edit.

use super::issues::ProblemList;
use super::list::StateBadge;
use super::preview::FormPreview;
use crate::api::form_dto::{FormDto, FormVersionDto};
use crate::api::forms::{CopyForm, PublishForm, get_form};
use crate::app::use_session;
use crate::components::form::{CsrfField, ErrorBanner, error_of};
use crate::domain::office_time::format_office_time;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn FormPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let publish = ServerAction::<PublishForm>::new();
    let copy = ServerAction::<CopyForm>::new();
    let form = Resource::new(
        move || (id(), publish.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_form(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <p>
            <a href="/forms">{t!(i18n, forms.back)}</a>
        </p>
        <SavedBanner />
        <ErrorBanner error=error_of(publish.value()) />
        <ErrorBanner error=error_of(copy.value()) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <FormView form publish copy /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the last redirect here reported (`?saved=published` and so on).
#[component]
fn SavedBanner() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        let text = match query.read().get("saved").as_deref() {
            Some("published") => t_string!(i18n, forms.published_banner).to_string(),
            Some("copied") => t_string!(i18n, forms.copied_banner).to_string(),
            Some("saved") => t_string!(i18n, forms.saved_banner).to_string(),
            _ => return None,
        };
        Some(view! { <div class="banner banner-ok" role="status">{text}</div> })
    }
}

#[component]
fn FormView(
    form: FormDto,
    publish: ServerAction<PublishForm>,
    copy: ServerAction<CopyForm>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let id = form.id;
    let draft = form.newest_is_draft();
    let publishable = draft && form.problems.is_empty();
    let newest = form.newest().map(|v| v.version).unwrap_or(1);
    view! {
        <Title text=form.title.clone() />
        <div class="page-header">
            <h1>
                {form.title.clone()} " "
                <StateBadge published=!draft />
            </h1>
            {move || can_write().then(|| view! {
                <div class="button-row">
                    <a class="button secondary" href=format!("/forms/{id}/edit")>
                        {t!(i18n, forms.edit)}
                    </a>
                    <ActionForm action=copy attr:class="inline-form">
                        <CsrfField />
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="button secondary">{t!(i18n, forms.copy)}</button>
                    </ActionForm>
                </div>
            })}
        </div>
        <section class="card" aria-labelledby="versions-heading">
            <h2 id="versions-heading">{t!(i18n, forms.versions)}</h2>
            <p class="hint">{t!(i18n, forms.immutable_note)}</p>
            <Versions versions=form.versions.clone() />
            {move || (can_write() && draft).then(|| {
                if publishable {
                    view! {
                        <ActionForm action=publish attr:class="inline-form">
                            <CsrfField />
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="button primary">
                                {move || t_string!(i18n, forms.publish_version, number = newest).to_string()}
                            </button>
                        </ActionForm>
                        <p class="hint">{t!(i18n, forms.publish_note)}</p>
                    }
                    .into_any()
                } else {
                    view! { <p class="hint">{t!(i18n, forms.fix_before_publishing)}</p> }.into_any()
                }
            })}
        </section>
        <ProblemList definition=form.definition.clone() problems=form.problems.clone() />
        <FormPreview definition=form.definition.clone() />
    }
}

#[component]
fn Versions(versions: Vec<FormVersionDto>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table">
            <caption class="visually-hidden">{t!(i18n, forms.versions)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, forms.version)}</th>
                    <th scope="col">{t!(i18n, forms.published_at)}</th>
                    <th scope="col">{t!(i18n, forms.updated)}</th>
                </tr>
            </thead>
            <tbody>
                {versions
                    .into_iter()
                    .rev()
                    .map(|v| {
                        let number = v.version;
                        view! {
                            <tr>
                                <th scope="row">
                                    {move || t_string!(i18n, forms.version_number, number = number).to_string()}
                                </th>
                                <td>
                                    {match v.published_at {
                                        Some(at) => format_office_time(at).into_any(),
                                        None => view! { <span class="badge">{t!(i18n, forms.draft)}</span> }.into_any(),
                                    }}
                                </td>
                                <td>{format_office_time(v.updated_at)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

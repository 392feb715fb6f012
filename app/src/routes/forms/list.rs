//! `/forms`: the questionnaires, with buttons to start one from a built-in template.

use crate::api::form_dto::FormRowDto;
use crate::api::forms::{CopyForm, CreateForm, list_forms};
use crate::app::use_session;
use crate::components::form::{CsrfField, ErrorBanner, error_of};
use crate::domain::office_time::format_office_time;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FormsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let create = ServerAction::<CreateForm>::new();
    let copy = ServerAction::<CopyForm>::new();
    let forms = Resource::new(|| (), |_| list_forms(false));
    view! {
        <Title text=td_string!(i18n.get_locale_untracked(), forms.title).to_string() />
        <h1>{t!(i18n, forms.title)}</h1>
        <ErrorBanner error=error_of(create.value()) />
        <ErrorBanner error=error_of(copy.value()) />
        <Suspense fallback=|| ()>
            {move || can_write().then(|| view! { <NewFormButtons create /> })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match forms.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p class="empty">{t!(i18n, forms.empty)}</p> }.into_any()
                    }
                    Ok(list) => view! { <FormTable list copy can_write=can_write() /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One button per built-in template; each makes a new form and opens it.
#[component]
fn NewFormButtons(create: ServerAction<CreateForm>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="toolbar button-row">
            <ActionForm action=create attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="template" value="after_exhibit" />
                <button type="submit" class="button primary">
                    {t!(i18n, forms.from_after_exhibit)}
                </button>
            </ActionForm>
            <ActionForm action=create attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="template" value="seminar_report" />
                <button type="submit" class="button primary">
                    {t!(i18n, forms.from_seminar_report)}
                </button>
            </ActionForm>
        </div>
    }
}

#[component]
fn FormTable(
    list: Vec<FormRowDto>,
    copy: ServerAction<CopyForm>,
    can_write: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="table responsive-table">
            <caption class="visually-hidden">{t!(i18n, forms.title)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, forms.form_title)}</th>
                    <th scope="col">{t!(i18n, forms.version)}</th>
                    <th scope="col">{t!(i18n, forms.state)}</th>
                    <th scope="col">{t!(i18n, forms.updated)}</th>
                    <th scope="col">{t!(i18n, forms.actions)}</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|form| {
                        let id = form.id;
                        let version = form.version;
                        let published = form.published;
                        let title = form.title.clone();
                        view! {
                            <tr>
                                <td data-label=move || t_string!(i18n, forms.form_title)>
                                    <a href=format!("/forms/{id}")>{form.title.clone()}</a>
                                </td>
                                <td data-label=move || t_string!(i18n, forms.version)>
                                    {move || t_string!(i18n, forms.version_number, number = version).to_string()}
                                </td>
                                <td data-label=move || t_string!(i18n, forms.state)>
                                    <StateBadge published />
                                </td>
                                <td data-label=move || t_string!(i18n, forms.updated)>
                                    {format_office_time(form.updated_at)}
                                </td>
                                <td data-label=move || t_string!(i18n, forms.actions)>
                                    <a class="button secondary small" href=format!("/forms/{id}")>
                                        {t!(i18n, forms.open)}
                                        <span class="visually-hidden">" " {title.clone()}</span>
                                    </a>
                                    {can_write.then(|| view! {
                                        " "
                                        <ActionForm action=copy attr:class="inline-form">
                                            <CsrfField />
                                            <input type="hidden" name="id" value=id />
                                            <button type="submit" class="button secondary small">
                                                {t!(i18n, forms.copy)}
                                                <span class="visually-hidden">" " {title.clone()}</span>
                                            </button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// 公開中 or 下書き, for a version.
#[component]
pub fn StateBadge(published: bool) -> impl IntoView {
    let i18n = use_i18n();
    if published {
        view! { <span class="badge badge-new">{t!(i18n, forms.published)}</span> }.into_any()
    } else {
        view! { <span class="badge">{t!(i18n, forms.draft)}</span> }.into_any()
    }
}

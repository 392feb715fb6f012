//! `/events/:id/roster/imports/:import_id`: what a staged roster would change, row by
//! row, with the sheet and column mapping to correct and the button to commit. Once
//! committed, the same page is the import's record. Plain forms: it all works without
//! JavaScript.

use crate::api::roster::{
    ChooseImportMapping, CommitImport, ImportDto, ImportPageDto, ImportPreviewDto, get_import,
};
use crate::components::form::{CsrfField, ErrorBanner};
use crate::domain::roster::{PlannedRow, RosterField, RowClass};
use crate::error::AppError;
use crate::i18n::*;
use crate::routes::roster::text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ImportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let import_id = params
            .read()
            .get("import_id")
            .and_then(|s| s.parse::<i32>().ok());
        let query = query.read();
        (
            import_id,
            query.get("class"),
            query.get("page").and_then(|p| p.parse::<usize>().ok()),
        )
    };
    let page = Resource::new(key, |(import_id, class, page)| async move {
        match import_id {
            Some(id) => get_import(id, class, page).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(dto) => view! { <Import dto /> }.into_any(),
                    Err(error) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Import(dto: ImportPageDto) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let import = dto.import.clone();
    let title = format!(
        "{} - {}",
        td_string!(locale, roster.preview_title),
        import.file_name
    );
    let problem = dto.problem.clone().map(AppError::BadFile);
    view! {
        <Title text=title />
        <p>
            <a href=format!("/events/{}", import.event_id)>{t!(i18n, roster.back_to_event)}</a>
            " · "
            <a href=format!("/events/{}/roster/import", import.event_id)>{t!(i18n, roster.import_title)}</a>
        </p>
        <h1>{t!(i18n, roster.preview_title)}</h1>
        {import.committed.then(|| view! {
            <div class="banner banner-ok" role="status">{t!(i18n, roster.committed_banner)}</div>
        })}
        <FileDetails import=import.clone() preview=dto.preview.clone() />
        <ErrorBanner error=Signal::stored(problem) />
        {match dto.preview {
            Some(preview) => view! { <Preview preview /> }.into_any(),
            None => {
                view! { <SheetChoice import_id=import.id sheets=dto.sheets current=String::new() /> }
                    .into_any()
            }
        }}
    }
}

#[component]
fn FileDetails(import: ImportDto, preview: Option<ImportPreviewDto>) -> impl IntoView {
    let i18n = use_i18n();
    let status = if import.committed {
        t_string!(i18n, roster.status_committed).to_string()
    } else {
        t_string!(i18n, roster.status_pending).to_string()
    };
    let header_row = preview.as_ref().map(|p| p.header_row);
    view! {
        <section class="card">
            <dl class="details">
                <dt>{t!(i18n, roster.file_info)}</dt>
                <dd>
                    {import.file_name.clone()} " (" {import.file_size} " bytes, sha-256 "
                    <code>{import.sha256.chars().take(12).collect::<String>()}</code> "…)"
                </dd>
                <dt>{t!(i18n, roster.uploaded_at)}</dt>
                <dd>{import.created_at.clone()}</dd>
                <dt>{t!(i18n, roster.status)}</dt>
                <dd>{status} {import.committed_at.clone().map(|at| format!(" ({at})"))}</dd>
                {preview.as_ref().map(|p| view! {
                    <dt>{t!(i18n, roster.sheet)}</dt>
                    <dd>{p.sheet.clone()}</dd>
                })}
                {header_row.map(|row| view! {
                    <dt>{t!(i18n, roster.header_row)}</dt>
                    <dd>{move || t_string!(i18n, roster.header_row_value, row = row).to_string()}</dd>
                })}
            </dl>
        </section>
    }
}

#[component]
fn Preview(preview: ImportPreviewDto) -> impl IntoView {
    let i18n = use_i18n();
    let import = preview.import.clone();
    let invalid = preview
        .counts
        .iter()
        .find(|(c, _)| *c == RowClass::Invalid)
        .map_or(0, |(_, n)| *n);
    view! {
        <Counts preview=preview.clone() />
        {(!import.committed).then(|| view! {
            <SheetChoice
                import_id=import.id
                sheets=preview.sheets.clone()
                current=preview.sheet.clone()
            />
            <Mapping preview=preview.clone() />
        })}
        {preview.can_commit.then(|| view! {
            <section class="card">
                <form method="post" action=CommitImport::url() class="form">
                    <CsrfField />
                    <input type="hidden" name="import_id" value=import.id />
                    <p class="hint">{t!(i18n, roster.commit_hint)}</p>
                    <button type="submit" class="button primary">{t!(i18n, roster.commit)}</button>
                </form>
            </section>
        })}
        {(invalid > 0).then(|| view! {
            <p>
                <a
                    class="button secondary"
                    href=format!("/events/{}/roster/imports/{}/invalid.xlsx", import.event_id, import.id)
                    rel="external"
                    download=""
                >
                    {t!(i18n, roster.download_invalid)}
                </a>
            </p>
        })}
        <Rows preview />
    }
}

/// The number of rows per class, each a link that filters the rows below.
#[component]
fn Counts(preview: ImportPreviewDto) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let base = format!(
        "/events/{}/roster/imports/{}",
        preview.import.event_id, preview.import.id
    );
    let total: usize = preview.counts.iter().map(|(_, n)| n).sum();
    let current = preview.class;
    let link = move |class: Option<RowClass>, label: String, n: usize| {
        let href = match class {
            Some(c) => format!("{base}?class={}", c.as_code()),
            None => base.clone(),
        };
        let here = (current == class).then_some("page");
        view! {
            <li>
                <a href=href aria-current=here>
                    {label} " " <span class="badge">{n}</span>
                </a>
            </li>
        }
    };
    view! {
        <nav class="card" aria-labelledby="counts-heading">
            <h2 id="counts-heading">{t!(i18n, roster.counts)}</h2>
            <ul class="class-filter">
                {link(None, td_string!(locale, roster.all_rows).to_string(), total)}
                {preview
                    .counts
                    .iter()
                    .map(|(class, n)| link(Some(*class), text::class(locale, *class), *n))
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn SheetChoice(import_id: i32, sheets: Vec<String>, current: String) -> impl IntoView {
    let i18n = use_i18n();
    (sheets.len() > 1).then(|| {
        view! {
            <section class="card">
                <form method="post" action=ChooseImportMapping::url() class="form inline-form">
                    <CsrfField />
                    <input type="hidden" name="import_id" value=import_id />
                    <div class="field">
                        <label for="import-sheet">{t!(i18n, roster.sheet)}</label>
                        <select id="import-sheet" name="sheet">
                            {sheets
                                .iter()
                                .map(|name| {
                                    let selected = *name == current;
                                    view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button secondary">{t!(i18n, roster.change_sheet)}</button>
                </form>
            </section>
        }
    })
}

/// One select per column of the header row: the field it holds, or nothing.
#[component]
fn Mapping(preview: ImportPreviewDto) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <section class="card" aria-labelledby="mapping-heading">
            <h2 id="mapping-heading">{t!(i18n, roster.mapping)}</h2>
            <p class="hint" id="mapping-hint">{t!(i18n, roster.mapping_hint)}</p>
            <form method="post" action=ChooseImportMapping::url() class="form">
                <CsrfField />
                <input type="hidden" name="import_id" value=preview.import.id />
                <input type="hidden" name="sheet" value=preview.sheet.clone() />
                <div class="mapping-grid">
                    {preview
                        .headers
                        .iter()
                        .enumerate()
                        .map(|(index, header)| {
                            let chosen = preview.mapping.get(index).copied().flatten();
                            let id = format!("map-{index}");
                            let label = if header.is_empty() {
                                format!("{} {}", td_string!(locale, roster.column), index + 1)
                            } else {
                                header.clone()
                            };
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{label}</label>
                                    <select id=id name=format!("columns[{index}]") aria-describedby="mapping-hint">
                                        <option value="" selected=chosen.is_none()>
                                            {td_string!(locale, roster.ignore)}
                                        </option>
                                        {RosterField::ALL
                                            .iter()
                                            .map(|field| {
                                                view! {
                                                    <option value=field.as_code() selected=chosen == Some(*field)>
                                                        {text::field(locale, *field)}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
                <button type="submit" class="button secondary">{t!(i18n, roster.apply_mapping)}</button>
            </form>
        </section>
    }
}

#[component]
fn Rows(preview: ImportPreviewDto) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let class_name = preview
        .class
        .map(|c| text::class(locale, c))
        .unwrap_or_else(|| td_string!(locale, roster.all_rows).to_string());
    let base = format!(
        "/events/{}/roster/imports/{}?{}",
        preview.import.event_id,
        preview.import.id,
        preview
            .class
            .map(|c| format!("class={}&", c.as_code()))
            .unwrap_or_default()
    );
    let (page, pages) = (preview.page, preview.pages);
    let pager = (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=td_string!(locale, roster.page, page = page, pages = pages).to_string()>
                {(page > 1).then(|| view! { <a href=format!("{base}page={}", page - 1)>{t!(i18n, roster.previous)}</a> })}
                " " <span>{move || t_string!(i18n, roster.page, page = page, pages = pages).to_string()}</span> " "
                {(page < pages).then(|| view! { <a href=format!("{base}page={}", page + 1)>{t!(i18n, roster.next)}</a> })}
            </nav>
        }
    });
    if preview.rows.is_empty() {
        return view! { <p class="empty">{t!(i18n, roster.no_rows)}</p> }.into_any();
    }
    view! {
        <section class="card">
            <table class="table responsive-table">
                <caption>{move || t_string!(i18n, roster.rows_caption, class = class_name.clone()).to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, roster.row)}</th>
                        <th scope="col">{t!(i18n, roster.class)}</th>
                        <th scope="col">{t!(i18n, roster.fields.company_name)}</th>
                        <th scope="col">{t!(i18n, roster.fields.email)}</th>
                        <th scope="col">{t!(i18n, roster.fields.booth)}</th>
                        <th scope="col">{t!(i18n, roster.details)}</th>
                    </tr>
                </thead>
                <tbody>
                    {preview.rows.into_iter().map(|row| view! { <RowView row /> }).collect_view()}
                </tbody>
            </table>
            {pager}
        </section>
    }
    .into_any()
}

#[component]
fn RowView(row: PlannedRow) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let mut details: Vec<String> = Vec::new();
    if let Some(first) = row.same_as_row {
        details.push(td_string!(locale, roster.same_as_row, row = first).to_string());
    }
    details.extend(row.problems.iter().map(|p| text::row_problem(locale, p)));
    details.extend(row.changes.iter().map(|c| text::change(locale, c)));
    details.extend(row.warnings.iter().map(|w| text::warning(locale, w)));
    if let Some(s) = &row.suggestion {
        details.push(
            td_string!(
                locale,
                roster.suggestion,
                domain = s.domain.clone(),
                name = s.company_name.clone()
            )
            .to_string(),
        );
    }
    let class_code = row.class.as_code();
    view! {
        <tr class=format!("row-{class_code}")>
            <td data-label=td_string!(locale, roster.row)>{row.row_number}</td>
            <td data-label=td_string!(locale, roster.class)>
                <span class=format!("badge badge-{class_code}")>{text::class(locale, row.class)}</span>
            </td>
            <td data-label=td_string!(locale, roster.fields.company_name)>{row.company_name}</td>
            <td data-label=td_string!(locale, roster.fields.email)>{row.emails.join(", ")}</td>
            <td data-label=td_string!(locale, roster.fields.booth)>{row.booth}</td>
            <td data-label=td_string!(locale, roster.details)>
                <ul class="plain">
                    {details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}

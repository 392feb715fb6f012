//! `/events/{id}/campaigns/{campaign_id}/mail/templates/{purpose}`: a campaign's own
//! wording of one kind of message. The officer edits the subject and the plain-text
//! body, previews it for a real company (a GET form: nothing is written, no JavaScript
//! needed), then saves what was previewed; or goes back to the built-in wording.

use super::labels::purpose_text;
use crate::api::mail_dto::{PreviewDto, TemplateEditorDto};
use crate::api::mail_templates::{ResetMailTemplate, SaveMailTemplate, mail_template};
use crate::app::use_session;
use crate::components::form::{Control, CsrfField, ErrorBanner, FormField, error_of};
use crate::components::saved_banner::SavedBanner;
use crate::domain::mail::MailTemplateInput;
use crate::domain::office_time::format_office_time;
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn TemplatePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let params = params.read();
        let id = |name| params.get(name).and_then(|s| s.parse::<i32>().ok());
        let query = query.read();
        let preview = query.get("preview").map(|_| MailTemplateInput {
            subject: query.get("subject").unwrap_or_default(),
            body: query.get("body").unwrap_or_default(),
        });
        let company = query.get("company").and_then(|s| s.parse::<i32>().ok());
        (
            id("id"),
            id("campaign_id"),
            params.get("purpose").unwrap_or_default(),
            preview,
            company,
        )
    };
    let save = ServerAction::<SaveMailTemplate>::new();
    let reset = ServerAction::<ResetMailTemplate>::new();
    let page = Resource::new(
        key,
        |(event_id, campaign_id, purpose, preview, company)| async move {
            match (event_id, campaign_id) {
                (Some(event_id), Some(campaign_id)) => {
                    mail_template(event_id, campaign_id, purpose, preview, company).await
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match (page.await, key()) {
                    (Ok(page), (Some(event_id), Some(campaign_id), ..)) => {
                        view! { <Editor page event_id campaign_id save reset /> }.into_any()
                    }
                    (Err(error), _) => view! { <ErrorBanner error=Signal::stored(Some(error)) /> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Suspense>
    }
}

fn saved_words(i18n: I18nContext<Locale>, code: &str) -> Option<String> {
    let text = match code {
        "saved" => t_string!(i18n, mail.template_saved),
        "reset" => t_string!(i18n, mail.template_reset),
        _ => return None,
    };
    Some(text.to_string())
}

/// What each placeholder stands for, in the reader's language.
fn placeholder_text(i18n: I18nContext<Locale>, name: &str) -> String {
    match name {
        "company" => t_string!(i18n, mail.placeholders.company).to_string(),
        "contact" => t_string!(i18n, mail.placeholders.contact).to_string(),
        "event" => t_string!(i18n, mail.placeholders.event).to_string(),
        "form" => t_string!(i18n, mail.placeholders.form).to_string(),
        "deadline" => t_string!(i18n, mail.placeholders.deadline).to_string(),
        "deadline_short" => t_string!(i18n, mail.placeholders.deadline_short).to_string(),
        "link" => t_string!(i18n, mail.placeholders.link).to_string(),
        "signature" => t_string!(i18n, mail.placeholders.signature).to_string(),
        "receipt" => t_string!(i18n, mail.placeholders.receipt).to_string(),
        other => other.to_owned(),
    }
}

#[component]
fn Editor(
    page: TemplateEditorDto,
    event_id: i32,
    campaign_id: i32,
    save: ServerAction<SaveMailTemplate>,
    reset: ServerAction<ResetMailTemplate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let session = use_session();
    let can_write = move || session.get().is_some_and(|s| s.can_write());
    let TemplateEditorDto {
        event_name,
        campaign_title,
        purpose,
        language,
        custom,
        updated_at,
        source,
        placeholders,
        companies,
        preview,
        preview_errors,
    } = page;
    let kind = purpose_text(i18n, &purpose);
    let title = td_string!(locale, mail.template_title, kind = kind.clone()).to_string();
    let page_title = format!("{title} - {campaign_title} - {event_name}");
    let back = td_string!(locale, mail.back, campaign = campaign_title.clone()).to_string();
    let mail_page = format!("/events/{event_id}/campaigns/{campaign_id}/mail");
    let here = format!("{mail_page}/templates/{purpose}");
    let status = match updated_at {
        Some(at) if custom => {
            td_string!(locale, mail.template_custom, at = format_office_time(at)).to_string()
        }
        _ => td_string!(locale, mail.template_builtin).to_string(),
    };
    let language_note = if language == "en" {
        td_string!(locale, mail.template_language_en).to_string()
    } else {
        td_string!(locale, mail.template_language_ja).to_string()
    };
    let errors = Signal::stored(Some(preview_errors.clone()).filter(|e| !e.is_empty()));
    let has_errors = !preview_errors.is_empty();
    let chosen = preview
        .as_ref()
        .map(|p| p.company_id.to_string())
        .unwrap_or_default();
    let company_options: Vec<(String, String)> = companies
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let reset_purpose = purpose.clone();
    let save_error = error_of(save.value());
    let reset_error = error_of(reset.value());
    view! {
        <Title text=page_title />
        <p><a href=mail_page>{back}</a></p>
        <h1>{title}</h1>
        <SavedBanner words=saved_words />
        <ErrorBanner error=save_error />
        <ErrorBanner error=reset_error />
        <p>{status} " " {language_note}</p>
        {has_errors.then(|| view! {
            <div class="banner banner-error" role="alert">{t!(i18n, mail.template_refused)}</div>
        })}
        <section class="card" aria-labelledby="template-heading">
            <h2 id="template-heading">{t!(i18n, mail.template_wording)}</h2>
            <form method="get" action=here.clone() class="form template-form">
                <input type="hidden" name="preview" value="1" />
                <FormField
                    name="subject"
                    field="subject"
                    label=td_string!(locale, mail.subject).to_string()
                    control=Control::Text
                    errors
                    required=true
                    value=source.subject.clone()
                />
                <FormField
                    name="body"
                    field="body"
                    label=td_string!(locale, mail.body).to_string()
                    hint=td_string!(locale, mail.template_body_hint).to_string()
                    control=Control::LongText
                    errors
                    required=true
                    value=source.body.clone()
                />
                <FormField
                    name="company"
                    field="company"
                    label=td_string!(locale, mail.template_preview_for).to_string()
                    control=Control::Select { options: company_options, placeholder: None }
                    errors
                    value=chosen
                />
                <button type="submit" class="button">{t!(i18n, mail.template_preview)}</button>
            </form>
            <h3 id="placeholders-heading">{t!(i18n, mail.template_placeholders)}</h3>
            <table class="placeholders" aria-labelledby="placeholders-heading">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, mail.template_placeholder)}</th>
                        <th scope="col">{t!(i18n, mail.template_meaning)}</th>
                    </tr>
                </thead>
                <tbody>
                    {placeholders
                        .into_iter()
                        .map(|name| {
                            let meaning = placeholder_text(i18n, &name);
                            view! {
                                <tr>
                                    <td><code>{format!("{{{{ {name} }}}}")}</code></td>
                                    <td>{meaning}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        {preview.map(|preview| {
            view! { <Preview preview source=source.clone() event_id campaign_id purpose=purpose.clone() save can_write /> }
        })}
        {move || (custom && can_write()).then(|| {
            let purpose = reset_purpose.clone();
            view! {
            <section class="card" aria-labelledby="reset-heading">
                <h2 id="reset-heading">{t!(i18n, mail.template_reset_heading)}</h2>
                <p class="hint">{t!(i18n, mail.template_reset_note)}</p>
                <ActionForm action=reset attr:class="form">
                    <CsrfField />
                    <input type="hidden" name="event_id" value=event_id />
                    <input type="hidden" name="campaign_id" value=campaign_id />
                    <input type="hidden" name="purpose" value=purpose.clone() />
                    <button type="submit" class="button button-secondary">
                        {t!(i18n, mail.template_reset_button)}
                    </button>
                </ActionForm>
            </section>
            }
        })}
    }
}

/// The previewed message, and saving exactly what was previewed.
#[component]
fn Preview(
    preview: PreviewDto,
    source: MailTemplateInput,
    event_id: i32,
    campaign_id: i32,
    purpose: String,
    save: ServerAction<SaveMailTemplate>,
    can_write: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let PreviewDto {
        company,
        to,
        cc,
        subject,
        body_text,
        ..
    } = preview;
    view! {
        <section class="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t!(i18n, mail.template_preview_heading)}</h2>
            <p class="hint">{t!(i18n, mail.template_preview_note)}</p>
            <dl class="details">
                <dt>{t!(i18n, mail.company)}</dt>
                <dd>{company}</dd>
                <dt>{t!(i18n, mail.to)}</dt>
                <dd>{to.join(", ")}</dd>
                {(!cc.is_empty()).then(|| view! { <dt>{t!(i18n, mail.cc)}</dt> <dd>{cc.join(", ")}</dd> })}
                <dt>{t!(i18n, mail.subject)}</dt>
                <dd class="preview-subject">{subject}</dd>
            </dl>
            <pre class="mail-body" tabindex="0" aria-labelledby="preview-heading">{body_text}</pre>
            {move || can_write().then(|| {
                let (purpose, source) = (purpose.clone(), source.clone());
                view! {
                <ActionForm action=save attr:class="form">
                    <CsrfField />
                    <input type="hidden" name="event_id" value=event_id />
                    <input type="hidden" name="campaign_id" value=campaign_id />
                    <input type="hidden" name="purpose" value=purpose.clone() />
                    <input type="hidden" name="template[subject]" value=source.subject.clone() />
                    <input type="hidden" name="template[body]" value=source.body.clone() />
                    <button type="submit" class="button">{t!(i18n, mail.template_save)}</button>
                </ActionForm>
                }
            })}
        </section>
    }
}

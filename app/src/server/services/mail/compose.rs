//! Renders a message from its template (`app/mail`): subject, plain text and HTML, in
//! Japanese or English. The personal link is written as [`LINK_PLACEHOLDER`], so what
//! the outbox stores opens no form; the worker puts the current link in when it sends.

use crate::domain::mail::{MailTemplate, MailTemplateInput, Placeholder, Purpose};
use crate::error::AppError;
use chrono::{DateTime, Datelike, Utc, Weekday};
use kotae_domain::office_time::office_offset;
use minijinja::{AutoEscape, Environment, HtmlEscape, UndefinedBehavior};
use std::sync::Arc;

/// Stands for the personal link in stored messages: plain ASCII, so HTML escaping keeps it.
pub const LINK_PLACEHOLDER: &str = "KOTAE-PERSONAL-LINK";

/// The language of the office's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailLanguage {
    Ja,
    En,
}

impl MailLanguage {
    pub fn as_code(self) -> &'static str {
        match self {
            MailLanguage::Ja => "ja",
            MailLanguage::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "ja" => Some(MailLanguage::Ja),
            "en" => Some(MailLanguage::En),
            _ => None,
        }
    }
}

/// What a message says about its company and campaign.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub company: &'a str,
    /// The primary contact's name; blank when the roster has none.
    pub contact: &'a str,
    pub event: &'a str,
    pub form: &'a str,
    pub deadline: DateTime<Utc>,
    /// Receipts only.
    pub receipt: Option<&'a str>,
    /// Returned answers only: what the officer asks the company to fix.
    pub comment: Option<&'a str>,
}

/// What an officer's digest says: each open request of the office.
#[derive(Debug, Clone)]
pub struct DigestFacts {
    pub officer: String,
    /// The office's date of the digest.
    pub date: chrono::NaiveDate,
    pub campaigns: Vec<CampaignStanding>,
}

/// Where one request stands, for the digest.
#[derive(Debug, Clone, Default)]
pub struct CampaignStanding {
    pub event: String,
    pub title: String,
    pub deadline: DateTime<Utc>,
    pub closed: bool,
    pub invited: usize,
    pub submitted: usize,
    pub submitted_since: usize,
    pub drafts: usize,
    pub not_opened: usize,
    pub reminders_since: usize,
    pub failures: usize,
    /// The request's page.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The compiled templates and the office's signature.
#[derive(Clone)]
pub struct Composer {
    env: Arc<Environment<'static>>,
    signature: Arc<str>,
    pub language: MailLanguage,
    /// The other contacts of a company in Cc (else in To).
    pub cc_others: bool,
    /// The domain of our Message-IDs.
    pub domain: Arc<str>,
}

impl std::fmt::Debug for Composer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Composer")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../../../mail/", $name)))),*]
    };
}

const TEMPLATES: [(&str, &str); 20] = templates!(
    "invitation.ja.txt",
    "invitation.ja.html",
    "invitation.en.txt",
    "invitation.en.html",
    "reminder.ja.txt",
    "reminder.ja.html",
    "reminder.en.txt",
    "reminder.en.html",
    "receipt.ja.txt",
    "receipt.ja.html",
    "receipt.en.txt",
    "receipt.en.html",
    "digest.ja.txt",
    "digest.ja.html",
    "digest.en.txt",
    "digest.en.html",
    "returned.ja.txt",
    "returned.ja.html",
    "returned.en.txt",
    "returned.en.html",
);

impl Composer {
    pub fn new(signature: &str, language: MailLanguage) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.set_keep_trailing_newline(true);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .expect("the built-in mail templates parse (a unit test renders each)");
        }
        Self {
            env: Arc::new(env),
            signature: signature.into(),
            language,
            cc_others: true,
            domain: "kotae.localhost".into(),
        }
    }

    /// The message for `facts`: in the campaign's own wording when it has one (`custom`),
    /// else from the built-in template.
    pub fn render(
        &self,
        purpose: Purpose,
        facts: &Facts<'_>,
        custom: Option<&MailTemplate>,
    ) -> Result<Rendered, AppError> {
        let value = |placeholder| self.value(placeholder, facts);
        if let Some(custom) = custom {
            let text = custom.body.fill(value);
            return Ok(Rendered {
                subject: one_line(&custom.subject.fill(value)),
                html: text_to_html(&text),
                text: format!("{text}\n"),
            });
        }
        let mut values: std::collections::BTreeMap<&str, String> = Placeholder::ALL
            .into_iter()
            .map(|placeholder| (placeholder.name(), value(placeholder)))
            .collect();
        // Not an officer's placeholder: only the built-in notice of a return says it.
        values.insert("comment", facts.comment.unwrap_or("").to_owned());
        let base = format!("{}.{}", purpose.as_code(), self.language.as_code());
        let render = |name: String| {
            self.env
                .get_template(&name)
                .and_then(|template| template.render(&values))
                .map_err(|error| AppError::internal("rendering a mail template", error))
        };
        let text = render(format!("{base}.txt"))?;
        let html = render(format!("{base}.html"))?;
        let (subject, body) = text.split_once("\n\n").unwrap_or((text.as_str(), ""));
        Ok(Rendered {
            subject: one_line(subject),
            text: body.to_owned(),
            html,
        })
    }

    /// What `placeholder` stands for in a message about `facts`. Names are made single
    /// lines here, so no template can put a roster's newline into the subject.
    fn value(&self, placeholder: Placeholder, facts: &Facts<'_>) -> String {
        let lang = self.language;
        match placeholder {
            Placeholder::Company => one_line(facts.company),
            Placeholder::Contact => match (facts.contact.trim(), lang) {
                ("", MailLanguage::Ja) => "ご担当者".to_owned(),
                ("", MailLanguage::En) => "Sir or Madam".to_owned(),
                (name, _) => one_line(name),
            },
            Placeholder::Event => one_line(facts.event),
            Placeholder::Form => one_line(facts.form),
            Placeholder::Deadline => deadline_text(facts.deadline, lang),
            Placeholder::DeadlineShort => deadline_short(facts.deadline, lang),
            Placeholder::Link => LINK_PLACEHOLDER.to_owned(),
            Placeholder::Signature => self.signature.to_string(),
            Placeholder::Receipt => facts.receipt.unwrap_or("").to_owned(),
        }
    }

    /// An officer's digest: the built-in template only (it is the office's, not a
    /// campaign's).
    pub fn render_digest(&self, facts: &DigestFacts) -> Result<Rendered, AppError> {
        let base = format!("digest.{}", self.language.as_code());
        let date = match self.language {
            MailLanguage::Ja => format!(
                "{}年{}月{}日（{}）",
                facts.date.year(),
                facts.date.month(),
                facts.date.day(),
                weekday_ja(facts.date.weekday())
            ),
            MailLanguage::En => facts.date.format("%a %-d %B %Y").to_string(),
        };
        let campaigns: Vec<_> = facts
            .campaigns
            .iter()
            .map(|c| {
                minijinja::context! {
                    event => one_line(&c.event),
                    title => one_line(&c.title),
                    deadline => deadline_text(c.deadline, self.language),
                    closed => c.closed,
                    invited => c.invited,
                    submitted => c.submitted,
                    submitted_since => c.submitted_since,
                    drafts => c.drafts,
                    not_opened => c.not_opened,
                    reminders_since => c.reminders_since,
                    failures => c.failures,
                    url => &c.url,
                }
            })
            .collect();
        let values = minijinja::context! {
            officer => one_line(&facts.officer),
            date => date,
            campaigns => campaigns,
        };
        let render = |name: String| {
            self.env
                .get_template(&name)
                .and_then(|template| template.render(&values))
                .map_err(|error| AppError::internal("rendering the digest", error))
        };
        let text = render(format!("{base}.txt"))?;
        let html = render(format!("{base}.html"))?;
        let (subject, body) = text.split_once("\n\n").unwrap_or((text.as_str(), ""));
        Ok(Rendered {
            subject: one_line(subject),
            text: body.to_owned(),
            html,
        })
    }

    /// The built-in wording of `purpose` in the office's language, as an officer starts
    /// editing it: the first line of the `.txt` template is the subject.
    pub fn builtin(&self, purpose: Purpose) -> MailTemplateInput {
        let name = format!("{}.{}.txt", purpose.as_code(), self.language.as_code());
        let source = TEMPLATES
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, source)| *source)
            .unwrap_or_default();
        let (subject, body) = source.split_once("\n\n").unwrap_or((source, ""));
        MailTemplateInput {
            subject: subject.trim().to_owned(),
            body: body.trim_end().to_owned(),
        }
    }
}

/// The HTML part of a message an officer wrote as plain text: escaped, a paragraph per
/// blank-line-separated block, the personal link clickable.
fn text_to_html(text: &str) -> String {
    let mut html = String::new();
    for block in text.split("\n\n").filter(|block| !block.trim().is_empty()) {
        let lines: Vec<String> = block
            .lines()
            .map(|line| HtmlEscape(line).to_string())
            .collect();
        html.push_str("<p>");
        html.push_str(&lines.join("<br>"));
        html.push_str("</p>\n");
    }
    html.replace(
        LINK_PLACEHOLDER,
        &format!("<a href=\"{LINK_PLACEHOLDER}\">{LINK_PLACEHOLDER}</a>"),
    )
}

/// Text for a single line: control characters (a newline in a company name, say)
/// become spaces, so nothing typed into the roster can start a new header line.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn weekday_ja(day: Weekday) -> &'static str {
    ["月", "火", "水", "木", "金", "土", "日"][day.num_days_from_monday() as usize]
}

/// `2026年6月30日（火）17:00` / `Tue 30 June 2026, 17:00 JST`.
pub fn deadline_text(at: DateTime<Utc>, lang: MailLanguage) -> String {
    let local = at.with_timezone(&office_offset());
    match lang {
        MailLanguage::Ja => format!(
            "{}年{}月{}日（{}）{}",
            local.year(),
            local.month(),
            local.day(),
            weekday_ja(local.weekday()),
            local.format("%H:%M")
        ),
        MailLanguage::En => local.format("%a %-d %B %Y, %H:%M JST").to_string(),
    }
}

/// `6月30日（火）` / `30 June`: for subjects.
fn deadline_short(at: DateTime<Utc>, lang: MailLanguage) -> String {
    let local = at.with_timezone(&office_offset());
    match lang {
        MailLanguage::Ja => format!(
            "{}月{}日（{}）",
            local.month(),
            local.day(),
            weekday_ja(local.weekday())
        ),
        MailLanguage::En => local.format("%-d %B").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn facts<'a>(company: &'a str, contact: &'a str) -> Facts<'a> {
        Facts {
            company,
            contact,
            event: "メッセナゴヤ 2026",
            form: "出展後アンケート",
            deadline: office_offset()
                .with_ymd_and_hms(2026, 6, 30, 17, 0, 0)
                .single()
                .expect("a time")
                .with_timezone(&Utc),
            receipt: Some("R-1234"),
            comment: Some("商談件数をご確認ください。"),
        }
    }

    #[test]
    fn every_template_renders_in_both_languages() {
        for language in [MailLanguage::Ja, MailLanguage::En] {
            let composer = Composer::new("産業振興課", language);
            for purpose in Purpose::EDITABLE {
                let message = composer
                    .render(purpose, &facts("株式会社テスト", "山田 太郎"), None)
                    .expect("renders");
                assert!(!message.subject.is_empty(), "{purpose:?} {language:?}");
                assert!(message.text.contains(LINK_PLACEHOLDER));
                assert!(message.html.contains(LINK_PLACEHOLDER));
                assert!(message.text.contains("産業振興課"));
            }
        }
    }

    #[test]
    fn a_japanese_greeting_names_the_company_and_the_contact_and_the_deadline_has_its_weekday() {
        let composer = Composer::new("産業振興課", MailLanguage::Ja);
        let message = composer
            .render(
                Purpose::Invitation,
                &facts("株式会社テスト", "山田 太郎"),
                None,
            )
            .expect("renders");
        assert!(message.text.starts_with("株式会社テスト\n山田 太郎様\n"));
        assert!(message.text.contains("2026年6月30日（火）17:00"));
        assert!(message.subject.contains("6月30日（火）まで"));
        let nameless = composer
            .render(Purpose::Reminder, &facts("株式会社テスト", " "), None)
            .expect("renders");
        assert!(nameless.text.contains("ご担当者様"));
    }

    #[test]
    fn placeholders_are_escaped_in_html_and_cannot_break_the_subject_line() {
        let composer = Composer::new("課", MailLanguage::Ja);
        let message = composer
            .render(
                Purpose::Invitation,
                &Facts {
                    form: "<b>アンケート</b>\r\nBcc: evil@example.com",
                    ..facts("A&B <工業>", "x")
                },
                None,
            )
            .expect("renders");
        assert!(message.html.contains("A&amp;B &lt;工業&gt;"));
        assert!(!message.html.contains("<b>アンケート"));
        assert!(!message.subject.contains('\n') && !message.subject.contains('\r'));
        assert!(
            message.text.contains("A&B <工業>"),
            "plain text is not escaped"
        );
    }

    #[test]
    fn the_built_in_wording_is_a_valid_starting_point_for_an_officer() {
        for language in [MailLanguage::Ja, MailLanguage::En] {
            let composer = Composer::new("課", language);
            for purpose in Purpose::EDITABLE {
                let source = composer.builtin(purpose);
                let parsed = MailTemplate::parse(&source, purpose).expect("parses");
                let custom = composer
                    .render(
                        purpose,
                        &facts("株式会社テスト", "山田 太郎"),
                        Some(&parsed),
                    )
                    .expect("renders");
                let builtin = composer
                    .render(purpose, &facts("株式会社テスト", "山田 太郎"), None)
                    .expect("renders");
                assert_eq!(custom.subject, builtin.subject);
                assert_eq!(custom.text, builtin.text);
            }
        }
    }

    #[test]
    fn an_officers_wording_is_escaped_in_html_and_its_link_is_clickable() {
        let composer = Composer::new("課", MailLanguage::Ja);
        let custom = MailTemplate::parse(
            &MailTemplateInput {
                subject: "{{ company }} 様へ\nBcc: x".into(),
                body: "{{ company }} 様\n<b>太字</b>\n\n{{ link }}".into(),
            },
            Purpose::Reminder,
        )
        .expect("parses");
        let message = composer
            .render(
                Purpose::Reminder,
                &facts("A&B\r\nBcc: e@x", "x"),
                Some(&custom),
            )
            .expect("renders");
        assert_eq!(message.subject, "A&B  Bcc: e@x 様へ Bcc: x");
        assert_eq!(
            message.html,
            format!(
                "<p>A&amp;B  Bcc: e@x 様<br>&lt;b&gt;太字&lt;&#x2f;b&gt;</p>\n\
                 <p><a href=\"{LINK_PLACEHOLDER}\">{LINK_PLACEHOLDER}</a></p>\n"
            )
        );
    }
}

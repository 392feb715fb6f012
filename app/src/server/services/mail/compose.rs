//! Renders a message from its template (`app/mail`): subject, plain text and HTML, in
//! Japanese or English. The personal link is written as [`LINK_PLACEHOLDER`], so what
//! the outbox stores opens no form; the worker puts the current link in when it sends.

use crate::domain::mail::Purpose;
use crate::error::AppError;
use chrono::{DateTime, Datelike, Utc, Weekday};
use kotae_domain::office_time::office_offset;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};
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

const TEMPLATES: [(&str, &str); 12] = templates!(
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

    pub fn render(&self, purpose: Purpose, facts: &Facts<'_>) -> Result<Rendered, AppError> {
        let lang = self.language;
        let contact = match (facts.contact.trim(), lang) {
            ("", MailLanguage::Ja) => "ご担当者",
            ("", MailLanguage::En) => "Sir or Madam",
            (name, _) => name,
        };
        let values = context! {
            company => one_line(facts.company),
            contact => one_line(contact),
            event => one_line(facts.event),
            form => one_line(facts.form),
            deadline => deadline_text(facts.deadline, lang),
            deadline_short => deadline_short(facts.deadline, lang),
            link => LINK_PLACEHOLDER,
            signature => &*self.signature,
            receipt => facts.receipt.unwrap_or(""),
        };
        let base = format!("{}.{}", purpose.as_code(), lang.as_code());
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
        }
    }

    #[test]
    fn every_template_renders_in_both_languages() {
        for language in [MailLanguage::Ja, MailLanguage::En] {
            let composer = Composer::new("産業振興課", language);
            for purpose in Purpose::ALL {
                let message = composer
                    .render(purpose, &facts("株式会社テスト", "山田 太郎"))
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
            .render(Purpose::Invitation, &facts("株式会社テスト", "山田 太郎"))
            .expect("renders");
        assert!(message.text.starts_with("株式会社テスト\n山田 太郎様\n"));
        assert!(message.text.contains("2026年6月30日（火）17:00"));
        assert!(message.subject.contains("6月30日（火）まで"));
        let nameless = composer
            .render(Purpose::Reminder, &facts("株式会社テスト", " "))
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
}

//! A campaign's own wording of a message, as an officer typed it: a subject and a plain
//! text body with `{{ placeholder }}`s. Only the placeholders below exist (no loops, no
//! expressions), so an officer cannot write a template that fails or runs long when the
//! scheduler renders it for 400 companies; [`MailTemplate::parse`] refuses anything else
//! with the field and the reason.

use super::Purpose;
use crate::field_errors::{FieldErrors, Problem};
use serde::{Deserialize, Serialize};

/// Longest subject, in characters (mail clients cut far shorter ones anyway).
pub const MAX_SUBJECT: usize = 200;
/// Longest body, in characters.
pub const MAX_BODY: usize = 20_000;

/// What an officer can put in a message, each standing for a fact of the company or the
/// campaign at the time the message is queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Placeholder {
    Company,
    Contact,
    Event,
    Form,
    Deadline,
    DeadlineShort,
    Link,
    Signature,
    /// Receipts only.
    Receipt,
}

impl Placeholder {
    pub const ALL: [Placeholder; 9] = [
        Placeholder::Company,
        Placeholder::Contact,
        Placeholder::Event,
        Placeholder::Form,
        Placeholder::Deadline,
        Placeholder::DeadlineShort,
        Placeholder::Link,
        Placeholder::Signature,
        Placeholder::Receipt,
    ];

    /// The name written between the braces.
    pub fn name(self) -> &'static str {
        match self {
            Placeholder::Company => "company",
            Placeholder::Contact => "contact",
            Placeholder::Event => "event",
            Placeholder::Form => "form",
            Placeholder::Deadline => "deadline",
            Placeholder::DeadlineShort => "deadline_short",
            Placeholder::Link => "link",
            Placeholder::Signature => "signature",
            Placeholder::Receipt => "receipt",
        }
    }

    /// The placeholders a message of `purpose` can use.
    pub fn for_purpose(purpose: Purpose) -> impl Iterator<Item = Placeholder> {
        Self::ALL
            .into_iter()
            .filter(move |p| *p != Placeholder::Receipt || purpose == Purpose::Receipt)
    }

    fn parse(name: &str, purpose: Purpose) -> Option<Self> {
        Self::for_purpose(purpose).find(|p| p.name() == name)
    }
}

/// One piece of a parsed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Piece {
    Text(String),
    Slot(Placeholder),
}

/// A parsed subject or body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateText(Vec<Piece>);

impl TemplateText {
    /// Splits `source` at `{{ name }}`; an unknown name or a `{{` left open is refused.
    fn parse(source: &str, purpose: Purpose) -> Result<Self, Problem> {
        let mut pieces = Vec::new();
        let mut rest = source;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_owned()));
            }
            let after = &rest[open + 2..];
            let close = after.find("}}").ok_or(Problem::UnclosedPlaceholder)?;
            let name = after[..close].trim();
            let slot =
                Placeholder::parse(name, purpose).ok_or_else(|| Problem::UnknownPlaceholder {
                    name: name.chars().take(40).collect(),
                })?;
            pieces.push(Piece::Slot(slot));
            rest = &after[close + 2..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        Ok(Self(pieces))
    }

    pub fn uses(&self, placeholder: Placeholder) -> bool {
        self.0.contains(&Piece::Slot(placeholder))
    }

    /// The text with each placeholder replaced by `value(placeholder)`.
    pub fn fill(&self, value: impl Fn(Placeholder) -> String) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Slot(slot) => out.push_str(&value(*slot)),
            }
        }
        out
    }
}

/// What the officer's form posts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTemplateInput {
    pub subject: String,
    pub body: String,
}

/// A campaign's wording of one kind of message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTemplate {
    pub subject: TemplateText,
    pub body: TemplateText,
}

impl MailTemplate {
    /// Field errors under `subject` and `body`. Messages that carry the personal link
    /// (invitations and reminders) must say `{{ link }}` in the body: a reminder without
    /// it would ask for an answer the company cannot give.
    pub fn parse(input: &MailTemplateInput, purpose: Purpose) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let subject = input.subject.trim();
        let body = input.body.replace("\r\n", "\n");
        let body = body.trim_end();
        let subject = errors.take("subject", text(subject, MAX_SUBJECT, purpose));
        let body = errors.take("body", text(body, MAX_BODY, purpose));
        if let Some(body) = &body
            && purpose != Purpose::Receipt
            && !body.uses(Placeholder::Link)
        {
            errors.push(
                "body",
                Problem::MissingPlaceholder {
                    name: Placeholder::Link.name().to_owned(),
                },
            );
        }
        match (subject, body) {
            (Some(subject), Some(body)) if errors.is_empty() => Ok(Self { subject, body }),
            _ => Err(errors),
        }
    }
}

fn text(source: &str, max: usize, purpose: Purpose) -> Result<TemplateText, Problem> {
    if source.trim().is_empty() {
        return Err(Problem::Required);
    }
    if source.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    TemplateText::parse(source, purpose)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(subject: &str, body: &str) -> MailTemplateInput {
        MailTemplateInput {
            subject: subject.into(),
            body: body.into(),
        }
    }

    #[test]
    fn placeholders_are_filled_and_spacing_inside_braces_does_not_matter() {
        let template = MailTemplate::parse(
            &input(
                "【{{event}}】ご回答のお願い",
                "{{ company }}\n{{  contact }}様\n{{ link }}",
            ),
            Purpose::Reminder,
        )
        .expect("parses");
        let filled = template.body.fill(|p| format!("<{}>", p.name()));
        assert_eq!(filled, "<company>\n<contact>様\n<link>");
        assert_eq!(
            template.subject.fill(|_| "展示会".into()),
            "【展示会】ご回答のお願い"
        );
    }

    #[test]
    fn an_unknown_placeholder_is_named_in_the_error() {
        let errors = MailTemplate::parse(
            &input("件名", "{{ link }} {{ compnay }}"),
            Purpose::Invitation,
        )
        .expect_err("refused");
        assert_eq!(
            errors.for_field("body"),
            Some(&Problem::UnknownPlaceholder {
                name: "compnay".into()
            })
        );
    }

    #[test]
    fn the_receipt_number_exists_only_in_receipts() {
        let body = "受付番号 {{ receipt }}";
        assert!(MailTemplate::parse(&input("受付", body), Purpose::Receipt).is_ok());
        let errors = MailTemplate::parse(
            &input("受付", &format!("{body} {{{{ link }}}}")),
            Purpose::Reminder,
        )
        .expect_err("refused");
        assert!(matches!(
            errors.for_field("body"),
            Some(Problem::UnknownPlaceholder { .. })
        ));
    }

    #[test]
    fn invitations_and_reminders_must_carry_the_link() {
        for purpose in [Purpose::Invitation, Purpose::Reminder] {
            let errors =
                MailTemplate::parse(&input("件名", "本文のみ"), purpose).expect_err("refused");
            assert_eq!(
                errors.for_field("body"),
                Some(&Problem::MissingPlaceholder {
                    name: "link".into()
                })
            );
        }
        assert!(MailTemplate::parse(&input("件名", "本文のみ"), Purpose::Receipt).is_ok());
    }

    #[test]
    fn blank_long_and_unclosed_texts_are_refused_with_every_problem_at_once() {
        let errors =
            MailTemplate::parse(&input("  ", "{{ link"), Purpose::Reminder).expect_err("refused");
        assert_eq!(errors.for_field("subject"), Some(&Problem::Required));
        assert_eq!(
            errors.for_field("body"),
            Some(&Problem::UnclosedPlaceholder)
        );
        let long = "あ".repeat(MAX_SUBJECT + 1);
        let errors = MailTemplate::parse(&input(&long, "{{ link }}"), Purpose::Reminder)
            .expect_err("refused");
        assert_eq!(
            errors.for_field("subject"),
            Some(&Problem::TooLong { max: MAX_SUBJECT })
        );
    }

    #[test]
    fn text_without_placeholders_and_lone_braces_survive() {
        let template = MailTemplate::parse(
            &input("{ 件名 }", "a } b {{ link }} c {"),
            Purpose::Reminder,
        )
        .expect("parses");
        assert_eq!(template.subject.fill(|_| String::new()), "{ 件名 }");
        assert_eq!(template.body.fill(|_| "L".into()), "a } b L c {");
    }
}

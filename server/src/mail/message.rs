//! A claimed outbox row as a MIME message: our Message-ID, the recipients with their
//! names (control characters already removed, and lettre encodes every header, so a
//! name cannot add a header), a MIME-encoded subject, and UTF-8 text and HTML parts,
//! with the company's current personal link put in.

use app::server::services::mail::Claimed;
use app::server::services::mail::compose::LINK_PLACEHOLDER;
use app::server::services::mail::recipients::{self, Mailbox};
use lettre::Message;
use lettre::message::{Mailbox as LettreMailbox, MultiPart};

pub fn build(claimed: &Claimed, from: &LettreMailbox, link: &str) -> Result<Message, String> {
    let row = &claimed.message;
    let mut builder = Message::builder()
        .from(from.clone())
        .message_id(Some(row.message_id.clone()))
        .subject(row.subject.clone());
    for mailbox in recipients::load(&row.to_addresses) {
        builder = builder.to(mailbox_of(&mailbox)?);
    }
    for mailbox in recipients::load(&row.cc_addresses) {
        builder = builder.cc(mailbox_of(&mailbox)?);
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            row.body_text.replace(LINK_PLACEHOLDER, link),
            row.body_html.replace(LINK_PLACEHOLDER, link),
        ))
        .map_err(|error| format!("the message cannot be built: {error}"))
}

fn mailbox_of(mailbox: &Mailbox) -> Result<LettreMailbox, String> {
    let address = mailbox
        .email
        .parse()
        .map_err(|_| format!("invalid address {:?}", mailbox.email))?;
    let name = (!mailbox.name.is_empty()).then(|| mailbox.name.clone());
    Ok(LettreMailbox::new(name, address))
}

//! Who receives a company's messages: its primary contact in To and the others in Cc
//! (or everyone in To, as the office configures), skipping contacts without a usable
//! address.

use crate::domain::Email;
use crate::server::entities::contact;
use serde::{Deserialize, Serialize};

/// One recipient: display name and address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recipients {
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// The name the greeting uses: the primary contact's.
    pub greeting_name: String,
}

impl Recipients {
    /// From a company's contacts, in roster order. `cc_others`: the other contacts go in
    /// Cc (the default), else in To.
    pub fn of(contacts: &[contact::Model], cc_others: bool) -> Self {
        let mut usable: Vec<&contact::Model> = contacts
            .iter()
            .filter(|c| Email::parse(&c.email).is_ok())
            .collect();
        // The primary contact first; the rest keep their order.
        usable.sort_by_key(|c| !c.is_primary);
        let mut recipients = Recipients::default();
        for (index, c) in usable.into_iter().enumerate() {
            let mailbox = Mailbox {
                name: super::compose::one_line(&c.name),
                email: c.email.trim().to_owned(),
            };
            if index == 0 {
                recipients.greeting_name = mailbox.name.clone();
                recipients.to.push(mailbox);
            } else if cc_others {
                recipients.cc.push(mailbox);
            } else {
                recipients.to.push(mailbox);
            }
        }
        recipients
    }

    pub fn is_empty(&self) -> bool {
        self.to.is_empty()
    }
}

/// Stored form of a list of mailboxes (JSON: names may hold commas).
pub fn store(mailboxes: &[Mailbox]) -> String {
    serde_json::to_string(mailboxes).unwrap_or_else(|_| "[]".to_owned())
}

pub fn load(stored: &str) -> Vec<Mailbox> {
    serde_json::from_str(stored).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i32, name: &str, email: &str, is_primary: bool) -> contact::Model {
        contact::Model {
            id,
            company_id: 1,
            name: name.into(),
            department: String::new(),
            email: email.into(),
            phone: String::new(),
            is_primary,
        }
    }

    #[test]
    fn the_primary_contact_is_addressed_and_the_others_copied() {
        let contacts = [
            person(1, "佐藤", "sato@example.jp", false),
            person(2, "山田\n太郎", "yamada@example.jp", true),
            person(3, "鈴木", "", false),
            person(4, "高橋", "takahashi@example.jp", false),
        ];
        let recipients = Recipients::of(&contacts, true);
        assert_eq!(recipients.to.len(), 1);
        assert_eq!(recipients.to[0].email, "yamada@example.jp");
        assert_eq!(recipients.greeting_name, "山田 太郎");
        let cc: Vec<&str> = recipients.cc.iter().map(|m| m.email.as_str()).collect();
        assert_eq!(cc, ["sato@example.jp", "takahashi@example.jp"]);
        assert_eq!(Recipients::of(&contacts, false).to.len(), 3);
        assert!(Recipients::of(&contacts[2..3], true).is_empty());
    }
}

use sea_orm::entity::prelude::*;

/// One email, queued in the transaction that decided to send it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The company's invitation; none for an officer's digest.
    pub invitation_id: Option<i32>,
    pub campaign_id: Option<i32>,
    pub company_id: Option<i32>,
    /// The officer a digest is for; none for a company's message.
    pub officer_id: Option<i32>,
    /// `Purpose` code.
    pub purpose: String,
    /// 1 for the first message of a purpose, 2 for the second reminder, ...
    pub sequence: i32,
    pub language: String,
    /// Comma-separated addresses.
    pub to_addresses: String,
    pub cc_addresses: String,
    pub subject: String,
    /// With the link placeholder, never the token itself.
    pub body_text: String,
    pub body_html: String,
    pub message_id: String,
    /// `DeliveryState` code.
    pub state: String,
    pub due_at: DateTimeUtc,
    pub attempts: i32,
    /// The claim of the worker sending it; a result is recorded only under this lease.
    pub lease_id: Option<String>,
    pub lease_until: Option<DateTimeUtc>,
    /// The mail server's last reply, or why the message could not be sent.
    pub last_reply: String,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

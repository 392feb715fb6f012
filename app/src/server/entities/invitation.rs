use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub campaign_id: i32,
    pub company_id: i32,
    /// Random; the link's token is derived from it with the server's key.
    pub token_seed: String,
    /// SHA-256 of the token, hex: how a link finds its invitation.
    pub token_hash: String,
    /// `InvitationStatus` code.
    pub status: String,
    pub extended_until: Option<DateTimeUtc>,
    pub opened_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    /// When the scheduler should next queue a reminder; `None`: none left.
    pub next_reminder_at: Option<DateTimeUtc>,
    pub reminders_queued: i32,
    /// An officer paused this company's reminders.
    pub reminders_paused: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::campaign::Entity",
        from = "Column::CampaignId",
        to = "super::campaign::Column::Id"
    )]
    Campaign,
    #[sea_orm(
        belongs_to = "super::company::Entity",
        from = "Column::CompanyId",
        to = "super::company::Column::Id"
    )]
    Company,
    #[sea_orm(has_one = "super::response::Entity")]
    Response,
}

impl Related<super::campaign::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Campaign.def()
    }
}

impl Related<super::company::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Company.def()
    }
}

impl Related<super::response::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Response.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

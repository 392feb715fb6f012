use sea_orm::entity::prelude::*;

/// An officer's decision on a submitted response: returned for correction, or approved.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub invitation_id: i32,
    pub response_id: i32,
    /// `returned` or `approved`.
    pub decision: String,
    /// The revision the officer read.
    pub revision: i32,
    /// What the company is asked to fix (returns); may be empty for an approval.
    pub comment: String,
    pub officer_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

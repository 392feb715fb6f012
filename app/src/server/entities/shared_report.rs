use sea_orm::entity::prelude::*;

/// A company's seminar report shared in the library: the approved revision shown.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shared_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub invitation_id: i32,
    pub response_id: i32,
    pub revision: i32,
    pub event_id: i32,
    pub campaign_id: i32,
    pub company_id: i32,
    pub shared_at: DateTimeUtc,
    pub shared_by: Option<i32>,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub withdrawn_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub officer_id: Option<i32>,
    pub file_name: String,
    pub file_size: i64,
    pub sha256: String,
    pub format: String,
    pub stored_path: String,
    pub sheet: String,
    pub mapping: String,
    pub status: String,
    pub count_new: i32,
    pub count_updated: i32,
    pub count_unchanged: i32,
    pub count_skipped: i32,
    pub count_invalid: i32,
    pub created_at: DateTimeUtc,
    pub committed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

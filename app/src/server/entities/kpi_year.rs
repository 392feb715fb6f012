use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kpi_years")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kpi_id: i32,
    pub fiscal_year: i32,
    /// Exact decimal text.
    pub target: Option<String>,
    /// Exact decimal text; only for KPIs typed by hand.
    pub actual: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

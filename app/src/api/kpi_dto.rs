//! A KPI as the fiscal-year dashboard and the KPI settings show it.

use crate::domain::aggregate::Exact;
use crate::domain::kpi::{KpiSource, KpiYear};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiDto {
    pub id: i32,
    pub name: String,
    pub unit: String,
    pub source: KpiSource,
    pub baseline: Option<Exact>,
    /// Consecutive fiscal years, oldest first.
    pub years: Vec<KpiYear>,
    /// The years whose actual value was typed rather than summed from answers.
    pub typed_years: Vec<i32>,
}

/// A number question an officer can base a KPI on: its id and a label from a
/// published form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberQuestion {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiSettingsDto {
    pub kpis: Vec<KpiDto>,
    pub questions: Vec<NumberQuestion>,
    pub current_year: i32,
}

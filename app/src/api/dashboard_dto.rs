//! What the event dashboard and the fiscal-year dashboard receive: per campaign, per
//! event, per kind of event and per fiscal year, how many companies were asked and
//! answered, and the totals of 商談件数, 成約件数 and 満足度.

use crate::domain::EventKind;
use crate::domain::aggregate::{Exact, Total};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The figures of some campaigns, added up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Invitations, and how many were submitted.
    pub invited: u32,
    pub submitted: u32,
    pub negotiations: Total,
    pub contracts: Total,
    pub satisfaction: Total,
    /// Submitted セミナー受講レポート.
    pub seminar_reports: u32,
    /// Of those, the ones in the report library now.
    pub seminar_reports_shared: u32,
}

impl Figures {
    pub fn merge(&mut self, other: &Figures) {
        self.invited = self.invited.saturating_add(other.invited);
        self.submitted = self.submitted.saturating_add(other.submitted);
        self.negotiations.merge(other.negotiations);
        self.contracts.merge(other.contracts);
        self.satisfaction.merge(other.satisfaction);
        self.seminar_reports = self.seminar_reports.saturating_add(other.seminar_reports);
        self.seminar_reports_shared = self
            .seminar_reports_shared
            .saturating_add(other.seminar_reports_shared);
    }

    pub fn negotiations(&self) -> Exact {
        self.negotiations.sum()
    }

    pub fn contracts(&self) -> Exact {
        self.contracts.sum()
    }

    pub fn satisfaction(&self) -> Option<Exact> {
        self.satisfaction.mean()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignFigures {
    pub id: i32,
    pub title: String,
    /// A セミナー受講レポート rather than a questionnaire.
    pub seminar: bool,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDashboardDto {
    pub event_id: i32,
    pub event_name: String,
    pub kind: EventKind,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub fiscal_year: i32,
    pub participants: u32,
    pub campaigns: Vec<CampaignFigures>,
    pub totals: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: i32,
    pub name: String,
    pub kind: EventKind,
    pub start_date: NaiveDate,
    pub participants: u32,
    pub figures: Figures,
}

/// Events of one kind, or of one fiscal year, taken together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow<K> {
    pub key: K,
    pub events: u32,
    /// Distinct companies that took part in any of the events.
    pub companies: u32,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalYearDashboardDto {
    /// The year shown: its first calendar year (2026 for 2026年度, April 2026 to March 2027).
    pub year: i32,
    pub events: Vec<EventRow>,
    pub by_kind: Vec<GroupRow<EventKind>>,
    pub totals: GroupRow<i32>,
    /// Every year with events, oldest first: the trend.
    pub years: Vec<GroupRow<i32>>,
    /// The programme's KPIs, their years up to this one.
    pub kpis: Vec<super::kpi_dto::KpiDto>,
}

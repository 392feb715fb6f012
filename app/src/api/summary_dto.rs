//! What the summary page of a campaign receives: the response rate, every question's
//! summary, the free texts with the company that wrote them, and who is still missing.

use super::campaign_dto::CampaignDto;
use crate::domain::aggregate::QuestionSummary;
use crate::domain::campaigns::InvitationStatus;
use crate::domain::forms::{Question, Text};
use serde::{Deserialize, Serialize};

/// The filters of the summary and its exports, as the query string carries them; every
/// field may be empty, and one that does not parse filters nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryFilters {
    /// An industry exactly as on the roster.
    pub industry: String,
    /// `yes` or `no`: only 地域未来牽引企業, or only the others.
    pub leader: String,
    /// A company id.
    pub company: String,
}

impl SummaryFilters {
    pub fn industry(&self) -> Option<&str> {
        Some(self.industry.trim()).filter(|s| !s.is_empty())
    }

    pub fn regional_leader(&self) -> Option<bool> {
        match self.leader.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }

    pub fn company(&self) -> Option<i32> {
        self.company.trim().parse().ok()
    }

    pub fn is_empty(&self) -> bool {
        self.industry().is_none() && self.regional_leader().is_none() && self.company().is_none()
    }

    /// The filters as a query string (`industry=…&leader=yes`), empty without filters;
    /// the export links carry it.
    pub fn query(&self) -> String {
        self.query_with_page(None)
    }

    /// `path` with the filters (and a page number) as its query string.
    pub fn href(&self, path: &str, page: Option<u32>) -> String {
        let query = self.query_with_page(page);
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }

    fn query_with_page(&self, page: Option<u32>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(industry) = self.industry() {
            query.append_pair("industry", industry);
        }
        if let Some(leader) = self.regional_leader() {
            query.append_pair("leader", if leader { "yes" } else { "no" });
        }
        if let Some(company) = self.company() {
            query.append_pair("company", &company.to_string());
        }
        if let Some(page) = page {
            query.append_pair("page", &page.to_string());
        }
        query.finish()
    }
}

/// A text some company wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyText {
    pub company: String,
    pub text: String,
    /// A file question's answer: the files attached (the text is their names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<crate::domain::forms::FileRef>,
}

/// One question with what its answers add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    /// Its number in the form, from 1.
    pub number: usize,
    pub question: Question,
    pub summary: QuestionSummary,
    /// The first texts answered to a text question, the "other" texts of a choice, or
    /// the files attached, by company name.
    pub texts: Vec<CompanyText>,
    /// How many there are in all.
    pub texts_total: u32,
}

/// A company asked that has not submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingCompany {
    pub company_id: i32,
    pub company: String,
    pub status: InvitationStatus,
}

/// A character the Shift_JIS export cannot hold, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unconvertible {
    pub character: String,
    pub company: String,
    pub column: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSummaryDto {
    pub event_name: String,
    pub form_title: Text,
    /// The whole campaign, unfiltered.
    pub campaign: CampaignDto,
    pub filters: SummaryFilters,
    /// The industries and companies the filters offer.
    pub industries: Vec<String>,
    pub companies: Vec<(i32, String)>,
    /// Of the companies the filters keep.
    pub invited: u32,
    pub submitted: u32,
    pub missing: Vec<MissingCompany>,
    pub questions: Vec<QuestionResult>,
    /// What the Shift_JIS CSV would replace with 〓.
    pub unconvertible: Vec<Unconvertible>,
}

/// One page of a question's texts (or attached files): what the summary page lists the
/// first of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionTextsDto {
    pub event_name: String,
    pub campaign: CampaignDto,
    pub filters: SummaryFilters,
    /// Its number in the form, from 1.
    pub number: usize,
    pub question: Question,
    /// This page, from 1, of `pages` (at least 1).
    pub page: u32,
    pub pages: u32,
    /// How many texts there are in all; this page's first is number `first` (from 1).
    pub total: u32,
    pub first: u32,
    pub texts: Vec<CompanyText>,
}

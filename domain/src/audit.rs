//! The audit log as both sides see it: the action codes, the filter of the audit page
//! and the office's time zone for its dates. The writer and the query live in
//! `server::services::audit`.

use super::event::parse_date;
use super::{FieldErrors, Problem};
use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Entries per page of the audit log.
pub const AUDIT_PAGE_SIZE: u64 = 50;

/// What happened. Codes are stable: they are stored, and the audit page translates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Login,
    LoginFailed,
    OfficerCreated,
    OfficerRoleChanged,
    OfficerDisabled,
    OfficerEnabled,
    RosterImported,
    CompanyUpdated,
    CompaniesMerged,
    ContactUpdated,
    FormCreated,
    FormPublished,
    CampaignCreated,
    LinkRegenerated,
    DeadlineExtended,
    ResponsesExported,
    KpiCreated,
    KpiYearSet,
    AnnualReviewExported,
    ReminderPolicyChanged,
    ReminderSentNow,
    RemindersPaused,
    MailTemplateChanged,
    ResponseReturned,
    ResponseApproved,
    ReportShared,
    ReportWithdrawn,
}

impl AuditAction {
    /// Every action, in the order the filter lists them.
    pub const ALL: [AuditAction; 27] = [
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::OfficerCreated,
        AuditAction::OfficerRoleChanged,
        AuditAction::OfficerDisabled,
        AuditAction::OfficerEnabled,
        AuditAction::RosterImported,
        AuditAction::CompanyUpdated,
        AuditAction::CompaniesMerged,
        AuditAction::ContactUpdated,
        AuditAction::FormCreated,
        AuditAction::FormPublished,
        AuditAction::CampaignCreated,
        AuditAction::LinkRegenerated,
        AuditAction::DeadlineExtended,
        AuditAction::ResponsesExported,
        AuditAction::KpiCreated,
        AuditAction::KpiYearSet,
        AuditAction::AnnualReviewExported,
        AuditAction::ReminderPolicyChanged,
        AuditAction::ReminderSentNow,
        AuditAction::RemindersPaused,
        AuditAction::MailTemplateChanged,
        AuditAction::ResponseReturned,
        AuditAction::ResponseApproved,
        AuditAction::ReportShared,
        AuditAction::ReportWithdrawn,
    ];

    pub fn as_code(self) -> &'static str {
        match self {
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::OfficerCreated => "officer_created",
            AuditAction::OfficerRoleChanged => "officer_role_changed",
            AuditAction::OfficerDisabled => "officer_disabled",
            AuditAction::OfficerEnabled => "officer_enabled",
            AuditAction::RosterImported => "roster_imported",
            AuditAction::CompanyUpdated => "company_updated",
            AuditAction::CompaniesMerged => "companies_merged",
            AuditAction::ContactUpdated => "contact_updated",
            AuditAction::FormCreated => "form_created",
            AuditAction::FormPublished => "form_published",
            AuditAction::CampaignCreated => "campaign_created",
            AuditAction::LinkRegenerated => "link_regenerated",
            AuditAction::DeadlineExtended => "deadline_extended",
            AuditAction::ResponsesExported => "responses_exported",
            AuditAction::KpiCreated => "kpi_created",
            AuditAction::KpiYearSet => "kpi_year_set",
            AuditAction::AnnualReviewExported => "annual_review_exported",
            AuditAction::ReminderPolicyChanged => "reminder_policy_changed",
            AuditAction::ReminderSentNow => "reminder_sent_now",
            AuditAction::RemindersPaused => "reminders_paused",
            AuditAction::MailTemplateChanged => "mail_template_changed",
            AuditAction::ResponseReturned => "response_returned",
            AuditAction::ResponseApproved => "response_approved",
            AuditAction::ReportShared => "report_shared",
            AuditAction::ReportWithdrawn => "report_withdrawn",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Problem> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_code() == code.trim())
            .ok_or(Problem::InvalidChoice)
    }
}

pub use super::office_time::{format_office_time, office_offset};

/// What the filter form of the audit page sends, as typed; every field may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// An action code, or empty for all.
    pub action: String,
    /// Part of the actor's e-mail (or `system:…`), case-insensitive.
    pub who: String,
    /// First day (JST), `YYYY-MM-DD` or `YYYY/MM/DD`.
    pub from: String,
    /// Last day (JST), included.
    pub to: String,
    /// 1-based; 0 means the first page.
    pub page: u32,
}

impl AuditQuery {
    /// The query from the page's URL parameters; a page number that is not one reads as
    /// the first page rather than an error.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            action: get("action").unwrap_or_default(),
            who: get("who").unwrap_or_default(),
            from: get("from").unwrap_or_default(),
            to: get("to").unwrap_or_default(),
            page: get("page").and_then(|p| p.trim().parse().ok()).unwrap_or(1),
        }
    }

    /// The 1-based page number.
    pub fn page(&self) -> u64 {
        u64::from(self.page.max(1))
    }

    /// The page's URL with these filters on page `page`; empty filters are left out.
    pub fn href(&self, page: u64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("action", &self.action),
            ("who", &self.who),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.trim().is_empty() {
                query.append_pair(name, value.trim());
            }
        }
        if page > 1 {
            query.append_pair("page", &page.to_string());
        }
        let query = query.finish();
        if query.is_empty() {
            "/admin/audit".to_owned()
        } else {
            format!("/admin/audit?{query}")
        }
    }
}

/// A valid filter: each part narrows the list, `None` does not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    pub who: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Longest `who` text that is searched for (an e-mail address is at most 254).
const WHO_MAX: usize = 254;

impl TryFrom<&AuditQuery> for AuditFilter {
    type Error = FieldErrors;

    fn try_from(query: &AuditQuery) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let optional = |raw: &str| (!raw.trim().is_empty()).then(|| raw.trim().to_owned());
        let action = optional(&query.action)
            .and_then(|code| errors.take("action", AuditAction::parse(&code)));
        let who = optional(&query.who).and_then(|who| {
            let result = if who.chars().count() > WHO_MAX {
                Err(Problem::TooLong { max: WHO_MAX })
            } else {
                Ok(who)
            };
            errors.take("who", result)
        });
        let from = optional(&query.from).and_then(|raw| errors.take("from", parse_date(&raw)));
        let to = optional(&query.to).and_then(|raw| errors.take("to", parse_date(&raw)));
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            errors.push("to", Problem::EndBeforeStart);
        }
        if errors.is_empty() {
            Ok(Self {
                action,
                who,
                from,
                to,
            })
        } else {
            Err(errors)
        }
    }
}

impl AuditFilter {
    /// The instants the date range covers: from 00:00 JST of the first day, up to but
    /// not including 00:00 JST of the day after the last.
    pub fn time_range(&self) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let start_of = |date: NaiveDate| {
            office_offset()
                .from_local_datetime(&date.and_time(NaiveTime::MIN))
                .single()
                .map(|at| at.with_timezone(&Utc))
        };
        (
            self.from.and_then(start_of),
            self.to
                .and_then(|to| to.checked_add_days(Days::new(1)))
                .and_then(start_of),
        )
    }
}

/// One readable part of an entry's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailItem {
    /// `key: value`.
    Value { key: String, value: String },
    /// A field that changed: the writer's `{"field": {"old": …, "new": …}}`.
    Change {
        key: String,
        old: String,
        new: String,
    },
}

/// Pairs each `x.old` with its `x.new` into one change; everything else stays a value.
/// Order follows the first key of each item.
pub fn detail_items(details: &[(String, String)]) -> Vec<DetailItem> {
    let value_of = |wanted: &str| {
        details
            .iter()
            .find(|(key, _)| key == wanted)
            .map(|(_, value)| value.clone())
    };
    let mut items = Vec::new();
    for (key, value) in details {
        let change = key
            .strip_suffix(".old")
            .map(|field| (field, value_of(&format!("{field}.new"))));
        if let Some((field, Some(new))) = change {
            items.push(DetailItem::Change {
                key: field.to_owned(),
                old: value.clone(),
                new,
            });
            continue;
        }
        let paired_new = key
            .strip_suffix(".new")
            .is_some_and(|field| value_of(&format!("{field}.old")).is_some());
        if !paired_new {
            items.push(DetailItem::Value {
                key: key.clone(),
                value: value.clone(),
            });
        }
    }
    items
}

/// How many pages `total` entries fill (at least one, so "page 1 of 1" reads right).
pub fn page_count(total: u64) -> u64 {
    total.div_ceil(AUDIT_PAGE_SIZE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339)
            .expect("date")
            .with_timezone(&Utc)
    }

    #[test]
    fn action_codes_round_trip() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_code()), Ok(action));
        }
        assert_eq!(
            AuditAction::parse("drop_table"),
            Err(Problem::InvalidChoice)
        );
    }

    #[test]
    fn times_are_shown_in_japan_time() {
        assert_eq!(
            format_office_time(utc("2026-05-31T15:30:00Z")),
            "2026/06/01 00:30"
        );
    }

    #[test]
    fn an_empty_query_filters_nothing() {
        assert_eq!(
            AuditFilter::try_from(&AuditQuery::default()),
            Ok(AuditFilter::default())
        );
    }

    #[test]
    fn a_date_range_covers_whole_days_in_japan_time() {
        let filter = AuditFilter::try_from(&AuditQuery {
            from: "2026-06-01".into(),
            to: "2026/06/02".into(),
            ..AuditQuery::default()
        })
        .expect("valid");
        assert_eq!(
            filter.time_range(),
            (
                Some(utc("2026-05-31T15:00:00Z")),
                Some(utc("2026-06-02T15:00:00Z"))
            )
        );
    }

    #[test]
    fn bad_filters_are_reported_by_field() {
        let errors = AuditFilter::try_from(&AuditQuery {
            action: "drop_table".into(),
            from: "2026-06-02".into(),
            to: "2026-06-01".into(),
            ..AuditQuery::default()
        })
        .expect_err("invalid");
        assert_eq!(errors.for_field("action"), Some(&Problem::InvalidChoice));
        assert_eq!(errors.for_field("to"), Some(&Problem::EndBeforeStart));
        let errors = AuditFilter::try_from(&AuditQuery {
            from: "yesterday".into(),
            ..AuditQuery::default()
        })
        .expect_err("invalid");
        assert_eq!(errors.for_field("from"), Some(&Problem::InvalidDate));
    }

    #[test]
    fn page_links_keep_the_filters_and_drop_empty_ones() {
        let query = AuditQuery {
            action: "login".into(),
            who: "tanaka@example.jp".into(),
            ..AuditQuery::default()
        };
        assert_eq!(
            query.href(2),
            "/admin/audit?action=login&who=tanaka%40example.jp&page=2"
        );
        assert_eq!(
            query.href(1),
            "/admin/audit?action=login&who=tanaka%40example.jp"
        );
        assert_eq!(AuditQuery::default().href(1), "/admin/audit");
    }

    #[test]
    fn a_page_number_that_is_not_one_means_the_first_page() {
        let query = AuditQuery::from_params(|name| (name == "page").then(|| "x".to_owned()));
        assert_eq!(query.page(), 1);
        let query = AuditQuery::from_params(|name| (name == "page").then(|| "3".to_owned()));
        assert_eq!(query.page(), 3);
    }

    #[test]
    fn old_and_new_values_read_as_one_change() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let items = detail_items(&pairs(&[
            ("counts.new", "3"),
            ("industry.new", "金属加工"),
            ("industry.old", "機械"),
            ("primary.old", ""),
        ]));
        assert_eq!(
            items,
            vec![
                DetailItem::Value {
                    key: "counts.new".into(),
                    value: "3".into()
                },
                DetailItem::Change {
                    key: "industry".into(),
                    old: "機械".into(),
                    new: "金属加工".into()
                },
                DetailItem::Value {
                    key: "primary.old".into(),
                    value: String::new()
                },
            ]
        );
    }

    #[test]
    fn pages_are_counted_in_fifties() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(50), 1);
        assert_eq!(page_count(51), 2);
    }
}

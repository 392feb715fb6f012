//! Campaigns (依頼): a form version sent to an event's companies, open from a given time
//! until a deadline in the office's time zone, and where each company stands with it.

use super::field_errors::required_text;
use super::office_time::office_offset;
use super::{FieldErrors, Problem};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

const TITLE_MAX: usize = 200;

/// Where one company stands with one campaign. Codes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    NotOpened,
    Opened,
    Draft,
    Submitted,
    /// An officer sent the submitted answers back for correction (差し戻し): counts as
    /// not submitted until the company submits again.
    Returned,
    /// An officer accepted the submitted answers.
    Approved,
}

impl InvitationStatus {
    pub const ALL: [InvitationStatus; 6] = [
        InvitationStatus::NotOpened,
        InvitationStatus::Opened,
        InvitationStatus::Draft,
        InvitationStatus::Submitted,
        InvitationStatus::Returned,
        InvitationStatus::Approved,
    ];

    pub fn as_code(self) -> &'static str {
        match self {
            InvitationStatus::NotOpened => "not_opened",
            InvitationStatus::Opened => "opened",
            InvitationStatus::Draft => "draft",
            InvitationStatus::Submitted => "submitted",
            InvitationStatus::Returned => "returned",
            InvitationStatus::Approved => "approved",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Problem> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_code() == code)
            .ok_or(Problem::InvalidChoice)
    }

    /// The status after the company did something (`to` is opened, draft or
    /// submitted). It never goes back: a company that submitted and opens the link again
    /// is still "submitted"; a returned report stays returned through its drafts, and
    /// an approved one stays approved until the company submits a new version.
    pub fn advance(self, to: InvitationStatus) -> InvitationStatus {
        use InvitationStatus::*;
        match (self, to) {
            (_, Submitted) => Submitted,
            (Returned | Approved | Submitted, _) => self,
            _ => self.max(to),
        }
    }

    /// Whether the company has done what was asked: no reminders, counted as answered.
    pub fn counts_as_submitted(self) -> bool {
        matches!(
            self,
            InvitationStatus::Submitted | InvitationStatus::Approved
        )
    }

    /// The stored codes of the statuses that count as submitted, for queries.
    pub fn submitted_codes() -> [&'static str; 2] {
        [
            InvitationStatus::Submitted.as_code(),
            InvitationStatus::Approved.as_code(),
        ]
    }
}

/// When a company may answer: from the opening to the deadline, or to the later date
/// an officer gave this company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerWindow {
    pub opens_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub extended_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowState {
    NotYetOpen,
    Open,
    Closed,
}

impl AnswerWindow {
    /// The end of answering for this company.
    pub fn closes_at(&self) -> DateTime<Utc> {
        match self.extended_until {
            Some(until) if until > self.deadline => until,
            _ => self.deadline,
        }
    }

    /// The deadline is the last instant that still counts: a form sent at 17:00:00 for
    /// a 17:00 deadline is on time.
    pub fn state(&self, now: DateTime<Utc>) -> WindowState {
        if now < self.opens_at {
            WindowState::NotYetOpen
        } else if now <= self.closes_at() {
            WindowState::Open
        } else {
            WindowState::Closed
        }
    }
}

/// A time as an officer types it, in JST: `2026-12-15T17:00` (what `<input
/// type="datetime-local">` sends), `2026/12/15 17:00`, or a date alone, which means the
/// end of that day for a deadline and its start for an opening.
pub fn parse_office_time(raw: &str, date_alone: TimeOfDay) -> Result<DateTime<Utc>, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::Required);
    }
    let local = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(raw, format).ok())
    .or_else(|| {
        ["%Y-%m-%d", "%Y/%m/%d"]
            .iter()
            .find_map(|format| NaiveDate::parse_from_str(raw, format).ok())
            .map(|date| date.and_time(date_alone.time()))
    })
    .ok_or(Problem::InvalidDateTime)?;
    office_offset()
        .from_local_datetime(&local)
        .single()
        .map(|at| at.with_timezone(&Utc))
        .ok_or(Problem::InvalidDateTime)
}

/// What a date without a time stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeOfDay {
    StartOfDay,
    EndOfDay,
}

impl TimeOfDay {
    fn time(self) -> NaiveTime {
        match self {
            TimeOfDay::StartOfDay => NaiveTime::MIN,
            TimeOfDay::EndOfDay => NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"),
        }
    }
}

/// The value of a `datetime-local` input for an instant, in JST.
pub fn office_time_input(at: DateTime<Utc>) -> String {
    at.with_timezone(&office_offset())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The campaign form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CampaignInput {
    pub title: String,
    /// The id of a published form version.
    pub form_version_id: String,
    pub opens_at: String,
    pub deadline: String,
    /// `all`, or `chosen` with the companies in `companies`.
    pub audience: String,
    pub companies: Vec<String>,
}

/// Who receives a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// Every company taking part in the event.
    AllParticipants,
    /// These companies, which must take part in the event.
    Chosen(Vec<i32>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignDraft {
    pub title: String,
    pub form_version_id: i32,
    pub window: AnswerWindow,
    pub audience: Audience,
}

impl TryFrom<&CampaignInput> for CampaignDraft {
    type Error = FieldErrors;

    fn try_from(input: &CampaignInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = errors.take("title", required_text(&input.title, TITLE_MAX));
        let form_version_id = errors.take(
            "form_version_id",
            input
                .form_version_id
                .trim()
                .parse::<i32>()
                .map_err(|_| Problem::Required),
        );
        let opens_at = errors.take(
            "opens_at",
            parse_office_time(&input.opens_at, TimeOfDay::StartOfDay),
        );
        let deadline = errors.take(
            "deadline",
            parse_office_time(&input.deadline, TimeOfDay::EndOfDay),
        );
        if let (Some(opens_at), Some(deadline)) = (opens_at, deadline)
            && deadline <= opens_at
        {
            errors.push("deadline", Problem::DeadlineBeforeOpening);
        }
        let audience = match input.audience.as_str() {
            "chosen" => {
                let chosen: Vec<i32> = input
                    .companies
                    .iter()
                    .filter_map(|id| id.trim().parse().ok())
                    .collect();
                if chosen.is_empty() {
                    errors.push("companies", Problem::NoRecipients);
                }
                Some(Audience::Chosen(chosen))
            }
            _ => Some(Audience::AllParticipants),
        };
        match (title, form_version_id, opens_at, deadline, audience) {
            (
                Some(title),
                Some(form_version_id),
                Some(opens_at),
                Some(deadline),
                Some(audience),
            ) if errors.is_empty() => Ok(CampaignDraft {
                title,
                form_version_id,
                window: AnswerWindow {
                    opens_at,
                    deadline,
                    extended_until: None,
                },
                audience,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw)
            .expect("a test instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn office_times_are_read_in_jst() {
        assert_eq!(
            parse_office_time("2026-12-15T17:00", TimeOfDay::EndOfDay),
            Ok(utc("2026-12-15T08:00:00Z"))
        );
        assert_eq!(
            parse_office_time(" 2026/12/15 17:00 ", TimeOfDay::EndOfDay),
            Ok(utc("2026-12-15T08:00:00Z"))
        );
    }

    #[test]
    fn a_date_alone_is_the_end_of_the_day_for_a_deadline_and_its_start_for_an_opening() {
        assert_eq!(
            parse_office_time("2026-12-15", TimeOfDay::EndOfDay),
            Ok(utc("2026-12-15T14:59:59Z"))
        );
        assert_eq!(
            parse_office_time("2026/12/15", TimeOfDay::StartOfDay),
            Ok(utc("2026-12-14T15:00:00Z"))
        );
    }

    #[test]
    fn unreadable_times_are_refused() {
        assert_eq!(
            parse_office_time("", TimeOfDay::EndOfDay),
            Err(Problem::Required)
        );
        assert_eq!(
            parse_office_time("12月15日", TimeOfDay::EndOfDay),
            Err(Problem::InvalidDateTime)
        );
        assert_eq!(
            parse_office_time("2026-02-30T10:00", TimeOfDay::EndOfDay),
            Err(Problem::InvalidDateTime)
        );
    }

    #[test]
    fn the_deadline_itself_is_still_on_time_and_an_extension_moves_it() {
        let window = AnswerWindow {
            opens_at: utc("2026-12-01T00:00:00Z"),
            deadline: utc("2026-12-15T08:00:00Z"),
            extended_until: None,
        };
        assert_eq!(
            window.state(utc("2026-11-30T23:59:59Z")),
            WindowState::NotYetOpen
        );
        assert_eq!(window.state(utc("2026-12-15T08:00:00Z")), WindowState::Open);
        assert_eq!(
            window.state(utc("2026-12-15T08:00:01Z")),
            WindowState::Closed
        );
        let extended = AnswerWindow {
            extended_until: Some(utc("2026-12-20T08:00:00Z")),
            ..window
        };
        assert_eq!(
            extended.state(utc("2026-12-18T00:00:00Z")),
            WindowState::Open
        );
        // An "extension" before the deadline does not shorten it.
        let earlier = AnswerWindow {
            extended_until: Some(utc("2026-12-10T00:00:00Z")),
            ..window
        };
        assert_eq!(earlier.closes_at(), window.deadline);
    }

    #[test]
    fn a_status_never_goes_back() {
        use InvitationStatus::*;
        assert_eq!(Submitted.advance(Opened), Submitted);
        assert_eq!(NotOpened.advance(Opened), Opened);
        assert_eq!(Opened.advance(Draft), Draft);
        for status in InvitationStatus::ALL {
            assert_eq!(InvitationStatus::parse(status.as_code()), Ok(status));
        }
    }

    #[test]
    fn a_returned_report_stays_returned_until_it_is_submitted_again() {
        use InvitationStatus::*;
        assert_eq!(Returned.advance(Opened), Returned);
        assert_eq!(Returned.advance(Draft), Returned);
        assert_eq!(Returned.advance(Submitted), Submitted);
        assert!(!Returned.counts_as_submitted());
    }

    #[test]
    fn an_approved_report_counts_as_submitted_until_a_new_version_is_submitted() {
        use InvitationStatus::*;
        assert_eq!(Approved.advance(Draft), Approved);
        assert_eq!(Approved.advance(Submitted), Submitted);
        assert!(Approved.counts_as_submitted() && Submitted.counts_as_submitted());
        assert!(!Draft.counts_as_submitted());
    }

    #[test]
    fn a_campaign_needs_a_deadline_after_its_opening_and_someone_to_ask() {
        let input = CampaignInput {
            title: "出展後アンケート".into(),
            form_version_id: "3".into(),
            opens_at: "2026-12-15T09:00".into(),
            deadline: "2026-12-01".into(),
            audience: "chosen".into(),
            companies: vec![],
        };
        let errors = CampaignDraft::try_from(&input).expect_err("refused");
        assert_eq!(
            errors.for_field("deadline"),
            Some(&Problem::DeadlineBeforeOpening)
        );
        assert_eq!(errors.for_field("companies"), Some(&Problem::NoRecipients));

        let ok = CampaignInput {
            deadline: "2026-12-25".into(),
            audience: "all".into(),
            ..input
        };
        let draft = CampaignDraft::try_from(&ok).expect("accepted");
        assert_eq!(draft.audience, Audience::AllParticipants);
        assert_eq!(draft.window.deadline, utc("2026-12-25T14:59:59Z"));
    }
}

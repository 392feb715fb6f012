//! Events (展示会・イベント): the raw form input and the parsed, valid draft.

use super::field_errors::{optional_text, required_text};
use super::{FieldErrors, FiscalYear, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 200;
pub const VENUE_MAX: usize = 200;
pub const NOTES_MAX: usize = 4000;

/// The kinds of event the office takes part in. Stored as the `as_str` code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// 企業技術展: the city's own technology exhibition.
    TechExpo,
    /// 展示商談会: a business-matching fair.
    BusinessMatching,
    /// 県外展示会 共同出展: a joint booth at a show outside the prefecture.
    JointExhibit,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::TechExpo,
        EventKind::BusinessMatching,
        EventKind::JointExhibit,
        EventKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::TechExpo => "tech_expo",
            EventKind::BusinessMatching => "business_matching",
            EventKind::JointExhibit => "joint_exhibit",
            EventKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Problem> {
        match code.trim() {
            "" => Err(Problem::Required),
            code => Self::ALL
                .into_iter()
                .find(|kind| kind.as_str() == code)
                .ok_or(Problem::InvalidChoice),
        }
    }
}

/// What the event form posts: every field as the browser sent it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventInput {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub venue: String,
    pub start_date: String,
    pub end_date: String,
    #[serde(default)]
    pub notes: String,
}

/// A valid event, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub name: String,
    pub kind: EventKind,
    pub venue: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub notes: String,
}

impl EventDraft {
    pub fn fiscal_year(&self) -> FiscalYear {
        FiscalYear::from_date(self.start_date)
    }
}

pub(super) fn parse_date(raw: &str) -> Result<NaiveDate, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::Required);
    }
    // `<input type="date">` sends ISO dates; people typing by hand without JavaScript
    // often use slashes (2026/11/25), which we accept too.
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(raw, "%Y/%m/%d"))
        .map_err(|_| Problem::InvalidDate)
}

impl TryFrom<&EventInput> for EventDraft {
    type Error = FieldErrors;

    fn try_from(input: &EventInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", required_text(&input.name, NAME_MAX));
        let kind = errors.take("kind", EventKind::parse(&input.kind));
        let venue = errors.take("venue", optional_text(&input.venue, VENUE_MAX));
        let start_date = errors.take("start_date", parse_date(&input.start_date));
        let end_date = errors.take("end_date", parse_date(&input.end_date));
        let notes = errors.take("notes", optional_text(&input.notes, NOTES_MAX));
        if let (Some(start), Some(end)) = (start_date, end_date)
            && end < start
        {
            errors.push("end_date", Problem::EndBeforeStart);
        }
        match (name, kind, venue, start_date, end_date, notes) {
            (
                Some(name),
                Some(kind),
                Some(venue),
                Some(start_date),
                Some(end_date),
                Some(notes),
            ) if errors.is_empty() => Ok(EventDraft {
                name,
                kind,
                venue,
                start_date,
                end_date,
                notes,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EventInput {
        EventInput {
            name: "  ものづくり企業技術展 2026 ".into(),
            kind: "tech_expo".into(),
            venue: "市民体育館".into(),
            start_date: "2026-11-05".into(),
            end_date: "2026/11/06".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_complete_form_parses_into_a_draft() {
        let draft = EventDraft::try_from(&input()).expect("valid");
        assert_eq!(draft.name, "ものづくり企業技術展 2026");
        assert_eq!(draft.kind, EventKind::TechExpo);
        assert_eq!(draft.fiscal_year(), FiscalYear::new(2026));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = EventDraft::try_from(&EventInput {
            name: " ".into(),
            kind: "party".into(),
            start_date: "2026-13-01".into(),
            end_date: String::new(),
            ..input()
        })
        .expect_err("invalid");
        assert_eq!(errors.for_field("name"), Some(&Problem::Required));
        assert_eq!(errors.for_field("kind"), Some(&Problem::InvalidChoice));
        assert_eq!(errors.for_field("start_date"), Some(&Problem::InvalidDate));
        assert_eq!(errors.for_field("end_date"), Some(&Problem::Required));
    }

    #[test]
    fn an_event_cannot_end_before_it_starts() {
        let errors = EventDraft::try_from(&EventInput {
            start_date: "2026-11-06".into(),
            end_date: "2026-11-05".into(),
            ..input()
        })
        .expect_err("invalid");
        assert_eq!(errors.for_field("end_date"), Some(&Problem::EndBeforeStart));
    }

    #[test]
    fn a_show_in_february_counts_for_the_previous_fiscal_year() {
        let draft = EventDraft::try_from(&EventInput {
            start_date: "2027-02-10".into(),
            end_date: "2027-02-12".into(),
            ..input()
        })
        .expect("valid");
        assert_eq!(draft.fiscal_year(), FiscalYear::new(2026));
    }

    #[test]
    fn kind_codes_round_trip() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Ok(kind));
        }
    }
}

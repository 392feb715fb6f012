//! When a company that has not submitted is reminded: some days before its deadline,
//! then every few days after it, at most so many times, and only at the start of the
//! office's sending window on a business day. The schedule is a pure function of the
//! policy, the company's deadline and the calendar, so the scheduler can recompute it
//! after a restart and tests can check it without a clock.

use super::calendar::BusinessCalendar;
use crate::office_time::office_offset;
use crate::{FieldErrors, Problem};
use chrono::{DateTime, Days, NaiveTime, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// Bounds that keep a policy sensible (and a schedule short).
pub const MAX_DAYS_BEFORE: u16 = 60;
pub const MAX_EVERY_DAYS: u16 = 60;
pub const MAX_REMINDERS: u16 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderPolicy {
    /// Reminders this many days before the deadline, largest first, no repeats.
    pub days_before: Vec<u16>,
    /// After the deadline, a reminder every this many days; `None`: none after it.
    pub every_days_after: Option<u16>,
    /// At most this many reminders to one company in all.
    pub max_reminders: u16,
    /// Reminders go out from this hour (JST) ...
    pub window_start_hour: u32,
    /// ... until this hour (exclusive).
    pub window_end_hour: u32,
    /// Off: no automatic reminders at all (an officer can still send one).
    pub enabled: bool,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        Self {
            days_before: vec![7, 3, 1],
            every_days_after: Some(3),
            max_reminders: 5,
            window_start_hour: 9,
            window_end_hour: 17,
            enabled: true,
        }
    }
}

/// What an officer types on the policy form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderPolicyInput {
    /// e.g. `7, 3, 1` (full-width digits and commas accepted).
    pub days_before: String,
    /// Blank: no reminders after the deadline.
    pub every_days_after: String,
    pub max_reminders: String,
    pub window_start_hour: String,
    pub window_end_hour: String,
    /// A checkbox: present when on.
    #[serde(default)]
    pub enabled: Option<String>,
}

impl ReminderPolicy {
    /// The form's values for this policy.
    pub fn to_input(&self) -> ReminderPolicyInput {
        ReminderPolicyInput {
            days_before: self
                .days_before
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            every_days_after: self
                .every_days_after
                .map(|days| days.to_string())
                .unwrap_or_default(),
            max_reminders: self.max_reminders.to_string(),
            window_start_hour: self.window_start_hour.to_string(),
            window_end_hour: self.window_end_hour.to_string(),
            enabled: self.enabled.then(|| "on".to_owned()),
        }
    }

    pub fn parse(input: &ReminderPolicyInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut days_before = Vec::new();
        for part in normalise(&input.days_before)
            .split([',', '、', ' '])
            .filter(|part| !part.is_empty())
        {
            match bounded(part, 1, MAX_DAYS_BEFORE) {
                Ok(days) => days_before.push(days),
                Err(problem) => {
                    errors.push("days_before", problem);
                    break;
                }
            }
        }
        days_before.sort_unstable_by(|a, b| b.cmp(a));
        days_before.dedup();
        let every = normalise(&input.every_days_after);
        let every_days_after = if every.is_empty() {
            None
        } else {
            errors.take("every_days_after", bounded(&every, 1, MAX_EVERY_DAYS))
        };
        let max_reminders = errors.take(
            "max_reminders",
            bounded(&normalise(&input.max_reminders), 0, MAX_REMINDERS),
        );
        let start = errors.take(
            "window_start_hour",
            bounded(&normalise(&input.window_start_hour), 0, 23),
        );
        let end = errors.take(
            "window_end_hour",
            bounded(&normalise(&input.window_end_hour), 1, 24),
        );
        if let (Some(start), Some(end)) = (start, end)
            && end <= start
        {
            errors.push("window_end_hour", Problem::EndBeforeStart);
        }
        match (max_reminders, start, end) {
            (Some(max_reminders), Some(start), Some(end)) if errors.is_empty() => Ok(Self {
                days_before,
                every_days_after,
                max_reminders,
                window_start_hour: u32::from(start),
                window_end_hour: u32::from(end),
                enabled: input.enabled.is_some(),
            }),
            _ => Err(errors),
        }
    }

    /// Every instant at which a company whose deadline is `deadline` should be
    /// reminded, in order, at most `max_reminders` of them; none before a day has passed
    /// since the campaign opened (the invitation itself was the first message).
    pub fn schedule(
        &self,
        opens_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        calendar: &BusinessCalendar,
    ) -> Vec<DateTime<Utc>> {
        if !self.enabled || self.max_reminders == 0 {
            return Vec::new();
        }
        let limit = usize::from(self.max_reminders);
        let earliest = opens_at + chrono::Duration::days(1);
        let deadline_day = deadline.with_timezone(&office_offset()).date_naive();
        let mut slots: Vec<DateTime<Utc>> = self
            .days_before
            .iter()
            .filter_map(|&days| deadline_day.checked_sub_days(Days::new(u64::from(days))))
            .map(|day| self.window_opening(calendar.on_or_before(day)))
            .filter(|&at| at >= earliest && at < deadline)
            .collect();
        // Two reminders moved to the same business day are one.
        slots.sort_unstable();
        slots.dedup();
        if let Some(every) = self.every_days_after {
            let mut step = 1;
            while slots.len() < limit {
                let Some(day) = deadline_day.checked_add_days(Days::new(u64::from(every) * step))
                else {
                    break;
                };
                let at = self.window_opening(calendar.on_or_after(day));
                if at > deadline && at >= earliest {
                    slots.push(at);
                }
                step += 1;
            }
        }
        slots.sort_unstable();
        slots.dedup();
        slots.truncate(limit);
        slots
    }

    /// The first reminder time strictly after `after`, if the schedule has one left
    /// for a company that has had `already` reminders.
    pub fn next_after(
        &self,
        opens_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        calendar: &BusinessCalendar,
        already: u16,
        after: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        if already >= self.max_reminders {
            return None;
        }
        self.schedule(opens_at, deadline, calendar)
            .into_iter()
            .find(|&at| at > after)
    }

    /// `at` itself when it falls in the sending window of a business day, else the
    /// next opening of the window: when a reminder found due late may go out.
    pub fn next_sending_time(
        &self,
        at: DateTime<Utc>,
        calendar: &BusinessCalendar,
    ) -> DateTime<Utc> {
        let local = at.with_timezone(&office_offset());
        let day = local.date_naive();
        let hour = local.hour();
        if calendar.is_business_day(day)
            && hour >= self.window_start_hour
            && hour < self.window_end_hour
        {
            return at;
        }
        let next_day = if calendar.is_business_day(day) && hour < self.window_start_hour {
            day
        } else {
            calendar.on_or_after(day.succ_opt().unwrap_or(day))
        };
        self.window_opening(next_day)
    }

    fn window_opening(&self, day: chrono::NaiveDate) -> DateTime<Utc> {
        let time = NaiveTime::from_hms_opt(self.window_start_hour, 0, 0).unwrap_or(NaiveTime::MIN);
        office_offset()
            .from_local_datetime(&day.and_time(time))
            .single()
            .expect("a fixed offset has one local time")
            .with_timezone(&Utc)
    }
}

fn normalise(raw: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    raw.nfkc().collect::<String>().trim().to_owned()
}

fn bounded(text: &str, min: u16, max: u16) -> Result<u16, Problem> {
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let value: u16 = text.parse().map_err(|_| Problem::NotAWholeNumber)?;
    if value < min || value > max {
        return Err(Problem::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests;

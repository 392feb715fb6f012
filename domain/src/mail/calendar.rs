//! The office's working days: Monday to Friday, except Japan's national holidays
//! (including substitute and "sandwiched" holidays, from the `jpholiday` crate's rules)
//! and the office's own closed days. Public offices close from 29 December to 3 January
//! (年末年始), so those days are closed unless the office says otherwise.

use chrono::{Datelike, NaiveDate, Weekday};
use jpholiday::jpholiday::JPHoliday;
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    /// National holidays of the years computed in advance.
    holidays: BTreeSet<NaiveDate>,
    years: std::ops::RangeInclusive<i32>,
    closed: BTreeSet<NaiveDate>,
    year_end_closure: bool,
}

impl BusinessCalendar {
    /// A calendar that knows the holidays of `years` in advance (dates outside are
    /// computed when asked, more slowly), closed on `closed` days too.
    pub fn new(
        years: std::ops::RangeInclusive<i32>,
        closed: impl IntoIterator<Item = NaiveDate>,
        year_end_closure: bool,
    ) -> Self {
        let rules = JPHoliday::new();
        let holidays = years
            .clone()
            .flat_map(|year| rules.year_holidays(year))
            .map(|(date, _name)| date)
            .collect();
        Self {
            holidays,
            years,
            closed: closed.into_iter().collect(),
            year_end_closure,
        }
    }

    /// A calendar for the years around `today` (one back, three ahead).
    pub fn around(
        today: NaiveDate,
        closed: impl IntoIterator<Item = NaiveDate>,
        year_end_closure: bool,
    ) -> Self {
        Self::new(
            today.year() - 1..=today.year() + 3,
            closed,
            year_end_closure,
        )
    }

    pub fn is_national_holiday(&self, date: NaiveDate) -> bool {
        if self.years.contains(&date.year()) {
            self.holidays.contains(&date)
        } else {
            JPHoliday::new().is_holiday(&date)
        }
    }

    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let year_end = self.year_end_closure
            && matches!((date.month(), date.day()), (12, 29..=31) | (1, 1..=3));
        !(weekend || year_end || self.closed.contains(&date) || self.is_national_holiday(date))
    }

    /// `date` if it is a business day, else the next one.
    pub fn on_or_after(&self, date: NaiveDate) -> NaiveDate {
        self.walk(date, |day| day.succ_opt())
    }

    /// `date` if it is a business day, else the one before.
    pub fn on_or_before(&self, date: NaiveDate) -> NaiveDate {
        self.walk(date, |day| day.pred_opt())
    }

    fn walk(
        &self,
        mut date: NaiveDate,
        step: impl Fn(NaiveDate) -> Option<NaiveDate>,
    ) -> NaiveDate {
        // A year holds far fewer than 60 closed days in a row; the bound only guards
        // against a calendar configured to close every day.
        for _ in 0..60 {
            if self.is_business_day(date) {
                return date;
            }
            match step(date) {
                Some(next) => date = next,
                None => return date,
            }
        }
        date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    fn calendar() -> BusinessCalendar {
        BusinessCalendar::new(2026..=2027, [day(2026, 8, 14)], true)
    }

    #[test]
    fn weekdays_are_business_days_and_weekends_are_not() {
        let cal = calendar();
        assert!(cal.is_business_day(day(2026, 6, 1)), "a Monday");
        assert!(!cal.is_business_day(day(2026, 6, 6)), "a Saturday");
        assert!(!cal.is_business_day(day(2026, 6, 7)), "a Sunday");
    }

    #[test]
    fn national_substitute_and_sandwiched_holidays_are_closed() {
        let cal = calendar();
        assert!(!cal.is_business_day(day(2026, 4, 29)), "昭和の日");
        assert!(
            !cal.is_business_day(day(2026, 5, 6)),
            "振替休日 for 5/3 on a Sunday"
        );
        assert!(!cal.is_business_day(day(2026, 9, 21)), "敬老の日");
        assert!(
            !cal.is_business_day(day(2026, 9, 22)),
            "国民の休日 between two holidays"
        );
        assert!(!cal.is_business_day(day(2026, 9, 23)), "秋分の日");
        assert!(!cal.is_business_day(day(2026, 11, 23)), "勤労感謝の日");
        assert!(cal.is_business_day(day(2026, 11, 24)));
    }

    #[test]
    fn the_year_end_closure_and_the_offices_own_days_are_closed() {
        let cal = calendar();
        assert!(!cal.is_business_day(day(2026, 12, 29)));
        assert!(!cal.is_business_day(day(2027, 1, 4 - 1)));
        assert!(cal.is_business_day(day(2027, 1, 4)));
        assert!(
            !cal.is_business_day(day(2026, 8, 14)),
            "configured closed day"
        );
        let open_office = BusinessCalendar::new(2026..=2026, [], false);
        assert!(open_office.is_business_day(day(2026, 12, 29)));
    }

    #[test]
    fn dates_outside_the_precomputed_years_are_still_known() {
        let cal = calendar();
        assert!(!cal.is_business_day(day(2030, 1, 1)));
        assert!(
            cal.is_national_holiday(day(2024, 2, 12)),
            "振替休日 of 建国記念の日"
        );
    }

    #[test]
    fn closed_days_move_to_the_next_or_previous_business_day() {
        let cal = calendar();
        // Silver Week 2026: Sat 19 to Wed 23 September.
        assert_eq!(cal.on_or_after(day(2026, 9, 19)), day(2026, 9, 24));
        assert_eq!(cal.on_or_before(day(2026, 9, 23)), day(2026, 9, 18));
        assert_eq!(cal.on_or_after(day(2026, 6, 1)), day(2026, 6, 1));
    }
}

use super::*;
use chrono::NaiveDate;

fn jst(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    office_offset()
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("a valid time")
        .with_timezone(&Utc)
}

fn calendar() -> BusinessCalendar {
    BusinessCalendar::new(2026..=2027, Vec::<NaiveDate>::new(), true)
}

#[test]
fn the_default_schedule_reminds_before_and_after_the_deadline_on_business_days() {
    let policy = ReminderPolicy::default();
    // Deadline Tuesday 30 June 2026, 17:00.
    let slots = policy.schedule(jst(2026, 6, 1, 9), jst(2026, 6, 30, 17), &calendar());
    assert_eq!(
        slots,
        vec![
            jst(2026, 6, 23, 9),
            jst(2026, 6, 26, 9), // three days before is a Saturday: the Friday before
            jst(2026, 6, 29, 9),
            jst(2026, 7, 3, 9),
            jst(2026, 7, 6, 9), // 3 July + 3 days is a Monday
        ]
    );
}

#[test]
fn holidays_move_reminders_and_the_count_never_exceeds_the_maximum() {
    let policy = ReminderPolicy::default();
    // Deadline Thursday 24 September 2026, after the Silver Week (19-23).
    let slots = policy.schedule(jst(2026, 9, 1, 9), jst(2026, 9, 24, 17), &calendar());
    assert_eq!(
        slots,
        vec![
            jst(2026, 9, 17, 9),
            jst(2026, 9, 18, 9), // 21 and 23 September are holidays: both become the 18th, once
            jst(2026, 9, 28, 9), // 27th is a Sunday
            jst(2026, 9, 30, 9),
            jst(2026, 10, 5, 9), // 3rd is a Saturday
        ]
    );
    assert_eq!(slots.len(), usize::from(policy.max_reminders));
}

#[test]
fn no_reminder_comes_within_a_day_of_the_invitation() {
    let policy = ReminderPolicy::default();
    let slots = policy.schedule(jst(2026, 6, 26, 10), jst(2026, 6, 30, 17), &calendar());
    assert_eq!(slots.first(), Some(&jst(2026, 6, 29, 9)));
}

#[test]
fn a_disabled_policy_or_one_without_after_reminders_schedules_accordingly() {
    let off = ReminderPolicy {
        enabled: false,
        ..ReminderPolicy::default()
    };
    assert!(
        off.schedule(jst(2026, 6, 1, 9), jst(2026, 6, 30, 17), &calendar())
            .is_empty()
    );
    let before_only = ReminderPolicy {
        every_days_after: None,
        ..ReminderPolicy::default()
    };
    assert_eq!(
        before_only
            .schedule(jst(2026, 6, 1, 9), jst(2026, 6, 30, 17), &calendar())
            .len(),
        3
    );
}

#[test]
fn the_next_reminder_follows_the_last_one_until_the_maximum() {
    let policy = ReminderPolicy::default();
    let (opens, deadline, cal) = (jst(2026, 6, 1, 9), jst(2026, 6, 30, 17), calendar());
    assert_eq!(
        policy.next_after(opens, deadline, &cal, 0, jst(2026, 6, 1, 9)),
        Some(jst(2026, 6, 23, 9))
    );
    assert_eq!(
        policy.next_after(opens, deadline, &cal, 1, jst(2026, 6, 23, 9)),
        Some(jst(2026, 6, 26, 9))
    );
    assert_eq!(
        policy.next_after(opens, deadline, &cal, 5, jst(2026, 6, 23, 9)),
        None
    );
}

#[test]
fn a_reminder_found_late_waits_for_the_next_sending_window() {
    let policy = ReminderPolicy::default();
    let cal = calendar();
    // Saturday evening: Monday 09:00.
    assert_eq!(
        policy.next_sending_time(jst(2026, 6, 27, 20), &cal),
        jst(2026, 6, 29, 9)
    );
    // Early on a weekday: the same day at 09:00.
    assert_eq!(
        policy.next_sending_time(jst(2026, 6, 29, 7), &cal),
        jst(2026, 6, 29, 9)
    );
    // Inside the window: now.
    assert_eq!(
        policy.next_sending_time(jst(2026, 6, 29, 11), &cal),
        jst(2026, 6, 29, 11)
    );
    // After 17:00 on the Friday before a holiday Monday (20 July 2026 is 海の日).
    assert_eq!(
        policy.next_sending_time(jst(2026, 7, 17, 17), &cal),
        jst(2026, 7, 21, 9)
    );
}

#[test]
fn the_form_accepts_full_width_digits_and_names_each_bad_field() {
    let input = ReminderPolicyInput {
        days_before: "１、７， 3 ,3".into(),
        every_days_after: "".into(),
        max_reminders: "４".into(),
        window_start_hour: "8".into(),
        window_end_hour: "18".into(),
        enabled: Some("on".into()),
    };
    let policy = ReminderPolicy::parse(&input).expect("valid");
    assert_eq!(policy.days_before, vec![7, 3, 1]);
    assert_eq!(policy.every_days_after, None);
    assert_eq!(policy.max_reminders, 4);
    assert_eq!(ReminderPolicy::parse(&policy.to_input()), Ok(policy));

    let bad = ReminderPolicyInput {
        days_before: "7, x".into(),
        every_days_after: "0".into(),
        max_reminders: "".into(),
        window_start_hour: "17".into(),
        window_end_hour: "9".into(),
        enabled: None,
    };
    let errors = ReminderPolicy::parse(&bad).expect_err("invalid");
    assert_eq!(
        errors.for_field("days_before"),
        Some(&Problem::NotAWholeNumber)
    );
    assert!(matches!(
        errors.for_field("every_days_after"),
        Some(Problem::OutOfRange { .. })
    ));
    assert_eq!(errors.for_field("max_reminders"), Some(&Problem::Required));
    assert_eq!(
        errors.for_field("window_end_hour"),
        Some(&Problem::EndBeforeStart)
    );
}

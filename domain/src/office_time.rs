//! The office's clock: Japan Standard Time, written the way the office writes it.

use chrono::{DateTime, FixedOffset, Utc};

/// The office's time zone (JST has no daylight saving time, so a fixed offset is exact).
pub fn office_offset() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// An instant as the office reads it: `2026/06/01 09:00` in JST.
pub fn format_office_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&office_offset())
        .format("%Y/%m/%d %H:%M")
        .to_string()
}

//! calamine's cell values as our [`Cell`]: types kept (a phone number typed as a number
//! stays a number, so the importer can restore its leading zero), dates as ISO text.

use crate::domain::roster::Cell;
use calamine::{Data, DataRef, ExcelDateTime};

pub(super) fn from_data(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => text_cell(text.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(date_time) => from_excel_date_time(date_time),
        Data::DateTimeIso(iso) => Cell::Date(iso.clone()),
        // An ISO duration (`PT9H30M`) is rare in a roster; keep it readable as written.
        Data::DurationIso(iso) => Cell::Text(iso.clone()),
        Data::Error(error) => Cell::Error(error.to_string()),
    }
}

pub(super) fn from_data_ref(data: DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(text) => text_cell(text),
        DataRef::SharedString(text) => text_cell(text.to_owned()),
        DataRef::Int(n) => Cell::Number(n as f64),
        DataRef::Float(n) => Cell::Number(n),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::DateTime(date_time) => from_excel_date_time(&date_time),
        DataRef::DateTimeIso(iso) => Cell::Date(iso),
        DataRef::DurationIso(iso) => Cell::Text(iso),
        DataRef::Error(error) => Cell::Error(error.to_string()),
    }
}

/// An empty string is no value, the same as in a CSV.
fn text_cell(text: String) -> Cell {
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text)
    }
}

/// `2026-04-01` for a date, `2026-04-01T09:30:00` for a date-time, `09:30:00` for a time
/// of day (a serial below 1). A duration such as `[h]:mm` becomes `36:00:00`.
fn from_excel_date_time(date_time: &ExcelDateTime) -> Cell {
    let serial = date_time.as_f64();
    if date_time.is_duration() {
        return Cell::Text(duration_text(serial));
    }
    let (year, month, day, hour, minute, second, _milli) = date_time.to_ymd_hms_milli();
    let time = format!("{hour:02}:{minute:02}:{second:02}");
    if (0.0..1.0).contains(&serial) {
        return Cell::Date(time);
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    if hour == 0 && minute == 0 && second == 0 {
        Cell::Date(date)
    } else {
        Cell::Date(format!("{date}T{time}"))
    }
}

fn duration_text(days: f64) -> String {
    // Saturating casts: a nonsense serial gives a nonsense but bounded text, never a panic.
    let total_seconds = (days * 86_400.0).round() as i64;
    let sign = if total_seconds < 0 { "-" } else { "" };
    let seconds = total_seconds.unsigned_abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        seconds / 3_600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn date_time(serial: f64) -> Cell {
        from_data(&Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        )))
    }

    #[test]
    fn dates_become_iso_text() {
        assert_eq!(date_time(46113.0), Cell::Date("2026-04-01".into()));
        assert_eq!(date_time(46113.5), Cell::Date("2026-04-01T12:00:00".into()));
        assert_eq!(date_time(0.25), Cell::Date("06:00:00".into()));
    }

    #[test]
    fn durations_read_as_hours_minutes_seconds() {
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(
            from_data(&Data::DateTime(duration)),
            Cell::Text("36:00:00".into())
        );
    }

    #[test]
    fn numbers_stay_numbers_and_empty_text_is_empty() {
        assert_eq!(
            from_data(&Data::Float(270_123_456.0)),
            Cell::Number(270_123_456.0)
        );
        assert_eq!(from_data(&Data::Int(7)), Cell::Number(7.0));
        assert_eq!(from_data(&Data::String(String::new())), Cell::Empty);
        assert_eq!(
            from_data_ref(DataRef::SharedString("株式会社")),
            Cell::Text("株式会社".into())
        );
        assert_eq!(
            from_data(&Data::Error(calamine::CellErrorType::NA)),
            Cell::Error("#N/A".into())
        );
    }
}

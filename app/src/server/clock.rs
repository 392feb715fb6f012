//! The time as the server sees it. Production reads the system clock; tests use a
//! manual clock that moves only when the test says so, so that nothing a test asserts
//! depends on how fast the machine runs it (login limits today; deadlines and reminder
//! schedules when they come).

use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Clock(Arc<Source>);

#[derive(Debug)]
enum Source {
    System {
        started: Instant,
    },
    /// Time stands still at `start + advanced` until [`Clock::advance`] moves it.
    Manual {
        start: DateTime<Utc>,
        advanced_nanos: AtomicU64,
    },
}

impl Clock {
    pub fn system() -> Self {
        Self(Arc::new(Source::System {
            started: Instant::now(),
        }))
    }

    /// A clock that shows `start` until a test advances it.
    pub fn manual(start: DateTime<Utc>) -> Self {
        Self(Arc::new(Source::Manual {
            start,
            advanced_nanos: AtomicU64::new(0),
        }))
    }

    /// The current date and time.
    pub fn now(&self) -> DateTime<Utc> {
        match &*self.0 {
            Source::System { .. } => Utc::now(),
            Source::Manual { start, .. } => *start + self.elapsed(),
        }
    }

    /// Monotonic time since the clock was made: what rate limits measure.
    pub fn elapsed(&self) -> Duration {
        match &*self.0 {
            Source::System { started } => started.elapsed(),
            Source::Manual { advanced_nanos, .. } => {
                Duration::from_nanos(advanced_nanos.load(Ordering::Acquire))
            }
        }
    }

    /// Moves a manual clock forward.
    ///
    /// # Panics
    /// On the system clock: only tests move time, and a test that tries on the real
    /// clock is wrong.
    pub fn advance(&self, by: Duration) {
        match &*self.0 {
            Source::System { .. } => panic!("the system clock cannot be advanced"),
            Source::Manual { advanced_nanos, .. } => {
                let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
                advanced_nanos.fetch_add(nanos, Ordering::AcqRel);
            }
        }
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_stands_still_until_advanced() {
        let start = DateTime::parse_from_rfc3339("2026-04-01T00:00:00Z")
            .expect("date")
            .with_timezone(&Utc);
        let clock = Clock::manual(start);
        assert_eq!(clock.now(), start);
        assert_eq!(clock.elapsed(), Duration::ZERO);
        clock.clone().advance(Duration::from_secs(90));
        assert_eq!(clock.now(), start + Duration::from_secs(90));
        assert_eq!(
            clock.elapsed(),
            Duration::from_secs(90),
            "clones share the time"
        );
    }

    #[test]
    fn the_system_clock_moves_on_its_own() {
        let clock = Clock::system();
        let before = clock.now();
        assert!(clock.now() >= before);
    }
}

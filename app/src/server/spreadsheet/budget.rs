//! The running account of one read: time left, cell slots and text bytes used so far.
//! Every loop of the reader draws on it, so no single file can keep a worker thread busy
//! or fill memory past the limits, whatever path its bytes take.

use super::error::SpreadsheetError;
use super::limits::Limits;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Clock reads are cheap but not free; loops that run per cell look at it this often.
const TICKS_PER_CLOCK_READ: u32 = 4_096;

pub(super) struct Budget<'a> {
    limits: &'a Limits,
    deadline: Option<Instant>,
    /// Set by `read_in_background` when the caller has given up waiting.
    cancel: Option<&'a AtomicBool>,
    cells: usize,
    text_bytes: usize,
    ticks: u32,
}

impl<'a> Budget<'a> {
    pub(super) fn new(limits: &'a Limits, cancel: Option<&'a AtomicBool>) -> Self {
        Budget {
            limits,
            // A time limit too large to add to now means "no deadline", not a panic.
            deadline: Instant::now().checked_add(limits.time_limit),
            cancel,
            cells: 0,
            text_bytes: 0,
            ticks: 0,
        }
    }

    pub(super) fn limits(&self) -> &'a Limits {
        self.limits
    }

    /// Called once per unit of work (a cell, an XML event, a record).
    pub(super) fn tick(&mut self) -> Result<(), SpreadsheetError> {
        self.ticks += 1;
        if self.ticks >= TICKS_PER_CLOCK_READ {
            self.ticks = 0;
            self.check_time()?;
        }
        Ok(())
    }

    pub(super) fn check_time(&self) -> Result<(), SpreadsheetError> {
        let cancelled = self.cancel.is_some_and(|flag| flag.load(Ordering::Relaxed));
        let late = self
            .deadline
            .is_some_and(|deadline| Instant::now() >= deadline);
        if cancelled || late {
            return Err(SpreadsheetError::TimedOut);
        }
        Ok(())
    }

    /// Accounts for `count` more cell slots held in memory.
    pub(super) fn take_cells(&mut self, count: usize) -> Result<(), SpreadsheetError> {
        self.cells = self.cells.saturating_add(count);
        if self.cells > self.limits.max_cells {
            return Err(SpreadsheetError::TooManyCells {
                limit: self.limits.max_cells,
            });
        }
        Ok(())
    }

    /// Accounts for `bytes` more bytes of cell text held in memory.
    pub(super) fn take_text(&mut self, bytes: usize) -> Result<(), SpreadsheetError> {
        self.text_bytes = self.text_bytes.saturating_add(bytes);
        if self.text_bytes > self.limits.max_text_bytes {
            return Err(SpreadsheetError::TooMuchText {
                limit_bytes: self.limits.max_text_bytes,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_cancelled_read_stops_at_the_next_check() {
        let limits = Limits::default();
        let cancel = AtomicBool::new(false);
        let budget = Budget::new(&limits, Some(&cancel));
        assert_eq!(budget.check_time(), Ok(()));
        cancel.store(true, Ordering::Relaxed);
        assert_eq!(budget.check_time(), Err(SpreadsheetError::TimedOut));
    }

    #[test]
    fn a_zero_time_limit_is_already_over() {
        let limits = Limits {
            time_limit: Duration::ZERO,
            ..Limits::default()
        };
        assert_eq!(
            Budget::new(&limits, None).check_time(),
            Err(SpreadsheetError::TimedOut)
        );
    }

    #[test]
    fn cells_and_text_are_counted_over_the_whole_read() {
        let limits = Limits {
            max_cells: 10,
            max_text_bytes: 10,
            ..Limits::default()
        };
        let mut budget = Budget::new(&limits, None);
        assert!(budget.take_cells(6).is_ok());
        assert_eq!(
            budget.take_cells(5),
            Err(SpreadsheetError::TooManyCells { limit: 10 })
        );
        assert!(budget.take_text(10).is_ok());
        assert_eq!(
            budget.take_text(1),
            Err(SpreadsheetError::TooMuchText { limit_bytes: 10 })
        );
    }
}

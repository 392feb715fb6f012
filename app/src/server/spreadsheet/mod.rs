//! The spreadsheet reader of the roster import: an uploaded file (bytes and the name it
//! was uploaded under) becomes sheets of rows of [`Cell`]s, or a [`SpreadsheetError`] an
//! office worker can act on.
//!
//! Uploads are untrusted, so the reader never lets a file decide how much memory or time
//! it takes. calamine does the decoding, but only after the file has been checked in the
//! shape calamine will read it (see each format's module for what calamine 0.38 would
//! otherwise allocate):
//! - the format comes from the content ([`detect`]), never from the name alone;
//! - zip containers are checked from their directory ([`container`]): entry count and
//!   total unpacked size;
//! - xlsx parts that calamine sizes from declared numbers are scanned first, and cells are
//!   streamed instead of built into a dense range ([`xlsx`]);
//! - ods content and xls records are scanned for what calamine would expand ([`ods`],
//!   [`xls`], [`ole2`]);
//! - every cell goes through one [`sheet_builder::SheetBuilder`] that enforces the row,
//!   column and cell-length limits, and one [`budget::Budget`] that bounds cells, text
//!   and time over the whole read;
//! - a panic inside calamine on a malformed file becomes [`SpreadsheetError::Corrupt`].
//!
//! [`Cell`]: crate::domain::roster::Cell

mod budget;
mod cell_value;
mod container;
mod delimited;
mod detect;
mod error;
mod limits;
mod model;
mod ods;
mod ole2;
mod sheet_builder;
mod xls;
mod xlsx;
mod xml_attrs;

#[cfg(test)]
mod tests;

pub use error::{SpreadsheetError, cell_name, column_name};
pub use limits::Limits;
pub use model::{Format, Row, Sheet, Workbook};

use budget::Budget;
use container::Container;
use detect::Kind;
use ole2::CompoundFile;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Reads a whole workbook. Synchronous and CPU-bound: call it from `spawn_blocking`, or
/// use [`read_in_background`].
pub fn read(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Workbook, SpreadsheetError> {
    guarded(|| read_until(bytes, file_name, limits, None))?
}

/// [`read`] on a blocking thread, given up after `limits.time_limit`. The reader checks a
/// cancel flag as it goes, so a read given up on also stops soon after.
pub async fn read_in_background(
    bytes: Vec<u8>,
    file_name: String,
    limits: Limits,
) -> Result<Workbook, SpreadsheetError> {
    let time_limit = limits.time_limit;
    run_in_background(time_limit, move |cancel| {
        guarded(|| read_until(&bytes, &file_name, &limits, Some(cancel)))?
    })
    .await
}

fn read_until(
    bytes: &[u8],
    file_name: &str,
    limits: &Limits,
    cancel: Option<&AtomicBool>,
) -> Result<Workbook, SpreadsheetError> {
    let mut budget = Budget::new(limits, cancel);
    let (format, sheets) = match check(bytes, file_name, &mut budget)? {
        Checked::Zip(Format::Ods) => (Format::Ods, ods::read(bytes, &mut budget)?),
        Checked::Zip(format) => (format, xlsx::read(bytes, &mut budget)?),
        Checked::Xls(patched) => (Format::Xls, xls::read(&patched, &mut budget)?),
        Checked::Text => (
            Format::Csv,
            vec![delimited::read(bytes, file_name, &mut budget)?],
        ),
    };
    Ok(Workbook { format, sheets })
}

/// A file that passed every check made before calamine sees it.
enum Checked {
    /// An xlsx, xlsm or ods, read from the uploaded bytes.
    Zip(Format),
    /// An xls, read from this copy of the file (see [`xls::prepare`]).
    Xls(Vec<u8>),
    Text,
}

/// Everything that can be refused without calamine: size, format, container, and the
/// pre-scans of each format.
fn check(
    bytes: &[u8],
    file_name: &str,
    budget: &mut Budget<'_>,
) -> Result<Checked, SpreadsheetError> {
    let limits = budget.limits();
    if bytes.len() > limits.max_file_bytes {
        return Err(SpreadsheetError::TooLarge {
            limit_bytes: limits.max_file_bytes,
        });
    }
    match detect::kind(bytes, file_name)? {
        Kind::Zip => {
            let mut container = Container::open(bytes, limits)?;
            let format = detect::zip_format(&mut container)?;
            if format == Format::Ods {
                ods::check(&mut container, budget)?;
            } else {
                xlsx::check(&mut container, budget)?;
            }
            Ok(Checked::Zip(format))
        }
        Kind::Ole2 => {
            let compound = CompoundFile::parse(bytes)?;
            detect::ole2_format(&compound)?;
            Ok(Checked::Xls(xls::prepare(bytes, &compound, budget)?))
        }
        Kind::Text => Ok(Checked::Text),
    }
}

/// Runs `work` on a blocking thread for at most `time_limit`. On time-out the cancel flag
/// is raised for the work to see; a panic in the work is a corrupt file, not a crash.
async fn run_in_background<T, F>(time_limit: Duration, work: F) -> Result<T, SpreadsheetError>
where
    T: Send + 'static,
    F: FnOnce(&AtomicBool) -> Result<T, SpreadsheetError> + Send + 'static,
{
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let task = tokio::task::spawn_blocking(move || work(&flag));
    match tokio::time::timeout(time_limit, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(error)) => {
            tracing::error!(%error, "spreadsheet: the reader task failed");
            Err(SpreadsheetError::Corrupt)
        }
        Err(_) => {
            cancel.store(true, Ordering::Relaxed);
            Err(SpreadsheetError::TimedOut)
        }
    }
}

/// calamine indexes and subtracts without checks in places; on a malformed file that is a
/// panic, which must not reach the caller's thread.
fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, SpreadsheetError> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|_| {
        tracing::warn!("spreadsheet: the reader panicked on a malformed file");
        SpreadsheetError::Corrupt
    })
}

//! The blocking-thread wrapper: results, time-outs and panics.

use super::*;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn a_sample_reads_in_the_background() {
    let name = "roster_mtech_2026.ods";
    let workbook = read_in_background(fixture(name), name.into(), Limits::default())
        .await
        .expect("sample reads");
    assert_eq!(only_sheet(&workbook).name, "名簿");
}

/// No timing assumption: the work never ends on its own, only when cancelled.
#[tokio::test]
async fn work_that_outlives_the_time_limit_times_out_and_is_cancelled() {
    let (done, finished) = std::sync::mpsc::channel();
    let result = run_in_background(Duration::from_millis(10), move |cancel| {
        while !cancel.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = done.send(());
        Err::<(), _>(SpreadsheetError::TimedOut)
    })
    .await;
    assert_eq!(result, Err(SpreadsheetError::TimedOut));
    // The blocking thread saw the flag and stopped.
    finished.recv().expect("the work stops once cancelled");
}

#[tokio::test]
async fn a_panic_in_the_reader_is_a_corrupt_file_not_a_crash() {
    let result = run_in_background(
        Duration::from_secs(60),
        |_| -> Result<(), SpreadsheetError> { panic!("calamine indexed past the end of a record") },
    )
    .await;
    assert_eq!(result, Err(SpreadsheetError::Corrupt));
}

#[test]
fn the_synchronous_reader_turns_a_panic_into_corrupt() {
    assert_eq!(
        guarded(|| -> u8 { panic!("boom") }),
        Err(SpreadsheetError::Corrupt)
    );
}

//! Aggregation of the answers to a campaign (flow 5 of the design) and the pieces its
//! exports need (flow 6): plain, exact and deterministic, so the page, the charts and
//! the spreadsheets all show the same numbers, and every rule is unit-tested here.
//!
//! [`summarise`] sums up one question over many responses into a [`QuestionSummary`]:
//! [`choices`] for single and multiple choices, [`numbers`] (with a [`histogram`]) for
//! integers and decimals, [`rating`] for scales. Numbers are [`Exact`], shares are
//! [`Percent`]. [`svg`] draws the charts; [`cell_text`] neutralises text cells that a
//! spreadsheet would read as formulas, and [`table`] lays responses out for export.

pub mod cell_text;
pub mod choices;
pub mod exact;
pub mod histogram;
pub mod numbers;
pub mod percent;
pub mod rating;
pub mod summary;
pub mod svg;
pub mod table;
pub mod totals;

pub use cell_text::neutralise;
pub use choices::{ChoiceSummary, OptionCount, OtherCount};
pub use exact::Exact;
pub use histogram::{Bin, Bounds, Histogram};
pub use numbers::NumberSummary;
pub use percent::Percent;
pub use rating::{PointCount, RatingSummary};
pub use summary::{Breakdown, QuestionSummary, QuestionTally, summarise, summarise_form};
pub use table::{Cell, ResponseRow, ResponseTable, RowAnswers, TableLayout, TableWords};
pub use totals::Total;

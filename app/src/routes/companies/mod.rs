//! The company master: the searchable list and one page per company. The company page
//! is split by section: details and edit form (`detail`), contacts (`contacts`), merging
//! another company into it (`merge`).

pub mod contacts;
pub mod detail;
pub mod list;
pub mod merge;

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// How many times `action` succeeded: pages reload their data when it changes, and
/// keep what the officer typed when a submission fails.
pub(crate) fn successes<S>(action: ServerAction<S>) -> Memo<usize>
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&usize>| {
        let version = action.version().get();
        match action.value().get() {
            Some(Ok(())) => version,
            _ => previous.copied().unwrap_or(version),
        }
    })
}

/// The id in the query parameter `name`, if it is one.
pub(crate) fn query_id(name: &'static str) -> Memo<Option<i32>> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| query.read().get(name).and_then(|v| v.trim().parse().ok()))
}

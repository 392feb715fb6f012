//! What a refused builder post sent, read back from the server's echo, so that the page
//! shows what the officer typed rather than what is stored.

use crate::api::forms::SaveForm;
use crate::components::form::FormEcho;
use crate::domain::forms::builder::{BuilderInput, ItemInput};
use std::collections::BTreeMap;

/// The posted builder form, if this page is shown again because it was refused.
pub fn refused_input() -> Option<BuilderInput> {
    let echo = FormEcho::of::<SaveForm>()?;
    let mut input: BuilderInput = echo.restore("input")?;
    input.items = items(&echo);
    Some(input)
}

/// The items posted as `input[items][{index}][{field}]`, in index order.
fn items(echo: &FormEcho) -> Vec<ItemInput> {
    let mut fields: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
    for (name, value) in &echo.values {
        let Some(rest) = name.strip_prefix("input[items][") else {
            continue;
        };
        let Some((index, field)) = rest.split_once("][") else {
            continue;
        };
        let (Ok(index), Some(field)) = (index.parse::<usize>(), field.strip_suffix(']')) else {
            continue;
        };
        fields
            .entry(index)
            .or_default()
            .push((field.to_owned(), value.clone()));
    }
    fields
        .into_values()
        .filter_map(|pairs| {
            let echo = FormEcho {
                values: pairs
                    .into_iter()
                    .map(|(field, value)| (format!("item[{field}]"), value))
                    .collect(),
                ..FormEcho::default()
            };
            echo.restore::<ItemInput>("item")
        })
        .collect()
}

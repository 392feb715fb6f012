//! A rating: radio buttons from its lowest to its highest point, posting the point
//! under the question id. After the deadline they are `disabled`.

use super::choices::option_id;
use super::question::Control;
use crate::domain::forms::Text;
use leptos::prelude::*;
use std::ops::RangeInclusive;

/// A scale of radio buttons, its end labels shown beside it. Screen readers hear each
/// end label with its point ("1 不満") instead, so the visible ones are hidden from them.
pub(super) fn rating(
    control: &Control<'_>,
    points: RangeInclusive<u8>,
    min_label: &Text,
    max_label: &Text,
) -> AnyView {
    let english = control.form.words.english;
    let end = |text: &Text| {
        Some(text.for_locale(english).to_owned()).filter(|text| !text.trim().is_empty())
    };
    let (min_label, max_label) = (end(min_label), end(max_label));
    let (first, last) = (*points.start(), *points.end());
    let posted = control.typed();
    let field = control.field();
    let read_only = control.form.read_only;
    let invalid = control.aria_invalid();
    let points = points
        .enumerate()
        .map(|(index, point)| {
            let id = option_id(field, index);
            let remark = match point {
                p if p == first => min_label.clone(),
                p if p == last => max_label.clone(),
                _ => None,
            };
            view! {
                <div class="answer-point">
                    <input
                        type="radio"
                        id=id.clone()
                        name=field.to_owned()
                        value=point.to_string()
                        checked=posted.trim() == point.to_string()
                        disabled=read_only
                        aria-invalid=invalid
                    />
                    <label for=id>
                        {point.to_string()}
                        {remark
                            .map(|remark| {
                                view! { <span class="visually-hidden">{format!(" {remark}")}</span> }
                            })}
                    </label>
                </div>
            }
        })
        .collect_view();
    let end_label = |text: Option<String>, class: &'static str| {
        text.map(|text| view! { <span class=class aria-hidden="true">{text}</span> })
    };
    view! {
        <div class="answer-scale">
            {end_label(min_label, "answer-scale-end answer-scale-min")}
            <div class="answer-points">{points}</div>
            {end_label(max_label, "answer-scale-end answer-scale-max")}
        </div>
    }
    .into_any()
}

//! The typed controls: texts, numbers, dates, e-mail addresses. Each shows the value
//! exactly as posted, so a refused form gives back what the company typed, `12x`
//! included; after the deadline they are `readonly`, still focusable and readable.

use super::question::Control;
use super::{described_by, note_id};
use crate::domain::forms::Text;
use leptos::prelude::*;

pub(super) fn short_text(control: &Control<'_>, max_chars: usize) -> AnyView {
    view! {
        <input
            type="text"
            id=super::control_id(control.field())
            name=control.field().to_owned()
            value=control.typed()
            maxlength=max_chars
            readonly=control.form.read_only
            aria-required=control.aria_required()
            aria-invalid=control.aria_invalid()
            aria-describedby=described_by(&control.notes)
        />
    }
    .into_any()
}

pub(super) fn long_text(control: &Control<'_>, max_chars: usize) -> AnyView {
    view! {
        <textarea
            id=super::control_id(control.field())
            name=control.field().to_owned()
            maxlength=max_chars
            rows=rows_for(max_chars)
            readonly=control.form.read_only
            aria-required=control.aria_required()
            aria-invalid=control.aria_invalid()
            aria-describedby=described_by(&control.notes)
        >
            {textarea_content(&control.typed())}
        </textarea>
    }
    .into_any()
}

/// Room for what the question allows, within what fits on a phone.
fn rows_for(max_chars: usize) -> usize {
    (max_chars / 200).clamp(3, 10)
}

/// The text of a `<textarea>` as Leptos needs it. Leptos writes a textarea's children
/// into the server's HTML unescaped (it treats the element like `<script>`), so a text
/// holding `</textarea>` would end the element and `&amp;` would come back as `&`: the
/// server escapes it here. In the browser the text goes into the DOM as it is, and
/// hydration leaves a textarea's children alone.
pub(crate) fn textarea_content(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape_textarea(text)
    } else {
        text.to_owned()
    }
}

/// Escaped for the HTML of a `<textarea>`. The HTML parser also drops one line break
/// right after `<textarea>`: a text that starts with one is given one more.
fn escape_textarea(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 1);
    if text.starts_with('\n') || text.starts_with("\r\n") {
        html.push('\n');
    }
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            c => html.push(c),
        }
    }
    html
}

/// A number as text, not `type="number"`: that would throw away `12件` or `１２`, which
/// the server reads, and an invalid `12x` the company must see again to correct it.
/// `inputmode` still brings up the numeric keyboard on a phone.
pub(super) fn number(
    control: &Control<'_>,
    inputmode: &'static str,
    unit: Option<&Text>,
) -> AnyView {
    let field = control.field();
    let unit = unit
        .map(|unit| unit.for_locale(control.form.words.english).to_owned())
        .filter(|unit| !unit.trim().is_empty())
        .map(|unit| (note_id(field, "unit"), unit));
    let mut notes = control.notes.clone();
    if let Some((id, _)) = &unit {
        notes.push(id.clone());
    }
    view! {
        <div class="answer-number">
            <input
                type="text"
                inputmode=inputmode
                id=super::control_id(field)
                name=field.to_owned()
                value=control.typed()
                autocomplete="off"
                readonly=control.form.read_only
                aria-required=control.aria_required()
                aria-invalid=control.aria_invalid()
                aria-describedby=described_by(&notes)
            />
            {unit.map(|(id, unit)| view! { <span class="answer-unit" id=id>{unit}</span> })}
        </div>
    }
    .into_any()
}

/// A date picker where the browser has one. Without one the browser shows a text box,
/// where `2025/6/1` is typed and read too.
pub(super) fn date(control: &Control<'_>) -> AnyView {
    view! {
        <input
            type="date"
            class="answer-date"
            id=super::control_id(control.field())
            name=control.field().to_owned()
            value=control.typed()
            readonly=control.form.read_only
            aria-required=control.aria_required()
            aria-invalid=control.aria_invalid()
            aria-describedby=described_by(&control.notes)
        />
    }
    .into_any()
}

pub(super) fn email(control: &Control<'_>) -> AnyView {
    view! {
        <input
            type="email"
            autocomplete="email"
            id=super::control_id(control.field())
            name=control.field().to_owned()
            value=control.typed()
            readonly=control.form.read_only
            aria-required=control.aria_required()
            aria-invalid=control.aria_invalid()
            aria-describedby=described_by(&control.notes)
        />
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_gets_rows_for_its_length_within_limits() {
        assert_eq!(rows_for(100), 3);
        assert_eq!(rows_for(1000), 5);
        assert_eq!(rows_for(2000), 10);
        assert_eq!(rows_for(100_000), 10);
    }

    #[test]
    fn a_leading_line_break_survives_the_html_parser() {
        assert_eq!(escape_textarea("\n一行目"), "\n\n一行目");
        assert_eq!(escape_textarea("一行目\r\n二行目"), "一行目\r\n二行目");
    }

    #[test]
    fn a_text_cannot_end_its_textarea_or_lose_its_entities() {
        assert_eq!(
            escape_textarea("</textarea><script>&amp;"),
            "&lt;/textarea&gt;&lt;script&gt;&amp;amp;"
        );
    }
}

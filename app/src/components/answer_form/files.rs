//! A file question: the files kept so far, each with a ticked box (untick and save to
//! take it off) and a download link, then a file input for more. Without JavaScript the
//! form posts as `multipart/form-data` with the chosen files; the kept ones post their
//! record back, which the server checks against its own.

use super::control_id;
use super::described_by;
use super::question::Control;
use crate::domain::forms::FileRef;
use crate::i18n::*;
use leptos::prelude::*;

/// What the file input offers to choose; the server judges by content whatever comes.
const ACCEPT: &str = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,application/pdf,image/*";

/// A file's size as people read it: `850 KB`, `2.4 MB`.
pub fn size_text(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB).max(1))
    } else {
        let tenths = (bytes * 10).div_ceil(MB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

pub(super) fn files(control: &Control<'_>) -> AnyView {
    let i18n = control.form.i18n;
    let field = control.field().to_owned();
    let read_only = control.form.read_only;
    let kept: Vec<FileRef> = control
        .form
        .raw
        .values(&field)
        .iter()
        .filter_map(|value| FileRef::from_field(value))
        .collect();
    let href = control.form.files_href.map(str::to_owned);
    let items = kept
        .iter()
        .enumerate()
        .map(|(index, file)| {
            let id = format!("{}-kept-{index}", control_id(&field));
            let text = format!("{}（{}）", file.name, size_text(file.size));
            let link = href.as_ref().map(|href| {
                view! {
                    <a href=format!("{href}/{}", file.id) class="kept-file-download">
                        {t!(i18n, answer.download)}
                        <span class="visually-hidden">{format!(" {}", file.name)}</span>
                    </a>
                }
            });
            if read_only {
                view! { <li>{text} " " {link}</li> }.into_any()
            } else {
                view! {
                    <li class="answer-choice">
                        <input
                            type="checkbox"
                            id=id.clone()
                            name=field.clone()
                            value=file.to_field()
                            checked=true
                        />
                        <label for=id>{text}</label>
                        " "
                        {link}
                    </li>
                }
                .into_any()
            }
        })
        .collect_view();
    let kept_view = (!kept.is_empty()).then(|| {
        view! {
            <ul class="kept-files">{items}</ul>
            {(!read_only)
                .then(|| view! { <p class="hint">{t!(i18n, answer.files_untick)}</p> })}
        }
    });
    let input = (!read_only).then(|| {
        view! {
            <input
                type="file"
                id=control_id(&field)
                name=field.clone()
                multiple=true
                accept=ACCEPT
                aria-invalid=control.aria_invalid()
                aria-describedby=described_by(&control.notes)
            />
        }
    });
    view! { <div class="answer-files">{kept_view} {input}</div> }.into_any()
}

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn sizes_read_in_kilobytes_then_megabytes() {
        assert_eq!(size_text(0), "1 KB");
        assert_eq!(size_text(1_500), "2 KB");
        assert_eq!(size_text(1024 * 1024), "1.0 MB");
        assert_eq!(size_text(2_500_000), "2.4 MB");
    }
}

//! A response read as question → answer in words (`domain::forms::describe`), for the
//! officer reviewing it and for readers of the shared library. Attached files are links
//! to their download (`{files_href}/{id}`): the reader's own way in, an officer's
//! `/files` or a company's `/a/{token}/files`.

use super::answer_form::size_text;
use crate::domain::forms::FileRef;
use crate::domain::forms::describe::AnswerLine;
use leptos::prelude::*;

/// Attached files, each a link to its download (`{href}/{id}`) with its size.
#[component]
pub fn FileLinks(files: Vec<FileRef>, href: String) -> impl IntoView {
    let links = files
        .into_iter()
        .map(|file| {
            view! {
                <li>
                    <a href=format!("{href}/{}", file.id)>{file.name}</a>
                    {format!("（{}）", size_text(file.size))}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="attached-files">{links}</ul> }
}

#[component]
pub fn AnswerLines(lines: Vec<AnswerLine>, files_href: String) -> impl IntoView {
    let rows = lines
        .into_iter()
        .map(|line| {
            let answer = if !line.files.is_empty() {
                view! { <FileLinks files=line.files href=files_href.clone() /> }.into_any()
            } else if line.answer.is_empty() {
                "—".into_any()
            } else {
                line.answer.into_any()
            };
            view! {
                <dt>{line.question}</dt>
                <dd>{answer}</dd>
            }
        })
        .collect_view();
    view! { <dl class="details review-answers">{rows}</dl> }
}

//! The files of a company's answer post. A form with a file question is posted as
//! `multipart/form-data`; its chosen files are kept (checked by content, within the
//! limits) before the answers are saved, and every file the answers name — kept ones
//! ticked on the form, new ones — is replaced by the server's own record of it. A file
//! refused for its type or size comes back as a problem on its question, like a number
//! out of range, with everything else the company typed.

use app::domain::FieldErrors;
use app::domain::campaigns::WindowState;
use app::domain::forms::RawAnswers;
use app::error::AppError;
use app::server::AppState;
use app::server::services::answering;
use app::server::services::attachments::{self, NewFile, file_questions};
use axum::body::Bytes;

/// How the form came: a form with file questions posts `multipart/form-data`, and its
/// kept files may be named by their bare id.
pub enum Posted {
    UrlEncoded,
    Multipart(Vec<Upload>),
}

/// A file chosen on the form.
pub struct Upload {
    pub field: String,
    pub name: String,
    pub bytes: Bytes,
}

/// The text fields (in order) and the chosen files of a buffered multipart body. A
/// file input left empty posts a part with no name and no bytes: skipped.
pub async fn read_multipart(
    body: Bytes,
    boundary: String,
) -> Result<(Vec<(String, String)>, Vec<Upload>), multer::Error> {
    let stream = futures::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    let mut uploads = Vec::new();
    while let Some(field) = multipart.next_field().await? {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await?;
                if !file_name.is_empty() || !bytes.is_empty() {
                    uploads.push(Upload {
                        field: name,
                        name: file_name,
                        bytes,
                    });
                }
            }
            None => fields.push((name, field.text().await?)),
        }
    }
    Ok((fields, uploads))
}

/// Keeps the uploads of a post to `token` and resolves the files its answers name
/// (see [`attachments::resolve`]); the problems of refused files, by question. Nothing
/// is looked up for a url-encoded post that names no file (a form without file
/// questions, or autosave with none kept): the common case costs nothing.
pub async fn attach(
    state: &AppState,
    token: &str,
    raw: &mut RawAnswers,
    posted: Posted,
) -> Result<FieldErrors, AppError> {
    let mut errors = FieldErrors::default();
    let names_files = raw.0.values().flatten().any(|value| value.starts_with('{'));
    let uploads = match posted {
        Posted::UrlEncoded if !names_files => return Ok(errors),
        Posted::UrlEncoded => Vec::new(),
        Posted::Multipart(uploads) => uploads,
    };
    let opened = answering::find(&state.db, &state.form_versions, token).await?;
    let definition = &opened.version.definition;
    attachments::resolve(&state.db, opened.invitation.id, definition, raw).await?;
    // After the deadline the save is refused anyway; nothing is kept for it.
    if opened.window().state(state.clock.now()) != WindowState::Open {
        return Ok(errors);
    }
    let questions = file_questions(definition);
    let mut attached = attachments::kept_bytes(definition, raw);
    for upload in uploads {
        if !questions.contains(&upload.field.as_str()) {
            continue;
        }
        let kept = attachments::accept(
            &state.db,
            &state.attachments,
            state.clock.now(),
            NewFile {
                invitation_id: opened.invitation.id,
                question: &upload.field,
                sent_name: &upload.name,
                body: upload.bytes.as_ref(),
            },
            attached,
        )
        .await?;
        match kept {
            Ok(file) => {
                attached += file.size;
                raw.push(&upload.field, &file.to_field());
            }
            Err(problem) => errors.push(&upload.field, problem),
        }
    }
    Ok(errors)
}

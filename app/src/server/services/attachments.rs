//! Files attached to answers: keeping an upload for a company's file question, turning
//! the files a posted form names back into the server's own records of them, and who
//! may download one. The bytes are in the [`Store`]; the `attachments` rows say whose
//! they are.

use crate::domain::Problem;
use crate::domain::forms::{Answer, Answers, FileRef, FormDefinition, QuestionKind, RawAnswers};
use crate::error::AppError;
use crate::server::attachments::{KeepError, Limits, Refusal, Store};
use crate::server::entities::{attachment, response, response_revision};
use crate::server::services::sharing;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::{HashMap, HashSet};

/// Where attachments are kept and how large they may be.
#[derive(Debug, Clone)]
pub struct Attachments {
    pub store: Store,
    pub limits: Limits,
}

/// The value a file field gets when the file it named is not the company's: the
/// answer's reading refuses it ([`Problem::UnknownFile`]).
const UNKNOWN: &str = "unknown";

/// The ids of the file questions of `definition`.
pub fn file_questions(definition: &FormDefinition) -> Vec<&str> {
    definition
        .questions()
        .filter(|question| matches!(question.kind, QuestionKind::File { .. }))
        .map(|question| question.id.as_str())
        .collect()
}

/// The id a posted file field names: the kept file's record, or a bare id.
fn posted_id(value: &str) -> Option<i32> {
    FileRef::from_field(value)
        .and_then(|file| i32::try_from(file.id).ok())
        .or_else(|| value.trim().parse().ok())
}

fn file_ref(row: &attachment::Model) -> FileRef {
    FileRef {
        id: i64::from(row.id),
        name: row.name.clone(),
        size: u64::try_from(row.size).unwrap_or_default(),
        mime: row.mime.clone(),
    }
}

/// Replaces what the form posted for each file question with the server's record of
/// each file it names, if the file is this invitation's and for that question. The
/// browser only ever says which files to keep, never what they are.
pub async fn resolve(
    db: &impl ConnectionTrait,
    invitation_id: i32,
    definition: &FormDefinition,
    raw: &mut RawAnswers,
) -> Result<(), AppError> {
    let questions = file_questions(definition);
    let named: Vec<i32> = questions
        .iter()
        .flat_map(|field| raw.values(field).iter().filter_map(|v| posted_id(v)))
        .collect();
    let owned: HashMap<i32, attachment::Model> = if named.is_empty() {
        HashMap::new()
    } else {
        attachment::Entity::find()
            .filter(attachment::Column::InvitationId.eq(invitation_id))
            .filter(attachment::Column::Id.is_in(named))
            .all(db)
            .await?
            .into_iter()
            .map(|row| (row.id, row))
            .collect()
    };
    for field in questions {
        let Some(values) = raw.0.get_mut(field) else {
            continue;
        };
        for value in values.iter_mut().filter(|v| !v.trim().is_empty()) {
            *value = posted_id(value)
                .and_then(|id| owned.get(&id))
                .filter(|row| row.question_id == field)
                .map_or_else(|| UNKNOWN.to_owned(), |row| file_ref(row).to_field());
        }
    }
    Ok(())
}

/// The bytes of the files `raw` keeps (after [`resolve`]): what counts against the
/// per-response limit before new files are added.
pub fn kept_bytes(definition: &FormDefinition, raw: &RawAnswers) -> u64 {
    let mut seen = HashSet::new();
    file_questions(definition)
        .into_iter()
        .flat_map(|field| raw.values(field).iter())
        .filter_map(|value| FileRef::from_field(value))
        .filter(|file| seen.insert(file.id))
        .map(|file| file.size)
        .sum()
}

/// A file a company sent for one of its questions.
pub struct NewFile<'a, R> {
    pub invitation_id: i32,
    pub question: &'a str,
    /// The name the browser gave it.
    pub sent_name: &'a str,
    pub body: R,
}

/// Keeps one uploaded file, with `already` bytes attached to the same response. The
/// refusal is a problem of the question.
pub async fn accept(
    db: &impl ConnectionTrait,
    attachments: &Attachments,
    now: DateTime<Utc>,
    file: NewFile<'_, impl tokio::io::AsyncRead + Unpin>,
    already: u64,
) -> Result<Result<FileRef, Problem>, AppError> {
    let NewFile {
        invitation_id,
        question,
        sent_name,
        body,
    } = file;
    let kept = match attachments
        .store
        .keep(sent_name, body, &attachments.limits, already)
        .await
    {
        Ok(kept) => kept,
        Err(KeepError::Refused(refusal)) => return Ok(Err(problem(refusal))),
        Err(KeepError::Io(error)) => return Err(AppError::internal("keeping an upload", error)),
    };
    let row = attachment::ActiveModel {
        invitation_id: Set(invitation_id),
        question_id: Set(question.to_owned()),
        name: Set(kept.name),
        size: Set(i64::try_from(kept.size).unwrap_or(i64::MAX)),
        mime: Set(kept.kind.mime().to_owned()),
        sha256: Set(kept.sha256),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Ok(file_ref(&row)))
}

fn problem(refusal: Refusal) -> Problem {
    let megabytes = |bytes: u64| bytes.div_ceil(1024 * 1024);
    match refusal {
        Refusal::UnknownKind => Problem::FileKindRefused,
        Refusal::TooLarge { max } => Problem::FileTooLarge {
            max_mb: megabytes(max),
        },
        Refusal::ResponseTooLarge { max } => Problem::FilesTooLarge {
            max_mb: megabytes(max),
        },
    }
}

/// Who asks to download a file.
#[derive(Debug, Clone, Copy)]
pub enum Downloader {
    /// A signed-in officer (any role: viewers read responses too).
    Officer,
    /// A company through its link: its own files, and the files of reports shared in
    /// the library.
    Company { invitation_id: i32 },
}

/// The file `id`, if `who` may download it. Anything else is "not found", so that a
/// company cannot tell another's file from one that does not exist.
pub async fn downloadable(
    db: &impl ConnectionTrait,
    id: i32,
    who: Downloader,
) -> Result<attachment::Model, AppError> {
    let row = attachment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    match who {
        Downloader::Officer => Ok(row),
        Downloader::Company { invitation_id } if invitation_id == row.invitation_id => Ok(row),
        Downloader::Company { .. } => {
            if in_shared_report(db, &row).await? {
                Ok(row)
            } else {
                Err(AppError::NotFound)
            }
        }
    }
}

/// Whether the file is part of the revision of a report shared in the library now (not
/// merely attached to a later draft of the same company).
async fn in_shared_report(
    db: &impl ConnectionTrait,
    row: &attachment::Model,
) -> Result<bool, AppError> {
    let Some(shared) = sharing::visible_of(db, row.invitation_id).await? else {
        return Ok(false);
    };
    let answers = sharing::answers_of(db, shared.response_id, shared.revision).await?;
    Ok(answers.0.values().any(|answer| match answer {
        Answer::Files(files) => files.iter().any(|file| file.id == i64::from(row.id)),
        _ => false,
    }))
}

/// How long a file no answer names is kept: a company may have attached it to a post
/// that was refused, and come back to the page that still lists it.
pub const UNUSED_GRACE: chrono::Duration = chrono::Duration::days(7);

/// Forgets the files attached more than [`UNUSED_GRACE`] ago that no answer names — not
/// the working copy, not any kept revision — and deletes their bytes when no other row
/// has the same content. How many rows were forgotten.
pub async fn forget_unused(
    db: &impl ConnectionTrait,
    store: &Store,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let old: Vec<attachment::Model> = attachment::Entity::find()
        .filter(attachment::Column::CreatedAt.lt(now - UNUSED_GRACE))
        .all(db)
        .await?;
    if old.is_empty() {
        return Ok(0);
    }
    let invitations: HashSet<i32> = old.iter().map(|row| row.invitation_id).collect();
    let responses = response::Entity::find()
        .filter(response::Column::InvitationId.is_in(invitations))
        .all(db)
        .await?;
    let revisions = response_revision::Entity::find()
        .filter(response_revision::Column::ResponseId.is_in(responses.iter().map(|r| r.id)))
        .all(db)
        .await?;
    let named: HashSet<i64> = responses
        .iter()
        .map(|response| response.answers.as_str())
        .chain(revisions.iter().map(|revision| revision.answers.as_str()))
        .filter_map(|json| serde_json::from_str::<Answers>(json).ok())
        .flat_map(|answers| {
            answers
                .0
                .into_values()
                .filter_map(|answer| match answer {
                    Answer::Files(files) => Some(files),
                    _ => None,
                })
                .flatten()
                .map(|file| file.id)
        })
        .collect();
    let unused: Vec<&attachment::Model> = old
        .iter()
        .filter(|row| !named.contains(&i64::from(row.id)))
        .collect();
    if unused.is_empty() {
        return Ok(0);
    }
    attachment::Entity::delete_many()
        .filter(attachment::Column::Id.is_in(unused.iter().map(|row| row.id)))
        .exec(db)
        .await?;
    for row in &unused {
        let still_used = attachment::Entity::find()
            .filter(attachment::Column::Sha256.eq(row.sha256.as_str()))
            .one(db)
            .await?
            .is_some();
        if !still_used {
            store.forget(&row.sha256).await;
        }
    }
    Ok(unused.len())
}

//! The one error type of every server function. It crosses the wire as JSON and the UI
//! translates it; database and other internal details never reach the browser (they are
//! logged on the server with context, see `AppError::internal`).

use crate::domain::forms::DefinitionProblem;
use crate::domain::{FieldErrors, Problem};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    NotSignedIn,
    #[error("not allowed for this role")]
    Forbidden,
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("the form cannot be used as it is: {0:?}")]
    InvalidForm(Vec<DefinitionProblem>),
    #[error("the last active administrator cannot be demoted or disabled")]
    LastAdmin,
    #[error("the file cannot be imported: {0:?}")]
    BadFile(FileProblem),
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    ServerFn(ServerFnErrorErr),
}

/// Why an uploaded file cannot be used, in both languages: the reasons come from the
/// server's file readers, which know the details (the sheet, the row, the limit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileProblem {
    pub code: String,
    pub message_ja: String,
    pub message_en: String,
}

impl AppError {
    pub fn field(field: &str, problem: Problem) -> Self {
        AppError::Invalid(FieldErrors::single(field, problem))
    }

    /// Logs an unexpected failure with its context and returns the opaque variant.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, error: impl std::fmt::Display) -> Self {
        tracing::error!(%error, "{context}");
        AppError::Internal
    }

    /// The field errors, when this error is a validation failure.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(errors) => Some(errors),
            _ => None,
        }
    }
}

impl From<FileProblem> for AppError {
    fn from(problem: FileProblem) -> Self {
        AppError::BadFile(problem)
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        AppError::internal("database error", error)
    }
}

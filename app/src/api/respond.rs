//! Maps an `AppError` to the HTTP status a programmatic client expects.

use crate::error::AppError;
use http::StatusCode;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// Sets the response status for an error, except for plain HTML form posts: those are
/// answered with a redirect back to the form (which then shows the error), and a status
/// set here would replace that redirect.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result
        && !is_form_post()
        && let Some(options) = use_context::<ResponseOptions>()
    {
        options.set_status(status_of(error));
    }
    result
}

fn is_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

fn status_of(error: &AppError) -> StatusCode {
    match error {
        AppError::NotSignedIn | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Invalid(_)
        | AppError::InvalidForm(_)
        | AppError::LastAdmin
        | AppError::BadFile(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::ServerFn(_) => StatusCode::BAD_REQUEST,
        AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

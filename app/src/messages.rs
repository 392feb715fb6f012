//! Turns error codes and enum values into text in the reader's language.

use crate::domain::{EventKind, Problem, Role};
use crate::error::AppError;
use crate::i18n::*;
use leptos_i18n::I18nContext;

pub fn problem(i18n: I18nContext<Locale>, problem: &Problem) -> String {
    match problem {
        Problem::Required => t_string!(i18n, errors.required).to_string(),
        Problem::TooLong { max } => t_string!(i18n, errors.too_long, max = *max).to_string(),
        Problem::InvalidDate => t_string!(i18n, errors.invalid_date).to_string(),
        Problem::EndBeforeStart => t_string!(i18n, errors.end_before_start).to_string(),
        Problem::InvalidChoice => t_string!(i18n, errors.invalid_choice).to_string(),
        Problem::InvalidEmail => t_string!(i18n, errors.invalid_email).to_string(),
        Problem::InvalidCorporateNumber => {
            t_string!(i18n, errors.invalid_corporate_number).to_string()
        }
        Problem::EmailTaken => t_string!(i18n, errors.email_taken).to_string(),
        Problem::PasswordTooShort { min } => {
            t_string!(i18n, errors.password_too_short, min = *min).to_string()
        }
    }
}

pub fn app_error(i18n: I18nContext<Locale>, error: &AppError) -> String {
    match error {
        AppError::NotSignedIn => t_string!(i18n, errors.not_signed_in).to_string(),
        AppError::Forbidden => t_string!(i18n, errors.forbidden).to_string(),
        AppError::InvalidCredentials => t_string!(i18n, errors.invalid_credentials).to_string(),
        AppError::TooManyAttempts => t_string!(i18n, errors.too_many_attempts).to_string(),
        AppError::NotFound => t_string!(i18n, errors.not_found).to_string(),
        AppError::Invalid(_) => t_string!(i18n, errors.invalid).to_string(),
        AppError::LastAdmin => t_string!(i18n, errors.last_admin).to_string(),
        AppError::Internal => t_string!(i18n, errors.internal).to_string(),
        AppError::ServerFn(_) => t_string!(i18n, errors.request).to_string(),
    }
}

pub fn event_kind(i18n: I18nContext<Locale>, kind: EventKind) -> String {
    match kind {
        EventKind::TechExpo => t_string!(i18n, kinds.tech_expo).to_string(),
        EventKind::BusinessMatching => t_string!(i18n, kinds.business_matching).to_string(),
        EventKind::JointExhibit => t_string!(i18n, kinds.joint_exhibit).to_string(),
        EventKind::Other => t_string!(i18n, kinds.other).to_string(),
    }
}

pub fn role(i18n: I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Admin => t_string!(i18n, roles.admin).to_string(),
        Role::Officer => t_string!(i18n, roles.officer).to_string(),
        Role::Viewer => t_string!(i18n, roles.viewer).to_string(),
    }
}

//! Turns error codes and enum values into text in the reader's language.

use crate::domain::{AuditAction, EventKind, Problem, Role};
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
        Problem::CorporateNumberTaken => {
            t_string!(i18n, companies.corporate_number_taken).to_string()
        }
        Problem::SameCompany => t_string!(i18n, companies.same_company).to_string(),
        Problem::UnknownCompany => t_string!(i18n, companies.unknown_company).to_string(),
        Problem::NotANumber => t_string!(i18n, errors.not_a_number).to_string(),
        Problem::NotAWholeNumber => t_string!(i18n, errors.not_a_whole_number).to_string(),
        Problem::OutOfRange { min, max } => {
            t_string!(i18n, errors.out_of_range, min = min, max = max).to_string()
        }
        Problem::TooSmall { min } => t_string!(i18n, errors.too_small, min = min).to_string(),
        Problem::TooLarge { max } => t_string!(i18n, errors.too_large, max = max).to_string(),
        Problem::TooManyDecimals { max } => {
            t_string!(i18n, errors.too_many_decimals, max = *max).to_string()
        }
        Problem::TooFewChoices { min } => {
            t_string!(i18n, errors.too_few_choices, min = *min).to_string()
        }
        Problem::TooManyChoices { max } => {
            t_string!(i18n, errors.too_many_choices, max = *max).to_string()
        }
        Problem::DateTooEarly { min } => {
            t_string!(i18n, errors.date_too_early, min = min).to_string()
        }
        Problem::DateTooLate { max } => {
            t_string!(i18n, errors.date_too_late, max = max).to_string()
        }
        Problem::InvalidDateTime => t_string!(i18n, errors.invalid_date_time).to_string(),
        Problem::DeadlineBeforeOpening => {
            t_string!(i18n, errors.deadline_before_opening).to_string()
        }
        Problem::NoRecipients => t_string!(i18n, errors.no_recipients).to_string(),
        Problem::ExtensionNotLater => t_string!(i18n, errors.extension_not_later).to_string(),
        Problem::BothAsked => t_string!(i18n, errors.both_asked).to_string(),
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
        AppError::InvalidForm(_) => t_string!(i18n, errors.invalid_form).to_string(),
        AppError::LastAdmin => t_string!(i18n, errors.last_admin).to_string(),
        AppError::BadFile(problem) => match i18n.get_locale_untracked() {
            Locale::ja => problem.message_ja.clone(),
            Locale::en => problem.message_en.clone(),
        },
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

/// An audit action in words; a code this build does not know is shown as it is.
pub fn audit_action(i18n: I18nContext<Locale>, code: &str) -> String {
    let Ok(action) = AuditAction::parse(code) else {
        return code.to_owned();
    };
    match action {
        AuditAction::Login => t_string!(i18n, audit.actions.login).to_string(),
        AuditAction::LoginFailed => t_string!(i18n, audit.actions.login_failed).to_string(),
        AuditAction::OfficerCreated => t_string!(i18n, audit.actions.officer_created).to_string(),
        AuditAction::OfficerRoleChanged => {
            t_string!(i18n, audit.actions.officer_role_changed).to_string()
        }
        AuditAction::OfficerDisabled => t_string!(i18n, audit.actions.officer_disabled).to_string(),
        AuditAction::OfficerEnabled => t_string!(i18n, audit.actions.officer_enabled).to_string(),
        AuditAction::RosterImported => t_string!(i18n, audit.actions.roster_imported).to_string(),
        AuditAction::CompanyUpdated => t_string!(i18n, audit.actions.company_updated).to_string(),
        AuditAction::CompaniesMerged => t_string!(i18n, audit.actions.companies_merged).to_string(),
        AuditAction::FormCreated => t_string!(i18n, audit.actions.form_created).to_string(),
        AuditAction::FormPublished => t_string!(i18n, audit.actions.form_published).to_string(),
        AuditAction::CampaignCreated => t_string!(i18n, audit.actions.campaign_created).to_string(),
        AuditAction::LinkRegenerated => t_string!(i18n, audit.actions.link_regenerated).to_string(),
        AuditAction::DeadlineExtended => {
            t_string!(i18n, audit.actions.deadline_extended).to_string()
        }
        AuditAction::ContactUpdated => t_string!(i18n, audit.actions.contact_updated).to_string(),
    }
}

/// The label of an audit detail key (the last part of `counts.new` is enough), or
/// `None` for keys the page shows as they are.
pub fn audit_detail_key(i18n: I18nContext<Locale>, key: &str) -> Option<String> {
    let last = key.rsplit('.').next().unwrap_or(key);
    let last = last.strip_prefix("count_").unwrap_or(last);
    let label = match last {
        "ip" => t_string!(i18n, audit.detail.ip).to_string(),
        "throttled" => t_string!(i18n, audit.detail.throttled).to_string(),
        "from" => t_string!(i18n, audit.detail.from).to_string(),
        "to" => t_string!(i18n, audit.detail.to).to_string(),
        "role" => t_string!(i18n, audit.detail.role).to_string(),
        "name" => t_string!(i18n, audit.detail.name).to_string(),
        "new" => t_string!(i18n, audit.detail.new).to_string(),
        "updated" => t_string!(i18n, audit.detail.updated).to_string(),
        "unchanged" => t_string!(i18n, audit.detail.unchanged).to_string(),
        "skipped" => t_string!(i18n, audit.detail.skipped).to_string(),
        "invalid" => t_string!(i18n, audit.detail.invalid).to_string(),
        "file" | "file_name" => t_string!(i18n, audit.detail.file).to_string(),
        "event" | "event_id" => t_string!(i18n, audit.detail.event).to_string(),
        _ => return None,
    };
    Some(label)
}

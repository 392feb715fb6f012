//! Turns error codes and enum values into text in the reader's language.

use crate::domain::{AuditAction, EventKind, Problem, Role};
use crate::error::AppError;
use crate::i18n::*;
use leptos_i18n::I18nContext;

pub fn problem(i18n: I18nContext<Locale>, problem: &Problem) -> String {
    problem_in(i18n.get_locale(), problem)
}

/// [`problem`] in a given language. The answer page's script words problems itself
/// (`kotae_enhance::messages`); a test below keeps the two the same.
pub fn problem_in(locale: Locale, problem: &Problem) -> String {
    match problem {
        Problem::Required => td_string!(locale, errors.required).to_string(),
        Problem::TooLong { max } => td_string!(locale, errors.too_long, max = *max).to_string(),
        Problem::InvalidDate => td_string!(locale, errors.invalid_date).to_string(),
        Problem::EndBeforeStart => td_string!(locale, errors.end_before_start).to_string(),
        Problem::InvalidChoice => td_string!(locale, errors.invalid_choice).to_string(),
        Problem::InvalidEmail => td_string!(locale, errors.invalid_email).to_string(),
        Problem::InvalidCorporateNumber => {
            td_string!(locale, errors.invalid_corporate_number).to_string()
        }
        Problem::EmailTaken => td_string!(locale, errors.email_taken).to_string(),
        Problem::PasswordTooShort { min } => {
            td_string!(locale, errors.password_too_short, min = *min).to_string()
        }
        Problem::CorporateNumberTaken => {
            td_string!(locale, companies.corporate_number_taken).to_string()
        }
        Problem::SameCompany => td_string!(locale, companies.same_company).to_string(),
        Problem::UnknownCompany => td_string!(locale, companies.unknown_company).to_string(),
        Problem::NotANumber => td_string!(locale, errors.not_a_number).to_string(),
        Problem::NotAWholeNumber => td_string!(locale, errors.not_a_whole_number).to_string(),
        Problem::OutOfRange { min, max } => {
            td_string!(locale, errors.out_of_range, min = min, max = max).to_string()
        }
        Problem::TooSmall { min } => td_string!(locale, errors.too_small, min = min).to_string(),
        Problem::TooLarge { max } => td_string!(locale, errors.too_large, max = max).to_string(),
        Problem::TooManyDecimals { max } => {
            td_string!(locale, errors.too_many_decimals, max = *max).to_string()
        }
        Problem::TooFewChoices { min } => {
            td_string!(locale, errors.too_few_choices, min = *min).to_string()
        }
        Problem::TooManyChoices { max } => {
            td_string!(locale, errors.too_many_choices, max = *max).to_string()
        }
        Problem::DateTooEarly { min } => {
            td_string!(locale, errors.date_too_early, min = min).to_string()
        }
        Problem::DateTooLate { max } => {
            td_string!(locale, errors.date_too_late, max = max).to_string()
        }
        Problem::InvalidDateTime => td_string!(locale, errors.invalid_date_time).to_string(),
        Problem::DeadlineBeforeOpening => {
            td_string!(locale, errors.deadline_before_opening).to_string()
        }
        Problem::NoRecipients => td_string!(locale, errors.no_recipients).to_string(),
        Problem::ExtensionNotLater => td_string!(locale, errors.extension_not_later).to_string(),
        Problem::BothAsked => td_string!(locale, errors.both_asked).to_string(),
        Problem::UnknownPlaceholder { name } => {
            td_string!(locale, errors.unknown_placeholder, name = name).to_string()
        }
        Problem::MissingPlaceholder { name } => {
            td_string!(locale, errors.missing_placeholder, name = name).to_string()
        }
        Problem::UnclosedPlaceholder => td_string!(locale, errors.unclosed_placeholder).to_string(),
        Problem::NotSubmitted => td_string!(locale, errors.not_submitted).to_string(),
        Problem::NewerRevision => td_string!(locale, errors.newer_revision).to_string(),
        Problem::NotApproved => td_string!(locale, errors.not_approved).to_string(),
        Problem::NoConsent => td_string!(locale, errors.no_consent).to_string(),
        Problem::FileKindRefused => td_string!(locale, errors.file_kind_refused).to_string(),
        Problem::FileTooLarge { max_mb } => {
            td_string!(locale, errors.file_too_large, max = *max_mb).to_string()
        }
        Problem::FilesTooLarge { max_mb } => {
            td_string!(locale, errors.files_too_large, max = *max_mb).to_string()
        }
        Problem::TooManyFiles { max } => {
            td_string!(locale, errors.too_many_files, max = *max).to_string()
        }
        Problem::UnknownFile => td_string!(locale, errors.unknown_file).to_string(),
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
        AuditAction::ResponsesExported => {
            t_string!(i18n, audit.actions.responses_exported).to_string()
        }
        AuditAction::KpiCreated => t_string!(i18n, audit.actions.kpi_created).to_string(),
        AuditAction::KpiYearSet => t_string!(i18n, audit.actions.kpi_year_set).to_string(),
        AuditAction::AnnualReviewExported => {
            t_string!(i18n, audit.actions.annual_review_exported).to_string()
        }
        AuditAction::ReminderPolicyChanged => {
            t_string!(i18n, audit.actions.reminder_policy_changed).to_string()
        }
        AuditAction::ReminderSentNow => {
            t_string!(i18n, audit.actions.reminder_sent_now).to_string()
        }
        AuditAction::RemindersPaused => t_string!(i18n, audit.actions.reminders_paused).to_string(),
        AuditAction::MailTemplateChanged => {
            t_string!(i18n, audit.actions.mail_template_changed).to_string()
        }
        AuditAction::ResponseReturned => {
            t_string!(i18n, audit.actions.response_returned).to_string()
        }
        AuditAction::ResponseApproved => {
            t_string!(i18n, audit.actions.response_approved).to_string()
        }
        AuditAction::ReportShared => t_string!(i18n, audit.actions.report_shared).to_string(),
        AuditAction::ReportWithdrawn => t_string!(i18n, audit.actions.report_withdrawn).to_string(),
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

/// The name of a kind of item (its code, as the builder sends it) in `locale`.
pub fn kind_label_in(locale: Locale, kind: &str) -> String {
    match kind {
        "section" => td_string!(locale, forms.kinds.section).to_string(),
        "short_text" => td_string!(locale, forms.kinds.short_text).to_string(),
        "long_text" => td_string!(locale, forms.kinds.long_text).to_string(),
        "integer" => td_string!(locale, forms.kinds.integer).to_string(),
        "decimal" => td_string!(locale, forms.kinds.decimal).to_string(),
        "single_choice" => td_string!(locale, forms.kinds.single_choice).to_string(),
        "multiple_choice" => td_string!(locale, forms.kinds.multiple_choice).to_string(),
        "rating" => td_string!(locale, forms.kinds.rating).to_string(),
        "date" => td_string!(locale, forms.kinds.date).to_string(),
        "email" => td_string!(locale, forms.kinds.email).to_string(),
        "file" => td_string!(locale, forms.kinds.file).to_string(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kotae_enhance::messages::{self as script, Lang};

    #[test]
    fn the_answer_script_words_every_problem_as_the_server_does() {
        for problem in script::sample_problems() {
            assert_eq!(
                script::problem(Lang::Ja, &problem),
                problem_in(Locale::ja, &problem)
            );
            assert_eq!(
                script::problem(Lang::En, &problem),
                problem_in(Locale::en, &problem)
            );
        }
    }
}

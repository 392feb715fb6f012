//! The roster import's codes in words, in a given language. Functions of the locale, not
//! of the reactive context, so the server can write the same words into the workbook of
//! invalid rows.

use crate::domain::Problem;
use crate::domain::roster::{Change, RosterField, RowClass, RowProblem, RowWarning};
use crate::i18n::*;

pub fn field(locale: Locale, field: RosterField) -> String {
    match field {
        RosterField::CompanyName => td_string!(locale, roster.fields.company_name),
        RosterField::CompanyKana => td_string!(locale, roster.fields.company_kana),
        RosterField::CorporateNumber => td_string!(locale, roster.fields.corporate_number),
        RosterField::Industry => td_string!(locale, roster.fields.industry),
        RosterField::Address => td_string!(locale, roster.fields.address),
        RosterField::RegionalLeader => td_string!(locale, roster.fields.regional_leader),
        RosterField::ContactName => td_string!(locale, roster.fields.contact_name),
        RosterField::Department => td_string!(locale, roster.fields.department),
        RosterField::Email => td_string!(locale, roster.fields.email),
        RosterField::Phone => td_string!(locale, roster.fields.phone),
        RosterField::Booth => td_string!(locale, roster.fields.booth),
        RosterField::Notes => td_string!(locale, roster.fields.notes),
    }
    .to_string()
}

pub fn class(locale: Locale, class: RowClass) -> String {
    match class {
        RowClass::New => td_string!(locale, roster.class_new),
        RowClass::Updated => td_string!(locale, roster.class_updated),
        RowClass::Unchanged => td_string!(locale, roster.class_unchanged),
        RowClass::Skipped => td_string!(locale, roster.class_skipped),
        RowClass::Invalid => td_string!(locale, roster.class_invalid),
    }
    .to_string()
}

/// The problems the roster rows can have; other codes fall back to the generic message.
pub fn problem(locale: Locale, problem: &Problem) -> String {
    match problem {
        Problem::Required => td_string!(locale, errors.required).to_string(),
        Problem::TooLong { max } => td_string!(locale, errors.too_long, max = *max).to_string(),
        Problem::InvalidEmail => td_string!(locale, errors.invalid_email).to_string(),
        Problem::InvalidCorporateNumber => {
            td_string!(locale, errors.invalid_corporate_number).to_string()
        }
        _ => td_string!(locale, errors.invalid).to_string(),
    }
}

/// `メールアドレス: メールアドレスの形式が正しくありません。（tanaka@）`
pub fn row_problem(locale: Locale, row_problem: &RowProblem) -> String {
    let mut text = format!(
        "{}: {}",
        field(locale, row_problem.field),
        problem(locale, &row_problem.problem)
    );
    if let Some(value) = &row_problem.value {
        text.push_str(&format!("（{value}）"));
    }
    text
}

pub fn warning(locale: Locale, warning: &RowWarning) -> String {
    match warning {
        RowWarning::NoEmail => td_string!(locale, roster.warnings.no_email).to_string(),
        RowWarning::PhoneZeroRestored { original, phone } => td_string!(
            locale,
            roster.warnings.phone_zero_restored,
            original = original,
            phone = phone
        )
        .to_string(),
        RowWarning::PhoneUnclear { phone } => {
            td_string!(locale, roster.warnings.phone_unclear, phone = phone).to_string()
        }
        RowWarning::RegionalLeaderUnclear { value } => td_string!(
            locale,
            roster.warnings.regional_leader_unclear,
            value = value
        )
        .to_string(),
        RowWarning::CellError { field: f, value } => td_string!(
            locale,
            roster.warnings.cell_error,
            field = field(locale, *f),
            value = value
        )
        .to_string(),
    }
}

pub fn change(locale: Locale, change: &Change) -> String {
    match change {
        Change::Company { field: f, old, new } => td_string!(
            locale,
            roster.change,
            field = field(locale, *f),
            old = old,
            new = new
        )
        .to_string(),
        Change::ContactAdded { email } => {
            td_string!(locale, roster.contact_added, email = email).to_string()
        }
        Change::Contact {
            email,
            field: f,
            old,
            new,
        } => td_string!(
            locale,
            roster.contact_change,
            email = email,
            field = field(locale, *f),
            old = old,
            new = new
        )
        .to_string(),
        Change::Participation { booth } => {
            td_string!(locale, roster.participation, booth = booth).to_string()
        }
        Change::Booth { old, new } => td_string!(
            locale,
            roster.change,
            field = field(locale, RosterField::Booth),
            old = old,
            new = new
        )
        .to_string(),
    }
}

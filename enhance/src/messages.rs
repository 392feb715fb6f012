//! The texts the script shows, in the page's language, from the same locale files as the
//! app (copied at build time by build.rs). Messages are leptos_i18n templates with
//! `{{ name }}` placeholders; this fills them the way the app does.

use kotae_domain::Problem;

mod table {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

/// The page's language, read from `<html lang>`; Japanese unless it says English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub fn from_html_lang(lang: &str) -> Lang {
        if lang.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Ja
        }
    }

    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::Ja => table::JA,
            Lang::En => table::EN,
        }
    }
}

/// The message `key` with its placeholders filled; the key itself if it is missing, so a
/// gap shows up in a test rather than as an empty line.
pub fn text(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let Some((_, template)) = lang.table().iter().find(|(name, _)| *name == key) else {
        return key.to_owned();
    };
    let mut text = (*template).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{{ {name} }}}}"), value);
    }
    text
}

/// What the app's `messages::problem` says for `problem`.
pub fn problem(lang: Lang, problem: &Problem) -> String {
    let (key, args): (&str, Vec<(&str, String)>) = match problem {
        Problem::Required => ("errors.required", vec![]),
        Problem::TooLong { max } => ("errors.too_long", vec![("max", max.to_string())]),
        Problem::InvalidDate => ("errors.invalid_date", vec![]),
        Problem::EndBeforeStart => ("errors.end_before_start", vec![]),
        Problem::InvalidChoice => ("errors.invalid_choice", vec![]),
        Problem::InvalidEmail => ("errors.invalid_email", vec![]),
        Problem::InvalidCorporateNumber => ("errors.invalid_corporate_number", vec![]),
        Problem::EmailTaken => ("errors.email_taken", vec![]),
        Problem::PasswordTooShort { min } => {
            ("errors.password_too_short", vec![("min", min.to_string())])
        }
        Problem::CorporateNumberTaken => ("companies.corporate_number_taken", vec![]),
        Problem::SameCompany => ("companies.same_company", vec![]),
        Problem::UnknownCompany => ("companies.unknown_company", vec![]),
        Problem::NotANumber => ("errors.not_a_number", vec![]),
        Problem::NotAWholeNumber => ("errors.not_a_whole_number", vec![]),
        Problem::OutOfRange { min, max } => (
            "errors.out_of_range",
            vec![("min", min.clone()), ("max", max.clone())],
        ),
        Problem::TooSmall { min } => ("errors.too_small", vec![("min", min.clone())]),
        Problem::TooLarge { max } => ("errors.too_large", vec![("max", max.clone())]),
        Problem::TooManyDecimals { max } => {
            ("errors.too_many_decimals", vec![("max", max.to_string())])
        }
        Problem::TooFewChoices { min } => {
            ("errors.too_few_choices", vec![("min", min.to_string())])
        }
        Problem::TooManyChoices { max } => {
            ("errors.too_many_choices", vec![("max", max.to_string())])
        }
        Problem::DateTooEarly { min } => ("errors.date_too_early", vec![("min", min.clone())]),
        Problem::DateTooLate { max } => ("errors.date_too_late", vec![("max", max.clone())]),
        Problem::InvalidDateTime => ("errors.invalid_date_time", vec![]),
        Problem::DeadlineBeforeOpening => ("errors.deadline_before_opening", vec![]),
        Problem::NoRecipients => ("errors.no_recipients", vec![]),
        Problem::ExtensionNotLater => ("errors.extension_not_later", vec![]),
        Problem::BothAsked => ("errors.both_asked", vec![]),
        Problem::UnknownPlaceholder { name } => {
            ("errors.unknown_placeholder", vec![("name", name.clone())])
        }
        Problem::MissingPlaceholder { name } => {
            ("errors.missing_placeholder", vec![("name", name.clone())])
        }
        Problem::UnclosedPlaceholder => ("errors.unclosed_placeholder", vec![]),
        Problem::NotSubmitted => ("errors.not_submitted", vec![]),
        Problem::NewerRevision => ("errors.newer_revision", vec![]),
        Problem::NotApproved => ("errors.not_approved", vec![]),
        Problem::NoConsent => ("errors.no_consent", vec![]),
        Problem::FileKindRefused => ("errors.file_kind_refused", vec![]),
        Problem::FileTooLarge { max_mb } => {
            ("errors.file_too_large", vec![("max", max_mb.to_string())])
        }
        Problem::FilesTooLarge { max_mb } => {
            ("errors.files_too_large", vec![("max", max_mb.to_string())])
        }
        Problem::TooManyFiles { max } => ("errors.too_many_files", vec![("max", max.to_string())]),
        Problem::UnknownFile => ("errors.unknown_file", vec![]),
    };
    text(lang, key, &args)
}

/// Every kind of problem once, with sample values: the app's tests check that this
/// script and the server word each of them the same.
pub fn sample_problems() -> Vec<Problem> {
    vec![
        Problem::Required,
        Problem::TooLong { max: 2000 },
        Problem::InvalidDate,
        Problem::EndBeforeStart,
        Problem::InvalidChoice,
        Problem::InvalidEmail,
        Problem::InvalidCorporateNumber,
        Problem::EmailTaken,
        Problem::PasswordTooShort { min: 12 },
        Problem::CorporateNumberTaken,
        Problem::SameCompany,
        Problem::UnknownCompany,
        Problem::NotANumber,
        Problem::NotAWholeNumber,
        Problem::OutOfRange {
            min: "0".into(),
            max: "9,999".into(),
        },
        Problem::TooSmall { min: "1.5".into() },
        Problem::TooLarge { max: "100".into() },
        Problem::TooManyDecimals { max: 2 },
        Problem::TooFewChoices { min: 2 },
        Problem::TooManyChoices { max: 3 },
        Problem::DateTooEarly {
            min: "2026-04-01".into(),
        },
        Problem::DateTooLate {
            max: "2027-03-31".into(),
        },
        Problem::InvalidDateTime,
        Problem::DeadlineBeforeOpening,
        Problem::NoRecipients,
        Problem::ExtensionNotLater,
        Problem::BothAsked,
        Problem::UnknownPlaceholder {
            name: "compnay".into(),
        },
        Problem::MissingPlaceholder {
            name: "link".into(),
        },
        Problem::UnclosedPlaceholder,
        Problem::NotSubmitted,
        Problem::NewerRevision,
        Problem::NotApproved,
        Problem::NoConsent,
        Problem::FileKindRefused,
        Problem::FileTooLarge { max_mb: 20 },
        Problem::FilesTooLarge { max_mb: 50 },
        Problem::TooManyFiles { max: 5 },
        Problem::UnknownFile,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_both_languages() {
        let problem = Problem::OutOfRange {
            min: "0".into(),
            max: "10".into(),
        };
        assert_eq!(
            super::problem(Lang::Ja, &problem),
            "0から10までの数値を入力してください。"
        );
        let english = super::problem(Lang::En, &problem);
        assert!(english.contains('0') && english.contains("10"), "{english}");
        assert!(!english.contains("{{"), "{english}");
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        for problem in sample_problems() {
            for lang in [Lang::Ja, Lang::En] {
                let text = super::problem(lang, &problem);
                assert!(
                    !text.starts_with("errors.") && !text.starts_with("companies."),
                    "{problem:?} has no {lang:?} message"
                );
                assert!(!text.contains("{{"), "{problem:?} in {lang:?}: {text}");
            }
        }
    }

    #[test]
    fn the_page_language_decides() {
        assert_eq!(Lang::from_html_lang("en"), Lang::En);
        assert_eq!(Lang::from_html_lang("en-US"), Lang::En);
        assert_eq!(Lang::from_html_lang("ja"), Lang::Ja);
        assert_eq!(Lang::from_html_lang(""), Lang::Ja);
    }
}

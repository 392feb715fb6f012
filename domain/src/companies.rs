//! Companies and their contacts as officers edit them in the company master: the raw
//! form input, the parsed drafts, and the normalised search text.

use super::field_errors::{optional_text, required_text};
use super::roster::normalize;
use super::{CorporateNumber, Email, FieldErrors, Problem};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 200;
pub const KANA_MAX: usize = 200;
pub const INDUSTRY_MAX: usize = 100;
pub const ADDRESS_MAX: usize = 300;
pub const CONTACT_NAME_MAX: usize = 100;
pub const DEPARTMENT_MAX: usize = 100;
pub const PHONE_MAX: usize = 40;
/// Longer search text is cut: nobody types more to find a company.
pub const SEARCH_MAX: usize = 100;

/// What the company form posts: every field as the browser sent it. The flag is a
/// checkbox: present ("on") when ticked, absent when not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyInput {
    pub name: String,
    #[serde(default)]
    pub name_kana: String,
    #[serde(default)]
    pub corporate_number: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub regional_leader: String,
}

/// A valid company, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyDraft {
    pub name: String,
    pub name_kana: String,
    pub corporate_number: Option<CorporateNumber>,
    pub industry: String,
    pub address: String,
    /// 地域未来牽引企業
    pub regional_leader: bool,
}

/// Normalised like roster cells (NFKC, one space), so that a company edited by hand
/// compares equal to the same company imported from a spreadsheet.
fn text(raw: &str, max: usize, required: bool) -> Result<String, Problem> {
    let value = normalize::text(raw);
    if required {
        required_text(&value, max)
    } else {
        optional_text(&value, max)
    }
}

impl TryFrom<&CompanyInput> for CompanyDraft {
    type Error = FieldErrors;

    fn try_from(input: &CompanyInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", text(&input.name, NAME_MAX, true));
        let name_kana = errors.take("name_kana", text(&input.name_kana, KANA_MAX, false));
        let corporate_number = if input.corporate_number.trim().is_empty() {
            Some(None)
        } else {
            errors
                .take(
                    "corporate_number",
                    CorporateNumber::parse(&input.corporate_number),
                )
                .map(Some)
        };
        let industry = errors.take("industry", text(&input.industry, INDUSTRY_MAX, false));
        let address = errors.take("address", text(&input.address, ADDRESS_MAX, false));
        match (name, name_kana, corporate_number, industry, address) {
            (
                Some(name),
                Some(name_kana),
                Some(corporate_number),
                Some(industry),
                Some(address),
            ) if errors.is_empty() => Ok(CompanyDraft {
                name,
                name_kana,
                corporate_number,
                industry,
                address,
                regional_leader: !input.regional_leader.trim().is_empty(),
            }),
            _ => Err(errors),
        }
    }
}

/// What the contact form posts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub department: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

/// A valid contact. The address is what tells two contacts of one company apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDraft {
    pub name: String,
    pub department: String,
    pub email: Email,
    pub phone: String,
}

impl TryFrom<&ContactInput> for ContactDraft {
    type Error = FieldErrors;

    fn try_from(input: &ContactInput) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", text(&input.name, CONTACT_NAME_MAX, false));
        let department = errors.take("department", text(&input.department, DEPARTMENT_MAX, false));
        let email = errors.take("email", Email::parse(&normalize::text(&input.email)));
        let phone = errors.take("phone", text(&input.phone, PHONE_MAX, false));
        match (name, department, email, phone) {
            (Some(name), Some(department), Some(email), Some(phone)) if errors.is_empty() => {
                Ok(ContactDraft {
                    name,
                    department,
                    email,
                    phone,
                })
            }
            _ => Err(errors),
        }
    }
}

/// What a search box sent, made comparable with what is stored: NFKC (full-width
/// letters and digits become ASCII, half-width kana full-width), lower case, one space.
/// `None` when there is nothing to search for.
pub fn search_text(raw: &str) -> Option<String> {
    let text: String = normalize::text(raw)
        .to_lowercase()
        .chars()
        .take(SEARCH_MAX)
        .collect();
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// The digits of a search that looks like (part of) a corporate number typed with
/// separators, e.g. `4511-2847`; `None` when the search is anything else.
pub fn search_digits(search: &str) -> Option<String> {
    let looks_numeric = search
        .chars()
        .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    let digits: String = search.chars().filter(char::is_ascii_digit).collect();
    (looks_numeric && !digits.is_empty()).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company() -> CompanyInput {
        CompanyInput {
            name: " 有限会社韮塚電機 ".into(),
            name_kana: "ﾆﾗﾂｶﾃﾞﾝｷ".into(),
            corporate_number: "４５１１２８４７８７０２２".into(),
            industry: "医療機器製造業".into(),
            address: "伊勢崎市長沼町832".into(),
            regional_leader: "on".into(),
        }
    }

    #[test]
    fn a_complete_company_form_parses_and_normalises() {
        let draft = CompanyDraft::try_from(&company()).expect("valid");
        assert_eq!(draft.name, "有限会社韮塚電機");
        assert_eq!(draft.name_kana, "ニラツカデンキ", "half-width kana widened");
        assert_eq!(
            draft.corporate_number.as_ref().map(CorporateNumber::as_str),
            Some("4511284787022")
        );
        assert!(draft.regional_leader);
    }

    #[test]
    fn the_corporate_number_and_the_flag_may_be_left_empty() {
        let draft = CompanyDraft::try_from(&CompanyInput {
            corporate_number: "  ".into(),
            regional_leader: String::new(),
            ..company()
        })
        .expect("valid");
        assert_eq!(draft.corporate_number, None);
        assert!(!draft.regional_leader);
    }

    #[test]
    fn every_company_problem_is_reported_at_once() {
        let errors = CompanyDraft::try_from(&CompanyInput {
            name: " ".into(),
            corporate_number: "5511284787022".into(),
            address: "あ".repeat(ADDRESS_MAX + 1),
            ..company()
        })
        .expect_err("invalid");
        assert_eq!(errors.for_field("name"), Some(&Problem::Required));
        assert_eq!(
            errors.for_field("corporate_number"),
            Some(&Problem::InvalidCorporateNumber)
        );
        assert_eq!(
            errors.for_field("address"),
            Some(&Problem::TooLong { max: ADDRESS_MAX })
        );
    }

    #[test]
    fn a_contact_needs_a_valid_address_which_is_lower_cased() {
        let draft = ContactDraft::try_from(&ContactInput {
            name: "林 健一".into(),
            department: "経営企画室".into(),
            email: " Ｔ.Sato＠Nirazuka-Denki.example.or.jp ".into(),
            phone: "0270-45-5882".into(),
        })
        .expect("valid");
        assert_eq!(draft.email.as_str(), "t.sato@nirazuka-denki.example.or.jp");

        let errors = ContactDraft::try_from(&ContactInput {
            email: "not an address".into(),
            ..ContactInput::default()
        })
        .expect_err("invalid");
        assert_eq!(errors.for_field("email"), Some(&Problem::InvalidEmail));
    }

    #[test]
    fn search_text_ignores_width_case_and_spacing() {
        assert_eq!(
            search_text("  ＮＩＲＡＺＵＫＡ　 "),
            Some("nirazuka".into())
        );
        assert_eq!(search_text("ﾆﾗﾂｶ"), Some("ニラツカ".into()));
        assert_eq!(search_text(" \u{3000} "), None);
    }

    #[test]
    fn separated_digits_search_as_a_corporate_number() {
        assert_eq!(search_digits("4511-2847 87"), Some("4511284787".into()));
        assert_eq!(search_digits("韮塚"), None);
        assert_eq!(search_digits("-"), None);
    }
}

//! When two rows, or a row and a stored company, are the same company. The corporate
//! number decides when there is one; otherwise the name does, compared without spaces,
//! letter case and legal-form words (株式会社, (株), 有限会社…), which offices add, drop
//! and abbreviate freely. The stored name keeps its legal form: this is for comparison only.

use super::{CompanyRecord, normalize};
use crate::{CorporateNumber, Email};
use serde::{Deserialize, Serialize};

/// The identity of a company for duplicate detection.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum CompanyKey {
    CorporateNumber(CorporateNumber),
    Name(String),
}

pub fn company_key(company: &CompanyRecord) -> CompanyKey {
    match &company.corporate_number {
        Some(number) => CompanyKey::CorporateNumber(number.clone()),
        None => CompanyKey::Name(comparable_name(&company.name)),
    }
}

/// Legal forms, after NFKC (`㈱` and `（株）` are both `(株)`); the longer forms first so
/// that 一般社団法人 is not left as 一般.
const LEGAL_FORMS: &[&str] = &[
    "特定非営利活動法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "社会福祉法人",
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "npo法人",
    "医療法人",
    "学校法人",
    "(一社)",
    "(一財)",
    "(公社)",
    "(公財)",
    "(特非)",
    "(株)",
    "(有)",
    "(同)",
    "(合)",
    "(資)",
    "(名)",
    "(社)",
    "(財)",
];

/// English legal forms, removed from the end of the name only (after spaces are gone).
const ENGLISH_LEGAL_SUFFIXES: &[&str] = &[
    "co.,ltd.",
    "co.,ltd",
    "co.ltd.",
    "co.ltd",
    "corporation",
    "corp.",
    "inc.",
    "inc",
    "ltd.",
    "ltd",
    "llc",
    "k.k.",
];

/// The name as compared: NFKC, no whitespace, lower-case, no legal-form words and no
/// `・` `.` `,`. A name that is nothing but a legal form is compared as it is.
pub fn comparable_name(name: &str) -> String {
    let compact: String = normalize::text(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let mut stripped = compact.clone();
    for form in LEGAL_FORMS {
        stripped = stripped.replace(form, "");
    }
    while let Some(suffix) = ENGLISH_LEGAL_SUFFIXES
        .iter()
        .find(|suffix| stripped.len() > suffix.len() && stripped.ends_with(*suffix))
    {
        stripped.truncate(stripped.len() - suffix.len());
        stripped = stripped.trim_end_matches([',', '.']).to_owned();
    }
    stripped.retain(|c| !matches!(c, '・' | '.' | ','));
    if stripped.is_empty() {
        compact
    } else {
        stripped
    }
}

/// The domain of an address, for "is this the same company?" suggestions.
pub fn email_domain(email: &Email) -> &str {
    email
        .as_str()
        .rsplit_once('@')
        .map_or("", |(_, domain)| domain)
}

/// Free-mail and large-ISP domains, shared by unrelated companies: a shared domain
/// says nothing about whether two contacts work for the same company.
pub fn is_shared_domain(domain: &str) -> bool {
    const SHARED: &[&str] = &[
        "gmail.com",
        "googlemail.com",
        "yahoo.co.jp",
        "ymail.ne.jp",
        "yahoo.com",
        "outlook.jp",
        "outlook.com",
        "hotmail.co.jp",
        "hotmail.com",
        "live.jp",
        "icloud.com",
        "me.com",
        "docomo.ne.jp",
        "ezweb.ne.jp",
        "au.com",
        "softbank.ne.jp",
        "i.softbank.jp",
        "nifty.com",
        "biglobe.ne.jp",
        "ocn.ne.jp",
        "so-net.ne.jp",
        "plala.or.jp",
    ];
    SHARED.contains(&domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(name: &str, number: Option<&str>) -> CompanyRecord {
        CompanyRecord {
            name: name.to_owned(),
            kana: String::new(),
            corporate_number: number
                .map(|n| CorporateNumber::parse(n).expect("a valid corporate number")),
            industry: String::new(),
            address: String::new(),
            regional_leader: false,
        }
    }

    #[test]
    fn the_corporate_number_decides_when_present() {
        let a = company("株式会社名和プラスチック", Some("2288532863868"));
        let b = company("名和樹脂", Some("2288532863868"));
        assert_eq!(company_key(&a), company_key(&b));
        let c = company("株式会社名和プラスチック", Some("4511284787022"));
        assert_ne!(company_key(&a), company_key(&c));
    }

    #[test]
    fn legal_forms_in_any_spelling_are_ignored_in_names() {
        let key = company_key(&company("株式会社名和プラスチック", None));
        for name in [
            "名和プラスチック株式会社",
            "(株)名和プラスチック",
            "（株）名和プラスチック",
            "㈱名和プラスチック",
            "名和プラスチック ㈱",
            "株式会社　名和 プラスチック",
            "名和ﾌﾟﾗｽﾁｯｸ株式会社",
        ] {
            assert_eq!(company_key(&company(name, None)), key, "{name}");
        }
        assert_eq!(
            comparable_name("有限会社韮塚電機"),
            comparable_name("㈲韮塚電機")
        );
        assert_eq!(
            comparable_name("一般社団法人 伊勢崎市工業会"),
            "伊勢崎市工業会"
        );
    }

    #[test]
    fn english_legal_suffixes_and_case_are_ignored() {
        assert_eq!(comparable_name("Nitto Koki Co., Ltd."), "nittokoki");
        assert_eq!(comparable_name("NITTO KOKI Inc."), "nittokoki");
        assert_eq!(comparable_name("Ｎｉｔｔｏ Ｋｏｋｉ"), "nittokoki");
    }

    #[test]
    fn a_name_that_is_only_a_legal_form_is_kept() {
        assert_eq!(comparable_name("株式会社"), "株式会社");
        assert_eq!(comparable_name("Inc"), "inc");
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(
            comparable_name("日東工機株式会社"),
            comparable_name("日東精工株式会社")
        );
    }

    #[test]
    fn the_name_key_serializes_as_kind_and_value() {
        let json =
            serde_json::to_string(&company_key(&company("㈱境製缶", None))).expect("serializes");
        assert_eq!(json, r#"{"kind":"name","value":"境製缶"}"#);
    }

    #[test]
    fn the_domain_is_after_the_at_sign() {
        let email = Email::parse("k.nakamura@nitto-koki.example.co.jp").expect("valid");
        assert_eq!(email_domain(&email), "nitto-koki.example.co.jp");
    }

    #[test]
    fn free_mail_domains_are_shared() {
        assert!(is_shared_domain("gmail.com"));
        assert!(is_shared_domain("yahoo.co.jp"));
        assert!(!is_shared_domain("nitto-koki.example.co.jp"));
    }
}

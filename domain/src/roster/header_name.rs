//! Header names: which field a header text names. Offices name their columns in many
//! ways (企業名, 会社名, Company name, `メールアドレス（必須）`…); a header is normalised
//! first and then matched exactly against known names, and only then by the keywords it
//! contains.

use super::RosterField;
use super::normalize;

/// A header longer than this is a sentence (an instruction, a title) and is matched
/// exactly or not at all: "※メールアドレスは必ず記入" is not an e-mail column.
const MAX_KEYWORD_HEADER_CHARS: usize = 20;

/// The header text in its comparable form: NFKC, no whitespace, ASCII lower-case,
/// decorations such as `※`, `*` and `（必須）` dropped, and the punctuation of English
/// names (`E-mail`, `Tel.`, `Booth No.`) removed.
pub fn normalize_header(raw: &str) -> String {
    let mut header: String = normalize::text(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    for word in ["必須", "任意"] {
        for (open, close) in [
            ("(", ")"),
            ("[", "]"),
            ("【", "】"),
            ("〔", "〕"),
            ("<", ">"),
        ] {
            header = header.replace(&format!("{open}{word}{close}"), "");
        }
    }
    header.retain(|c| {
        !matches!(
            c,
            '※' | '*' | '★' | '☆' | '◎' | '■' | '◆' | '-' | '_' | '.' | ':' | '：'
        )
    });
    header
}

/// Known header names, compared after [`normalize_header`].
const EXACT: &[(RosterField, &[&str])] = &[
    (
        RosterField::CompanyName,
        &[
            "企業名",
            "会社名",
            "事業者名",
            "事業所名",
            "法人名",
            "出展者名",
            "出展企業名",
            "出展者",
            "出展企業",
            "企業",
            "会社",
            "社名",
            "団体名",
            "company",
            "companyname",
            "exhibitor",
            "exhibitorname",
            "organization",
            "organisation",
        ],
    ),
    (
        RosterField::CompanyKana,
        &[
            "フリガナ",
            "ふりがな",
            "カナ",
            "かな",
            "企業名カナ",
            "企業名フリガナ",
            "会社名カナ",
            "会社名フリガナ",
            "kana",
            "companykana",
        ],
    ),
    (
        RosterField::CorporateNumber,
        &["法人番号", "corporatenumber", "corporateno"],
    ),
    (
        RosterField::Industry,
        &["業種", "業種名", "業界", "industry"],
    ),
    (RosterField::Address, &["所在地", "住所", "address"]),
    (
        RosterField::RegionalLeader,
        &["地域未来牽引企業", "牽引企業", "regionalleader"],
    ),
    (
        RosterField::ContactName,
        &[
            "担当者",
            "担当者名",
            "ご担当者",
            "ご担当者名",
            "担当者氏名",
            "氏名",
            "contact",
            "contactname",
            "contactperson",
            "name",
        ],
    ),
    (
        RosterField::Department,
        &["部署", "部署名", "所属", "所属部署", "department", "dept"],
    ),
    (
        RosterField::Email,
        &[
            "メールアドレス",
            "メール",
            "eメール",
            "eメールアドレス",
            "email",
            "emailaddress",
            "mail",
            "mailaddress",
        ],
    ),
    (
        RosterField::Phone,
        &[
            "電話番号",
            "電話",
            "tel",
            "phone",
            "telephone",
            "phonenumber",
        ],
    ),
    (
        RosterField::Booth,
        &[
            "小間番号",
            "小間",
            "ブース",
            "ブース番号",
            "booth",
            "boothno",
            "boothnumber",
        ],
    ),
    (
        RosterField::Notes,
        &["備考", "備考欄", "notes", "note", "remarks", "comments"],
    ),
];

/// Keywords for headers that are no known name. The order is the precedence: the more
/// specific field comes first, so "担当者メールアドレス" is an e-mail column and
/// "担当者所属" a department, not the contact's name.
const KEYWORDS: &[(RosterField, &[&str])] = &[
    (RosterField::Email, &["メール", "mail"]),
    (RosterField::Phone, &["電話", "tel", "phone", "携帯"]),
    (RosterField::CorporateNumber, &["法人番号", "corporatenum"]),
    (RosterField::Booth, &["小間", "ブース", "booth"]),
    (
        RosterField::CompanyKana,
        &["フリガナ", "ふりがな", "カナ", "かな", "kana", "よみ"],
    ),
    (
        RosterField::RegionalLeader,
        &["牽引", "地域未来", "regionalleader"],
    ),
    (RosterField::Department, &["部署", "所属", "department"]),
    (RosterField::Industry, &["業種", "industry"]),
    (RosterField::Address, &["所在地", "住所", "address"]),
    (RosterField::ContactName, &["担当", "contact", "氏名"]),
    (
        RosterField::CompanyName,
        &[
            "企業名",
            "会社名",
            "事業者名",
            "事業所名",
            "法人名",
            "出展者名",
            "出展企業名",
            "団体名",
            "company",
            "exhibitor",
        ],
    ),
    (RosterField::Notes, &["備考", "note", "remark", "comment"]),
];

/// Words that make a kana column the contact's reading, which the roster does not keep.
const PERSON_WORDS: &[&str] = &["担当", "氏名", "contact", "代表者"];

/// The field a header names, or `None` for a column the import ignores.
pub fn recognize(raw: &str) -> Option<RosterField> {
    let header = normalize_header(raw);
    if header.is_empty() {
        return None;
    }
    let exact = EXACT
        .iter()
        .find(|(_, names)| names.contains(&header.as_str()))
        .map(|(field, _)| *field);
    if exact.is_some() {
        return exact;
    }
    if header.chars().count() > MAX_KEYWORD_HEADER_CHARS {
        return None;
    }
    let field = KEYWORDS
        .iter()
        .find(|(_, words)| words.iter().any(|word| header.contains(word)))
        .map(|(field, _)| *field)?;
    let persons_reading =
        field == RosterField::CompanyKana && PERSON_WORDS.iter().any(|word| header.contains(word));
    (!persons_reading).then_some(field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RosterField::*;

    #[test]
    fn every_listed_name_is_recognised() {
        let cases: &[(RosterField, &[&str])] = &[
            (
                CompanyName,
                &[
                    "企業名",
                    "会社名",
                    "事業者名",
                    "事業所名",
                    "法人名",
                    "出展者名",
                    "出展企業名",
                    "Company",
                    "Company name",
                ],
            ),
            (
                CompanyKana,
                &["フリガナ", "ふりがな", "カナ", "企業名カナ", "Kana"],
            ),
            (CorporateNumber, &["法人番号", "Corporate number"]),
            (Industry, &["業種", "業種名", "Industry"]),
            (Address, &["所在地", "住所", "Address"]),
            (RegionalLeader, &["地域未来牽引企業", "牽引企業"]),
            (
                ContactName,
                &[
                    "担当者",
                    "担当者名",
                    "ご担当者",
                    "ご担当者名",
                    "Contact",
                    "Contact name",
                    "Name",
                ],
            ),
            (Department, &["部署", "部署名", "所属", "Department"]),
            (
                Email,
                &[
                    "メールアドレス",
                    "メール",
                    "Eメール",
                    "E-mail",
                    "Email",
                    "mail",
                    "mail address",
                ],
            ),
            (Phone, &["電話番号", "電話", "TEL", "Phone", "Tel."]),
            (
                Booth,
                &[
                    "小間番号",
                    "小間",
                    "ブース",
                    "ブース番号",
                    "Booth",
                    "Booth No.",
                ],
            ),
            (Notes, &["備考", "Notes", "Remarks"]),
        ];
        for (field, names) in cases {
            for name in *names {
                assert_eq!(recognize(name), Some(*field), "{name}");
            }
        }
    }

    #[test]
    fn decorations_and_full_width_forms_are_ignored() {
        assert_eq!(recognize("※企業名（必須）"), Some(CompanyName));
        assert_eq!(recognize("企業名(必須)"), Some(CompanyName));
        assert_eq!(recognize("*メールアドレス"), Some(Email));
        // A katakana long-vowel mark typed for the hyphen still leaves the keyword.
        assert_eq!(recognize("　ＥーＭＡＩＬ　"), Some(Email));
        assert_eq!(recognize("Ｅ－ＭＡＩＬ"), Some(Email));
        assert_eq!(recognize("電話\n番号"), Some(Phone));
        assert_eq!(recognize("【必須】会社名"), Some(CompanyName));
    }

    #[test]
    fn the_more_specific_field_wins_over_the_contact_name() {
        assert_eq!(recognize("担当者メールアドレス"), Some(Email));
        assert_eq!(recognize("担当者電話"), Some(Phone));
        assert_eq!(recognize("担当者所属"), Some(Department));
        assert_eq!(recognize("ご担当者様氏名"), Some(ContactName));
        assert_eq!(recognize("Contact e-mail"), Some(Email));
    }

    #[test]
    fn annotated_headers_are_recognised_by_their_keyword() {
        assert_eq!(recognize("メールアドレス（複数可）"), Some(Email));
        assert_eq!(recognize("法人番号(13桁)"), Some(CorporateNumber));
        assert_eq!(recognize("会社所在地"), Some(Address));
        assert_eq!(recognize("代表電話番号"), Some(Phone));
        assert_eq!(recognize("企業名(フリガナ)"), Some(CompanyKana));
        assert_eq!(recognize("備考欄"), Some(Notes));
    }

    #[test]
    fn the_reading_of_a_person_is_not_the_company_kana() {
        assert_eq!(recognize("担当者名フリガナ"), None);
        assert_eq!(recognize("氏名(カナ)"), None);
    }

    #[test]
    fn unknown_headers_are_ignored_columns() {
        for header in [
            "No.",
            "FAX",
            "URL",
            "従業員数",
            "資本金",
            "代表者名",
            "",
            "郵便番号",
        ] {
            assert_eq!(recognize(header), None, "{header}");
        }
    }

    #[test]
    fn a_long_sentence_is_not_read_for_keywords() {
        assert_eq!(
            recognize("※メールアドレスは必ず記入してください。記入がない場合は郵送します"),
            None
        );
    }
}

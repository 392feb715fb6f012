//! Finding the header row of a sheet: the first row near the top whose cells name
//! roster fields, below any title rows.

use super::header_name::normalize_header;
use super::normalize;
use super::{Cell, ColumnMapping, RosterField};
use serde::{Deserialize, Serialize};

/// How many rows from the top are searched for the header: enough for a title block,
/// few enough that a data row far down is never taken for a header.
pub const HEADER_SCAN_LIMIT: usize = 30;

/// The header row of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderRow {
    /// Zero-based index of the row in the sheet; data starts on the next row.
    pub index: usize,
    /// Each header cell as text (normalised by [`normalize::text`]), for the preview.
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
}

impl HeaderRow {
    /// See [`mapping_signature`].
    pub fn signature(&self) -> String {
        mapping_signature(&self.headers)
    }
}

/// The first row within `scan_limit` rows that looks like a header: it names a company
/// name or an e-mail column and at least two fields in all. Title rows above it, such as
/// a merged "2026 テクノフェア 出展者名簿" cell, are skipped.
pub fn find_header<R: AsRef<[Cell]>>(rows: &[R], scan_limit: usize) -> Option<HeaderRow> {
    rows.iter()
        .take(scan_limit)
        .enumerate()
        .find_map(|(index, row)| {
            let headers: Vec<String> = row.as_ref().iter().map(header_text).collect();
            let mapping = ColumnMapping::recognize(&headers);
            let names_a_key_field =
                mapping.contains(RosterField::CompanyName) || mapping.contains(RosterField::Email);
            (names_a_key_field && mapping.recognized_count() >= 2).then_some(HeaderRow {
                index,
                headers,
                mapping,
            })
        })
}

/// Only text cells can be headers: a number or a date in a row is data.
fn header_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => normalize::text(text),
        _ => String::new(),
    }
}

/// A stable key of a header row, so that a mapping an officer corrected can be offered
/// again for the next file with the same headers. It is the normalised header texts,
/// joined by tabs (which normalisation removes from the texts themselves), without the
/// blank columns at the end that some sheets carry.
pub fn mapping_signature<S: AsRef<str>>(headers: &[S]) -> String {
    let mut normalised: Vec<String> = headers
        .iter()
        .map(|h| normalize_header(h.as_ref()))
        .collect();
    while normalised.last().is_some_and(String::is_empty) {
        normalised.pop();
    }
    normalised.join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;
    use RosterField::*;

    fn row(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .map(|t| {
                if t.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*t).to_owned())
                }
            })
            .collect()
    }

    /// The header row of the Japanese samples (xlsx, csv in UTF-8 and Shift_JIS, ods).
    const JAPANESE_SAMPLE_HEADERS: [&str; 10] = [
        "小間番号",
        "企業名",
        "法人番号",
        "業種",
        "担当者名",
        "部署",
        "メールアドレス",
        "電話番号",
        "所在地",
        "地域未来牽引企業",
    ];

    const JAPANESE_SAMPLE_MAPPING: [Option<RosterField>; 10] = [
        Some(Booth),
        Some(CompanyName),
        Some(CorporateNumber),
        Some(Industry),
        Some(ContactName),
        Some(Department),
        Some(Email),
        Some(Phone),
        Some(Address),
        Some(RegionalLeader),
    ];

    #[test]
    fn the_japanese_sample_header_maps_every_column() {
        let found =
            find_header(&[row(&JAPANESE_SAMPLE_HEADERS)], HEADER_SCAN_LIMIT).expect("a header");
        assert_eq!(found.index, 0);
        assert_eq!(found.mapping.columns(), JAPANESE_SAMPLE_MAPPING);
    }

    #[test]
    fn the_csv_samples_header_is_found_on_the_first_line() {
        // The first line of roster_business_fair_2026_utf8.csv, byte-order mark included
        // (the Shift_JIS file decodes to the same text).
        let header_line = "\u{FEFF}小間番号,企業名,法人番号,業種,担当者名,部署,メールアドレス,電話番号,所在地,地域未来牽引企業";
        // Left in on purpose: a reader that forgets to strip it must not lose the column.
        let cells: Vec<Cell> = header_line
            .split(',')
            .map(|t| Cell::Text(t.to_owned()))
            .collect();
        let found = find_header(&[cells], HEADER_SCAN_LIMIT).expect("a header");
        assert_eq!(found.mapping.columns(), JAPANESE_SAMPLE_MAPPING);
    }

    #[test]
    fn the_tech_expo_title_rows_above_the_header_are_skipped() {
        // roster_tech_expo_2026.xlsx: a merged title cell, a venue line, then the header.
        let rows = vec![
            row(&["令和8年度 伊勢崎市企業技術展 出展企業一覧"]),
            row(&["会場: 伊勢崎市文化会館\u{3000}2026年10月15日(木)～16日(金)"]),
            row(&JAPANESE_SAMPLE_HEADERS),
            row(&["B-01", "\u{3000}大正精工株式会社 ", "8437313672577"]),
        ];
        let found = find_header(&rows, HEADER_SCAN_LIMIT).expect("a header");
        assert_eq!(found.index, 2);
        assert_eq!(found.mapping.columns(), JAPANESE_SAMPLE_MAPPING);
    }

    #[test]
    fn the_hospex_english_header_maps_every_column() {
        // roster_hospex_2026.xls, sheet "Exhibitors".
        let headers = [
            "Booth",
            "Company",
            "Corporate number",
            "Industry",
            "Contact person",
            "Department",
            "E-mail",
            "Phone",
            "Address",
            "Regional leader",
        ];
        let found = find_header(&[row(&headers)], HEADER_SCAN_LIMIT).expect("a header");
        assert_eq!(found.mapping.columns(), JAPANESE_SAMPLE_MAPPING);
    }

    #[test]
    fn a_title_row_above_the_header_is_skipped() {
        let rows = vec![
            row(&["2026 テクノフェア 出展者名簿"]),
            row(&[]),
            row(&["会社名", "ご担当者", "E-mail"]),
        ];
        let found = find_header(&rows, HEADER_SCAN_LIMIT).expect("a header");
        assert_eq!(found.index, 2);
        assert_eq!(
            found.mapping.columns(),
            [Some(CompanyName), Some(ContactName), Some(Email)]
        );
    }

    #[test]
    fn a_header_below_the_scan_limit_is_not_found() {
        let mut rows = vec![row(&["メモ"]); 30];
        rows.push(row(&["企業名", "メール"]));
        assert_eq!(find_header(&rows, HEADER_SCAN_LIMIT), None);
        assert!(find_header(&rows, 31).is_some());
    }

    #[test]
    fn a_row_needs_a_company_or_email_column_and_two_fields() {
        assert_eq!(find_header(&[row(&["企業名"])], 30), None);
        assert_eq!(find_header(&[row(&["電話番号", "住所", "業種"])], 30), None);
        assert!(find_header(&[row(&["メール", "電話"])], 30).is_some());
    }

    #[test]
    fn numbers_and_dates_are_never_headers() {
        let rows = vec![vec![
            Cell::Number(1.0),
            Cell::Text("企業名".into()),
            Cell::Date("2026-04-01".into()),
        ]];
        assert_eq!(find_header(&rows, 30), None);
    }

    #[test]
    fn the_signature_ignores_decorations_spacing_and_trailing_blanks() {
        let typed = mapping_signature(&["企業名（必須）", " E-mail ", "", ""]);
        let clean = mapping_signature(&["企業名", "email"]);
        assert_eq!(typed, clean);
        assert_eq!(clean, "企業名\temail");
    }

    #[test]
    fn different_headers_have_different_signatures() {
        assert_ne!(
            mapping_signature(&["企業名", "email"]),
            mapping_signature(&["email", "企業名"])
        );
        assert_ne!(
            mapping_signature(&["企業名", "", "email"]),
            mapping_signature(&["企業名", "email"])
        );
    }

    #[test]
    fn the_header_row_signature_uses_its_texts() {
        let found = find_header(&[row(&JAPANESE_SAMPLE_HEADERS)], 30).expect("a header");
        assert_eq!(
            found.signature(),
            mapping_signature(&JAPANESE_SAMPLE_HEADERS)
        );
    }
}

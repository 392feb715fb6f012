//! Turning one data row into a [`RosterRow`], or into every reason it cannot be one.
//! Cell text is never interpreted: `=SUM(A1)` and `<b>` are names like any other, kept
//! as text (escaping is the view's job, neutralising formulas the export's).

use super::flag::{Flag, flag};
use super::normalize::{self, PhoneOutcome};
use super::record::{CompanyRecord, ContactRecord, RosterRow, RowOutcome, RowProblem, RowWarning};
use super::{Cell, ColumnMapping, RosterField};
use crate::{CorporateNumber, Email, Problem};

/// Longest texts kept, in characters: the sizes of the database columns they go to.
pub mod max_len {
    pub const COMPANY_NAME: usize = 200;
    pub const COMPANY_KANA: usize = 200;
    pub const INDUSTRY: usize = 100;
    pub const ADDRESS: usize = 300;
    pub const CONTACT_NAME: usize = 100;
    pub const DEPARTMENT: usize = 100;
    pub const PHONE: usize = 40;
    pub const BOOTH: usize = 40;
    pub const NOTES: usize = 1000;
}

/// Reads the row `cells` (numbered `row_number` as the sheet shows it) through `mapping`.
/// Every problem of the row is reported at once, so the officer fixes the file in one go.
pub fn parse_row(mapping: &ColumnMapping, cells: &[Cell], row_number: u32) -> RowOutcome {
    let row = Row { mapping, cells };
    if RosterField::ALL
        .iter()
        .all(|field| normalize::cell_text(row.raw(*field)).is_empty())
    {
        return RowOutcome::Skipped;
    }

    let mut problems = Vec::new();
    let mut warnings: Vec<RowWarning> = RosterField::ALL
        .iter()
        .filter_map(|field| match row.raw(*field) {
            Cell::Error(value) => Some(RowWarning::CellError {
                field: *field,
                value: value.clone(),
            }),
            _ => None,
        })
        .collect();
    let mut text = |field: RosterField, max: usize| -> String {
        let value = row.text(field);
        if value.chars().count() > max {
            problems.push(RowProblem::new(field, Problem::TooLong { max }));
        }
        value
    };

    let name = text(RosterField::CompanyName, max_len::COMPANY_NAME);
    let kana = text(RosterField::CompanyKana, max_len::COMPANY_KANA);
    let industry = text(RosterField::Industry, max_len::INDUSTRY);
    let address = text(RosterField::Address, max_len::ADDRESS);
    let contact_name = text(RosterField::ContactName, max_len::CONTACT_NAME);
    let department = text(RosterField::Department, max_len::DEPARTMENT);
    let booth = text(RosterField::Booth, max_len::BOOTH);
    let notes = text(RosterField::Notes, max_len::NOTES);

    if name.is_empty() {
        problems.push(RowProblem::new(RosterField::CompanyName, Problem::Required));
    }

    let corporate_number = match row.text(RosterField::CorporateNumber) {
        number if number.is_empty() => None,
        number => match CorporateNumber::parse(&number) {
            Ok(parsed) => Some(parsed),
            Err(problem) => {
                problems.push(RowProblem::with_value(
                    RosterField::CorporateNumber,
                    problem,
                    number,
                ));
                None
            }
        },
    };

    let regional_leader = match flag(row.cell(RosterField::RegionalLeader)) {
        Flag::Yes => true,
        Flag::No => false,
        Flag::Unrecognized(value) => {
            warnings.push(RowWarning::RegionalLeaderUnclear { value });
            false
        }
    };

    let phone = match normalize::phone(row.cell(RosterField::Phone)) {
        PhoneOutcome::Empty => String::new(),
        PhoneOutcome::Kept { phone } => phone,
        PhoneOutcome::Restored { phone, original } => {
            warnings.push(RowWarning::PhoneZeroRestored {
                original,
                phone: phone.clone(),
            });
            phone
        }
        PhoneOutcome::Ambiguous { phone } => {
            warnings.push(RowWarning::PhoneUnclear {
                phone: phone.clone(),
            });
            phone
        }
    };
    if phone.chars().count() > max_len::PHONE {
        problems.push(RowProblem::new(
            RosterField::Phone,
            Problem::TooLong {
                max: max_len::PHONE,
            },
        ));
    }

    let found = normalize::emails(row.cell(RosterField::Email));
    for bad in found.invalid {
        let problem = Email::parse(&bad).err().unwrap_or(Problem::InvalidEmail);
        problems.push(RowProblem::with_value(RosterField::Email, problem, bad));
    }
    if found.addresses.is_empty() {
        warnings.push(RowWarning::NoEmail);
    }

    if !problems.is_empty() {
        return RowOutcome::Invalid {
            row_number,
            problems,
        };
    }

    let contacts = found
        .addresses
        .into_iter()
        .map(|email| ContactRecord {
            name: contact_name.clone(),
            department: department.clone(),
            email,
            phone: phone.clone(),
        })
        .collect();
    RowOutcome::Valid(Box::new(RosterRow {
        row_number,
        company: CompanyRecord {
            name,
            kana,
            corporate_number,
            industry,
            address,
            regional_leader,
        },
        contacts,
        booth: non_empty(booth),
        notes: non_empty(notes),
        warnings,
    }))
}

/// The cells of one row as the mapping names them; a short row reads as blank cells.
struct Row<'a> {
    mapping: &'a ColumnMapping,
    cells: &'a [Cell],
}

impl Row<'_> {
    fn raw(&self, field: RosterField) -> &Cell {
        self.mapping
            .column(field)
            .and_then(|index| self.cells.get(index))
            .unwrap_or(&Cell::Empty)
    }

    /// The cell to read: an error value (`#N/A`) is no data, and is warned about once.
    fn cell(&self, field: RosterField) -> &Cell {
        match self.raw(field) {
            Cell::Error(_) => &Cell::Empty,
            cell => cell,
        }
    }

    fn text(&self, field: RosterField) -> String {
        normalize::cell_text(self.cell(field))
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RosterField::*;

    const FIELDS: [RosterField; 10] = [
        Booth,
        CompanyName,
        CorporateNumber,
        Industry,
        ContactName,
        Department,
        Email,
        Phone,
        Address,
        RegionalLeader,
    ];

    /// The column layout of the sample rosters.
    fn mapping() -> ColumnMapping {
        ColumnMapping::new(FIELDS.iter().copied().map(Some).collect())
    }

    fn cells(texts: [&str; 10]) -> Vec<Cell> {
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

    /// The first data row of roster_business_fair_2026_utf8.csv.
    fn sample_row() -> Vec<Cell> {
        cells([
            "C-01",
            "有限会社韮塚電機",
            "4511284787022",
            "医療機器製造業",
            "林 健一",
            "経営企画室",
            "t.sato@nirazuka-denki.example.or.jp",
            "0270-45-5882",
            "伊勢崎市長沼町832",
            "",
        ])
    }

    fn with(mut row: Vec<Cell>, field: RosterField, cell: Cell) -> Vec<Cell> {
        let index = FIELDS
            .iter()
            .position(|f| *f == field)
            .expect("a sample column");
        row[index] = cell;
        row
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn valid(outcome: RowOutcome) -> RosterRow {
        match outcome {
            RowOutcome::Valid(row) => *row,
            other => panic!("expected a valid row, got {other:?}"),
        }
    }

    fn problems(outcome: RowOutcome) -> Vec<RowProblem> {
        match outcome {
            RowOutcome::Invalid { problems, .. } => problems,
            other => panic!("expected an invalid row, got {other:?}"),
        }
    }

    #[test]
    fn a_sample_row_becomes_a_company_with_one_contact() {
        let row = valid(parse_row(&mapping(), &sample_row(), 2));
        assert_eq!(row.row_number, 2);
        assert_eq!(row.company.name, "有限会社韮塚電機");
        assert_eq!(
            row.company.corporate_number.as_ref().map(|n| n.as_str()),
            Some("4511284787022")
        );
        assert_eq!(row.company.industry, "医療機器製造業");
        assert_eq!(row.company.address, "伊勢崎市長沼町832");
        assert!(!row.company.regional_leader);
        assert_eq!(row.booth.as_deref(), Some("C-01"));
        assert_eq!(row.notes, None);
        let contact = row.primary_contact().expect("a contact");
        assert_eq!(contact.name, "林 健一");
        assert_eq!(contact.department, "経営企画室");
        assert_eq!(
            contact.email.as_str(),
            "t.sato@nirazuka-denki.example.or.jp"
        );
        assert_eq!(contact.phone, "0270-45-5882");
        assert_eq!(row.warnings, []);
    }

    #[test]
    fn a_blank_row_is_skipped() {
        let blank = cells(["", " ", "\u{3000}", "", "", "", "", "", "", ""]);
        assert_eq!(parse_row(&mapping(), &blank, 5), RowOutcome::Skipped);
        assert_eq!(parse_row(&mapping(), &[], 6), RowOutcome::Skipped);
    }

    #[test]
    fn text_in_an_ignored_column_does_not_make_a_row() {
        let mapping = ColumnMapping::new(vec![Some(CompanyName), None, Some(Email)]);
        let row = [Cell::Empty, text("合計 40社"), Cell::Empty];
        assert_eq!(parse_row(&mapping, &row, 44), RowOutcome::Skipped);
    }

    #[test]
    fn a_missing_company_name_is_required() {
        let row = with(sample_row(), CompanyName, text("\u{3000}"));
        assert_eq!(
            problems(parse_row(&mapping(), &row, 3)),
            [RowProblem::new(CompanyName, Problem::Required)]
        );
    }

    #[test]
    fn full_width_spaces_around_a_name_are_trimmed() {
        // roster_tech_expo_2026.xlsx, row 4.
        let row = with(sample_row(), CompanyName, text("\u{3000}大正精工株式会社 "));
        let row = with(row, Phone, text("０２７０－３９－６７９８"));
        let parsed = valid(parse_row(&mapping(), &row, 4));
        assert_eq!(parsed.company.name, "大正精工株式会社");
        assert_eq!(parsed.contacts[0].phone, "0270-39-6798");
    }

    #[test]
    fn every_address_in_the_cell_becomes_a_contact_of_the_same_company() {
        let row = with(
            sample_row(),
            Email,
            text("T.Sato@nirazuka-denki.example.or.jp；k.ito@nirazuka-denki.example.or.jp"),
        );
        let parsed = valid(parse_row(&mapping(), &row, 2));
        let emails: Vec<&str> = parsed.contacts.iter().map(|c| c.email.as_str()).collect();
        assert_eq!(
            emails,
            [
                "t.sato@nirazuka-denki.example.or.jp",
                "k.ito@nirazuka-denki.example.or.jp"
            ]
        );
        for contact in &parsed.contacts {
            assert_eq!(contact.name, "林 健一");
            assert_eq!(contact.department, "経営企画室");
            assert_eq!(contact.phone, "0270-45-5882");
        }
        assert_eq!(
            parsed.primary_contact().map(|c| c.email.as_str()),
            Some("t.sato@nirazuka-denki.example.or.jp")
        );
    }

    #[test]
    fn an_invalid_address_among_several_is_reported_with_its_text() {
        let row = with(
            sample_row(),
            Email,
            text("a@x.example.jp, sato@@x, b@x.example.jp"),
        );
        assert_eq!(
            problems(parse_row(&mapping(), &row, 7)),
            [RowProblem::with_value(
                Email,
                Problem::InvalidEmail,
                "sato@@x"
            )]
        );
    }

    #[test]
    fn an_invalid_corporate_number_is_reported_with_its_text() {
        let row = with(sample_row(), CorporateNumber, text("5511284787022"));
        assert_eq!(
            problems(parse_row(&mapping(), &row, 2)),
            [RowProblem::with_value(
                CorporateNumber,
                Problem::InvalidCorporateNumber,
                "5511284787022"
            )]
        );
    }

    #[test]
    fn a_corporate_number_stored_as_a_number_is_read_as_text() {
        let row = with(sample_row(), CorporateNumber, Cell::Number(4511284787022.0));
        let parsed = valid(parse_row(&mapping(), &row, 2));
        assert_eq!(
            parsed
                .company
                .corporate_number
                .map(|n| n.as_str().to_owned()),
            Some("4511284787022".to_owned())
        );
    }

    #[test]
    fn a_company_without_an_address_is_imported_with_a_warning() {
        let row = with(sample_row(), Email, Cell::Empty);
        let parsed = valid(parse_row(&mapping(), &row, 2));
        assert_eq!(parsed.contacts, []);
        assert_eq!(parsed.warnings, [RowWarning::NoEmail]);
    }

    #[test]
    fn texts_over_their_column_size_are_too_long() {
        let row = with(sample_row(), CompanyName, text(&"株".repeat(201)));
        let row = with(row, Address, text(&"町".repeat(301)));
        assert_eq!(
            problems(parse_row(&mapping(), &row, 2)),
            [
                RowProblem::new(CompanyName, Problem::TooLong { max: 200 }),
                RowProblem::new(Address, Problem::TooLong { max: 300 }),
            ]
        );
    }

    #[test]
    fn every_problem_of_a_row_is_reported_at_once() {
        let row = with(sample_row(), CompanyName, Cell::Empty);
        let row = with(row, Email, text("tanaka"));
        let row = with(row, CorporateNumber, text("123"));
        let found: Vec<RosterField> = problems(parse_row(&mapping(), &row, 2))
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(found, [CompanyName, CorporateNumber, Email]);
    }

    #[test]
    fn a_phone_that_lost_its_zero_is_repaired_with_a_warning() {
        let row = with(sample_row(), Phone, Cell::Number(270455882.0));
        let parsed = valid(parse_row(&mapping(), &row, 2));
        assert_eq!(parsed.contacts[0].phone, "0270455882");
        assert_eq!(
            parsed.warnings,
            [RowWarning::PhoneZeroRestored {
                original: "270455882".into(),
                phone: "0270455882".into()
            }]
        );
    }

    #[test]
    fn an_unclear_phone_number_is_kept_with_a_warning() {
        let row = with(sample_row(), Phone, Cell::Number(2704558820.0));
        let parsed = valid(parse_row(&mapping(), &row, 2));
        assert_eq!(parsed.contacts[0].phone, "2704558820");
        assert_eq!(
            parsed.warnings,
            [RowWarning::PhoneUnclear {
                phone: "2704558820".into()
            }]
        );
    }

    #[test]
    fn a_circle_marks_a_regional_leader() {
        let row = with(sample_row(), RegionalLeader, text("○"));
        assert!(
            valid(parse_row(&mapping(), &row, 2))
                .company
                .regional_leader
        );
    }

    #[test]
    fn an_unknown_regional_leader_mark_is_no_with_a_warning() {
        let row = with(sample_row(), RegionalLeader, text("申請中"));
        let parsed = valid(parse_row(&mapping(), &row, 2));
        assert!(!parsed.company.regional_leader);
        assert_eq!(
            parsed.warnings,
            [RowWarning::RegionalLeaderUnclear {
                value: "申請中".into()
            }]
        );
    }

    #[test]
    fn an_error_value_is_no_data_and_is_warned_about() {
        let row = with(sample_row(), Industry, Cell::Error("#N/A".into()));
        let parsed = valid(parse_row(&mapping(), &row, 2));
        assert_eq!(parsed.company.industry, "");
        assert_eq!(
            parsed.warnings,
            [RowWarning::CellError {
                field: Industry,
                value: "#N/A".into()
            }]
        );
    }

    #[test]
    fn an_error_value_in_the_company_name_leaves_it_missing() {
        let row = with(sample_row(), CompanyName, Cell::Error("#REF!".into()));
        assert_eq!(
            problems(parse_row(&mapping(), &row, 2)),
            [RowProblem::new(CompanyName, Problem::Required)]
        );
    }

    #[test]
    fn formulas_and_html_are_kept_as_text() {
        let row = with(sample_row(), CompanyName, text("=SUM(A1)"));
        let row = with(row, Department, text("<script>alert(1)</script>"));
        let parsed = valid(parse_row(&mapping(), &row, 2));
        assert_eq!(parsed.company.name, "=SUM(A1)");
        assert_eq!(parsed.contacts[0].department, "<script>alert(1)</script>");
    }

    #[test]
    fn a_row_shorter_than_the_header_reads_the_rest_as_blank() {
        let row = &sample_row()[..2];
        let parsed = valid(parse_row(&mapping(), row, 9));
        assert_eq!(parsed.company.name, "有限会社韮塚電機");
        assert_eq!(parsed.warnings, [RowWarning::NoEmail]);
    }

    #[test]
    fn kana_and_notes_are_read_when_mapped() {
        let mapping = ColumnMapping::new(vec![Some(CompanyName), Some(CompanyKana), Some(Notes)]);
        let row = [text("株式会社境製缶"), text("ｻｶｲｾｲｶﾝ"), text("2小間")];
        let parsed = valid(parse_row(&mapping, &row, 3));
        assert_eq!(parsed.company.kana, "サカイセイカン");
        assert_eq!(parsed.notes.as_deref(), Some("2小間"));
        assert_eq!(parsed.booth, None);
    }

    #[test]
    fn an_invalid_row_serializes_as_codes() {
        let outcome = parse_row(&mapping(), &with(sample_row(), Email, text("x@")), 12);
        let json = serde_json::to_value(&outcome).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({
                "outcome": "invalid",
                "row_number": 12,
                "problems": [
                    {"field": "email", "problem": {"code": "invalid_email"}, "value": "x@"}
                ]
            })
        );
    }

    #[test]
    fn a_valid_row_survives_a_round_trip_through_json() {
        let outcome = parse_row(&mapping(), &sample_row(), 2);
        let json = serde_json::to_string(&outcome).expect("serializes");
        let back: RowOutcome = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, outcome);
    }
}

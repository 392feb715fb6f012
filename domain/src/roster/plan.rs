//! What an import would change: every row of a roster classified against the company
//! master, before anything is written. The preview shows the plan; the commit recomputes
//! it inside its transaction and writes the companies it marks as touched, so the two
//! can never disagree.
//!
//! Rules, where the issue leaves room:
//! - A company is the same when the corporate number is the same; without a number on
//!   either side, when the names compare equal ([`comparable_name`]). A row whose number
//!   differs from the stored company of the same name is another company.
//! - A blank cell never erases a stored value: rosters often leave columns empty.
//! - The stored name wins over a variant of it (`(株)ABC` for `株式会社ABC`), unless the
//!   company was matched by its corporate number and the name really changed.
//! - Rows of one company (several contacts in several rows) are shown as such
//!   (`same_as_row`), and their contacts join that company.
//! - A matching e-mail domain is only a suggestion: it is shown, never merged.

use super::RosterField;
use super::company_key::{comparable_name, email_domain, is_shared_domain};
use super::record::{ContactRecord, RosterRow, RowOutcome, RowProblem, RowWarning};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A company as the master holds it, with its contacts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredCompany {
    pub id: i32,
    pub name: String,
    pub kana: String,
    pub corporate_number: Option<String>,
    pub industry: String,
    pub address: String,
    pub regional_leader: bool,
    pub contacts: Vec<StoredContact>,
    /// Its booth at the event being imported, if it already takes part.
    pub booth: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredContact {
    pub id: Option<i32>,
    pub name: String,
    pub department: String,
    pub email: String,
    pub phone: String,
    pub is_primary: bool,
}

/// How a row compares with the master.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowClass {
    New,
    Updated,
    Unchanged,
    Skipped,
    Invalid,
}

impl RowClass {
    pub const ALL: [RowClass; 5] = [
        RowClass::New,
        RowClass::Updated,
        RowClass::Unchanged,
        RowClass::Skipped,
        RowClass::Invalid,
    ];

    pub fn as_code(self) -> &'static str {
        match self {
            RowClass::New => "new",
            RowClass::Updated => "updated",
            RowClass::Unchanged => "unchanged",
            RowClass::Skipped => "skipped",
            RowClass::Invalid => "invalid",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        RowClass::ALL.into_iter().find(|c| c.as_code() == code)
    }
}

/// One change a row makes, old → new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Company {
        field: RosterField,
        old: String,
        new: String,
    },
    ContactAdded {
        email: String,
    },
    Contact {
        email: String,
        field: RosterField,
        old: String,
        new: String,
    },
    /// The company is added to the event's participants.
    Participation {
        booth: String,
    },
    Booth {
        old: String,
        new: String,
    },
}

/// A stored company the row may be, by a shared e-mail domain: for the officer to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub company_id: i32,
    pub company_name: String,
    pub domain: String,
}

/// One row of the file and what importing it would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRow {
    /// The row number as Excel shows it.
    pub row_number: u32,
    pub class: RowClass,
    pub company_name: String,
    pub corporate_number: String,
    pub emails: Vec<String>,
    pub booth: String,
    /// The stored company the row matched, if any.
    pub company_id: Option<i32>,
    pub changes: Vec<Change>,
    /// An earlier row of this file is the same company.
    pub same_as_row: Option<u32>,
    pub suggestion: Option<Suggestion>,
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<RowWarning>,
}

/// The companies as they will be after the import; `touched` marks those to write.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub rows: Vec<PlannedRow>,
    pub companies: Vec<PlannedCompany>,
}

#[derive(Debug, Clone)]
pub struct PlannedCompany {
    /// The stored company, or a new one (`id: 0`) created by the row `created_by_row`.
    pub state: StoredCompany,
    pub created_by_row: Option<u32>,
    /// The first row of this file that names it.
    pub first_row: Option<u32>,
    pub touched: bool,
}

impl Plan {
    pub fn count(&self, class: RowClass) -> usize {
        self.rows.iter().filter(|row| row.class == class).count()
    }

    /// The companies to write, in the order the file first names them.
    pub fn touched(&self) -> impl Iterator<Item = &PlannedCompany> {
        self.companies.iter().filter(|company| company.touched)
    }
}

/// Classifies `outcomes` (in sheet order, each with its row number) against `stored`.
/// `flag_mapped` says whether the file has a 地域未来牽引企業 column at all: without one,
/// the stored flag is left alone.
pub fn plan(
    stored: Vec<StoredCompany>,
    outcomes: Vec<(u32, RowOutcome)>,
    flag_mapped: bool,
) -> Plan {
    let mut master = Master::new(stored);
    let rows = outcomes
        .into_iter()
        .map(|(row_number, outcome)| match outcome {
            RowOutcome::Skipped => PlannedRow::bare(row_number, RowClass::Skipped),
            RowOutcome::Invalid {
                row_number,
                problems,
            } => PlannedRow {
                problems,
                ..PlannedRow::bare(row_number, RowClass::Invalid)
            },
            RowOutcome::Valid(row) => master.apply(*row, flag_mapped),
        })
        .collect();
    Plan {
        rows,
        companies: master.companies,
    }
}

impl PlannedRow {
    fn bare(row_number: u32, class: RowClass) -> Self {
        Self {
            row_number,
            class,
            company_name: String::new(),
            corporate_number: String::new(),
            emails: Vec::new(),
            booth: String::new(),
            company_id: None,
            changes: Vec::new(),
            same_as_row: None,
            suggestion: None,
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// The master as the import goes along: stored companies and those the file creates.
struct Master {
    companies: Vec<PlannedCompany>,
    by_number: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
}

impl Master {
    fn new(stored: Vec<StoredCompany>) -> Self {
        let mut master = Self {
            companies: Vec::with_capacity(stored.len()),
            by_number: HashMap::new(),
            by_name: HashMap::new(),
            by_domain: HashMap::new(),
        };
        for company in stored {
            master.add(PlannedCompany {
                state: company,
                created_by_row: None,
                first_row: None,
                touched: false,
            });
        }
        master
    }

    fn add(&mut self, company: PlannedCompany) -> usize {
        let index = self.companies.len();
        self.index(index, &company.state);
        self.companies.push(company);
        index
    }

    fn index(&mut self, index: usize, state: &StoredCompany) {
        if let Some(number) = &state.corporate_number {
            self.by_number.entry(number.clone()).or_insert(index);
        }
        self.by_name
            .entry(comparable_name(&state.name))
            .or_insert(index);
        for contact in &state.contacts {
            if let Some((_, domain)) = contact.email.rsplit_once('@')
                && !is_shared_domain(domain)
            {
                self.by_domain.entry(domain.to_owned()).or_insert(index);
            }
        }
    }

    /// The company a row names: by corporate number, else by name (unless the stored
    /// company of that name has another number).
    fn find(&self, row: &RosterRow) -> Option<(usize, bool)> {
        if let Some(number) = &row.company.corporate_number
            && let Some(&index) = self.by_number.get(number.as_str())
        {
            return Some((index, true));
        }
        let index = *self.by_name.get(&comparable_name(&row.company.name))?;
        let stored_number = &self.companies[index].state.corporate_number;
        match (&row.company.corporate_number, stored_number) {
            (Some(ours), Some(theirs)) if ours.as_str() != theirs => None,
            _ => Some((index, false)),
        }
    }

    fn suggestion(&self, row: &RosterRow) -> Option<Suggestion> {
        row.contacts.iter().find_map(|contact| {
            let domain = email_domain(&contact.email);
            let &index = self.by_domain.get(domain)?;
            let company = &self.companies[index].state;
            Some(Suggestion {
                company_id: company.id,
                company_name: company.name.clone(),
                domain: domain.to_owned(),
            })
        })
    }

    fn apply(&mut self, row: RosterRow, flag_mapped: bool) -> PlannedRow {
        let mut planned = PlannedRow {
            company_name: row.company.name.clone(),
            corporate_number: row
                .company
                .corporate_number
                .as_ref()
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
            emails: row
                .contacts
                .iter()
                .map(|c| c.email.as_str().to_owned())
                .collect(),
            booth: row.booth.clone().unwrap_or_default(),
            warnings: row.warnings.clone(),
            ..PlannedRow::bare(row.row_number, RowClass::Unchanged)
        };
        let Some((index, by_number)) = self.find(&row) else {
            planned.suggestion = self.suggestion(&row);
            let index = self.add(PlannedCompany {
                state: StoredCompany {
                    id: 0,
                    name: row.company.name.clone(),
                    kana: row.company.kana.clone(),
                    corporate_number: row
                        .company
                        .corporate_number
                        .as_ref()
                        .map(|n| n.as_str().to_owned()),
                    industry: row.company.industry.clone(),
                    address: row.company.address.clone(),
                    regional_leader: row.company.regional_leader,
                    contacts: Vec::new(),
                    booth: None,
                },
                created_by_row: Some(row.row_number),
                first_row: Some(row.row_number),
                touched: true,
            });
            let company = &mut self.companies[index];
            let _ = update_contacts(&mut company.state, &row.contacts);
            company.state.booth = Some(row.booth.unwrap_or_default());
            let state = company.state.clone();
            self.index(index, &state);
            planned.class = RowClass::New;
            return planned;
        };

        let company = &mut self.companies[index];
        planned.company_id = (company.state.id != 0).then_some(company.state.id);
        planned.same_as_row = company.first_row;
        company.first_row.get_or_insert(row.row_number);

        let mut changes = update_company(&mut company.state, &row, by_number, flag_mapped);
        changes.extend(update_contacts(&mut company.state, &row.contacts));
        match (&company.state.booth, &row.booth) {
            (None, booth) => {
                let booth = booth.clone().unwrap_or_default();
                company.state.booth = Some(booth.clone());
                changes.push(Change::Participation { booth });
            }
            (Some(old), Some(new)) if old != new => {
                changes.push(Change::Booth {
                    old: old.clone(),
                    new: new.clone(),
                });
                company.state.booth = Some(new.clone());
            }
            _ => {}
        }
        let created_here = company.created_by_row.is_some();
        if !changes.is_empty() {
            company.touched = true;
        }
        planned.class = match (created_here, changes.is_empty()) {
            (_, true) => RowClass::Unchanged,
            (true, false) => RowClass::New,
            (false, false) => RowClass::Updated,
        };
        planned.changes = changes;
        let state = self.companies[index].state.clone();
        self.index(index, &state);
        planned
    }
}

/// Fills and corrects the company's own fields from the row; blank cells change nothing.
fn update_company(
    state: &mut StoredCompany,
    row: &RosterRow,
    by_number: bool,
    flag_mapped: bool,
) -> Vec<Change> {
    let record = &row.company;
    let mut changes = Vec::new();
    let mut set = |field: RosterField, stored: &mut String, new: &str| {
        if !new.is_empty() && stored != new {
            changes.push(Change::Company {
                field,
                old: std::mem::replace(stored, new.to_owned()),
                new: new.to_owned(),
            });
        }
    };
    if by_number {
        set(RosterField::CompanyName, &mut state.name, &record.name);
    }
    set(RosterField::CompanyKana, &mut state.kana, &record.kana);
    set(RosterField::Industry, &mut state.industry, &record.industry);
    set(RosterField::Address, &mut state.address, &record.address);
    if state.corporate_number.is_none()
        && let Some(number) = &record.corporate_number
    {
        state.corporate_number = Some(number.as_str().to_owned());
        changes.push(Change::Company {
            field: RosterField::CorporateNumber,
            old: String::new(),
            new: number.as_str().to_owned(),
        });
    }
    if flag_mapped && state.regional_leader != record.regional_leader {
        changes.push(Change::Company {
            field: RosterField::RegionalLeader,
            old: yes_no(state.regional_leader),
            new: yes_no(record.regional_leader),
        });
        state.regional_leader = record.regional_leader;
    }
    changes
}

fn yes_no(flag: bool) -> String {
    if flag { "○" } else { "" }.to_owned()
}

/// Adds the row's contacts the company does not have yet and fills in the details of
/// those it has. The first contact of a company without a primary one becomes primary.
fn update_contacts(state: &mut StoredCompany, contacts: &[ContactRecord]) -> Vec<Change> {
    let mut changes = Vec::new();
    for contact in contacts {
        let email = contact.email.as_str();
        match state.contacts.iter_mut().find(|c| c.email == email) {
            Some(stored) => {
                for (field, old, new) in [
                    (RosterField::ContactName, &mut stored.name, &contact.name),
                    (
                        RosterField::Department,
                        &mut stored.department,
                        &contact.department,
                    ),
                    (RosterField::Phone, &mut stored.phone, &contact.phone),
                ] {
                    if !new.is_empty() && old != new {
                        changes.push(Change::Contact {
                            email: email.to_owned(),
                            field,
                            old: std::mem::replace(old, new.clone()),
                            new: new.clone(),
                        });
                    }
                }
            }
            None => {
                let is_primary = !state.contacts.iter().any(|c| c.is_primary);
                state.contacts.push(StoredContact {
                    id: None,
                    name: contact.name.clone(),
                    department: contact.department.clone(),
                    email: email.to_owned(),
                    phone: contact.phone.clone(),
                    is_primary,
                });
                changes.push(Change::ContactAdded {
                    email: email.to_owned(),
                });
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{Cell, ColumnMapping, parse_row};

    fn mapping() -> ColumnMapping {
        ColumnMapping::recognize(&[
            "企業名",
            "法人番号",
            "担当者名",
            "メールアドレス",
            "小間番号",
        ])
    }

    fn row(number: u32, cells: &[&str]) -> (u32, RowOutcome) {
        let cells: Vec<Cell> = cells
            .iter()
            .map(|text| {
                if text.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*text).to_owned())
                }
            })
            .collect();
        (number, parse_row(&mapping(), &cells, number))
    }

    fn stored_company() -> StoredCompany {
        StoredCompany {
            id: 7,
            name: "株式会社ABC".into(),
            corporate_number: Some("4511284787022".into()),
            contacts: vec![StoredContact {
                id: Some(70),
                name: "林 健一".into(),
                email: "hayashi@abc.example.jp".into(),
                is_primary: true,
                ..Default::default()
            }],
            booth: Some("A-01".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_company_not_in_the_master_is_new() {
        let plan = plan(
            vec![],
            vec![row(
                2,
                &["株式会社ABC", "", "林", "hayashi@abc.example.jp", "A-01"],
            )],
            false,
        );
        assert_eq!(plan.rows[0].class, RowClass::New);
        assert_eq!(plan.count(RowClass::New), 1);
        let company = plan.touched().next().expect("one company to write");
        assert_eq!(company.state.booth.as_deref(), Some("A-01"));
        assert!(company.state.contacts[0].is_primary);
    }

    #[test]
    fn the_same_row_again_changes_nothing() {
        let plan = plan(
            vec![stored_company()],
            vec![row(
                2,
                &[
                    "株式会社ABC",
                    "4511284787022",
                    "林 健一",
                    "hayashi@abc.example.jp",
                    "A-01",
                ],
            )],
            false,
        );
        assert_eq!(
            plan.rows[0].class,
            RowClass::Unchanged,
            "{:?}",
            plan.rows[0]
        );
        assert_eq!(plan.touched().count(), 0);
    }

    #[test]
    fn a_changed_booth_and_a_new_address_are_updates_with_old_and_new() {
        let plan = plan(
            vec![stored_company()],
            vec![row(
                5,
                &["(株)ABC", "", "林 健一", "k.sato@abc.example.jp", "B-02"],
            )],
            false,
        );
        let planned = &plan.rows[0];
        assert_eq!(planned.class, RowClass::Updated);
        assert_eq!(planned.company_id, Some(7));
        assert!(planned.changes.contains(&Change::ContactAdded {
            email: "k.sato@abc.example.jp".into()
        }));
        assert!(planned.changes.contains(&Change::Booth {
            old: "A-01".into(),
            new: "B-02".into()
        }));
        assert!(
            !planned.changes.iter().any(|c| matches!(
                c,
                Change::Company {
                    field: RosterField::CompanyName,
                    ..
                }
            )),
            "a name variant does not overwrite the stored name"
        );
        let company = plan.touched().next().expect("touched");
        let primaries = company
            .state
            .contacts
            .iter()
            .filter(|c| c.is_primary)
            .count();
        assert_eq!(
            primaries, 1,
            "the stored primary contact stays the only one"
        );
    }

    #[test]
    fn a_blank_cell_never_erases_a_stored_value() {
        let mut stored = stored_company();
        stored.industry = "医療機器製造業".into();
        let plan = plan(
            vec![stored],
            vec![row(2, &["株式会社ABC", "", "", "", "A-01"])],
            false,
        );
        assert_eq!(plan.rows[0].class, RowClass::Unchanged);
    }

    #[test]
    fn a_company_on_two_rows_is_one_company_with_two_contacts() {
        let plan = plan(
            vec![],
            vec![
                row(
                    3,
                    &[
                        "日東工機株式会社",
                        "",
                        "山崎",
                        "yamazaki@nitto.example.jp",
                        "A-03",
                    ],
                ),
                row(
                    4,
                    &[
                        "日東工機株式会社",
                        "",
                        "中村",
                        "nakamura@nitto.example.jp",
                        "",
                    ],
                ),
            ],
            false,
        );
        assert_eq!(plan.rows[1].same_as_row, Some(3));
        assert_eq!(plan.rows[1].class, RowClass::New);
        let companies: Vec<_> = plan.touched().collect();
        assert_eq!(companies.len(), 1);
        assert_eq!(companies[0].state.contacts.len(), 2);
        assert_eq!(companies[0].state.booth.as_deref(), Some("A-03"));
    }

    #[test]
    fn another_corporate_number_under_the_same_name_is_another_company() {
        let plan = plan(
            vec![stored_company()],
            vec![row(
                2,
                &["株式会社ABC", "6505592991785", "", "x@other.example.jp", ""],
            )],
            false,
        );
        assert_eq!(plan.rows[0].class, RowClass::New);
    }

    #[test]
    fn a_shared_email_domain_is_only_a_suggestion() {
        let plan = plan(
            vec![stored_company()],
            vec![row(
                2,
                &["ABCテクノ株式会社", "", "", "ito@abc.example.jp", ""],
            )],
            false,
        );
        assert_eq!(plan.rows[0].class, RowClass::New);
        assert_eq!(
            plan.rows[0].suggestion.as_ref().map(|s| s.company_id),
            Some(7)
        );
    }

    #[test]
    fn invalid_and_blank_rows_are_classified_with_their_row_numbers() {
        let plan = plan(
            vec![],
            vec![
                row(2, &["", "", "林", "not-an-address", ""]),
                row(3, &["", "", "", "", ""]),
            ],
            false,
        );
        assert_eq!(plan.rows[0].class, RowClass::Invalid);
        assert_eq!(plan.rows[0].row_number, 2);
        assert!(!plan.rows[0].problems.is_empty());
        assert_eq!(plan.rows[1].class, RowClass::Skipped);
    }
}

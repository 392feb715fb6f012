//! Importing a roster file for an event: stage the upload (kept on disk and in
//! `roster_imports`, so a large file is uploaded once), preview what it would change, let
//! the officer correct the sheet and the column mapping, and commit in one transaction.
//! The web pages and the command line both go through these functions.

use crate::domain::roster::{
    Cell, ColumnMapping, HEADER_SCAN_LIMIT, Plan, RosterField, RowClass, RowOutcome, StoredCompany,
    StoredContact, find_header, mapping_signature, parse_row,
};
use crate::error::AppError;
use crate::server::entities::{
    company, contact, event, participation, roster_import, roster_mapping,
};
use crate::server::services::audit::{self, Action, Actor};
use crate::server::spreadsheet::{self, Format, Limits, Sheet, SpreadsheetError, Workbook};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const PENDING: &str = "pending";
pub const COMMITTED: &str = "committed";

/// Why a file or an import cannot go on; each says what the officer can do.
pub use crate::error::FileProblem as ImportProblem;

impl ImportProblem {
    fn new(code: &str, ja: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message_ja: ja.into(),
            message_en: en.into(),
        }
    }

    fn no_header() -> Self {
        Self::new(
            "no_header",
            "名簿の見出し行が見つかりません。1枚目のシートの上のほうに「企業名」「メールアドレス」などの見出しがあるか確認するか、下でシートを選び直してください。",
            "No header row was found. Check that the sheet has headers such as 企業名 (company) and メールアドレス (e-mail) near the top, or choose another sheet below.",
        )
    }

    fn no_key_column() -> Self {
        Self::new(
            "no_company_column",
            "「企業名」の列が選ばれていません。列の割り当てで、企業名にあたる列を選んでください。",
            "No column is mapped to the company name. Choose the company-name column in the mapping.",
        )
    }

    fn empty_sheet() -> Self {
        Self::new(
            "empty_sheet",
            "シートに名簿のデータがありません。別のシートを選ぶか、ファイルを確認してください。",
            "The sheet holds no roster data. Choose another sheet or check the file.",
        )
    }

    fn already_committed() -> Self {
        Self::new(
            "already_committed",
            "この取り込みは確定済みです。",
            "This import has already been committed.",
        )
    }
}

impl From<SpreadsheetError> for ImportProblem {
    fn from(error: SpreadsheetError) -> Self {
        Self::new(error.code(), error.message_ja(), error.message_en())
    }
}

/// Where the files and limits of imports live: the server's data directory and the
/// reader's bounds.
#[derive(Debug, Clone)]
pub struct Storage {
    pub data_dir: PathBuf,
    pub limits: Limits,
}

impl Storage {
    fn path_of(&self, stored: &str) -> PathBuf {
        self.data_dir.join(stored)
    }
}

/// Reads the upload, keeps it under `imports/` by its sha-256, and records a pending
/// import. A file that cannot be read is refused here, before anything is recorded.
pub async fn stage(
    db: &DatabaseConnection,
    storage: &Storage,
    at: DateTime<Utc>,
    officer_id: Option<i32>,
    event_id: i32,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<roster_import::Model, AppError> {
    event::Entity::find_by_id(event_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let file_name = clean_file_name(file_name);
    let size = bytes.len();
    let sha256 = hex(&Sha256::digest(&bytes));
    let workbook = read(&bytes, &file_name, &storage.limits).await?;
    let stored = format!("imports/{sha256}.{}", extension(workbook.format));
    let path = storage.path_of(&stored);
    if !path.exists() {
        write_file(&path, bytes).await?;
    }
    let model = roster_import::ActiveModel {
        event_id: Set(event_id),
        officer_id: Set(officer_id),
        file_name: Set(file_name),
        file_size: Set(i64::try_from(size).unwrap_or(i64::MAX)),
        sha256: Set(sha256),
        format: Set(extension(workbook.format).to_owned()),
        stored_path: Set(stored),
        sheet: Set(String::new()),
        mapping: Set(String::new()),
        status: Set(PENDING.to_owned()),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model)
}

/// What the officer sees before committing.
#[derive(Debug, Clone)]
pub struct Preview {
    pub import: roster_import::Model,
    pub sheets: Vec<String>,
    pub sheet: String,
    /// The header row as Excel numbers it, and its texts.
    pub header_row: u32,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    pub plan: Plan,
    /// The data rows as read, for handing back the invalid ones.
    pub cells: HashMap<u32, Vec<Cell>>,
    /// What keeps the import from being committed as it is mapped now.
    pub problem: Option<ImportProblem>,
}

impl Preview {
    pub fn counts(&self) -> Counts {
        Counts::of(&self.plan)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub invalid: usize,
}

impl Counts {
    fn of(plan: &Plan) -> Self {
        Self {
            new: plan.count(RowClass::New),
            updated: plan.count(RowClass::Updated),
            unchanged: plan.count(RowClass::Unchanged),
            skipped: plan.count(RowClass::Skipped),
            invalid: plan.count(RowClass::Invalid),
        }
    }

    pub fn get(&self, class: RowClass) -> usize {
        match class {
            RowClass::New => self.new,
            RowClass::Updated => self.updated,
            RowClass::Unchanged => self.unchanged,
            RowClass::Skipped => self.skipped,
            RowClass::Invalid => self.invalid,
        }
    }
}

/// The imports of an event, newest first.
pub async fn list_for_event(
    db: &DatabaseConnection,
    event_id: i32,
) -> Result<Vec<roster_import::Model>, AppError> {
    use sea_orm::QueryOrder;
    Ok(roster_import::Entity::find()
        .filter(roster_import::Column::EventId.eq(event_id))
        .order_by_desc(roster_import::Column::Id)
        .all(db)
        .await?)
}

pub async fn get(db: &DatabaseConnection, id: i32) -> Result<roster_import::Model, AppError> {
    roster_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Reads the stored file again and classifies every row against the master as it is now.
pub async fn preview(
    db: &DatabaseConnection,
    storage: &Storage,
    import_id: i32,
) -> Result<Preview, AppError> {
    let import = get(db, import_id).await?;
    let bytes = tokio::fs::read(storage.path_of(&import.stored_path))
        .await
        .map_err(|e| AppError::internal("reading a stored roster file", e))?;
    let workbook = read(&bytes, &import.file_name, &storage.limits).await?;
    let remembered = remembered_mappings(db).await?;
    let stored = stored_companies(db, import.event_id).await?;
    classify(import, workbook, &remembered, stored)
}

/// The sheet, header and mapping of an import, and the plan against `stored`. Pure: the
/// benchmark and the commit use it too.
pub fn classify(
    import: roster_import::Model,
    workbook: Workbook,
    remembered: &HashMap<String, ColumnMapping>,
    stored: Vec<StoredCompany>,
) -> Result<Preview, AppError> {
    let sheets: Vec<String> = workbook.sheets.iter().map(|s| s.name.clone()).collect();
    let sheet = choose_sheet(&workbook.sheets, &import.sheet).ok_or(ImportProblem::no_header())?;
    if sheet.rows.is_empty() {
        return Err(ImportProblem::empty_sheet().into());
    }
    let rows: Vec<&[Cell]> = sheet.rows.iter().map(|r| r.cells.as_slice()).collect();
    let header = find_header(&rows, HEADER_SCAN_LIMIT).ok_or(ImportProblem::no_header())?;
    let signature = signature_key(&header.headers);
    let mapping = match serde_json::from_str::<ColumnMapping>(&import.mapping) {
        Ok(chosen) => chosen,
        Err(_) => remembered
            .get(&signature)
            .cloned()
            .unwrap_or(header.mapping.clone()),
    };
    // Without a company column every row is invalid; the preview says so and offers
    // the mapping, and the commit refuses.
    let problem = (!mapping.contains(RosterField::CompanyName)).then(ImportProblem::no_key_column);
    let data = &sheet.rows[header.index + 1..];
    let outcomes: Vec<(u32, RowOutcome)> = data
        .iter()
        .map(|row| (row.number, parse_row(&mapping, &row.cells, row.number)))
        .collect();
    let flag_mapped = mapping.contains(RosterField::RegionalLeader);
    let plan = crate::domain::roster::plan::plan(stored, outcomes, flag_mapped);
    let cells = data
        .iter()
        .map(|row| (row.number, row.cells.clone()))
        .collect();
    Ok(Preview {
        problem,
        sheets,
        sheet: sheet.name.clone(),
        header_row: sheet.rows[header.index].number,
        headers: header.headers,
        mapping,
        plan,
        cells,
        import,
    })
}

/// The chosen sheet, or the first with a recognisable header, or the first.
fn choose_sheet<'a>(sheets: &'a [Sheet], chosen: &str) -> Option<&'a Sheet> {
    if !chosen.is_empty() {
        return sheets.iter().find(|s| s.name == chosen);
    }
    sheets
        .iter()
        .find(|sheet| {
            let rows: Vec<&[Cell]> = sheet.rows.iter().map(|r| r.cells.as_slice()).collect();
            find_header(&rows, HEADER_SCAN_LIMIT).is_some()
        })
        .or(sheets.first())
}

/// The names of the sheets of a staged file, for choosing another when the chosen one
/// has no header.
pub async fn sheet_names(
    db: &DatabaseConnection,
    storage: &Storage,
    import_id: i32,
) -> Result<Vec<String>, AppError> {
    let import = get(db, import_id).await?;
    let bytes = tokio::fs::read(storage.path_of(&import.stored_path))
        .await
        .map_err(|e| AppError::internal("reading a stored roster file", e))?;
    let workbook = read(&bytes, &import.file_name, &storage.limits).await?;
    Ok(workbook.sheets.into_iter().map(|s| s.name).collect())
}

/// The preview of a file without recording anything: the command line's `--dry-run`.
pub async fn preview_file(
    db: &DatabaseConnection,
    limits: &Limits,
    at: DateTime<Utc>,
    event_id: i32,
    file_name: &str,
    bytes: &[u8],
    sheet: &str,
) -> Result<Preview, AppError> {
    event::Entity::find_by_id(event_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let workbook = read(bytes, file_name, limits).await?;
    let transient = roster_import::Model {
        id: 0,
        event_id,
        officer_id: None,
        file_name: clean_file_name(file_name),
        file_size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: hex(&Sha256::digest(bytes)),
        format: extension(workbook.format).to_owned(),
        stored_path: String::new(),
        sheet: sheet.to_owned(),
        mapping: String::new(),
        status: PENDING.to_owned(),
        count_new: 0,
        count_updated: 0,
        count_unchanged: 0,
        count_skipped: 0,
        count_invalid: 0,
        created_at: at,
        committed_at: None,
    };
    let remembered = remembered_mappings(db).await?;
    let stored = stored_companies(db, event_id).await?;
    classify(transient, workbook, &remembered, stored)
}

/// Sets the sheet and the column mapping of a pending import, and remembers the mapping
/// for the next file with the same headers.
pub async fn choose_mapping(
    db: &DatabaseConnection,
    storage: &Storage,
    at: DateTime<Utc>,
    import_id: i32,
    sheet: &str,
    columns: Option<Vec<Option<RosterField>>>,
) -> Result<(), AppError> {
    let import = get(db, import_id).await?;
    if import.status != PENDING {
        return Err(ImportProblem::already_committed().into());
    }
    // The sheet shown now (chosen by the officer, or found by its header).
    let current = preview(db, storage, import_id).await.ok();
    let sheet_changed = current.as_ref().map(|p| p.sheet.as_str()) != Some(sheet);
    let mut active: roster_import::ActiveModel = import.clone().into();
    active.sheet = Set(sheet.to_owned());
    if sheet_changed {
        // Another sheet has other headers: start again from the recognised mapping.
        active.mapping = Set(String::new());
    } else if let (Some(columns), Some(current)) = (columns, current) {
        let mapping = ColumnMapping::new(columns);
        let json = serde_json::to_string(&mapping)
            .map_err(|e| AppError::internal("encoding a column mapping", e))?;
        active.mapping = Set(json.clone());
        remember(db, at, &signature_key(&current.headers), &json).await?;
    }
    active.update(db).await?;
    Ok(())
}

async fn remember(
    db: &impl ConnectionTrait,
    at: DateTime<Utc>,
    signature: &str,
    mapping: &str,
) -> Result<(), AppError> {
    let existing = roster_mapping::Entity::find()
        .filter(roster_mapping::Column::Signature.eq(signature))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let mut active: roster_mapping::ActiveModel = row.into();
            active.mapping = Set(mapping.to_owned());
            active.updated_at = Set(at);
            active.update(db).await?;
        }
        None => {
            roster_mapping::ActiveModel {
                signature: Set(signature.to_owned()),
                mapping: Set(mapping.to_owned()),
                updated_at: Set(at),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

async fn remembered_mappings(
    db: &DatabaseConnection,
) -> Result<HashMap<String, ColumnMapping>, AppError> {
    Ok(roster_mapping::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| Some((row.signature, serde_json::from_str(&row.mapping).ok()?)))
        .collect())
}

/// Writes the import in one transaction: companies, contacts and the event's
/// participations, the import's counts and an audit entry. The plan is made again inside
/// the transaction, so what is written matches the master at this moment; committing the
/// same import twice is refused, and the same file imported again changes nothing.
pub async fn commit(
    db: &DatabaseConnection,
    storage: &Storage,
    at: DateTime<Utc>,
    actor: &Actor,
    import_id: i32,
) -> Result<Preview, AppError> {
    let import = get(db, import_id).await?;
    if import.status != PENDING {
        return Err(ImportProblem::already_committed().into());
    }
    let bytes = tokio::fs::read(storage.path_of(&import.stored_path))
        .await
        .map_err(|e| AppError::internal("reading a stored roster file", e))?;
    let workbook = read(&bytes, &import.file_name, &storage.limits).await?;
    let remembered = remembered_mappings(db).await?;

    let txn = db.begin().await?;
    // Claim the import first: a second commit (a double click) finds it taken.
    let claimed = roster_import::Entity::update_many()
        .col_expr(roster_import::Column::Status, Expr::value(COMMITTED))
        .col_expr(roster_import::Column::CommittedAt, Expr::value(at))
        .filter(roster_import::Column::Id.eq(import_id))
        .filter(roster_import::Column::Status.eq(PENDING))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(ImportProblem::already_committed().into());
    }
    let stored = stored_companies(&txn, import.event_id).await?;
    let preview = classify(import.clone(), workbook, &remembered, stored)?;
    if let Some(problem) = preview.problem.clone() {
        return Err(problem.into());
    }
    write_plan(&txn, at, import.event_id, &preview.plan).await?;
    let counts = preview.counts();
    let count = |n: usize| Set(i32::try_from(n).unwrap_or(i32::MAX));
    roster_import::ActiveModel {
        id: Set(import_id),
        sheet: Set(preview.sheet.clone()),
        count_new: count(counts.new),
        count_updated: count(counts.updated),
        count_unchanged: count(counts.unchanged),
        count_skipped: count(counts.skipped),
        count_invalid: count(counts.invalid),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    audit::record(
        &txn,
        at,
        actor,
        Action::RosterImported,
        &format!("event {}", import.event_id),
        serde_json::json!({
            "import_id": import_id,
            "event_id": import.event_id,
            "file_name": import.file_name,
            "sha256": import.sha256,
            "counts": counts,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(Preview {
        import: get(db, import_id).await?,
        ..preview
    })
}

/// Inserts and updates what the plan touched.
async fn write_plan(
    txn: &impl ConnectionTrait,
    at: DateTime<Utc>,
    event_id: i32,
    plan: &Plan,
) -> Result<(), AppError> {
    for planned in plan.touched() {
        let state = &planned.state;
        let mut row = company::ActiveModel {
            name: Set(state.name.clone()),
            name_kana: Set(state.kana.clone()),
            corporate_number: Set(state.corporate_number.clone()),
            industry: Set(state.industry.clone()),
            address: Set(state.address.clone()),
            regional_leader: Set(state.regional_leader),
            updated_at: Set(at),
            ..Default::default()
        };
        let company_id = if state.id == 0 {
            row.created_at = Set(at);
            row.insert(txn).await?.id
        } else {
            row.id = Set(state.id);
            row.update(txn).await?;
            state.id
        };
        for person in &state.contacts {
            let mut active = contact::ActiveModel {
                company_id: Set(company_id),
                name: Set(person.name.clone()),
                department: Set(person.department.clone()),
                email: Set(person.email.clone()),
                phone: Set(person.phone.clone()),
                is_primary: Set(person.is_primary),
                ..Default::default()
            };
            match person.id {
                Some(id) => {
                    active.id = Set(id);
                    active.update(txn).await?;
                }
                None => {
                    active.insert(txn).await?;
                }
            }
        }
        if let Some(booth) = &state.booth {
            let existing = participation::Entity::find()
                .filter(participation::Column::EventId.eq(event_id))
                .filter(participation::Column::CompanyId.eq(company_id))
                .one(txn)
                .await?;
            match existing {
                Some(row) if &row.booth == booth => {}
                Some(row) => {
                    let mut active: participation::ActiveModel = row.into();
                    active.booth = Set(booth.clone());
                    active.update(txn).await?;
                }
                None => {
                    participation::ActiveModel {
                        event_id: Set(event_id),
                        company_id: Set(company_id),
                        booth: Set(booth.clone()),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                }
            }
        }
    }
    Ok(())
}

/// The whole master, with each company's contacts and its booth at `event_id`.
async fn stored_companies(
    db: &impl ConnectionTrait,
    event_id: i32,
) -> Result<Vec<StoredCompany>, AppError> {
    let mut contacts: HashMap<i32, Vec<StoredContact>> = HashMap::new();
    for person in contact::Entity::find().all(db).await? {
        contacts
            .entry(person.company_id)
            .or_default()
            .push(StoredContact {
                id: Some(person.id),
                name: person.name,
                department: person.department,
                email: person.email,
                phone: person.phone,
                is_primary: person.is_primary,
            });
    }
    let booths: HashMap<i32, String> = participation::Entity::find()
        .filter(participation::Column::EventId.eq(event_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.company_id, p.booth))
        .collect();
    Ok(company::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| StoredCompany {
            contacts: contacts.remove(&c.id).unwrap_or_default(),
            booth: booths.get(&c.id).cloned(),
            id: c.id,
            name: c.name,
            kana: c.name_kana,
            corporate_number: c.corporate_number,
            industry: c.industry,
            address: c.address,
            regional_leader: c.regional_leader,
        })
        .collect())
}

/// Reads a workbook on a blocking thread, within the reader's limits and time.
async fn read(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Workbook, AppError> {
    if bytes.len() > limits.max_file_bytes {
        return Err(ImportProblem::from(SpreadsheetError::TooLarge {
            limit_bytes: limits.max_file_bytes,
        })
        .into());
    }
    spreadsheet::read_in_background(bytes.to_vec(), file_name.to_owned(), limits.clone())
        .await
        .map_err(|error| ImportProblem::from(error).into())
}

async fn write_file(path: &Path, bytes: Vec<u8>) -> Result<(), AppError> {
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| AppError::internal("creating the imports directory", e))?;
    }
    // Written under a temporary name first, so a crash never leaves half a file under
    // the name of the whole one.
    let partial = path.with_extension("partial");
    tokio::fs::write(&partial, bytes)
        .await
        .map_err(|e| AppError::internal("storing a roster file", e))?;
    tokio::fs::rename(&partial, path)
        .await
        .map_err(|e| AppError::internal("storing a roster file", e))
}

/// The name as uploaded, without any path a browser may send, and bounded.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    let base: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if base.is_empty() {
        "roster".to_owned()
    } else {
        base
    }
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "xlsx",
        Format::Xlsm => "xlsm",
        Format::Xls => "xls",
        Format::Ods => "ods",
        Format::Csv => "csv",
    }
}

/// The key of a header row in `roster_mappings`: a sha-256, as the texts can be long.
fn signature_key(headers: &[String]) -> String {
    hex(&Sha256::digest(mapping_signature(headers).as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_lose_their_paths_and_control_characters() {
        assert_eq!(clean_file_name("C:\\Users\\市役所\\名簿.xlsx"), "名簿.xlsx");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\u{0}b.csv"), "ab.csv");
        assert_eq!(clean_file_name("  "), "roster");
    }
}

//! Which field each column of a roster holds: found from the headers, then corrected by
//! the officer, stored and sent through forms.

use super::RosterField;
use super::header_name::recognize;
use serde::{Deserialize, Serialize};

/// Which field each column holds, by column index. No field is held by two columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<Option<RosterField>>", into = "Vec<Option<RosterField>>")]
pub struct ColumnMapping {
    columns: Vec<Option<RosterField>>,
}

impl ColumnMapping {
    /// Keeps the leftmost column of a field mapped twice and ignores the others. Also
    /// the way a mapping sent back from a form is read, so a crafted form cannot map a
    /// field twice.
    pub fn new(columns: Vec<Option<RosterField>>) -> Self {
        let mut seen = Vec::new();
        let columns = columns
            .into_iter()
            .map(|field| {
                let field = field.filter(|f| !seen.contains(f))?;
                seen.push(field);
                Some(field)
            })
            .collect();
        Self { columns }
    }

    /// The mapping that the header texts name.
    pub fn recognize<S: AsRef<str>>(headers: &[S]) -> Self {
        Self::new(headers.iter().map(|h| recognize(h.as_ref())).collect())
    }

    pub fn columns(&self) -> &[Option<RosterField>] {
        &self.columns
    }

    /// The field of column `index`, if the import reads it.
    pub fn field(&self, index: usize) -> Option<RosterField> {
        self.columns.get(index).copied().flatten()
    }

    /// The column that holds `field`.
    pub fn column(&self, field: RosterField) -> Option<usize> {
        self.columns.iter().position(|f| *f == Some(field))
    }

    pub fn contains(&self, field: RosterField) -> bool {
        self.column(field).is_some()
    }

    /// How many columns the import reads.
    pub fn recognized_count(&self) -> usize {
        self.columns.iter().flatten().count()
    }

    /// An officer's correction: column `index` now holds `field`, and a column that held
    /// it before is ignored (the latest choice wins).
    pub fn assign(&mut self, index: usize, field: Option<RosterField>) {
        if let Some(field) = field {
            for other in self.columns.iter_mut().filter(|f| **f == Some(field)) {
                *other = None;
            }
        }
        if self.columns.len() <= index {
            self.columns.resize(index + 1, None);
        }
        self.columns[index] = field;
    }
}

impl From<Vec<Option<RosterField>>> for ColumnMapping {
    fn from(columns: Vec<Option<RosterField>>) -> Self {
        Self::new(columns)
    }
}

impl From<ColumnMapping> for Vec<Option<RosterField>> {
    fn from(mapping: ColumnMapping) -> Self {
        mapping.columns
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RosterField::*;

    fn mapping_of(texts: &[&str]) -> Vec<Option<RosterField>> {
        ColumnMapping::recognize(texts).columns().to_vec()
    }

    #[test]
    fn a_field_named_twice_is_read_from_the_leftmost_column() {
        assert_eq!(
            mapping_of(&["会社名", "メール", "企業名", "E-mail"]),
            [Some(CompanyName), Some(Email), None, None]
        );
    }

    #[test]
    fn a_mapping_from_a_form_keeps_each_field_once() {
        let json = r#"["email","company_name",null,"email"]"#;
        let mapping: ColumnMapping = serde_json::from_str(json).expect("deserializes");
        assert_eq!(
            mapping.columns(),
            [Some(Email), Some(CompanyName), None, None]
        );
        assert_eq!(
            serde_json::to_string(&mapping).expect("serializes"),
            r#"["email","company_name",null,null]"#
        );
    }

    #[test]
    fn an_officer_reassigning_a_field_moves_it() {
        let mut mapping = ColumnMapping::recognize(&["会社名", "メール", "備考"]);
        mapping.assign(2, Some(Email));
        assert_eq!(mapping.columns(), [Some(CompanyName), None, Some(Email)]);
        mapping.assign(4, Some(Booth));
        assert_eq!(mapping.column(Booth), Some(4));
        assert_eq!(mapping.field(3), None);
        mapping.assign(0, None);
        assert!(!mapping.contains(CompanyName));
    }
}

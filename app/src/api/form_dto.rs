//! What the form pages receive: the list of forms, one form with its versions and the
//! newest definition, and the published versions a campaign can send.

use crate::domain::forms::{DefinitionProblem, FormDefinition};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One line of the form list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRowDto {
    pub id: i32,
    pub title: String,
    /// The newest version's number.
    pub version: i32,
    /// Whether the newest version is published (otherwise it is a draft).
    pub published: bool,
    pub archived: bool,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormVersionDto {
    pub id: i32,
    pub version: i32,
    /// `None` while the version is a draft.
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// One form: its versions, oldest first, and the newest version's definition with the
/// problems that keep it from being published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDto {
    pub id: i32,
    pub title: String,
    pub archived: bool,
    pub versions: Vec<FormVersionDto>,
    pub definition: FormDefinition,
    pub problems: Vec<DefinitionProblem>,
}

impl FormDto {
    pub fn newest(&self) -> Option<&FormVersionDto> {
        self.versions.last()
    }

    /// Whether the newest version can still change (and be published).
    pub fn newest_is_draft(&self) -> bool {
        self.newest().is_some_and(|v| v.published_at.is_none())
    }
}

/// A published version a campaign can send, with its form's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedVersionDto {
    pub version_id: i32,
    pub form_id: i32,
    pub title: String,
    pub version: i32,
    pub published_at: DateTime<Utc>,
}

//! Published form versions, read once: every view and save of a link needs its form,
//! and reading and parsing the definition each time cost a query and a JSON parse.

use crate::error::AppError;
use crate::server::services::forms::{self, Version};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Enough for every form of the campaigns open at once; when full, the cache starts
/// again empty (a miss costs one query).
const CAPACITY: usize = 256;

/// The form versions one database has published, by id. Only published versions are
/// kept, because only they never change (a draft is edited in place). One per database
/// (ids of two databases collide): the server makes one and shares it.
#[derive(Clone, Default)]
pub struct FormVersionCache(Arc<RwLock<HashMap<i32, Arc<Version>>>>);

impl std::fmt::Debug for FormVersionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormVersionCache")
            .field("len", &self.read().len())
            .finish()
    }
}

impl FormVersionCache {
    /// The version `id`: kept, or read from `db` (and kept when published).
    pub async fn get(&self, db: &impl ConnectionTrait, id: i32) -> Result<Arc<Version>, AppError> {
        if let Some(version) = self.read().get(&id) {
            return Ok(version.clone());
        }
        Ok(self.keep(forms::version(db, id).await?))
    }

    /// `version`, kept for later if it is published.
    fn keep(&self, version: Version) -> Arc<Version> {
        let version = Arc::new(version);
        if version.is_published() {
            let mut kept = self.write();
            if kept.len() >= CAPACITY {
                kept.clear();
            }
            kept.insert(version.row.id, version.clone());
        }
        version
    }

    // A panic while holding the lock leaves a valid map: keep using it.
    fn read(&self) -> RwLockReadGuard<'_, HashMap<i32, Arc<Version>>> {
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, HashMap<i32, Arc<Version>>> {
        self.0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::forms::templates::Template;
    use crate::server::entities::form_version;
    use chrono::{DateTime, Utc};

    fn version(id: i32, published_at: Option<DateTime<Utc>>) -> Version {
        let definition = Template::AfterExhibit.definition();
        Version {
            row: form_version::Model {
                id,
                form_id: 1,
                version: 1,
                definition: serde_json::to_string(&definition).expect("JSON"),
                published_at,
                created_at: DateTime::UNIX_EPOCH,
                updated_at: DateTime::UNIX_EPOCH,
            },
            definition,
        }
    }

    fn kept(cache: &FormVersionCache, id: i32) -> bool {
        cache.read().contains_key(&id)
    }

    #[test]
    fn keeps_published_versions_only() {
        let cache = FormVersionCache::default();
        let draft = cache.keep(version(1, None));
        assert_eq!(draft.row.id, 1, "a draft is handed back");
        assert!(!kept(&cache, 1), "a draft can still change: never kept");
        cache.keep(version(2, Some(DateTime::UNIX_EPOCH)));
        assert!(kept(&cache, 2), "a published version never changes: kept");
    }

    #[test]
    fn starts_again_when_full() {
        let cache = FormVersionCache::default();
        for id in 0..i32::try_from(CAPACITY).expect("small") {
            cache.keep(version(id, Some(DateTime::UNIX_EPOCH)));
        }
        assert_eq!(cache.read().len(), CAPACITY);
        cache.keep(version(-1, Some(DateTime::UNIX_EPOCH)));
        assert_eq!(
            cache.read().len(),
            1,
            "full: emptied before keeping one more"
        );
        assert!(kept(&cache, -1));
    }

    #[test]
    fn clones_share_what_is_kept() {
        let cache = FormVersionCache::default();
        cache.clone().keep(version(7, Some(DateTime::UNIX_EPOCH)));
        assert!(kept(&cache, 7));
    }
}

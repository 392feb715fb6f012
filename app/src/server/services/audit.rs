//! The audit log: who did what, and when. Every entry is written on the connection or
//! transaction of the change it records, so a change and its entry stand or fall
//! together.

use crate::domain::AuditFilter;
use crate::domain::audit::AUDIT_PAGE_SIZE;
use crate::error::AppError;
use crate::server::auth::Officer;
use crate::server::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// Who did it: an officer, or the system (the command line, background jobs).
#[derive(Debug, Clone)]
pub enum Actor {
    Officer {
        id: i32,
        email: String,
    },
    /// Someone not signed in, e.g. a failed login for this address.
    Anonymous {
        claimed: String,
    },
    System(&'static str),
}

impl From<&Officer> for Actor {
    fn from(officer: &Officer) -> Self {
        Actor::Officer {
            id: officer.id,
            email: officer.email.clone(),
        }
    }
}

/// What happened: the codes are shared with the browser, which translates them.
pub use crate::domain::AuditAction as Action;

/// Writes one entry. `subject` names what was acted on (an e-mail, "event 3"), and
/// `details` is a JSON object with whatever the entry needs (counts, old and new values).
pub async fn record(
    conn: &impl ConnectionTrait,
    at: DateTime<Utc>,
    actor: &Actor,
    action: Action,
    subject: &str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let (officer_id, actor_text) = match actor {
        Actor::Officer { id, email } => (Some(*id), email.clone()),
        Actor::Anonymous { claimed } => (None, claimed.chars().take(254).collect()),
        Actor::System(name) => (None, format!("system:{name}")),
    };
    audit_log::ActiveModel {
        at: Set(at),
        officer_id: Set(officer_id),
        actor: Set(actor_text),
        action: Set(action.as_code().to_owned()),
        subject: Set(subject.chars().take(300).collect()),
        details: Set(details.to_string()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// One page of entries, newest first, and how many entries match in all.
#[derive(Debug)]
pub struct Listed {
    pub rows: Vec<audit_log::Model>,
    pub total: u64,
}

/// The entries matching `filter`, page `page` (1-based) of [`AUDIT_PAGE_SIZE`].
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    page: u64,
) -> Result<Listed, AppError> {
    let mut query = audit_log::Entity::find();
    if let Some(action) = filter.action {
        query = query.filter(audit_log::Column::Action.eq(action.as_code()));
    }
    if let Some(who) = &filter.who {
        query = query.filter(actor_contains(who));
    }
    let (from, until) = filter.time_range();
    if let Some(from) = from {
        query = query.filter(audit_log::Column::At.gte(from));
    }
    if let Some(until) = until {
        query = query.filter(audit_log::Column::At.lt(until));
    }
    let paginator = query
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .paginate(db, AUDIT_PAGE_SIZE);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.saturating_sub(1)).await?;
    Ok(Listed { rows, total })
}

/// The actor's text contains `text`, ignoring case: LOWER on both sides, because
/// PostgreSQL's LIKE is case-sensitive and SQLite's is not.
fn actor_contains(text: &str) -> Expr {
    // In scope here only: its `max` and `min` would shadow the integers' elsewhere.
    use sea_orm::sea_query::ExprTrait;
    let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
    Expr::expr(Func::lower(Expr::col(audit_log::Column::Actor)))
        .like(LikeExpr::new(pattern).escape('\\'))
}

/// Makes `%`, `_` and the escape character itself match literally in a LIKE pattern.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// An entry's details as (key, value) text pairs for the audit page, which translates
/// the keys it knows. Nested objects become `outer.inner`; lists are joined with ", ".
pub fn detail_pairs(details: &str) -> Vec<(String, String)> {
    match serde_json::from_str::<serde_json::Value>(details) {
        Ok(serde_json::Value::Object(map)) => {
            let mut pairs = Vec::new();
            for (key, value) in map {
                flatten_into(&mut pairs, key, value);
            }
            pairs
        }
        Ok(serde_json::Value::Null) => Vec::new(),
        Ok(other) => vec![(String::new(), text_of(&other))],
        Err(_) if details.trim().is_empty() => Vec::new(),
        Err(_) => vec![(String::new(), details.to_owned())],
    }
}

fn flatten_into(pairs: &mut Vec<(String, String)>, key: String, value: serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (inner, value) in map {
                flatten_into(pairs, format!("{key}.{inner}"), value);
            }
        }
        other => pairs.push((key, text_of(&other))),
    }
}

fn text_of(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(value: serde_json::Value) -> Vec<(String, String)> {
        detail_pairs(&value.to_string())
    }

    fn pair(key: &str, value: &str) -> (String, String) {
        (key.to_owned(), value.to_owned())
    }

    #[test]
    fn details_become_key_value_text() {
        assert_eq!(
            pairs(json!({"from": "officer", "to": "viewer"})),
            vec![pair("from", "officer"), pair("to", "viewer")]
        );
        assert_eq!(
            pairs(json!({"throttled": true, "counts": {"new": 3, "updated": 1}})),
            vec![
                pair("counts.new", "3"),
                pair("counts.updated", "1"),
                pair("throttled", "true")
            ]
        );
        assert_eq!(
            pairs(json!({"sheets": ["A", "B"]})),
            vec![pair("sheets", "A, B")]
        );
    }

    #[test]
    fn empty_or_odd_details_do_not_fail() {
        assert!(pairs(json!({})).is_empty());
        assert!(detail_pairs("").is_empty());
        assert_eq!(detail_pairs("not json"), vec![pair("", "not json")]);
    }

    #[test]
    fn like_wildcards_in_a_search_match_literally() {
        assert_eq!(escape_like("a_b%c\\d"), "a\\_b\\%c\\\\d");
        assert_eq!(escape_like("tanaka@example.jp"), "tanaka@example.jp");
    }
}

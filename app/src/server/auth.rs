//! Who is asking: the signed-in officer of a session, role checks, password hashing
//! and the CSRF tokens pages render.

use super::AppState;
use super::entities::officer;
use crate::domain::Role;
use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use sea_orm::{DatabaseConnection, EntityTrait};
use tower_sessions::Session;

/// Session key of the signed-in officer's id.
pub const OFFICER_ID_KEY: &str = "officer_id";
/// Session key of the CSRF token every state-changing request must echo.
pub const CSRF_KEY: &str = "csrf";
/// Form field and header names that carry the CSRF token.
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// This request's CSRF token (the session's, the anonymous visitor's or the answer
/// page's: see `server::csrf`), put in the request's extensions by the CSRF middleware
/// so that pages can render it without waiting for the session.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Marks a submit on a company's answer page (`/a/…`) whose CSRF token was missing or
/// wrong. The CSRF middleware lets such a request through instead of refusing it, so
/// that the form comes back with everything the company typed: a handler that finds
/// this in the request's extensions must not act on the submit, only show the form
/// again (with the valid [`CsrfToken`], which the request also carries).
#[derive(Debug, Clone, Copy)]
pub struct CsrfRejected;

/// The CSRF token the middleware chose for the current request, if any.
pub fn request_csrf_token() -> Option<String> {
    leptos::prelude::use_context::<http::request::Parts>()?
        .extensions
        .get::<CsrfToken>()
        .map(|token| token.0.clone())
}

/// The signed-in officer, as the server sees them.
#[derive(Debug, Clone)]
pub struct Officer {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
}

impl Officer {
    fn from_model(model: officer::Model) -> Option<Self> {
        if !model.active {
            return None;
        }
        // A role code we do not know would be a corrupted row: treat it as no access.
        let role = Role::parse(&model.role).ok()?;
        Some(Self {
            id: model.id,
            email: model.email,
            name: model.name,
            role,
        })
    }

    pub fn require_writer(&self) -> Result<(), AppError> {
        if self.role.can_write() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.role.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Admins and viewers may read the audit log; officers may not.
    pub fn require_auditor(&self) -> Result<(), AppError> {
        if self.role.can_read_audit_log() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// The active officer signed in to `session`, if any. A disabled officer's sessions stop
/// working at once because the account is read on every request.
pub async fn current_officer(
    db: &DatabaseConnection,
    session: &Session,
) -> Result<Option<Officer>, AppError> {
    match officer_loaded_by_guard() {
        Some(officer) => Ok(Some(officer)),
        None => officer_of_session(db, session).await,
    }
}

/// The active officer signed in to `session`, read from the database.
pub async fn officer_of_session(
    db: &DatabaseConnection,
    session: &Session,
) -> Result<Option<Officer>, AppError> {
    let id: Option<i32> = session
        .get(OFFICER_ID_KEY)
        .await
        .map_err(|e| AppError::internal("reading session", e))?;
    let Some(id) = id else { return Ok(None) };
    let model = officer::Entity::find_by_id(id).one(db).await?;
    Ok(model.and_then(Officer::from_model))
}

/// The officer the login guard already loaded for this page request (it puts them in
/// the request's extensions), so rendering a page reads the account once, not once
/// per server function the page calls. Direct `/api/` calls have none and read it.
fn officer_loaded_by_guard() -> Option<Officer> {
    leptos::prelude::use_context::<http::request::Parts>()?
        .extensions
        .get::<Officer>()
        .cloned()
}

/// The session of the current server-function request.
pub async fn current_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::internal("session layer missing", e))
}

/// The signed-in officer of the current server-function request, or `NotSignedIn`.
pub async fn require_officer() -> Result<Officer, AppError> {
    let state = AppState::from_context()?;
    let session = current_session().await?;
    current_officer(&state.db, &session)
        .await?
        .ok_or(AppError::NotSignedIn)
}

/// The signed-in officer, if their role may change things.
pub async fn require_writer_officer() -> Result<Officer, AppError> {
    let officer = require_officer().await?;
    officer.require_writer()?;
    Ok(officer)
}

/// Returns the session's CSRF token, creating one on first use. Only for sessions that
/// exist anyway (a signed-in officer's): anonymous visitors get a stateless token.
pub async fn csrf_token(session: &Session) -> Result<String, AppError> {
    let existing: Option<String> = session
        .get(CSRF_KEY)
        .await
        .map_err(|e| AppError::internal("reading session", e))?;
    if let Some(token) = existing {
        return Ok(token);
    }
    let token = random_token();
    session
        .insert(CSRF_KEY, &token)
        .await
        .map_err(|e| AppError::internal("writing session", e))?;
    Ok(token)
}

/// 256 random bits, URL-safe.
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Hashes a password with Argon2id on a blocking thread (it takes tens of milliseconds
/// on purpose and must not stall the async executor).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
            .map_err(|e| AppError::internal("making salt", e))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| AppError::internal("hashing password", e))
    })
    .await
    .map_err(|e| AppError::internal("hashing task", e))?
}

/// Checks a password against a stored hash, on a blocking thread. With no stored hash
/// (unknown account) it still does the same work, so timing does not reveal which
/// e-mail addresses have accounts.
pub async fn verify_password(
    password: String,
    stored_hash: Option<String>,
) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let hash = stored_hash.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed = PasswordHash::new(&hash).map_err(|e| AppError::internal("stored hash", e))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| AppError::internal("verify task", e))?
}

static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::encode_b64(&[7u8; 16]).expect("fixed salt is valid");
    Argon2::default()
        .hash_password(b"no such account", &salt)
        .map(|hash| hash.to_string())
        .expect("hashing a fixed password succeeds")
});

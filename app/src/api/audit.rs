//! The audit log (admins and viewers only).

use super::dto::AuditPageDto;
use crate::domain::AuditQuery;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::respond::respond,
    crate::domain::AuditFilter,
    crate::server::{AppState, auth::require_officer, services::audit},
};

/// One page of entries matching the filter, newest first.
#[server(input = GetUrl, endpoint = "audit_log")]
pub async fn list_audit_log(
    #[server(default)] query: AuditQuery,
) -> Result<AuditPageDto, AppError> {
    respond(
        async {
            require_officer().await?.require_auditor()?;
            let filter = AuditFilter::try_from(&query)?;
            let state = AppState::from_context()?;
            let page = query.page();
            let listed = audit::list(&state.db, &filter, page).await?;
            Ok(AuditPageDto {
                entries: listed.rows.into_iter().map(Into::into).collect(),
                total: listed.total,
                page,
            })
        }
        .await,
    )
}

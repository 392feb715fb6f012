//! The company master: search, read, edit companies and contacts, merge two companies.

use super::dto::{CompanyDto, CompanyPageDto};
use crate::domain::{CompanyInput, ContactInput};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::dto::{CompanyEventDto, CompanyRowDto, ContactDto},
    super::respond::respond,
    crate::domain::{CompanyDraft, ContactDraft, Problem},
    crate::server::entities::contact,
    crate::server::services::audit::Actor,
    crate::server::services::companies::{self, Change, Listed, Page, Record},
    crate::server::{
        AppState,
        auth::{require_officer, require_writer_officer},
    },
};

/// Companies matching `search` (name, kana, corporate number, a contact's address),
/// page `page` (1-based).
#[server(input = GetUrl, endpoint = "companies")]
pub async fn list_companies(search: String, page: u64) -> Result<CompanyPageDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            let search = Some(search.as_str()).filter(|s| !s.trim().is_empty());
            Ok(page_dto(companies::list(&state.db, search, page).await?))
        }
        .await,
    )
}

#[server(input = GetUrl, endpoint = "company")]
pub async fn get_company(id: i32) -> Result<CompanyDto, AppError> {
    respond(
        async {
            require_officer().await?;
            let state = AppState::from_context()?;
            Ok(company_dto(companies::get(&state.db, id).await?))
        }
        .await,
    )
}

#[server(endpoint = "update_company")]
pub async fn update_company(csrf: String, id: i32, input: CompanyInput) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let draft = CompanyDraft::try_from(&input)?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            companies::update(&state.db, change(&state, &actor), id, draft).await?;
            leptos_axum::redirect(&format!("/companies/{id}?saved=company"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "add_contact")]
pub async fn add_contact(
    csrf: String,
    company_id: i32,
    input: ContactInput,
) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let draft = ContactDraft::try_from(&input)?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            companies::add_contact(&state.db, change(&state, &actor), company_id, draft).await?;
            leptos_axum::redirect(&format!("/companies/{company_id}?saved=contact"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "update_contact")]
pub async fn update_contact(csrf: String, id: i32, input: ContactInput) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let draft = ContactDraft::try_from(&input)?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            let updated =
                companies::update_contact(&state.db, change(&state, &actor), id, draft).await?;
            redirect_to_company(&updated);
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "set_primary_contact")]
pub async fn set_primary_contact(csrf: String, id: i32) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            let updated = companies::set_primary(&state.db, change(&state, &actor), id).await?;
            redirect_to_company(&updated);
            Ok(())
        }
        .await,
    )
}

/// Merges company `other_id` into company `id`. The other id is text so that a typed
/// non-number comes back as an error next to the field.
#[server(endpoint = "merge_companies")]
pub async fn merge_companies(csrf: String, id: i32, other_id: String) -> Result<(), AppError> {
    let _ = csrf; // checked by the CSRF middleware
    respond(
        async {
            let officer = require_writer_officer().await?;
            let other = other_id
                .trim()
                .parse::<i32>()
                .map_err(|_| AppError::field("other_id", Problem::UnknownCompany))?;
            let state = AppState::from_context()?;
            let actor = Actor::from(&officer);
            let (_, merged) =
                companies::merge(&state.db, change(&state, &actor), id, other).await?;
            tracing::info!(kept = id, merged = other, ?merged, "companies merged");
            leptos_axum::redirect(&format!("/companies/{id}?saved=merged"));
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn change<'a>(state: &AppState, actor: &'a Actor) -> Change<'a> {
    Change {
        at: state.clock.now(),
        actor,
        cc_others: state.composer.cc_others,
    }
}

#[cfg(feature = "ssr")]
fn redirect_to_company(person: &contact::Model) {
    leptos_axum::redirect(&format!("/companies/{}?saved=contact", person.company_id));
}

#[cfg(feature = "ssr")]
fn page_dto(page: Page) -> CompanyPageDto {
    CompanyPageDto {
        rows: page.rows.into_iter().map(row_dto).collect(),
        total: page.total,
        page: page.page,
        pages: page.pages,
    }
}

#[cfg(feature = "ssr")]
fn row_dto(row: Listed) -> CompanyRowDto {
    let Listed {
        company,
        contact,
        events,
    } = row;
    CompanyRowDto {
        id: company.id,
        name: company.name,
        name_kana: company.name_kana,
        corporate_number: company.corporate_number,
        industry: company.industry,
        regional_leader: company.regional_leader,
        contact_name: contact.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
        contact_email: contact.map(|c| c.email).unwrap_or_default(),
        events,
    }
}

#[cfg(feature = "ssr")]
fn company_dto(record: Record) -> CompanyDto {
    let Record {
        company,
        contacts,
        events,
    } = record;
    CompanyDto {
        id: company.id,
        name: company.name,
        name_kana: company.name_kana,
        corporate_number: company.corporate_number,
        industry: company.industry,
        address: company.address,
        regional_leader: company.regional_leader,
        contacts: contacts
            .into_iter()
            .map(|c| ContactDto {
                id: c.id,
                name: c.name,
                department: c.department,
                email: c.email,
                phone: c.phone,
                primary: c.is_primary,
            })
            .collect(),
        events: events
            .into_iter()
            .map(|(event, booth)| CompanyEventDto {
                id: event.id,
                name: event.name,
                start_date: event.start_date,
                booth,
            })
            .collect(),
    }
}

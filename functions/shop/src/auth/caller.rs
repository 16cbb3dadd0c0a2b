//! Extractors: [`Caller`] for endpoints open to guests and users alike, [`AuthUser`] for
//! endpoints that need someone signed in. No `Authorization` header means a guest; a header
//! that does not carry a valid access token is refused with 401, never treated as a guest.

use axum::{
    extract::FromRequestParts,
    http::{header::AUTHORIZATION, request::Parts},
};
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::verify::{TokenError, VerifiedToken};
use crate::{
    db::{Db, DbRole},
    error::{ApiError, Text},
    AppState,
};

/// A signed-in user, from a verified access token.
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub id: Uuid,
    pub email: Option<String>,
    pub session_id: Option<Uuid>,
    claims_json: String,
}

impl AuthUser {
    /// A transaction that runs as this user (`authenticated` with their claims).
    pub async fn begin(&self, db: &Db) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        db.begin_as(DbRole::Authenticated { claims: &self.claims_json }).await
    }
}

impl From<VerifiedToken> for AuthUser {
    fn from(verified: VerifiedToken) -> AuthUser {
        AuthUser {
            id: verified.user_id,
            email: verified.email,
            session_id: verified.session_id,
            claims_json: verified.claims_json,
        }
    }
}

/// Whoever is calling.
#[derive(Clone, Debug)]
pub enum Caller {
    Guest,
    User(AuthUser),
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, ApiError> {
        let Some(header) = parts.headers.get(AUTHORIZATION) else { return Ok(Caller::Guest) };
        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                ApiError::Unauthorized(Text::new(
                    "Header Authorization harus berisi \"Bearer <token>\".",
                    "The Authorization header must be \"Bearer <token>\".",
                ))
            })?;
        match state.verifier.verify(token).await {
            Ok(verified) => Ok(Caller::User(verified.into())),
            Err(TokenError::KeysUnavailable) => Err(ApiError::AuthUnavailable),
            Err(reason) => {
                tracing::info!(%reason, "access token refused");
                Err(ApiError::Unauthorized(Text::new(
                    "Sesi Anda tidak valid atau sudah berakhir. Silakan masuk lagi.",
                    "Your session is invalid or has expired. Please sign in again.",
                )))
            }
        }
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<AuthUser, ApiError> {
        match Caller::from_request_parts(parts, state).await? {
            Caller::User(user) => Ok(user),
            Caller::Guest => {
                Err(ApiError::Unauthorized(Text::new("Silakan masuk terlebih dahulu.", "Please sign in first.")))
            }
        }
    }
}

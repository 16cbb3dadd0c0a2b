//! `POST /token?grant_type=password|refresh_token` (`internal/api/token.go`).

use axum::{
    extract::{Query, State},
    Json,
};
use serde::Deserialize;
use serde_json::Value;

use super::{
    errors::{AuthError, AuthResult},
    extract::{Client, JsonBody},
    password,
    rate_limit::Limit,
    tokens::{self, Method, RefreshFailure},
    users, AuthState,
};

#[derive(Deserialize)]
pub struct GrantQuery {
    grant_type: Option<String>,
}

#[derive(Deserialize)]
pub struct TokenParams {
    email: Option<String>,
    phone: Option<String>,
    password: Option<String>,
    refresh_token: Option<String>,
}

pub async fn token(
    State(state): State<AuthState>,
    client: Client,
    Query(query): Query<GrantQuery>,
    JsonBody(params): JsonBody<TokenParams>,
) -> AuthResult<Json<Value>> {
    match query.grant_type.as_deref() {
        Some("password") => password_grant(&state, &client, params).await,
        Some("refresh_token") => refresh_grant(&state, &client, params).await,
        Some(other) => Err(AuthError::oauth("unsupported_grant_type", format!("unsupported grant_type {other:?}"))),
        None => Err(AuthError::oauth("invalid_request", "grant_type required")),
    }
}

async fn password_grant(state: &AuthState, client: &Client, params: TokenParams) -> AuthResult<Json<Value>> {
    let email = params.email.unwrap_or_default().trim().to_lowercase();
    if email.is_empty() {
        if params.phone.is_some_and(|p| !p.trim().is_empty()) {
            return Err(AuthError::bad_request("phone_provider_disabled", "Phone logins are disabled"));
        }
        return Err(AuthError::validation("missing email or phone"));
    }
    state.limiter.per_ip(Limit::SignInSignUpPerIp, client.ip)?;
    state.limiter.per_email(Limit::SignInPerEmail, &email)?;
    let supplied = params.password.unwrap_or_default();

    let user = users::find_by_email(&state.pool, &email).await?;
    // Unknown address or wrong password: the same answer after the same bcrypt work.
    let stored = user.as_ref().and_then(|u| u.encrypted_password.as_deref());
    let matches = password::verify(&supplied, stored, state.config.bcrypt_cost).await;
    let user = match user {
        Some(user) if matches => user,
        _ => return Err(AuthError::invalid_credentials()),
    };
    if user.is_banned() {
        return Err(AuthError::bad_request("user_banned", "User is banned"));
    }
    if !user.is_confirmed() {
        return Err(AuthError::bad_request("email_not_confirmed", "Email not confirmed"));
    }
    let mut tx = state.pool.begin().await?;
    let issued = tokens::start_session(&mut tx, &user, Method::Password, client).await?;
    let body = tokens::session_response(&mut tx, &state.config, user.id, &issued).await?;
    tx.commit().await?;
    Ok(Json(body))
}

async fn refresh_grant(state: &AuthState, client: &Client, params: TokenParams) -> AuthResult<Json<Value>> {
    let presented = params.refresh_token.unwrap_or_default();
    if presented.trim().is_empty() {
        return Err(AuthError::oauth("invalid_request", "refresh_token required"));
    }
    state.limiter.per_ip(Limit::TokenRefreshPerIp, client.ip)?;
    let mut tx = state.pool.begin().await?;
    match tokens::refresh(&mut tx, presented.trim(), state.config.refresh_token_reuse_interval).await {
        Ok(refreshed) => {
            let body = tokens::session_response(&mut tx, &state.config, refreshed.user.id, &refreshed.issued).await?;
            tx.commit().await?;
            Ok(Json(body))
        }
        Err(RefreshFailure::Reuse(err)) => {
            tx.commit().await?;
            Err(err)
        }
        Err(RefreshFailure::Error(err)) => Err(err),
    }
}

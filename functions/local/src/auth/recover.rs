//! `POST /recover` (`internal/api/recover.go`): 200 `{}` whether or not the address has an
//! account. The answer is given before the lookup: finding the user and mailing the link
//! happen in a task of their own, so known and unknown addresses answer equally fast.

use axum::{
    extract::{Query, State},
    Json,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{
    errors::{AuthError, AuthResult},
    extract::{Client, JsonBody},
    mail::Kind,
    mailer,
    rate_limit::Limit,
    redirect,
    signup::RedirectQuery,
    users, AuthState,
};

#[derive(Deserialize)]
pub struct RecoverParams {
    email: Option<String>,
}

pub async fn recover(
    State(state): State<AuthState>,
    client: Client,
    Query(query): Query<RedirectQuery>,
    JsonBody(params): JsonBody<RecoverParams>,
) -> AuthResult<Json<Value>> {
    let raw = params.email.unwrap_or_default();
    if raw.trim().is_empty() {
        return Err(AuthError::validation("Password recovery requires an email"));
    }
    let email = users::normalize_email(&raw)?;
    state.limiter.per_ip(Limit::EmailSentPerIp, client.ip)?;
    state.limiter.mail_to(&email)?;
    let redirect_to = redirect::resolve(&state.config.site_url, query.redirect_to.as_deref());
    tokio::spawn(async move {
        if let Err(err) = send_recovery(&state, &email, &redirect_to).await {
            tracing::error!(code = err.code(), message = err.message(), "recovery mail not sent");
        }
    });
    Ok(Json(json!({})))
}

async fn send_recovery(state: &AuthState, email: &str, redirect_to: &str) -> AuthResult<()> {
    let mut tx = state.pool.begin().await?;
    let Some(user) = users::find_by_email(&mut *tx, email).await? else {
        return Ok(());
    };
    if user.is_banned() {
        return Ok(());
    }
    mailer::send(state, &mut tx, Kind::Recovery, user.id, email, redirect_to).await?;
    tx.commit().await?;
    Ok(())
}

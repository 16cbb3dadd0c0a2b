//! `GET /user` and `PUT /user` (`internal/api/user.go`).
//!
//! An update may change the password (other sessions are signed out, as GoTrue's
//! `UpdatePassword` does), merge `data` into `user_metadata` (null removes a key), and
//! change the email: at once while confirmations are off, else after the link mailed to
//! the new address is followed (one confirmation, to the new address only).

use axum::{
    extract::{Query, State},
    Json,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{
    errors::{AuthError, AuthResult},
    extract::{Authenticated, Client, JsonBody},
    mail::Kind,
    mailer, password,
    rate_limit::Limit,
    redirect,
    signup::RedirectQuery,
    users, AuthState,
};

pub async fn get(State(state): State<AuthState>, auth: Authenticated) -> AuthResult<Json<Value>> {
    let identities = users::identities(&state.pool, auth.user.id).await?;
    Ok(Json(users::user_json(&auth.user, &identities)))
}

#[derive(Deserialize)]
pub struct UpdateParams {
    email: Option<String>,
    password: Option<String>,
    data: Option<Value>,
    app_metadata: Option<Value>,
    phone: Option<String>,
}

pub async fn update(
    State(state): State<AuthState>,
    client: Client,
    auth: Authenticated,
    Query(query): Query<RedirectQuery>,
    JsonBody(params): JsonBody<UpdateParams>,
) -> AuthResult<Json<Value>> {
    if params.app_metadata.as_ref().is_some_and(|v| !v.is_null()) {
        return Err(AuthError::forbidden("not_admin", "Updating app_metadata requires admin privileges"));
    }
    if params.phone.as_deref().is_some_and(|p| !p.trim().is_empty()) {
        return Err(AuthError::unprocessable("phone_provider_disabled", "Phone logins are disabled"));
    }
    let data = users::metadata_object(params.data, "data")?;
    let new_email = match params.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(raw) => Some(users::normalize_email(raw)?).filter(|email| email != auth.user.email()),
        None => None,
    };
    let new_password = params.password.filter(|p| !p.is_empty());
    let user_id = auth.user.id;

    let mut tx = state.pool.begin().await?;
    let user = users::lock(&mut *tx, user_id)
        .await?
        .ok_or_else(|| AuthError::forbidden("user_not_found", "User from sub claim in JWT does not exist"))?;

    if let Some(new_password) = &new_password {
        password::check_strength(new_password)?;
        let cost = state.config.bcrypt_cost;
        if let Some(current) = user.encrypted_password.as_deref().filter(|h| !h.is_empty()) {
            if password::verify(new_password, Some(current), cost).await {
                return Err(AuthError::unprocessable(
                    "same_password",
                    "New password should be different from the old password.",
                ));
            }
        }
        let hash = password::hash(new_password, cost).await?;
        sqlx::query("update auth.users set encrypted_password = $2, updated_at = now() where id = $1")
            .bind(user_id)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query("delete from auth.sessions where user_id = $1 and id <> $2")
            .bind(user_id)
            .bind(auth.session_id)
            .execute(&mut *tx)
            .await?;
    }

    if !data.is_empty() {
        let merged = users::merge_metadata(&user.user_metadata(), data);
        sqlx::query("update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1")
            .bind(user_id)
            .bind(merged)
            .execute(&mut *tx)
            .await?;
    }

    if let Some(email) = new_email {
        if users::find_by_email(&mut *tx, &email).await?.is_some_and(|other| other.id != user_id) {
            return Err(AuthError::unprocessable(
                "email_exists",
                "A user with this email address has already been registered",
            ));
        }
        if state.config.email_confirmations {
            state.limiter.per_ip(Limit::EmailSentPerIp, client.ip)?;
            state.limiter.mail_to(&email)?;
            sqlx::query("update auth.users set email_change = $2, email_change_confirm_status = 0, updated_at = now() where id = $1")
                .bind(user_id)
                .bind(&email)
                .execute(&mut *tx)
                .await?;
            let redirect_to = redirect::resolve(&state.config.site_url, query.redirect_to.as_deref());
            mailer::send(&state, &mut tx, Kind::EmailChange, user_id, &email, &redirect_to).await?;
        } else {
            change_email(&mut tx, user_id, &email).await?;
        }
    }

    let user = users::find_by_id(&mut *tx, user_id)
        .await?
        .ok_or_else(|| AuthError::internal("update user", "the user vanished"))?;
    let identities = users::identities(&mut *tx, user_id).await?;
    tx.commit().await?;
    Ok(Json(users::user_json(&user, &identities)))
}

/// Makes `email` the user's address (and its identity's), confirmed.
pub async fn change_email(tx: &mut sqlx::PgConnection, user_id: uuid::Uuid, email: &str) -> AuthResult<()> {
    let updated = sqlx::query(
        "update auth.users set email = $2, email_confirmed_at = coalesce(email_confirmed_at, now()),
           email_change = '', email_change_token_new = '', email_change_confirm_status = 0,
           raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || jsonb_build_object('email', $2::text),
           updated_at = now()
         where id = $1",
    )
    .bind(user_id)
    .bind(email)
    .execute(&mut *tx)
    .await;
    match updated {
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => {
            return Err(AuthError::unprocessable(
                "email_exists",
                "A user with this email address has already been registered",
            ));
        }
        other => {
            other?;
        }
    }
    sqlx::query(
        "update auth.identities set identity_data = identity_data || $2, updated_at = now()
         where user_id = $1 and provider = 'email'",
    )
    .bind(user_id)
    .bind(json!({"email": email}))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

//! `POST /signup` (`internal/api/signup.go`): a new `auth.users` row and its email
//! identity in one transaction (the plain insert that an `after insert` trigger on
//! auth.users sees). Confirmations off: the account is confirmed and a session returned.
//! Confirmations on: the User is returned without a session and a `signup` link mailed.

use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use super::{
    errors::{AuthError, AuthResult},
    extract::{Client, JsonBody},
    mail::Kind,
    mailer, password,
    rate_limit::Limit,
    redirect,
    tokens::{self, Method},
    users::{self, INSTANCE_ID},
    AuthState,
};

#[derive(Deserialize)]
pub struct SignupParams {
    email: Option<String>,
    phone: Option<String>,
    password: Option<String>,
    data: Option<Value>,
}

#[derive(Deserialize)]
pub struct RedirectQuery {
    pub redirect_to: Option<String>,
}

pub async fn signup(
    State(state): State<AuthState>,
    client: Client,
    Query(query): Query<RedirectQuery>,
    JsonBody(params): JsonBody<SignupParams>,
) -> AuthResult<Response> {
    if params.phone.as_deref().is_some_and(|p| !p.trim().is_empty()) && params.email.is_none() {
        return Err(AuthError::unprocessable("phone_provider_disabled", "Phone signups are disabled"));
    }
    let raw_password = params.password.unwrap_or_default();
    if raw_password.is_empty() {
        return Err(AuthError::validation("Signup requires a valid password"));
    }
    let raw_email = params.email.unwrap_or_default();
    if raw_email.trim().is_empty() {
        return Err(AuthError::validation("To signup, please provide your email"));
    }
    let email = users::normalize_email(&raw_email)?;
    password::check_strength(&raw_password)?;
    let data = users::metadata_object(params.data, "data")?;
    state.limiter.per_ip(Limit::SignInSignUpPerIp, client.ip)?;
    state.limiter.per_email(Limit::SignInPerEmail, &email)?;
    let redirect_to = redirect::resolve(&state.config.site_url, query.redirect_to.as_deref());
    let confirmations = state.config.email_confirmations;

    let mut tx = state.pool.begin().await?;
    if let Some(existing) = users::find_by_email(&mut *tx, &email).await? {
        // Hash anyway, so an existing address answers as slowly as a new one.
        password::hash(&raw_password, state.config.bcrypt_cost).await?;
        if !confirmations {
            return Err(AuthError::unprocessable("user_already_exists", "User already registered"));
        }
        if existing.is_confirmed() {
            return Ok(Json(users::obfuscated_user_json(&email, &Value::Object(data))).into_response());
        }
        // Not confirmed yet: send the confirmation again.
        state.limiter.per_ip(Limit::EmailSentPerIp, client.ip)?;
        state.limiter.mail_to(&email)?;
        mailer::send(&state, &mut tx, Kind::Signup, existing.id, &email, &redirect_to).await?;
        let user = users::find_by_id(&mut *tx, existing.id).await?.unwrap_or(existing);
        let identities = users::identities(&mut *tx, user.id).await?;
        tx.commit().await?;
        return Ok(Json(users::user_json(&user, &identities)).into_response());
    }

    if confirmations {
        state.limiter.per_ip(Limit::EmailSentPerIp, client.ip)?;
        state.limiter.mail_to(&email)?;
    }
    let hash = password::hash(&raw_password, state.config.bcrypt_cost).await?;
    let id = Uuid::new_v4();
    insert_user(&mut tx, id, &email, &hash, data, !confirmations).await?;
    let user = users::find_by_id(&mut *tx, id)
        .await?
        .ok_or_else(|| AuthError::internal("signup", "the new user is not visible in its transaction"))?;
    if confirmations {
        mailer::send(&state, &mut tx, Kind::Signup, id, &email, &redirect_to).await?;
        let user = users::find_by_id(&mut *tx, id).await?.unwrap_or(user);
        let identities = users::identities(&mut *tx, id).await?;
        tx.commit().await?;
        return Ok(Json(users::user_json(&user, &identities)).into_response());
    }
    let issued = tokens::start_session(&mut tx, &user, Method::Password, &client).await?;
    let body = tokens::session_response(&mut tx, &state.config, id, &issued).await?;
    tx.commit().await?;
    Ok(Json(body).into_response())
}

/// The user and its email identity. `user_metadata` is the sign-up `data` with the
/// identity's claims merged in, as GoTrue stores it.
async fn insert_user(
    tx: &mut sqlx::PgConnection,
    id: Uuid,
    email: &str,
    password_hash: &str,
    data: Map<String, Value>,
    confirmed: bool,
) -> AuthResult<()> {
    let identity_data =
        json!({"sub": id.to_string(), "email": email, "email_verified": confirmed, "phone_verified": false});
    let mut user_metadata = data;
    if let Value::Object(claims) = &identity_data {
        user_metadata.extend(claims.clone());
    }
    let inserted = sqlx::query(
        "insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
           raw_app_meta_data, raw_user_meta_data, is_super_admin, created_at, updated_at, is_sso_user, is_anonymous,
           confirmation_token, recovery_token, email_change_token_new, email_change)
         values ($1, $2, 'authenticated', 'authenticated', $3, $4, case when $5 then now() end,
           $6, $7, false, now(), now(), false, false, '', '', '', '')",
    )
    .bind(INSTANCE_ID)
    .bind(id)
    .bind(email)
    .bind(password_hash)
    .bind(confirmed)
    .bind(json!({"provider": "email", "providers": ["email"]}))
    .bind(Value::Object(user_metadata))
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() => {
            return Err(AuthError::unprocessable("user_already_exists", "User already registered"));
        }
        other => {
            other?;
        }
    }
    sqlx::query(
        "insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, id)
         values ($1, $2, $3, 'email', now(), now(), now(), $4)",
    )
    .bind(id.to_string())
    .bind(id)
    .bind(identity_data)
    .bind(Uuid::new_v4())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

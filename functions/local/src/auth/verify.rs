//! `GET /verify` (the link in a mail) and `POST /verify` (a typed code, or a token hash)
//! (`internal/api/verify.go`). A link or code works once, for `AUTH_OTP_EXPIRY` after it
//! was sent; it confirms the address (signup, and recovery of an unconfirmed account),
//! lets the person in to set a new password (recovery), or applies an email change, and
//! starts a session.
//!
//! The link answers 303 to its `redirect_to` (checked against the allow list) with the
//! session in the fragment — `#access_token=…&expires_at=…&expires_in=…&refresh_token=…&
//! token_type=bearer&type=recovery&sb=` — or the error as
//! `#error=access_denied&error_code=otp_expired&error_description=…`.

use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use super::{
    errors::{AuthError, AuthResult},
    extract::{Client, JsonBody},
    otp,
    rate_limit::Limit,
    redirect,
    tokens::{self, Method},
    user::change_email,
    users, AuthState,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VerifyType {
    Signup,
    Invite,
    Recovery,
    Magiclink,
    EmailChange,
    /// A code from any email: confirmation or recovery.
    Email,
}

impl VerifyType {
    fn parse(value: &str) -> Option<VerifyType> {
        Some(match value {
            "signup" => VerifyType::Signup,
            "invite" => VerifyType::Invite,
            "recovery" => VerifyType::Recovery,
            "magiclink" => VerifyType::Magiclink,
            "email_change" => VerifyType::EmailChange,
            "email" => VerifyType::Email,
            _ => return None,
        })
    }
}

#[derive(Deserialize)]
pub struct LinkQuery {
    token: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    redirect_to: Option<String>,
}

pub async fn link(State(state): State<AuthState>, client: Client, Query(query): Query<LinkQuery>) -> Response {
    let redirect_to = redirect::resolve(&state.config.site_url, query.redirect_to.as_deref());
    let token = query.token.unwrap_or_default().replace('-', "");
    let kind = query.kind.unwrap_or_default();
    if token.is_empty() {
        return AuthError::validation("Verify requires a token or a token hash").into_response();
    }
    if kind.is_empty() {
        return AuthError::validation("Verify requires a verification type").into_response();
    }
    if let Err(err) = state.limiter.per_ip(Limit::VerifyPerIp, client.ip) {
        return err.into_response();
    }
    let expired = || AuthError::forbidden("otp_expired", "Email link is invalid or has expired");
    let result = match VerifyType::parse(&kind).filter(|t| *t != VerifyType::Email) {
        None => Err(AuthError::validation("Invalid email verification type")),
        Some(verify_type) => verify(&state, &client, verify_type, &token, None).await.map_err(|err| {
            if err.code() == "otp_expired" {
                expired()
            } else {
                err
            }
        }),
    };
    let location = match result {
        Ok(session) => success_location(&redirect_to, &session, &kind),
        Err(err) => error_location(&redirect_to, &err),
    };
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

#[derive(Deserialize)]
pub struct OtpParams {
    #[serde(rename = "type")]
    kind: Option<String>,
    token: Option<String>,
    token_hash: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

pub async fn otp(
    State(state): State<AuthState>,
    client: Client,
    JsonBody(params): JsonBody<OtpParams>,
) -> AuthResult<Json<Value>> {
    let kind = params.kind.unwrap_or_default();
    if kind.is_empty() {
        return Err(AuthError::validation("Verify requires a verification type"));
    }
    let token = params.token.unwrap_or_default().replace('-', "");
    let token_hash = params.token_hash.unwrap_or_default();
    if token.trim().is_empty() && token_hash.trim().is_empty() {
        return Err(AuthError::validation("Verify requires either a token or a token hash"));
    }
    if params.phone.as_deref().is_some_and(|p| !p.trim().is_empty()) {
        return Err(AuthError::bad_request("phone_provider_disabled", "Phone logins are disabled"));
    }
    let verify_type = VerifyType::parse(&kind).ok_or_else(|| AuthError::validation("Unsupported verification type"))?;
    state.limiter.per_ip(Limit::VerifyPerIp, client.ip)?;
    let session = if !token_hash.trim().is_empty() {
        verify(&state, &client, verify_type, token_hash.trim(), None).await?
    } else {
        let raw_email = params.email.unwrap_or_default();
        if raw_email.trim().is_empty() {
            return Err(AuthError::validation("Only an email address or phone number should be provided on verify"));
        }
        let email = users::normalize_email(&raw_email)?;
        let hash = otp::token_hash(&email, token.trim());
        verify(&state, &client, verify_type, &hash, Some(&email)).await?
    };
    Ok(Json(session))
}

/// Consumes the token whose stored hash is `hash` and starts a session: the session
/// response. `email`, when the code was typed, must be the address it was sent to.
async fn verify(
    state: &AuthState,
    client: &Client,
    verify_type: VerifyType,
    hash: &str,
    email: Option<&str>,
) -> AuthResult<Value> {
    let mut tx = state.pool.begin().await?;
    let user_id = consume(&mut tx, state, verify_type, hash, email).await?;
    let user = users::find_by_id(&mut *tx, user_id).await?.ok_or_else(AuthError::otp_expired)?;
    if user.is_banned() {
        return Err(AuthError::bad_request("user_banned", "User is banned"));
    }
    let issued = tokens::start_session(&mut tx, &user, Method::Otp, client).await?;
    let session = tokens::session_response(&mut tx, &state.config, user_id, &issued).await?;
    tx.commit().await?;
    Ok(session)
}

#[derive(Clone, Copy)]
enum Column {
    Confirmation,
    Recovery,
    EmailChange,
}

impl Column {
    fn select(self) -> &'static str {
        match self {
            Column::Confirmation => {
                "select id, confirmation_sent_at, lower(email) from auth.users
                 where confirmation_token = $1 and confirmation_token <> '' and deleted_at is null for update"
            }
            Column::Recovery => {
                "select id, recovery_sent_at, lower(email) from auth.users
                 where recovery_token = $1 and recovery_token <> '' and deleted_at is null for update"
            }
            Column::EmailChange => {
                "select id, email_change_sent_at, lower(email_change) from auth.users
                 where email_change_token_new = $1 and email_change_token_new <> '' and deleted_at is null for update"
            }
        }
    }
}

async fn consume(
    tx: &mut PgConnection,
    state: &AuthState,
    verify_type: VerifyType,
    hash: &str,
    email: Option<&str>,
) -> AuthResult<Uuid> {
    let columns: &[Column] = match verify_type {
        VerifyType::Signup | VerifyType::Invite => &[Column::Confirmation],
        VerifyType::Recovery | VerifyType::Magiclink => &[Column::Recovery],
        VerifyType::EmailChange => &[Column::EmailChange],
        VerifyType::Email => &[Column::Confirmation, Column::Recovery],
    };
    for column in columns {
        let found: Option<(Uuid, Option<DateTime<Utc>>, Option<String>)> =
            sqlx::query_as(column.select()).bind(hash).fetch_optional(&mut *tx).await?;
        let Some((user_id, sent_at, address)) = found else { continue };
        if email.is_some_and(|email| address.as_deref() != Some(email)) {
            continue;
        }
        let valid_until = sent_at.and_then(|sent| {
            chrono::Duration::from_std(state.config.otp_expiry).ok().and_then(|ttl| sent.checked_add_signed(ttl))
        });
        if valid_until.is_none_or(|until| Utc::now() > until) {
            return Err(AuthError::otp_expired());
        }
        apply(tx, *column, user_id, address.as_deref().unwrap_or_default()).await?;
        return Ok(user_id);
    }
    Err(AuthError::otp_expired())
}

/// Spends the token and does what it was for.
async fn apply(tx: &mut PgConnection, column: Column, user_id: Uuid, address: &str) -> AuthResult<()> {
    let sql = match column {
        Column::Confirmation => "update auth.users set confirmation_token = '' where id = $1",
        Column::Recovery => "update auth.users set recovery_token = '' where id = $1",
        Column::EmailChange => return change_email(tx, user_id, address).await,
    };
    sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
    // Following a mailed link or code proves the address.
    sqlx::query(
        "update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()),
           raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{\"email_verified\": true}'::jsonb,
           updated_at = now()
         where id = $1",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "update auth.identities set identity_data = identity_data || '{\"email_verified\": true}'::jsonb, updated_at = now()
         where user_id = $1 and provider = 'email'",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// `redirect_to#access_token=…` (keys sorted, as Go's `url.Values.Encode` writes them).
fn success_location(redirect_to: &str, session: &Value, kind: &str) -> String {
    let text = |key: &str| match &session[key] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let fragment = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("access_token", &text("access_token"))
        .append_pair("expires_at", &text("expires_at"))
        .append_pair("expires_in", &text("expires_in"))
        .append_pair("refresh_token", &text("refresh_token"))
        .append_pair("token_type", "bearer")
        .append_pair("type", kind)
        .append_pair("sb", "")
        .finish();
    format!("{}#{fragment}", without_fragment(redirect_to))
}

/// `redirect_to#error=…&error_code=…&error_description=…`, without the query (GoTrue's
/// `prepErrorRedirectURL`).
fn error_location(redirect_to: &str, err: &AuthError) -> String {
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    let oauth_error = match err.status() {
        StatusCode::BAD_REQUEST => Some("invalid_request"),
        StatusCode::UNAUTHORIZED => Some("unauthorized_client"),
        StatusCode::FORBIDDEN => Some("access_denied"),
        StatusCode::INTERNAL_SERVER_ERROR => Some("server_error"),
        StatusCode::SERVICE_UNAVAILABLE => Some("temporarily_unavailable"),
        _ => None,
    };
    if let Some(error) = oauth_error {
        serializer.append_pair("error", error);
    }
    let fragment =
        serializer.append_pair("error_code", err.code()).append_pair("error_description", err.message()).finish();
    let base = match url::Url::parse(redirect_to) {
        Ok(mut url) => {
            url.set_query(None);
            url.set_fragment(None);
            String::from(url)
        }
        Err(_) => without_fragment(redirect_to).to_owned(),
    };
    format!("{base}#{fragment}")
}

fn without_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(base, _)| base)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn fragments_are_shaped_like_gotrue() {
        let session =
            json!({"access_token": "a.b.c", "expires_at": 1764000000, "expires_in": 3600, "refresh_token": "r1"});
        assert_eq!(
            success_location("http://localhost:1/sandi#x", &session, "recovery"),
            "http://localhost:1/sandi#access_token=a.b.c&expires_at=1764000000&expires_in=3600&refresh_token=r1&token_type=bearer&type=recovery&sb="
        );
        let err = AuthError::forbidden("otp_expired", "Email link is invalid or has expired");
        assert_eq!(
            error_location("http://localhost:1/sandi?keep=no", &err),
            "http://localhost:1/sandi#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired"
        );
    }
}

//! Sessions and their tokens, as GoTrue keeps them: a row in `auth.sessions`, how the
//! person signed in (`auth.mfa_amr_claims`, the `amr` claim), and a chain of opaque refresh
//! tokens in `auth.refresh_tokens` of which only the newest is unrevoked. Access tokens are
//! ES256 JWTs with the claims of shared/LOCAL_STACK.md §2.5.
//!
//! Refresh-token reuse: a revoked token presented within the reuse interval
//! (`AUTH_REFRESH_TOKEN_REUSE_INTERVAL`, 10 s) yields the session's current token without
//! rotating again (two tabs refreshing at once, or a response lost on the way). Later, it
//! is taken as a stolen token: every token of the session is revoked, so neither the thief
//! nor the owner can refresh it any more, and the answer is 400
//! `refresh_token_already_used` (GoTrue revokes the token's descendants; the session's
//! whole chain is the same set, since each session has one chain).

use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, Validation};
use rand::{distributions::Alphanumeric, rngs::OsRng, Rng};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::{
    config::AuthConfig,
    errors::AuthError,
    extract::Client,
    users::{self, UserRow, INSTANCE_ID},
};

/// How a session began: the `amr` method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Password,
    Otp,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Password => "password",
            Method::Otp => "otp",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct AmrEntry {
    pub method: String,
    pub timestamp: i64,
}

/// GoTrue's access-token claims, in its order.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub email: String,
    pub phone: String,
    pub app_metadata: Value,
    pub user_metadata: Value,
    pub role: String,
    pub aal: String,
    pub amr: Vec<AmrEntry>,
    pub session_id: String,
    pub is_anonymous: bool,
}

/// A session's tokens, before they are put into the response.
pub struct Issued {
    pub session_id: Uuid,
    pub refresh_token: String,
}

/// Starts a session for `user` signed in by `method`: the session row, its amr claim and
/// its first refresh token; records the sign-in on the user and identity.
pub async fn start_session(
    conn: &mut PgConnection,
    user: &UserRow,
    method: Method,
    client: &Client,
) -> Result<Issued, sqlx::Error> {
    let session_id = Uuid::new_v4();
    sqlx::query(
        "insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
         values ($1, $2, now(), now(), 'aal1', $3, $4::inet)",
    )
    .bind(session_id)
    .bind(user.id)
    .bind(client.user_agent.as_deref())
    .bind(client.ip.to_string())
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
         values ($1, now(), now(), $2, $3)",
    )
    .bind(session_id)
    .bind(method.as_str())
    .bind(Uuid::new_v4())
    .execute(&mut *conn)
    .await?;
    let refresh_token = insert_refresh_token(&mut *conn, user.id, session_id, None).await?;
    sqlx::query("update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1")
        .bind(user.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("update auth.identities set last_sign_in_at = now(), updated_at = now() where user_id = $1")
        .bind(user.id)
        .execute(&mut *conn)
        .await?;
    Ok(Issued { session_id, refresh_token })
}

async fn insert_refresh_token(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    session_id: Uuid,
    parent: Option<&str>,
) -> Result<String, sqlx::Error> {
    let token = new_refresh_token();
    sqlx::query(
        "insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
         values ($1, $2, $3, false, now(), now(), $4, $5)",
    )
    .bind(INSTANCE_ID)
    .bind(&token)
    .bind(user_id.to_string())
    .bind(parent)
    .bind(session_id)
    .execute(db)
    .await?;
    Ok(token)
}

/// Opaque, 128+ bits of entropy (GoTrue uses 12 alphanumeric characters; clients treat
/// it as an opaque string).
fn new_refresh_token() -> String {
    OsRng.sample_iter(&Alphanumeric).take(24).map(char::from).collect()
}

#[derive(sqlx::FromRow)]
struct RefreshRow {
    token: String,
    revoked: Option<bool>,
    updated_at: Option<DateTime<Utc>>,
    session_id: Option<Uuid>,
    user_id: Option<String>,
}

/// What a refresh grant yields: the user and the session's (new or current) refresh token.
pub struct Refreshed {
    pub user: UserRow,
    pub issued: Issued,
}

/// The refresh-token grant, inside the caller's transaction. On detected reuse the
/// revocation must be committed even though the grant fails: the caller commits on
/// `Err(Reuse)` too.
pub async fn refresh(
    conn: &mut PgConnection,
    presented: &str,
    reuse_interval: Duration,
) -> Result<Refreshed, RefreshFailure> {
    let row: Option<RefreshRow> = sqlx::query_as(
        "select token, revoked, updated_at, session_id, user_id from auth.refresh_tokens where token = $1 for update",
    )
    .bind(presented)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Err(AuthError::bad_request(
            "refresh_token_not_found",
            "Invalid Refresh Token: Refresh Token Not Found",
        )
        .into());
    };
    let no_session =
        || AuthError::bad_request("session_not_found", "Invalid Refresh Token: No Valid Session Found").into();
    let Some(session_id) = row.session_id else { return Err(no_session()) };
    let session: Option<(Uuid, Option<DateTime<Utc>>)> =
        sqlx::query_as("select user_id, not_after from auth.sessions where id = $1 for update")
            .bind(session_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((user_id, not_after)) = session else { return Err(no_session()) };
    if row.user_id.as_deref() != Some(user_id.to_string().as_str()) {
        return Err(no_session());
    }
    if not_after.is_some_and(|t| t <= Utc::now()) {
        return Err(AuthError::bad_request("session_expired", "Invalid Refresh Token: Session Expired").into());
    }
    let user = users::find_by_id(&mut *conn, user_id).await?.ok_or_else(no_session)?;
    if user.is_banned() {
        return Err(AuthError::bad_request("user_banned", "Invalid Refresh Token: User Banned").into());
    }

    let refresh_token = if row.revoked.unwrap_or(false) {
        let revoked_at = row.updated_at.unwrap_or(DateTime::<Utc>::MIN_UTC);
        let within_interval = chrono::Duration::from_std(reuse_interval)
            .ok()
            .and_then(|interval| revoked_at.checked_add_signed(interval))
            .is_some_and(|until| Utc::now() <= until);
        let current: Option<String> = if within_interval {
            sqlx::query_scalar(
                "select token from auth.refresh_tokens where session_id = $1 and not coalesce(revoked, false)
                 order by id desc limit 1",
            )
            .bind(session_id)
            .fetch_optional(&mut *conn)
            .await?
        } else {
            None
        };
        match current {
            Some(current) => current,
            None => {
                sqlx::query(
                    "update auth.refresh_tokens set revoked = true, updated_at = now()
                     where session_id = $1 and not coalesce(revoked, false)",
                )
                .bind(session_id)
                .execute(&mut *conn)
                .await?;
                tracing::warn!(%session_id, "refresh token reused after rotation: the session's tokens are revoked");
                return Err(RefreshFailure::Reuse(AuthError::bad_request(
                    "refresh_token_already_used",
                    "Invalid Refresh Token: Already Used",
                )));
            }
        }
    } else {
        sqlx::query("update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1")
            .bind(&row.token)
            .execute(&mut *conn)
            .await?;
        insert_refresh_token(&mut *conn, user_id, session_id, Some(&row.token)).await?
    };
    sqlx::query("update auth.sessions set refreshed_at = now() at time zone 'utc', updated_at = now() where id = $1")
        .bind(session_id)
        .execute(&mut *conn)
        .await?;
    Ok(Refreshed { user, issued: Issued { session_id, refresh_token } })
}

pub enum RefreshFailure {
    /// Roll back.
    Error(AuthError),
    /// Commit (the session's tokens were revoked), then answer with the error.
    Reuse(AuthError),
}

impl From<AuthError> for RefreshFailure {
    fn from(err: AuthError) -> RefreshFailure {
        RefreshFailure::Error(err)
    }
}

impl From<sqlx::Error> for RefreshFailure {
    fn from(err: sqlx::Error) -> RefreshFailure {
        RefreshFailure::Error(err.into())
    }
}

/// The session response of shared/LOCAL_STACK.md §2.2 for a session just started or
/// refreshed: a fresh access token, the refresh token and the user with identities.
pub async fn session_response(
    conn: &mut PgConnection,
    config: &AuthConfig,
    user_id: Uuid,
    issued: &Issued,
) -> Result<Value, AuthError> {
    let user = users::find_by_id(&mut *conn, user_id)
        .await?
        .ok_or_else(|| AuthError::internal("session response", "the user vanished"))?;
    let identities = users::identities(&mut *conn, user_id).await?;
    let amr = amr(&mut *conn, issued.session_id).await?;
    let (access_token, claims) = access_token(config, &user, issued.session_id, amr)?;
    Ok(json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": claims.exp - claims.iat,
        "expires_at": claims.exp,
        "refresh_token": issued.refresh_token,
        "user": users::user_json(&user, &identities),
    }))
}

async fn amr(db: impl PgExecutor<'_>, session_id: Uuid) -> Result<Vec<AmrEntry>, sqlx::Error> {
    let rows: Vec<(String, DateTime<Utc>)> = sqlx::query_as(
        "select authentication_method, updated_at from auth.mfa_amr_claims where session_id = $1
         order by updated_at desc",
    )
    .bind(session_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(method, at)| AmrEntry { method, timestamp: at.timestamp() }).collect())
}

/// Signs an access token for `user` in `session_id`.
pub fn access_token(
    config: &AuthConfig,
    user: &UserRow,
    session_id: Uuid,
    amr: Vec<AmrEntry>,
) -> Result<(String, AccessClaims), AuthError> {
    let iat = Utc::now().timestamp();
    let lifetime = i64::try_from(config.jwt_expiry.as_secs()).unwrap_or(3600);
    let claims = AccessClaims {
        iss: config.issuer(),
        sub: user.id.to_string(),
        aud: user.aud.clone().unwrap_or_else(|| users::AUDIENCE.to_owned()),
        exp: iat + lifetime,
        iat,
        email: user.email().to_owned(),
        phone: user.phone.clone().unwrap_or_default(),
        app_metadata: user.app_metadata(),
        user_metadata: user.user_metadata(),
        role: user.role.clone().unwrap_or_else(|| users::AUDIENCE.to_owned()),
        aal: "aal1".to_owned(),
        amr,
        session_id: session_id.to_string(),
        is_anonymous: user.is_anonymous,
    };
    let token = config.signing_key.sign(&claims).map_err(|err| AuthError::internal("cannot sign a token", err))?;
    Ok((token, claims))
}

/// The claims of a bearer token this server signed: ES256 with our key, not expired,
/// our issuer, audience `authenticated`. GoTrue answers 403 `bad_jwt` otherwise.
pub fn verify_access_token(config: &AuthConfig, token: &str) -> Result<AccessClaims, AuthError> {
    let mut validation = Validation::new(Algorithm::ES256);
    validation.leeway = 0;
    validation.set_audience(&[users::AUDIENCE]);
    validation.set_issuer(&[config.issuer()]);
    validation.set_required_spec_claims(&["exp", "sub", "aud", "iss"]);
    let header = jsonwebtoken::decode_header(token).map_err(bad_jwt)?;
    if header.kid.as_deref() != Some(config.signing_key.kid()) {
        return Err(bad_jwt("unknown signing key"));
    }
    config.signing_key.verify(token, &validation).map_err(bad_jwt)
}

fn bad_jwt(err: impl std::fmt::Display) -> AuthError {
    AuthError::forbidden("bad_jwt", format!("invalid JWT: unable to parse or verify signature, {err}"))
}

pub async fn session_exists(db: impl PgExecutor<'_>, session_id: Uuid, user_id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select exists (select 1 from auth.sessions where id = $1 and user_id = $2)")
        .bind(session_id)
        .bind(user_id)
        .fetch_one(db)
        .await
}

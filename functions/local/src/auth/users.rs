//! `auth.users` and `auth.identities` rows, and the User object GoTrue answers with
//! (`internal/models/user.go` JSON tags; shared/LOCAL_STACK.md §2.2).

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};
use sqlx::{FromRow, PgExecutor};
use uuid::Uuid;

use super::errors::AuthError;

/// GoTrue's instance id for every row.
pub const INSTANCE_ID: Uuid = Uuid::nil();
pub const AUDIENCE: &str = "authenticated";

#[derive(Clone, Debug, FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub aud: Option<String>,
    pub role: Option<String>,
    pub email: Option<String>,
    pub encrypted_password: Option<String>,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub invited_at: Option<DateTime<Utc>>,
    pub confirmation_sent_at: Option<DateTime<Utc>>,
    pub recovery_sent_at: Option<DateTime<Utc>>,
    pub email_change: Option<String>,
    pub email_change_sent_at: Option<DateTime<Utc>>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub raw_app_meta_data: Option<Value>,
    pub raw_user_meta_data: Option<Value>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub phone: Option<String>,
    pub phone_confirmed_at: Option<DateTime<Utc>>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub banned_until: Option<DateTime<Utc>>,
    pub is_anonymous: bool,
}

/// The columns of [`UserRow`], for `select … from auth.users`.
pub const USER_COLUMNS: &str = "id, aud, role, email, encrypted_password, email_confirmed_at, invited_at, \
    confirmation_sent_at, recovery_sent_at, email_change, email_change_sent_at, last_sign_in_at, \
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at, phone, phone_confirmed_at, confirmed_at, \
    banned_until, is_anonymous";

impl UserRow {
    pub fn email(&self) -> &str {
        self.email.as_deref().unwrap_or_default()
    }

    pub fn is_confirmed(&self) -> bool {
        self.email_confirmed_at.is_some()
    }

    pub fn is_banned(&self) -> bool {
        self.banned_until.is_some_and(|until| until > Utc::now())
    }

    pub fn app_metadata(&self) -> Value {
        self.raw_app_meta_data.clone().filter(Value::is_object).unwrap_or_else(|| json!({}))
    }

    pub fn user_metadata(&self) -> Value {
        self.raw_user_meta_data.clone().filter(Value::is_object).unwrap_or_else(|| json!({}))
    }
}

#[derive(Clone, Debug, FromRow)]
pub struct IdentityRow {
    pub id: Uuid,
    pub provider_id: String,
    pub user_id: Uuid,
    pub identity_data: Value,
    pub provider: String,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub email: Option<String>,
}

pub async fn find_by_id(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("select {USER_COLUMNS} from auth.users where id = $1 and deleted_at is null"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// By normalised address (see [`normalize_email`]).
pub async fn find_by_email(db: impl PgExecutor<'_>, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {USER_COLUMNS} from auth.users
         where lower(email) = $1 and is_sso_user = false and deleted_at is null"
    ))
    .bind(email)
    .fetch_optional(db)
    .await
}

/// Locks the user's row for the rest of the transaction.
pub async fn lock(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("select {USER_COLUMNS} from auth.users where id = $1 and deleted_at is null for update"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn identities(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<Vec<IdentityRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
         from auth.identities where user_id = $1 order by created_at, id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// The User object, as `GET /user` answers and sessions embed it.
pub fn user_json(user: &UserRow, identities: &[IdentityRow]) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(user.id));
    out.insert("aud".into(), json!(user.aud.as_deref().unwrap_or(AUDIENCE)));
    out.insert("role".into(), json!(user.role.as_deref().unwrap_or(AUDIENCE)));
    out.insert("email".into(), json!(user.email()));
    put_time(&mut out, "email_confirmed_at", user.email_confirmed_at);
    out.insert("phone".into(), json!(user.phone.as_deref().unwrap_or_default()));
    put_time(&mut out, "phone_confirmed_at", user.phone_confirmed_at);
    put_time(&mut out, "invited_at", user.invited_at);
    put_time(&mut out, "confirmation_sent_at", user.confirmation_sent_at);
    put_time(&mut out, "confirmed_at", user.confirmed_at);
    put_time(&mut out, "recovery_sent_at", user.recovery_sent_at);
    if let Some(new_email) = user.email_change.as_deref().filter(|e| !e.is_empty()) {
        out.insert("new_email".into(), json!(new_email));
    }
    put_time(&mut out, "email_change_sent_at", user.email_change_sent_at);
    put_time(&mut out, "last_sign_in_at", user.last_sign_in_at);
    out.insert("app_metadata".into(), user.app_metadata());
    out.insert("user_metadata".into(), user.user_metadata());
    out.insert("identities".into(), Value::Array(identities.iter().map(identity_json).collect()));
    put_time(&mut out, "created_at", user.created_at);
    put_time(&mut out, "updated_at", user.updated_at);
    put_time(&mut out, "banned_until", user.banned_until);
    out.insert("is_anonymous".into(), json!(user.is_anonymous));
    Value::Object(out)
}

fn identity_json(identity: &IdentityRow) -> Value {
    let mut out = Map::new();
    out.insert("identity_id".into(), json!(identity.id));
    out.insert("id".into(), json!(identity.provider_id));
    out.insert("user_id".into(), json!(identity.user_id));
    out.insert("identity_data".into(), identity.identity_data.clone());
    out.insert("provider".into(), json!(identity.provider));
    put_time(&mut out, "last_sign_in_at", identity.last_sign_in_at);
    put_time(&mut out, "created_at", identity.created_at);
    put_time(&mut out, "updated_at", identity.updated_at);
    if let Some(email) = &identity.email {
        out.insert("email".into(), json!(email));
    }
    Value::Object(out)
}

fn put_time(out: &mut Map<String, Value>, key: &str, time: Option<DateTime<Utc>>) {
    if let Some(time) = time {
        out.insert(key.into(), json!(timestamp(time)));
    }
}

/// RFC 3339 with microseconds, as Go prints Postgres timestamps.
pub fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// GoTrue's obfuscated user for a sign-up to an address that is already confirmed while
/// confirmations are on: random id, no identities, so the answer does not reveal that the
/// account exists (`sanitizeUser`, signup.go).
pub fn obfuscated_user_json(email: &str, data: &Value) -> Value {
    let now = timestamp(Utc::now());
    json!({
        "id": Uuid::new_v4(),
        "aud": AUDIENCE,
        "role": "",
        "email": email,
        "phone": "",
        "confirmation_sent_at": now,
        "app_metadata": {"provider": "email", "providers": ["email"]},
        "user_metadata": data,
        "identities": [],
        "created_at": now,
        "updated_at": now,
        "is_anonymous": false,
    })
}

/// Trimmed and lower-cased, then checked: GoTrue's `email_address_invalid` otherwise.
pub fn normalize_email(raw: &str) -> Result<String, AuthError> {
    shop::account::email::normalize(raw).ok_or_else(|| {
        AuthError::bad_request("email_address_invalid", "Unable to validate email address: invalid format")
    })
}

/// `data` of a request: an object, or absent/null (then `{}`).
pub fn metadata_object(data: Option<Value>, field: &str) -> Result<Map<String, Value>, AuthError> {
    match data {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(AuthError::bad_request(
            "bad_json",
            format!("Could not parse request body as JSON: {field} must be an object"),
        )),
    }
}

/// GoTrue's metadata update: top-level keys set, `null` values removed.
pub fn merge_metadata(current: &Value, changes: Map<String, Value>) -> Value {
    let mut merged = current.as_object().cloned().unwrap_or_default();
    for (key, value) in changes {
        if value.is_null() {
            merged.remove(&key);
        } else {
            merged.insert(key, value);
        }
    }
    Value::Object(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_normalised_and_checked() {
        assert_eq!(
            normalize_email("  Budi.Santoso+shop@Example.CO.id ").expect("valid"),
            "budi.santoso+shop@example.co.id"
        );
        for bad in [
            "",
            "budi",
            "budi@",
            "@example.com",
            "budi@example",
            "bu di@example.com",
            "budi@exa_mple.com",
            "a..b@example.com",
            "budi@-x.com",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn metadata_merges_like_gotrue() {
        let merged = merge_metadata(
            &json!({"display_name": "Budi", "whatsapp": "+62812", "keep": 1}),
            serde_json::from_value(json!({"display_name": "Budi S", "whatsapp": null})).expect("map"),
        );
        assert_eq!(merged, json!({"display_name": "Budi S", "keep": 1}));
    }
}

//! Provider adapters: how an INVITE order's seat is actually given. One interface, one file
//! per adapter; adding a provider means adding its file, one line in [`build`] and one name
//! in [`ADAPTERS`] (and in the `providers_adapter_known` CHECK, by a migration). See
//! docs/providers.md.
//!
//! An adapter is built per provider from its decrypted settings (`providers.config_ciphertext`,
//! JSON). Its errors say what the job should do next: try again later ([`ProviderError::Retry`]),
//! try another pool account ([`ProviderError::Account`]), or give up and hand the order to the
//! admin ([`ProviderError::Permanent`]). The job never holds a database transaction across
//! an adapter call. Error reasons are short (at most 300 characters) and never carry a
//! secret: they are stored as the job's last error and shown to the admin.

pub mod http;
pub mod manual;
pub mod simulated;

use std::{sync::Arc, time::Duration};

use serde_json::Value;
use uuid::Uuid;
use zeroize::Zeroizing;

/// One invitation to send: the seat an order bought, on one pool account.
#[derive(Debug)]
pub struct InviteRequest<'a> {
    /// Stable across retries of this invitation (the same account): the provider's
    /// idempotency key.
    pub invitation_id: Uuid,
    pub order_id: Uuid,
    pub order_number: &'a str,
    pub provider_slug: &'a str,
    pub plan: &'a str,
    /// The buyer's answers to the product's input fields, e.g. `{"email": "…"}`.
    pub target: &'a Value,
    /// 1 for the order's first invitation, 2 for the next one (another account or a retry)…
    pub attempt: u32,
    pub account: AccountCredentials<'a>,
}

/// The pool account the invitation is sent from.
pub struct AccountCredentials<'a> {
    pub id: Uuid,
    pub label: &'a str,
    /// The decrypted credentials (`provider_accounts.credentials_ciphertext`); wiped on drop.
    pub credentials: &'a Zeroizing<String>,
}

impl std::fmt::Debug for AccountCredentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountCredentials").field("id", &self.id).field("label", &self.label).finish_non_exhaustive()
    }
}

/// What became of an invitation the provider accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteOutcome {
    /// The invitation is on its way to the buyer. `reference`: the provider's id for it;
    /// `note`: something for the buyer (e.g. "accept the invitation from …"), never a secret.
    Sent { reference: Option<String>, note: Option<String> },
    /// A person must send it (the `manual` adapter): the job waits for an admin to confirm.
    AwaitingAdmin,
}

/// The state of an invitation the provider already has, for adapters that can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteState {
    Pending,
    Accepted,
    Revoked,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// A temporary failure (timeout, 5xx, rate limit): the same job tries again later, with
    /// backoff; `retry_after` when the provider said how long to wait.
    #[error("temporary provider failure: {reason}")]
    Retry { reason: String, retry_after: Option<Duration> },
    /// Something is wrong with this pool account (bad credentials, seats full at the
    /// provider, suspended): the account cools down and the job moves to another one.
    #[error("pool account problem: {reason}")]
    Account { reason: String },
    /// No retry will help (the target email is refused, the plan does not exist): the
    /// order goes to the admin with this reason.
    #[error("permanent provider failure: {reason}")]
    Permanent { reason: String },
    /// The adapter cannot do this (e.g. `check` on `manual`).
    #[error("not supported by this adapter")]
    Unsupported,
}

#[async_trait::async_trait]
pub trait ProviderAdapter: Send + Sync {
    /// The adapter's name, as in `providers.adapter`.
    fn name(&self) -> &'static str;

    /// Sends the invitation. Must be safe to call again with the same `invitation_id`.
    async fn invite(&self, request: &InviteRequest<'_>) -> Result<InviteOutcome, ProviderError>;

    /// Where the invitation stands at the provider, if the adapter can tell.
    async fn check(
        &self,
        _request: &InviteRequest<'_>,
        _reference: Option<&str>,
    ) -> Result<InviteState, ProviderError> {
        Err(ProviderError::Unsupported)
    }

    /// Takes the seat back (a refund, an abuse case), if the adapter can.
    async fn revoke(&self, _request: &InviteRequest<'_>, _reference: Option<&str>) -> Result<(), ProviderError> {
        Err(ProviderError::Unsupported)
    }
}

/// The adapters [`build`] knows, as in the `providers_adapter_known` CHECK.
pub const ADAPTERS: &[&str] = &["manual", "http", "simulated"];

/// The adapter named `adapter`, built from the provider's decrypted settings (`{}` or `null`
/// when it has none). The registry: one line per adapter. Invalid settings are an error that
/// names the setting and never quotes a secret. Build once per provider and reuse it: the
/// `http` adapter holds a connection pool.
pub fn build(adapter: &str, settings: &Value) -> Result<Arc<dyn ProviderAdapter>, String> {
    let adapter: Arc<dyn ProviderAdapter> = match adapter {
        "manual" => Arc::new(manual::Manual::from_settings(settings).map_err(invalid("manual"))?),
        "http" => Arc::new(http::Http::from_settings(settings).map_err(invalid("http"))?),
        "simulated" => Arc::new(simulated::Simulated::from_settings(settings).map_err(invalid("simulated"))?),
        other => return Err(format!("unknown provider adapter {other:?}")),
    };
    Ok(adapter)
}

fn invalid(adapter: &'static str) -> impl Fn(String) -> String {
    move |problem| format!("invalid settings for the {adapter} adapter: {problem}")
}

/// The settings as an object (`null` reads as `{}`), refusing keys the adapter does not know,
/// so that a typo ("timeout" for "timeout_ms") is an error instead of a silent default.
fn settings_object<'a>(
    settings: &'a Value,
    known: &[&str],
) -> Result<std::borrow::Cow<'a, serde_json::Map<String, Value>>, String> {
    let map = match settings {
        Value::Null => return Ok(std::borrow::Cow::Owned(serde_json::Map::new())),
        Value::Object(map) => map,
        _ => return Err("settings must be a JSON object".to_owned()),
    };
    if let Some(unknown) = map.keys().find(|key| !known.contains(&key.as_str())) {
        let unknown: String = unknown.chars().take(40).collect();
        return Err(format!("unknown setting {unknown:?} (known: {})", known.join(", ")));
    }
    Ok(std::borrow::Cow::Borrowed(map))
}

/// The whole number `key` of `settings`, `default` when absent, within `range`.
fn settings_number(
    settings: &serde_json::Map<String, Value>,
    key: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, String> {
    match settings.get(key) {
        None => Ok(default),
        Some(value) => value
            .as_u64()
            .filter(|n| range.contains(n))
            .ok_or_else(|| format!("{key} must be a whole number from {} to {}", range.start(), range.end())),
    }
}

/// `text` cut to at most `max` characters, with "…" when something was cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// An invitation for the adapters' tests, owning what [`InviteRequest`] borrows.
#[cfg(test)]
pub(crate) struct TestInvite {
    pub invitation_id: Uuid,
    pub order_id: Uuid,
    pub account_id: Uuid,
    pub target: Value,
    pub credentials: Zeroizing<String>,
    pub attempt: u32,
}

#[cfg(test)]
impl TestInvite {
    pub fn to(email: &str) -> TestInvite {
        TestInvite {
            invitation_id: Uuid::new_v4(),
            order_id: Uuid::new_v4(),
            account_id: Uuid::new_v4(),
            target: serde_json::json!({ "email": email }),
            credentials: Zeroizing::new(
                r#"{"email":"owner@tim-a.example","password":"Hunter2-sangat-rahasia"}"#.to_owned(),
            ),
            attempt: 1,
        }
    }

    pub fn attempt(mut self, attempt: u32) -> TestInvite {
        self.attempt = attempt;
        self
    }

    pub fn request(&self) -> InviteRequest<'_> {
        InviteRequest {
            invitation_id: self.invitation_id,
            order_id: self.order_id,
            order_number: "RP2611267K3M9Q",
            provider_slug: "chatgpt-team",
            plan: "team-monthly",
            target: &self.target,
            attempt: self.attempt,
            account: AccountCredentials { id: self.account_id, label: "Tim A", credentials: &self.credentials },
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn build_knows_every_adapter_with_empty_settings_except_http() {
        for name in ADAPTERS {
            let built = build(name, &json!({}));
            if *name == "http" {
                assert!(built.is_err(), "http needs a url and a secret");
            } else {
                assert_eq!(built.map(|a| a.name()).ok(), Some(*name));
            }
        }
        assert_eq!(build("manual", &Value::Null).map(|a| a.name()).ok(), Some("manual"));
    }

    #[test]
    fn build_names_an_unknown_adapter() {
        let err = build("carrier-pigeon", &json!({})).err();
        assert_eq!(err.as_deref(), Some("unknown provider adapter \"carrier-pigeon\""));
    }

    #[test]
    fn build_says_which_setting_is_wrong() {
        let err = build("manual", &json!({"expected_minute": 5})).err().unwrap_or_default();
        assert!(
            err.starts_with("invalid settings for the manual adapter: unknown setting \"expected_minute\""),
            "{err}"
        );
        let err = build("simulated", &json!([])).err().unwrap_or_default();
        assert_eq!(err, "invalid settings for the simulated adapter: settings must be a JSON object");
    }

    #[test]
    fn truncate_keeps_short_text_and_marks_a_cut() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(truncate("ééééé", 4).chars().count(), 4);
    }
}

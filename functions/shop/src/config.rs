//! Typed configuration, read once from the environment. Every variable is documented in
//! `.env.example`; a missing or malformed one is named in the error. Secrets are wrapped so
//! that `Debug` never prints them.

use std::{env, fmt};

use anyhow::{bail, Context};

use crate::{
    crypto::{FingerprintKey, Keyring},
    tokopay::TokopayConfig,
};

#[derive(Clone)]
pub struct Config {
    /// `DATABASE_URL`: where Postgres is. In production, Supabase's pooler in transaction mode.
    pub database_url: Secret,
    /// `DATABASE_POOL_SIZE`: connections per process (default 10; 1–2 on Lambda).
    pub database_pool_size: u32,
    /// `DATABASE_PREPARED_STATEMENTS`: `true` for a direct or session-mode connection,
    /// `false` (the default, always safe) behind a transaction-mode pooler such as
    /// Supabase's on port 6543.
    pub database_prepared_statements: bool,
    /// `ENCRYPTION_KEYS`: `id:base64key[,id:base64key…]`, 32-byte AES-256 keys, the first one
    /// encrypts, all decrypt (so older keys keep working after a rotation).
    pub keyring: Keyring,
    /// `FINGERPRINT_KEY`: base64 32-byte HMAC key for duplicate detection of stock secrets.
    pub fingerprint_key: FingerprintKey,
    /// `SUPABASE_URL`: the Supabase project (`https://<ref>.supabase.co`, or the local
    /// stack's address). Access tokens are verified against its Auth's JWKS
    /// (`<url>/auth/v1/.well-known/jwks.json`) and must be issued by `<url>/auth/v1`.
    pub supabase_url: String,
    /// `SUPABASE_JWT_SECRET`: only for a project still signing with the legacy shared
    /// secret (HS256). Unset, HS256 tokens are refused.
    pub supabase_jwt_secret: Option<Secret>,
    /// `TOKOPAY_*`: the payment gateway (see `crate::tokopay::TokopayConfig`).
    pub tokopay: TokopayConfig,
    /// `CHECKOUT_*`: invoice lifetime and the unpaid-order cap.
    pub checkout: CheckoutSettings,
    /// `SMTP_URL`, `MAIL_FROM`, `WHATSAPP_GATEWAY_*`, `SHOP_PUBLIC_URL`, `ADMIN_*`,
    /// `SUPPORT_*`: the notifications (see `crate::notify::NotifyConfig`), all optional.
    pub notify: crate::notify::NotifyConfig,
    /// `FULFILLMENT_*`, `POOL_*`: the job queue's and the account pool's timings.
    pub fulfillment: crate::fulfillment::FulfillmentSettings,
}

#[derive(Clone, Debug)]
pub struct CheckoutSettings {
    /// `CHECKOUT_INVOICE_TTL_SECONDS` (default 900, 60–86400): how long a QRIS invoice, and
    /// the reservation of what its order needs, lives.
    pub invoice_ttl: std::time::Duration,
    /// `CHECKOUT_MAX_UNPAID_ORDERS` (default 3, 1–100): unpaid orders one buyer (by email,
    /// account or IP address) may hold at once.
    pub max_unpaid_orders: i64,
    /// `CHECKOUT_MAX_UNPAID_ORDERS_PER_IP` (default 10, 0 = no limit): unpaid orders from
    /// one IP address. Higher than the buyer's cap because mobile carriers put many
    /// people behind one address.
    pub max_unpaid_orders_per_ip: i64,
}

impl CheckoutSettings {
    fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<CheckoutSettings> {
        let number = |name: &str, default: u64, range: std::ops::RangeInclusive<u64>| -> anyhow::Result<u64> {
            match lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
                None => Ok(default),
                Some(v) => v.parse::<u64>().ok().filter(|n| range.contains(n)).with_context(|| {
                    format!("{name} must be a whole number {}–{}, got {v:?}", range.start(), range.end())
                }),
            }
        };
        Ok(CheckoutSettings {
            invoice_ttl: std::time::Duration::from_secs(number("CHECKOUT_INVOICE_TTL_SECONDS", 900, 60..=86_400)?),
            max_unpaid_orders: number("CHECKOUT_MAX_UNPAID_ORDERS", 3, 1..=100)? as i64,
            max_unpaid_orders_per_ip: number("CHECKOUT_MAX_UNPAID_ORDERS_PER_IP", 10, 0..=10_000)? as i64,
        })
    }
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        Config::from_lookup(|name| env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so that tests and the local stack can
    /// supply values without touching the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let required = |name: &str| -> anyhow::Result<String> {
            match lookup(name) {
                Some(v) if !v.trim().is_empty() => Ok(v),
                _ => bail!("environment variable {name} is not set (see .env.example)"),
            }
        };
        let database_pool_size = match lookup("DATABASE_POOL_SIZE") {
            None => 10,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=200).contains(n))
                .with_context(|| format!("DATABASE_POOL_SIZE must be 1–200, got {v:?}"))?,
        };
        let database_prepared_statements = match lookup("DATABASE_PREPARED_STATEMENTS").as_deref().map(str::trim) {
            None | Some("") | Some("false") => false,
            Some("true") => true,
            Some(other) => bail!("DATABASE_PREPARED_STATEMENTS must be true or false, got {other:?}"),
        };
        Ok(Config {
            database_url: Secret(required("DATABASE_URL")?),
            database_pool_size,
            database_prepared_statements,
            keyring: Keyring::parse(&required("ENCRYPTION_KEYS")?).context("ENCRYPTION_KEYS is invalid")?,
            fingerprint_key: FingerprintKey::parse(&required("FINGERPRINT_KEY")?)
                .context("FINGERPRINT_KEY is invalid")?,
            supabase_url: parse_supabase_url(&required("SUPABASE_URL")?)?,
            supabase_jwt_secret: lookup("SUPABASE_JWT_SECRET")
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .map(Secret),
            tokopay: TokopayConfig::from_lookup(&lookup).context("Tokopay configuration")?,
            checkout: CheckoutSettings::from_lookup(&lookup)?,
            notify: crate::notify::NotifyConfig::from_lookup(&lookup).context("notification configuration")?,
            fulfillment: crate::fulfillment::FulfillmentSettings::from_lookup(&lookup)?,
        })
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &self.database_url)
            .field("database_pool_size", &self.database_pool_size)
            .field("database_prepared_statements", &self.database_prepared_statements)
            .field("keyring", &self.keyring)
            .field("supabase_url", &self.supabase_url)
            .field("supabase_jwt_secret", &self.supabase_jwt_secret)
            .field("tokopay", &self.tokopay)
            .field("checkout", &self.checkout)
            .field("notify", &self.notify)
            .field("fulfillment", &self.fulfillment)
            .finish_non_exhaustive()
    }
}

/// `https://<ref>.supabase.co` without a trailing slash; http only for loopback addresses.
fn parse_supabase_url(value: &str) -> anyhow::Result<String> {
    let trimmed = value.trim().trim_end_matches('/');
    let (scheme, rest) = trimmed.split_once("://").context("SUPABASE_URL must start with https://")?;
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    match scheme {
        "https" if !host.is_empty() => Ok(trimmed.to_owned()),
        "http" if loopback => Ok(trimmed.to_owned()),
        _ => bail!("SUPABASE_URL must be https://<project>.supabase.co (http only for localhost), got {value:?}"),
    }
}

/// A string that never shows itself in logs.
#[derive(Clone)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

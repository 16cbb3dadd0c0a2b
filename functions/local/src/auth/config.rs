//! The local Auth server's settings, read through a lookup (the environment, then
//! `secrets.env`). Every variable and its default is listed in [`AuthConfig::from_lookup`].

use std::time::Duration;

use anyhow::{bail, Context};

use super::keys::{SigningKey, ANON_KEY_VAR, KEY_ID_VAR, SIGNING_KEY_VAR};

#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// Where the server is reached (`http://localhost:8080`): the Auth API is under
    /// `<public_url>/auth/v1`, which is also the tokens' issuer and the base of mailed links.
    pub public_url: String,
    /// `AUTH_SITE_URL`: where links land when no allowed `redirect_to` is given (default:
    /// the public URL, which serves the shop).
    pub site_url: String,
    /// `SUPABASE_ANON_KEY`: the publishable key every request must carry (`apikey`).
    pub anon_key: String,
    /// `AUTH_JWT_SIGNING_KEY` + `AUTH_JWT_KEY_ID`.
    pub signing_key: SigningKey,
    /// `AUTH_JWT_EXPIRY`: access-token lifetime in seconds (3600).
    pub jwt_expiry: Duration,
    /// `AUTH_EMAIL_CONFIRMATIONS`: `true` makes new accounts confirm their address first;
    /// `false` (default, like the Supabase CLI) confirms them at sign-up.
    pub email_confirmations: bool,
    /// `AUTH_BCRYPT_COST`: 10 as GoTrue; tests lower it.
    pub bcrypt_cost: u32,
    /// `AUTH_OTP_EXPIRY`: how long a mailed link or code is valid, in seconds (3600).
    pub otp_expiry: Duration,
    /// `AUTH_REFRESH_TOKEN_REUSE_INTERVAL`: seconds during which an already rotated refresh
    /// token still yields the session's current one (two tabs refreshing at once, a lost
    /// response). Later reuse revokes the session's tokens (10, GoTrue's default).
    pub refresh_token_reuse_interval: Duration,
    pub rate_limits: RateLimits,
}

/// Request limits, GoTrue's kinds. A limit of 0 switches that limit off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateLimits {
    /// `AUTH_RATE_LIMIT_SIGN_IN_SIGN_UPS`: password sign-ins and sign-ups per client IP per
    /// 5 minutes (30).
    pub sign_in_sign_ups_per_ip: u32,
    /// `AUTH_RATE_LIMIT_SIGN_IN_PER_EMAIL`: password sign-ins and sign-ups per address per
    /// 5 minutes (10), against password guessing spread over many IPs.
    pub sign_in_per_email: u32,
    /// `AUTH_RATE_LIMIT_EMAIL_SENT`: mails (confirmation, recovery, email change) requested
    /// per client IP per hour (30).
    pub email_sent_per_ip: u32,
    /// `AUTH_RATE_LIMIT_EMAIL_INTERVAL`: seconds between two mails to one address (60).
    pub email_interval: Duration,
    /// `AUTH_RATE_LIMIT_TOKEN_REFRESH`: refresh-token grants per client IP per 5 minutes (150).
    pub token_refresh_per_ip: u32,
    /// `AUTH_RATE_LIMIT_VERIFY`: `/verify` calls per client IP per 5 minutes (30).
    pub verify_per_ip: u32,
}

impl Default for RateLimits {
    fn default() -> RateLimits {
        RateLimits {
            sign_in_sign_ups_per_ip: 30,
            sign_in_per_email: 10,
            email_sent_per_ip: 30,
            email_interval: Duration::from_secs(60),
            token_refresh_per_ip: 150,
            verify_per_ip: 30,
        }
    }
}

impl RateLimits {
    /// No per-IP limit (every request of a test suite comes from 127.0.0.1); the
    /// per-address ones stay as configured.
    pub fn without_ip_limits(self) -> RateLimits {
        RateLimits {
            sign_in_sign_ups_per_ip: 0,
            email_sent_per_ip: 0,
            token_refresh_per_ip: 0,
            verify_per_ip: 0,
            ..self
        }
    }
}

impl AuthConfig {
    /// Reads the settings; `public_url` is where this server is reached.
    pub fn from_lookup(public_url: &str, lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<AuthConfig> {
        let get = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let required = |name: &str| {
            get(name).with_context(|| format!("{name} is not set (ruangpremium dev writes it to secrets.env)"))
        };
        let seconds = |name: &str, default: u64| -> anyhow::Result<Duration> {
            Ok(Duration::from_secs(number(name, get(name), default)?))
        };
        let count = |name: &str, default: u32| -> anyhow::Result<u32> {
            let value = number(name, get(name), u64::from(default))?;
            u32::try_from(value).with_context(|| format!("{name} is too large"))
        };
        let public_url = public_url.trim_end_matches('/').to_owned();
        let site_url = match get("AUTH_SITE_URL") {
            Some(url) => {
                url::Url::parse(&url).with_context(|| format!("AUTH_SITE_URL is not a URL: {url:?}"))?;
                url.trim_end_matches('/').to_owned()
            }
            None => public_url.clone(),
        };
        let signing_key = SigningKey::from_base64_pkcs8(&required(SIGNING_KEY_VAR)?, &required(KEY_ID_VAR)?)
            .with_context(|| format!("{SIGNING_KEY_VAR} is invalid"))?;
        let bcrypt_cost = count("AUTH_BCRYPT_COST", 10)?;
        if !(4..=31).contains(&bcrypt_cost) {
            bail!("AUTH_BCRYPT_COST must be 4–31, got {bcrypt_cost}");
        }
        let jwt_expiry = seconds("AUTH_JWT_EXPIRY", 3600)?;
        if jwt_expiry.is_zero() {
            bail!("AUTH_JWT_EXPIRY must be at least 1 second");
        }
        let defaults = RateLimits::default();
        Ok(AuthConfig {
            site_url,
            anon_key: required(ANON_KEY_VAR)?,
            signing_key,
            jwt_expiry,
            email_confirmations: boolean("AUTH_EMAIL_CONFIRMATIONS", get("AUTH_EMAIL_CONFIRMATIONS"))?,
            bcrypt_cost,
            otp_expiry: seconds("AUTH_OTP_EXPIRY", 3600)?,
            refresh_token_reuse_interval: seconds("AUTH_REFRESH_TOKEN_REUSE_INTERVAL", 10)?,
            rate_limits: RateLimits {
                sign_in_sign_ups_per_ip: count("AUTH_RATE_LIMIT_SIGN_IN_SIGN_UPS", defaults.sign_in_sign_ups_per_ip)?,
                sign_in_per_email: count("AUTH_RATE_LIMIT_SIGN_IN_PER_EMAIL", defaults.sign_in_per_email)?,
                email_sent_per_ip: count("AUTH_RATE_LIMIT_EMAIL_SENT", defaults.email_sent_per_ip)?,
                email_interval: seconds("AUTH_RATE_LIMIT_EMAIL_INTERVAL", defaults.email_interval.as_secs())?,
                token_refresh_per_ip: count("AUTH_RATE_LIMIT_TOKEN_REFRESH", defaults.token_refresh_per_ip)?,
                verify_per_ip: count("AUTH_RATE_LIMIT_VERIFY", defaults.verify_per_ip)?,
            },
            public_url,
        })
    }

    /// `<public_url>/auth/v1`: the API's base and the tokens' `iss`.
    pub fn issuer(&self) -> String {
        format!("{}/auth/v1", self.public_url)
    }
}

fn number(name: &str, value: Option<String>, default: u64) -> anyhow::Result<u64> {
    match value {
        None => Ok(default),
        Some(v) => v.parse().with_context(|| format!("{name} must be a whole number, got {v:?}")),
    }
}

fn boolean(name: &str, value: Option<String>) -> anyhow::Result<bool> {
    match value.as_deref() {
        None | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(other) => bail!("{name} must be true or false, got {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup_with(extra: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        let (key, kid) = SigningKey::generate().expect("key");
        move |name: &str| match name {
            SIGNING_KEY_VAR => Some(key.clone()),
            KEY_ID_VAR => Some(kid.clone()),
            ANON_KEY_VAR => Some("sb_publishable_x".into()),
            _ => extra.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned()),
        }
    }

    #[test]
    fn defaults_follow_gotrue() {
        let config = AuthConfig::from_lookup("http://localhost:8080/", lookup_with(&[])).expect("config");
        assert_eq!(config.issuer(), "http://localhost:8080/auth/v1");
        assert_eq!(config.site_url, "http://localhost:8080");
        assert!(!config.email_confirmations);
        assert_eq!(config.bcrypt_cost, 10);
        assert_eq!(config.jwt_expiry, Duration::from_secs(3600));
        assert_eq!(config.rate_limits, RateLimits::default());
    }

    #[test]
    fn settings_are_read_and_bad_ones_named() {
        let config = AuthConfig::from_lookup(
            "http://localhost:1",
            lookup_with(&[("AUTH_EMAIL_CONFIRMATIONS", "true"), ("AUTH_RATE_LIMIT_SIGN_IN_SIGN_UPS", "0")]),
        )
        .expect("config");
        assert!(config.email_confirmations);
        assert_eq!(config.rate_limits.sign_in_sign_ups_per_ip, 0);
        let err = AuthConfig::from_lookup("http://localhost:1", lookup_with(&[("AUTH_BCRYPT_COST", "3")]))
            .expect_err("cost 3");
        assert!(format!("{err:#}").contains("AUTH_BCRYPT_COST"));
        let err = AuthConfig::from_lookup("http://localhost:1", lookup_with(&[("AUTH_EMAIL_CONFIRMATIONS", "yes")]))
            .expect_err("yes");
        assert!(format!("{err:#}").contains("AUTH_EMAIL_CONFIRMATIONS"));
        assert!(AuthConfig::from_lookup("http://localhost:1", |_| None).is_err());
    }
}

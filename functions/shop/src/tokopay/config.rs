//! `TOKOPAY_*` configuration, read through a lookup like `shop::Config`: a missing or
//! malformed variable is named in the error, and the secret never prints.

use std::{env, fmt, net::IpAddr, time::Duration};

use anyhow::{bail, Context};

use crate::config::Secret;

/// The channels a QRIS checkout may use.
const CHANNELS: [&str; 2] = ["QRIS", "QRISREALTIME"];

#[derive(Clone)]
pub struct TokopayConfig {
    /// `TOKOPAY_BASE_URL`, default `https://api.tokopay.id`, without a trailing slash;
    /// https required unless the host is a loopback address (the local simulator).
    pub base_url: String,
    /// `TOKOPAY_MERCHANT_ID` (required).
    pub merchant_id: String,
    /// `TOKOPAY_SECRET` (required).
    pub secret: Secret,
    /// `TOKOPAY_CHANNEL`, default `QRIS`; `QRIS` or `QRISREALTIME`.
    pub channel: String,
    /// `TOKOPAY_WEBHOOK_ALLOWED_IPS`, comma separated, default empty (no IP check).
    pub webhook_allowed_ips: Vec<IpAddr>,
    /// `TOKOPAY_TIMEOUT_MS`, default 8000: the limit of one attempt.
    pub timeout: Duration,
    /// `TOKOPAY_ATTEMPTS`, default 3: tries per call, the first included.
    pub attempts: u32,
}

impl TokopayConfig {
    pub fn from_env() -> anyhow::Result<TokopayConfig> {
        TokopayConfig::from_lookup(|name| env::var(name).ok())
    }

    /// Reads `TOKOPAY_*` through `lookup`; blank optional values take their default.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<TokopayConfig> {
        let optional = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let required = |name: &str| -> anyhow::Result<String> {
            match optional(name) {
                Some(v) => Ok(v),
                None => bail!("environment variable {name} is not set (see .env.example)"),
            }
        };
        let base_url = parse_base_url(optional("TOKOPAY_BASE_URL").as_deref().unwrap_or("https://api.tokopay.id"))?;
        let merchant_id = required("TOKOPAY_MERCHANT_ID")?;
        let secret = Secret(required("TOKOPAY_SECRET")?);
        let channel = match optional("TOKOPAY_CHANNEL") {
            None => "QRIS".to_owned(),
            Some(v) => CHANNELS
                .iter()
                .find(|c| c.eq_ignore_ascii_case(&v))
                .map(|c| (*c).to_owned())
                .with_context(|| format!("TOKOPAY_CHANNEL must be QRIS or QRISREALTIME, got {v:?}"))?,
        };
        let webhook_allowed_ips = match optional("TOKOPAY_WEBHOOK_ALLOWED_IPS") {
            None => Vec::new(),
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|ip| !ip.is_empty())
                .map(|ip| {
                    ip.parse::<IpAddr>().with_context(|| {
                        format!("TOKOPAY_WEBHOOK_ALLOWED_IPS must be IP addresses separated by commas, got {ip:?}")
                    })
                })
                .collect::<anyhow::Result<_>>()?,
        };
        let timeout_ms = match optional("TOKOPAY_TIMEOUT_MS") {
            None => 8000,
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|ms| (100..=120_000).contains(ms))
                .with_context(|| format!("TOKOPAY_TIMEOUT_MS must be 100–120000, got {v:?}"))?,
        };
        let attempts = match optional("TOKOPAY_ATTEMPTS") {
            None => 3,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=10).contains(n))
                .with_context(|| format!("TOKOPAY_ATTEMPTS must be 1–10, got {v:?}"))?,
        };
        Ok(TokopayConfig {
            base_url,
            merchant_id,
            secret,
            channel,
            webhook_allowed_ips,
            timeout: Duration::from_millis(timeout_ms),
            attempts,
        })
    }
}

impl fmt::Debug for TokopayConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokopayConfig")
            .field("base_url", &self.base_url)
            .field("merchant_id", &self.merchant_id)
            .field("secret", &self.secret)
            .field("channel", &self.channel)
            .field("webhook_allowed_ips", &self.webhook_allowed_ips)
            .field("timeout", &self.timeout)
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// `https://host[:port][/path]` without a trailing slash; `http` only for a loopback host.
/// No credentials, query or fragment: the client appends `/v1/order` and its own query.
fn parse_base_url(value: &str) -> anyhow::Result<String> {
    let refuse =
        || format!("TOKOPAY_BASE_URL must be https://host[/path] (http only for a loopback host), got {value:?}");
    let trimmed = value.trim().trim_end_matches('/');
    let (scheme, rest) = trimmed.split_once("://").with_context(refuse)?;
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() || rest.contains(['?', '#', '@', ' ']) {
        bail!(refuse());
    }
    let host = if let Some(bracketed) = authority.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    let loopback = host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match scheme.to_ascii_lowercase().as_str() {
        "https" if !host.is_empty() => Ok(trimmed.to_owned()),
        "http" if loopback => Ok(trimmed.to_owned()),
        _ => bail!(refuse()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    const SECRET: &str = "4f1b2c3d4e5f60718293a4b5c6d7e8f9ffeeddccbbaa99887766554433221100";

    fn lookup(pairs: &[(&str, &str)]) -> anyhow::Result<TokopayConfig> {
        let mut vars: HashMap<String, String> =
            [("TOKOPAY_MERCHANT_ID", "M230906ABCD1234"), ("TOKOPAY_SECRET", SECRET)]
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
        for (k, v) in pairs {
            vars.insert((*k).to_owned(), (*v).to_owned());
        }
        TokopayConfig::from_lookup(move |name| vars.get(name).cloned())
    }

    fn error(pairs: &[(&str, &str)]) -> String {
        format!("{:#}", lookup(pairs).expect_err("the configuration is refused"))
    }

    #[test]
    fn defaults_apply_when_only_the_credentials_are_set() {
        let config = lookup(&[]).expect("valid");
        assert_eq!(config.base_url, "https://api.tokopay.id");
        assert_eq!(config.merchant_id, "M230906ABCD1234");
        assert_eq!(config.secret.expose(), SECRET);
        assert_eq!(config.channel, "QRIS");
        assert!(config.webhook_allowed_ips.is_empty());
        assert_eq!(config.timeout, Duration::from_millis(8000));
        assert_eq!(config.attempts, 3);
    }

    #[test]
    fn every_variable_is_read() {
        let config = lookup(&[
            ("TOKOPAY_BASE_URL", "http://127.0.0.1:8080/tokopay-sim/"),
            ("TOKOPAY_CHANNEL", "qrisrealtime"),
            ("TOKOPAY_WEBHOOK_ALLOWED_IPS", " 178.128.104.179, ::1 ,"),
            ("TOKOPAY_TIMEOUT_MS", "1500"),
            ("TOKOPAY_ATTEMPTS", "5"),
        ])
        .expect("valid");
        assert_eq!(config.base_url, "http://127.0.0.1:8080/tokopay-sim");
        assert_eq!(config.channel, "QRISREALTIME");
        assert_eq!(
            config.webhook_allowed_ips,
            vec!["178.128.104.179".parse::<IpAddr>().expect("ip"), "::1".parse::<IpAddr>().expect("ip")]
        );
        assert_eq!(config.timeout, Duration::from_millis(1500));
        assert_eq!(config.attempts, 5);
    }

    #[test]
    fn missing_credentials_are_named() {
        assert!(error(&[("TOKOPAY_MERCHANT_ID", "")]).contains("TOKOPAY_MERCHANT_ID is not set"));
        assert!(error(&[("TOKOPAY_SECRET", "  ")]).contains("TOKOPAY_SECRET is not set"));
    }

    #[test]
    fn malformed_values_are_named_with_what_was_given() {
        assert!(error(&[("TOKOPAY_CHANNEL", "BCAVA")]).contains("TOKOPAY_CHANNEL must be QRIS or QRISREALTIME"));
        let ips = error(&[("TOKOPAY_WEBHOOK_ALLOWED_IPS", "178.128.104.179,example.com")]);
        assert!(ips.contains("TOKOPAY_WEBHOOK_ALLOWED_IPS") && ips.contains("\"example.com\""), "{ips}");
        assert!(error(&[("TOKOPAY_TIMEOUT_MS", "8s")]).contains("TOKOPAY_TIMEOUT_MS must be 100–120000, got \"8s\""));
        assert!(error(&[("TOKOPAY_TIMEOUT_MS", "50")]).contains("TOKOPAY_TIMEOUT_MS"));
        assert!(error(&[("TOKOPAY_ATTEMPTS", "0")]).contains("TOKOPAY_ATTEMPTS must be 1–10, got \"0\""));
        assert!(error(&[("TOKOPAY_ATTEMPTS", "three")]).contains("TOKOPAY_ATTEMPTS"));
    }

    #[test]
    fn base_url_must_be_https_unless_loopback() {
        for bad in [
            "http://api.tokopay.id",
            "ftp://api.tokopay.id",
            "api.tokopay.id",
            "https://",
            "https://user:pw@api.tokopay.id",
            "https://api.tokopay.id/?x=1",
            "http://10.0.0.1:8080",
        ] {
            assert!(error(&[("TOKOPAY_BASE_URL", bad)]).contains("TOKOPAY_BASE_URL must be https://"), "{bad}");
        }
        for (good, expected) in [
            ("https://api.tokopay.id/", "https://api.tokopay.id"),
            ("http://localhost:8080/tokopay-sim", "http://localhost:8080/tokopay-sim"),
            ("http://127.0.0.2:9", "http://127.0.0.2:9"),
            ("http://[::1]:8080/tokopay-sim", "http://[::1]:8080/tokopay-sim"),
        ] {
            assert_eq!(lookup(&[("TOKOPAY_BASE_URL", good)]).expect(good).base_url, expected);
        }
    }

    #[test]
    fn debug_never_prints_the_secret() {
        let config = lookup(&[]).expect("valid");
        let printed = format!("{config:?} {config:#?}");
        assert!(!printed.contains(SECRET), "{printed}");
        assert!(!printed.contains(&SECRET[..16]), "{printed}");
        assert!(printed.contains("M230906ABCD1234") && printed.contains("***"), "{printed}");
    }
}

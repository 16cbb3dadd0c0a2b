//! The notification settings, read through a lookup like `shop::Config`. Everything is
//! optional: a channel without its settings marks its messages `skipped` with the reason.
//! A half-configured channel (a gateway URL without its token) or a malformed value is an
//! error naming the variable, never quoting a secret.

use std::{fmt, time::Duration};

use anyhow::{bail, Context};
use lettre::{message::Mailbox, AsyncSmtpTransport, Tokio1Executor};

use crate::{account, config::Secret};

#[derive(Clone)]
pub struct NotifyConfig {
    /// `SMTP_URL` + `MAIL_FROM`: email. Unset: emails are skipped.
    pub smtp: Option<SmtpSettings>,
    /// `WHATSAPP_GATEWAY_URL` + `WHATSAPP_GATEWAY_TOKEN`: WhatsApp. Unset: skipped.
    pub whatsapp: Option<WhatsAppSettings>,
    /// `SHOP_PUBLIC_URL`: the site, for the tracking link `<url>/track/<token>`. Unset:
    /// the buyer's messages (which exist to carry that link) are skipped.
    pub shop_public_url: Option<String>,
    /// `ADMIN_EMAIL`: where the admin's emails go. Unset: they are skipped.
    pub admin_email: Option<String>,
    /// `ADMIN_WHATSAPP`: the admin's number, `+628…`. Unset: skipped.
    pub admin_whatsapp: Option<String>,
    /// `SUPPORT_EMAIL` and `SUPPORT_WHATSAPP`: shown to a buyer whose order needs
    /// attention. Unset: the message asks them to reply instead.
    pub support_email: Option<String>,
    pub support_whatsapp: Option<String>,
    /// `NOTIFY_TIMEOUT_MS` (default 15000, 1000–120000): the limit of one send.
    pub timeout: Duration,
}

/// An SMTP server and the sender address.
#[derive(Clone)]
pub struct SmtpSettings {
    /// The whole `SMTP_URL`, credentials included: a secret.
    pub url: Secret,
    /// `MAIL_FROM`, e.g. `RuangPremium <noreply@example.com>`.
    pub from: Mailbox,
    /// The URL's host and port, for logs and `Debug`.
    pub server: String,
    /// The password as it appears in the URL and decoded, to scrub from error texts.
    pub(crate) password: Vec<Secret>,
}

/// A Fonnte-style WhatsApp gateway: `POST <url>` with the form `target`, `message` and the
/// header `Authorization: <token>`.
#[derive(Clone)]
pub struct WhatsAppSettings {
    pub url: String,
    pub token: Secret,
}

impl NotifyConfig {
    /// Nothing configured: every message is skipped.
    pub fn disabled() -> NotifyConfig {
        NotifyConfig {
            smtp: None,
            whatsapp: None,
            shop_public_url: None,
            admin_email: None,
            admin_whatsapp: None,
            support_email: None,
            support_whatsapp: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<NotifyConfig> {
        let optional = |name: &str| lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let smtp = match optional("SMTP_URL") {
            None => None,
            Some(url) => {
                let from = optional("MAIL_FROM").context(
                    "MAIL_FROM is not set: SMTP_URL needs a sender, e.g. \"RuangPremium <noreply@example.com>\"",
                )?;
                Some(SmtpSettings::parse(&url, &from)?)
            }
        };
        let whatsapp = match (optional("WHATSAPP_GATEWAY_URL"), optional("WHATSAPP_GATEWAY_TOKEN")) {
            (None, None) => None,
            (Some(url), Some(token)) => {
                Some(WhatsAppSettings { url: parse_http_url("WHATSAPP_GATEWAY_URL", &url)?, token: Secret(token) })
            }
            (Some(_), None) => bail!("WHATSAPP_GATEWAY_TOKEN is not set, but WHATSAPP_GATEWAY_URL is"),
            (None, Some(_)) => bail!("WHATSAPP_GATEWAY_URL is not set, but WHATSAPP_GATEWAY_TOKEN is"),
        };
        let email = |name: &str| -> anyhow::Result<Option<String>> {
            optional(name)
                .map(|v| {
                    account::email::normalize(&v).with_context(|| format!("{name} must be an email address, got {v:?}"))
                })
                .transpose()
        };
        let number = |name: &str| -> anyhow::Result<Option<String>> {
            optional(name)
                .map(|v| {
                    account::whatsapp::normalize(&v)
                        .with_context(|| format!("{name} must be an Indonesian mobile number (+628…), got {v:?}"))
                })
                .transpose()
        };
        let timeout_ms = match optional("NOTIFY_TIMEOUT_MS") {
            None => DEFAULT_TIMEOUT.as_millis() as u64,
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|ms| (1000..=120_000).contains(ms))
                .with_context(|| format!("NOTIFY_TIMEOUT_MS must be 1000–120000, got {v:?}"))?,
        };
        Ok(NotifyConfig {
            smtp,
            whatsapp,
            shop_public_url: optional("SHOP_PUBLIC_URL").map(|v| parse_http_url("SHOP_PUBLIC_URL", &v)).transpose()?,
            admin_email: email("ADMIN_EMAIL")?,
            admin_whatsapp: number("ADMIN_WHATSAPP")?,
            support_email: email("SUPPORT_EMAIL")?,
            support_whatsapp: number("SUPPORT_WHATSAPP")?,
            timeout: Duration::from_millis(timeout_ms),
        })
    }

    /// The secrets an error text must never show.
    pub(crate) fn secrets(&self) -> Vec<&str> {
        let mut secrets = Vec::new();
        if let Some(smtp) = &self.smtp {
            secrets.push(smtp.url.expose());
            secrets.extend(smtp.password.iter().map(Secret::expose));
        }
        if let Some(whatsapp) = &self.whatsapp {
            secrets.push(whatsapp.token.expose());
        }
        secrets.retain(|s| !s.is_empty());
        secrets
    }
}

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

impl SmtpSettings {
    /// `smtps://user:pass@host[:465]`, `smtp://user:pass@host[:587]?tls=required`, or a plain
    /// `smtp://host:port` to a loopback host only (the local stack's receiver, a test
    /// server). A path names the EHLO domain (lettre's URL syntax).
    pub fn parse(url: &str, from: &str) -> anyhow::Result<SmtpSettings> {
        let refuse = "SMTP_URL must be smtps://user:password@host:465 or smtp://user:password@host:587?tls=required \
                      (plain smtp:// only to a loopback host)";
        let parsed = reqwest::Url::parse(url).ok().context(refuse)?;
        let host = parsed.host_str().filter(|h| !h.is_empty()).context(refuse)?;
        let tls = parsed.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
        match (parsed.scheme(), tls.as_deref()) {
            ("smtps", None) | ("smtp", Some("required")) => {}
            ("smtp", None) if is_loopback(host) => {}
            _ => bail!(refuse),
        }
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url).ok().context(refuse)?;
        let mut password = Vec::new();
        if let Some(raw) = parsed.password() {
            password.push(Secret(raw.to_owned()));
            if let Ok(decoded) = percent_decode(raw) {
                password.push(Secret(decoded));
            }
        }
        let from: Mailbox = from.parse().ok().with_context(|| {
            format!("MAIL_FROM must be an address such as \"RuangPremium <noreply@example.com>\", got {from:?}")
        })?;
        let server = match parsed.port() {
            Some(port) => format!("{}://{host}:{port}", parsed.scheme()),
            None => format!("{}://{host}", parsed.scheme()),
        };
        Ok(SmtpSettings { url: Secret(url.to_owned()), from, server, password })
    }
}

fn percent_decode(text: &str) -> Result<String, std::string::FromUtf8Error> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]" | "::1")
}

/// `https://…` without a trailing slash; `http` only for a loopback host.
fn parse_http_url(name: &str, value: &str) -> anyhow::Result<String> {
    let refuse = || format!("{name} must be an https:// address (http only for a loopback host), got {value:?}");
    let trimmed = value.trim().trim_end_matches('/');
    let parsed = reqwest::Url::parse(trimmed).ok().with_context(refuse)?;
    let host = parsed.host_str().unwrap_or_default();
    let ok = match parsed.scheme() {
        "https" => !host.is_empty(),
        "http" => is_loopback(host),
        _ => false,
    };
    if !ok || !parsed.username().is_empty() || parsed.password().is_some() || parsed.fragment().is_some() {
        bail!(refuse());
    }
    Ok(trimmed.to_owned())
}

impl fmt::Debug for NotifyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotifyConfig")
            .field("smtp", &self.smtp)
            .field("whatsapp", &self.whatsapp)
            .field("shop_public_url", &self.shop_public_url)
            .field("admin_email", &self.admin_email)
            .field("admin_whatsapp", &self.admin_whatsapp)
            .field("support_email", &self.support_email)
            .field("support_whatsapp", &self.support_whatsapp)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("server", &self.server)
            .field("url", &self.url)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for WhatsAppSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WhatsAppSettings").field("url", &self.url).field("token", &self.token).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> anyhow::Result<NotifyConfig> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        NotifyConfig::from_lookup(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn nothing_set_is_a_valid_configuration_with_every_channel_off() {
        let config = config(&[]).expect("valid");
        assert!(config.smtp.is_none() && config.whatsapp.is_none() && config.shop_public_url.is_none());
        assert_eq!(config.timeout, Duration::from_secs(15));
    }

    #[test]
    fn accepts_the_usual_smtp_urls() {
        for url in [
            "smtps://user:p%40ss@smtp.example.com:465",
            "smtps://user:pass@smtp.example.com",
            "smtp://user:pass@smtp.example.com:587?tls=required",
            "smtp://127.0.0.1:2525",
            "smtp://localhost:2525",
        ] {
            let config = config(&[("SMTP_URL", url), ("MAIL_FROM", "RuangPremium <noreply@example.com>")])
                .unwrap_or_else(|e| panic!("{url}: {e:#}"));
            let smtp = config.smtp.expect("smtp");
            assert_eq!(smtp.from.email.to_string(), "noreply@example.com");
        }
    }

    #[test]
    fn refuses_plain_smtp_to_a_remote_host_without_quoting_the_password() {
        for url in [
            "smtp://user:hunter2@smtp.example.com:587",
            "smtp://user:hunter2@smtp.example.com:587?tls=opportunistic",
            "http://user:hunter2@smtp.example.com",
            "not a url hunter2",
        ] {
            let err = config(&[("SMTP_URL", url), ("MAIL_FROM", "noreply@example.com")]).expect_err(url);
            let text = format!("{err:#}");
            assert!(text.contains("SMTP_URL"), "{text}");
            assert!(!text.contains("hunter2"), "the password leaked: {text}");
        }
    }

    #[test]
    fn smtp_needs_a_sender_and_whatsapp_needs_both_halves() {
        let err = config(&[("SMTP_URL", "smtp://127.0.0.1:25")]).expect_err("no MAIL_FROM");
        assert!(format!("{err:#}").contains("MAIL_FROM"));
        let err = config(&[("WHATSAPP_GATEWAY_URL", "https://api.fonnte.com/send")]).expect_err("no token");
        assert!(format!("{err:#}").contains("WHATSAPP_GATEWAY_TOKEN"));
        let err = config(&[("WHATSAPP_GATEWAY_TOKEN", "t0k3n")]).expect_err("no URL");
        assert!(format!("{err:#}").contains("WHATSAPP_GATEWAY_URL"));
        let err =
            config(&[("WHATSAPP_GATEWAY_URL", "http://api.fonnte.com/send"), ("WHATSAPP_GATEWAY_TOKEN", "t0k3n")])
                .expect_err("plain http to a remote host");
        assert!(format!("{err:#}").contains("https"));
    }

    #[test]
    fn normalises_addresses_and_numbers() {
        let config = config(&[
            ("ADMIN_EMAIL", " Admin@Example.COM "),
            ("ADMIN_WHATSAPP", "0812-3456-7890"),
            ("SUPPORT_WHATSAPP", "62 811 1111 1111"),
            ("SHOP_PUBLIC_URL", "https://ruangpremium.id/"),
        ])
        .expect("valid");
        assert_eq!(config.admin_email.as_deref(), Some("admin@example.com"));
        assert_eq!(config.admin_whatsapp.as_deref(), Some("+6281234567890"));
        assert_eq!(config.support_whatsapp.as_deref(), Some("+6281111111111"));
        assert_eq!(config.shop_public_url.as_deref(), Some("https://ruangpremium.id"));
        assert!(super::super::config::NotifyConfig::from_lookup(
            |n| (n == "ADMIN_WHATSAPP").then(|| "12345".to_owned())
        )
        .is_err());
    }

    #[test]
    fn debug_never_prints_a_secret() {
        let config = config(&[
            ("SMTP_URL", "smtps://mailer:hunter2@smtp.example.com:465"),
            ("MAIL_FROM", "noreply@example.com"),
            ("WHATSAPP_GATEWAY_URL", "https://api.fonnte.com/send"),
            ("WHATSAPP_GATEWAY_TOKEN", "fonnte-t0k3n"),
        ])
        .expect("valid");
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2") && !shown.contains("fonnte-t0k3n"), "{shown}");
        assert!(shown.contains("smtps://smtp.example.com:465"), "{shown}");
        assert!(config.secrets().contains(&"hunter2"));
    }
}

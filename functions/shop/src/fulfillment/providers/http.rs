//! The `http` adapter: a signed HTTP call to the shop owner's own automation endpoint, which
//! sends the invitation however it likes (a browser robot, the provider's admin API…). The
//! contract, in full, is in docs/providers.md; in short:
//!
//! - `POST <url>` with a JSON body `{"type": "invite"|"check"|"revoke", "invitation_id",
//!   "order_id", "order_number", "provider", "plan", "attempt", "target", "account": {"id",
//!   "label", "credentials"}}` (+ `"reference"` for check and revoke), signed per Standard
//!   Webhooks v1: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC>`.
//! - The answer: `{"status": "sent", "reference", "note"}`, `{"status": "pending_admin"}`,
//!   (check) `{"status": "pending"|"accepted"|"revoked"|"unknown"}`, (revoke)
//!   `{"status": "revoked"}`, `{"status": "unsupported"}`, or
//!   `{"status": "error", "error": {"kind": "retry"|"account"|"permanent", "message"}}`.
//! - 408, 429, 5xx, timeouts and connection errors are temporary (`Retry-After` honoured);
//!   a 3xx is a configuration error (redirects are not followed); any other 4xx is permanent;
//!   a 2xx answer outside the contract is temporary.
//! - Connection errors, timeouts and 5xx are tried again within the call (`attempts`, short
//!   backoff) with the same `webhook-id`, so the endpoint can tell a repeat.
//!
//! Settings: `{"url": "https://…", "secret": "whsec_…", "timeout_ms": 10000, "attempts": 3,
//! "expected_minutes": 60}`; `url` and `secret` are required. Neither the secret nor the
//! account's credentials ever appear in an error or a log: what the endpoint says is scrubbed
//! of them, stripped of control characters and cut short.

use std::{error::Error as _, fmt, net::IpAddr, time::Duration};

use base64::{
    engine::general_purpose::{STANDARD, STANDARD_NO_PAD},
    Engine,
};
use hmac::{Hmac, Mac};
use reqwest::{header, StatusCode, Url};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::Sha256;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::{
    manual, settings_number, settings_object, truncate, InviteOutcome, InviteRequest, InviteState, ProviderAdapter,
    ProviderError,
};

pub const DEFAULT_TIMEOUT_MS: u64 = 10_000;
pub const DEFAULT_ATTEMPTS: u64 = 3;
/// First pause between tries within a call; it doubles each time (with jitter) up to
/// `MAX_BACKOFF` (±10%, `crate::backoff`).
const BASE_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(2);
/// A longer `Retry-After` on a 5xx ends the call (the job waits) instead of being slept.
const MAX_WAIT_IN_CALL: Duration = Duration::from_secs(2);
const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);
/// How much of an answer is read; the contract's answers are a few hundred bytes.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// How much of the endpoint's own words an error quotes, and how long an error may be.
const MESSAGE_CHARS: usize = 200;
const REASON_CHARS: usize = 300;

/// The `http` adapter: the endpoint, its signing secret and one connection pool.
pub struct Http {
    url: Url,
    secret: WebhookSecret,
    timeout: Duration,
    attempts: u32,
    client: reqwest::Client,
}

impl fmt::Debug for Http {
    // The URL may carry a token in its query: only the host is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Http")
            .field("host", &self.url.host_str().unwrap_or_default())
            .field("timeout_ms", &self.timeout.as_millis())
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// A Standard Webhooks signing secret: `whsec_` and the base64 of 24 to 64 bytes.
pub struct WebhookSecret {
    key: Zeroizing<Vec<u8>>,
    /// As configured, to scrub it from anything the endpoint echoes.
    text: Zeroizing<String>,
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(***)")
    }
}

impl WebhookSecret {
    /// The secret from its text. The error never quotes it.
    pub fn parse(text: &str) -> Result<WebhookSecret, String> {
        let problem = || "secret must be \"whsec_\" followed by the base64 of 24 to 64 random bytes".to_owned();
        let encoded = text.trim().strip_prefix("whsec_").ok_or_else(problem)?;
        let key = Zeroizing::new(
            STANDARD.decode(encoded).or_else(|_| STANDARD_NO_PAD.decode(encoded)).map_err(|_| problem())?,
        );
        if !(24..=64).contains(&key.len()) {
            return Err(problem());
        }
        Ok(WebhookSecret { key, text: Zeroizing::new(text.trim().to_owned()) })
    }

    /// The `webhook-signature` header's value: `v1,` and the base64 HMAC-SHA256 of
    /// `{id}.{timestamp}.{body}`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(format!("{id}.{timestamp}.").as_bytes());
        mac.update(body);
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

impl Http {
    pub fn from_settings(settings: &Value) -> Result<Http, String> {
        let settings =
            settings_object(settings, &["url", "secret", "timeout_ms", "attempts", manual::EXPECTED_MINUTES_KEY])?;
        manual::parse_expected_minutes(&settings)?;
        let url = parse_url(settings.get("url"))?;
        let secret = match settings.get("secret") {
            Some(Value::String(text)) => WebhookSecret::parse(text)?,
            Some(_) => return Err("secret must be a string".to_owned()),
            None => return Err("secret is required (\"whsec_\" and the base64 of 24 to 64 random bytes)".to_owned()),
        };
        let timeout =
            Duration::from_millis(settings_number(&settings, "timeout_ms", DEFAULT_TIMEOUT_MS, 100..=60_000)?);
        let attempts = settings_number(&settings, "attempts", DEFAULT_ATTEMPTS, 1..=5)? as u32;
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            // A redirect is not part of the contract; following one would send the
            // credentials to an address nobody configured.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("RuangPremium/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|_| "cannot build the HTTP client".to_owned())?;
        Ok(Http { url, secret, timeout, attempts, client })
    }

    /// POSTs one signed message, trying again after connection errors, timeouts and 5xx.
    /// Returns the JSON object of a 2xx answer whose status is not `"error"`.
    async fn call(
        &self,
        kind: &'static str,
        webhook_id: &str,
        request: &InviteRequest<'_>,
        reference: Option<Option<&str>>,
        scrubber: &Scrubber,
    ) -> Result<Map<String, Value>, ProviderError> {
        let body = payload(kind, request, reference);
        let mut last = None;
        for try_number in 1..=self.attempts {
            let outcome = self.try_once(webhook_id, &body, scrubber).await;
            let (error, wait) = match outcome {
                Try::Done(result) => return result.map_err(|err| scrubber.error(err)),
                Try::Again { error, retry_after } => {
                    if retry_after.is_some_and(|after| after > MAX_WAIT_IN_CALL) {
                        return Err(scrubber.error(error));
                    }
                    (error, backoff(try_number).max(retry_after.unwrap_or_default()))
                }
            };
            tracing::debug!(
                invitation_id = %request.invitation_id, kind, try_number, error = %scrubber.error(error.clone()),
                "provider endpoint try failed"
            );
            last = Some(error);
            if try_number < self.attempts {
                tokio::time::sleep(wait).await;
            }
        }
        let error = match last {
            Some(ProviderError::Retry { reason, retry_after }) if self.attempts > 1 => {
                ProviderError::Retry { reason: format!("{reason} ({} attempts)", self.attempts), retry_after }
            }
            Some(error) => error,
            None => ProviderError::Retry { reason: "no attempt made".to_owned(), retry_after: None },
        };
        Err(scrubber.error(error))
    }

    async fn try_once(&self, webhook_id: &str, body: &Zeroizing<Vec<u8>>, scrubber: &Scrubber) -> Try {
        // Signed at each try: receivers refuse old timestamps.
        let timestamp = chrono::Utc::now().timestamp();
        let sent = self
            .client
            .post(self.url.clone())
            .header(header::CONTENT_TYPE, "application/json")
            .header("webhook-id", webhook_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", self.secret.sign(webhook_id, timestamp, body))
            .body(body.to_vec())
            .send()
            .await;
        let mut response = match sent {
            Ok(response) => response,
            Err(err) => return Try::Again { error: self.unreachable(err, scrubber), retry_after: None },
        };
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let mut bytes = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() <= MAX_BODY_BYTES => bytes.extend_from_slice(&chunk),
                // Too long for the contract: what was read is enough to say so.
                Ok(Some(_)) | Ok(None) => break,
                Err(err) => return Try::Again { error: self.unreachable(err, scrubber), retry_after: None },
            }
        }
        read_answer(status, &bytes, retry_after, scrubber)
    }

    /// A failed send (or body read) as a temporary error, without the URL.
    fn unreachable(&self, err: reqwest::Error, scrubber: &Scrubber) -> ProviderError {
        let err = err.without_url();
        let reason = if err.is_timeout() {
            format!("the endpoint did not answer within {} ms", self.timeout.as_millis())
        } else {
            // The innermost cause says the most: "Connection refused", "dns error", a TLS problem.
            let mut root = err.to_string();
            let mut source = err.source();
            while let Some(cause) = source {
                root = cause.to_string();
                source = cause.source();
            }
            let what =
                if err.is_connect() { "cannot connect to the endpoint" } else { "the call to the endpoint failed" };
            format!("{what}: {}", scrubber.message(&root, 120))
        };
        ProviderError::Retry { reason, retry_after: None }
    }
}

/// The result of one try: final (an answer, or an error no retry within the call helps), or
/// worth another try.
enum Try {
    Done(Result<Map<String, Value>, ProviderError>),
    Again { error: ProviderError, retry_after: Option<Duration> },
}

/// What an answer means, by its HTTP status and body.
fn read_answer(status: StatusCode, bytes: &[u8], retry_after: Option<Duration>, scrubber: &Scrubber) -> Try {
    let code = status.as_u16();
    let body = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    let words = body.as_ref().and_then(endpoint_message).map(|m| format!(": {}", scrubber.message(m, MESSAGE_CHARS)));
    let words = words.unwrap_or_default();
    if status.is_server_error() {
        let error = ProviderError::Retry { reason: format!("the endpoint answered HTTP {code}{words}"), retry_after };
        return Try::Again { error, retry_after };
    }
    let done = |error| Try::Done(Err(error));
    if status.is_redirection() {
        return done(ProviderError::Permanent {
            reason: format!(
                "the endpoint answered HTTP {code}, a redirect, which is not followed: set the provider's url to the final address"
            ),
        });
    }
    if status == StatusCode::REQUEST_TIMEOUT || status == StatusCode::TOO_MANY_REQUESTS {
        return done(ProviderError::Retry { reason: format!("the endpoint answered HTTP {code}{words}"), retry_after });
    }
    if status.is_client_error() || status.is_success() {
        if let Some(body) = &body {
            if body.get("status").and_then(Value::as_str) == Some("error") {
                if let Some(error) = endpoint_error(body, retry_after, scrubber) {
                    return done(error);
                }
            }
        }
    }
    if status.is_client_error() {
        return done(ProviderError::Permanent { reason: format!("the endpoint answered HTTP {code}{words}") });
    }
    if !status.is_success() {
        return done(ProviderError::Permanent {
            reason: format!("the endpoint answered HTTP {code}, outside the contract"),
        });
    }
    match body {
        Some(body) if body.get("status").and_then(Value::as_str) != Some("error") => Try::Done(Ok(body)),
        Some(_) => done(malformed("status \"error\" without a known error.kind")),
        None => done(malformed(&format!("HTTP {code} without a JSON object"))),
    }
}

/// `{"status": "error", "error": {"kind", "message"}}` as the error its kind names.
fn endpoint_error(
    body: &Map<String, Value>,
    retry_after: Option<Duration>,
    scrubber: &Scrubber,
) -> Option<ProviderError> {
    let error = body.get("error")?;
    let kind = error.get("kind")?.as_str()?;
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .map(|m| scrubber.message(m, MESSAGE_CHARS))
        .filter(|m| !m.is_empty());
    let reason = |default: &str| message.clone().unwrap_or_else(|| default.to_owned());
    Some(match kind {
        "retry" => ProviderError::Retry { reason: reason("the endpoint asked to try again later"), retry_after },
        "account" => {
            ProviderError::Account { reason: reason("the endpoint reported a problem with this pool account") }
        }
        "permanent" => ProviderError::Permanent { reason: reason("the endpoint refused the invitation") },
        _ => return None,
    })
}

/// The endpoint's own words in an answer, if any: `error.message`, else `message`.
fn endpoint_message(body: &Map<String, Value>) -> Option<&str> {
    body.get("error")
        .and_then(|error| error.get("message"))
        .or_else(|| body.get("message"))
        .and_then(Value::as_str)
        .filter(|m| !m.trim().is_empty())
}

/// A 2xx answer outside the contract: temporary, since a fixed endpoint will answer well.
fn malformed(what: &str) -> ProviderError {
    ProviderError::Retry { reason: format!("the endpoint's answer is outside the contract: {what}"), retry_after: None }
}

/// The `status` of a 2xx answer, or an error saying it is missing.
fn answer_status<'a>(body: &'a Map<String, Value>, scrubber: &Scrubber) -> Result<&'a str, ProviderError> {
    body.get("status").and_then(Value::as_str).ok_or_else(|| scrubber.error(malformed("no \"status\"")))
}

fn unknown_status(status: &str, scrubber: &Scrubber) -> ProviderError {
    scrubber.error(malformed(&format!("unknown status {:?}", scrubber.message(status, 40))))
}

/// `Retry-After` as seconds or an HTTP date, capped at a day.
fn retry_after(headers: &header::HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    let seconds = match value.parse::<u64>() {
        Ok(seconds) => seconds,
        Err(_) => {
            let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
            u64::try_from(at.timestamp() - chrono::Utc::now().timestamp()).unwrap_or(0)
        }
    };
    Some(Duration::from_secs(seconds).min(MAX_RETRY_AFTER))
}

/// The pause after try `n` (1-based): 200 ms × 2^(n-1) up to 2 s, ±10%.
fn backoff(n: u32) -> Duration {
    crate::backoff::delay(n, BASE_BACKOFF, MAX_BACKOFF)
}

/// The `webhook-id` of an invite: the same for every try of this invitation's attempt, so
/// the endpoint recognises a repeat.
pub fn invite_webhook_id(request: &InviteRequest<'_>) -> String {
    format!("{}-{}", request.invitation_id, request.attempt)
}

/// A check is a fresh question each time; a revoke is one action per invitation.
fn check_webhook_id(request: &InviteRequest<'_>) -> String {
    let nonce = Uuid::new_v4().simple().to_string();
    format!("{}-{}-check-{}", request.invitation_id, request.attempt, &nonce[..12])
}

fn revoke_webhook_id(request: &InviteRequest<'_>) -> String {
    format!("{}-revoke", request.invitation_id)
}

#[derive(Serialize)]
struct Payload<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    invitation_id: Uuid,
    order_id: Uuid,
    order_number: &'a str,
    provider: &'a str,
    plan: &'a str,
    attempt: u32,
    target: &'a Value,
    account: PayloadAccount<'a>,
    /// Absent for an invite; the invite's reference (or null) for check and revoke.
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<Option<&'a str>>,
}

#[derive(Serialize)]
struct PayloadAccount<'a> {
    id: Uuid,
    label: &'a str,
    /// As stored, a string: its format is the shop owner's.
    credentials: &'a str,
}

/// The request body, in a buffer wiped on drop (it holds the credentials).
fn payload(kind: &'static str, request: &InviteRequest<'_>, reference: Option<Option<&str>>) -> Zeroizing<Vec<u8>> {
    let payload = Payload {
        kind,
        invitation_id: request.invitation_id,
        order_id: request.order_id,
        order_number: request.order_number,
        provider: request.provider_slug,
        plan: request.plan,
        attempt: request.attempt,
        target: request.target,
        account: PayloadAccount {
            id: request.account.id,
            label: request.account.label,
            credentials: request.account.credentials.as_str(),
        },
        reference,
    };
    // Sized up front so that no copy of the credentials is left behind by a reallocation.
    let mut body = Zeroizing::new(Vec::with_capacity(4096 + 2 * request.account.credentials.len()));
    serde_json::to_writer(&mut *body, &payload).expect("a map with string keys serialises");
    body
}

/// Removes the secret and the account's credentials from text the endpoint sent back (or an
/// error built from it), strips control characters and cuts it short.
struct Scrubber {
    needles: Vec<Zeroizing<String>>,
}

impl Scrubber {
    fn new(secret: &WebhookSecret, credentials: &str) -> Scrubber {
        let mut needles: Vec<Zeroizing<String>> = Vec::new();
        let mut add = |text: &str| {
            let text = text.trim();
            if text.chars().count() >= 4 && !needles.iter().any(|n| n.as_str() == text) {
                needles.push(Zeroizing::new(text.to_owned()));
            }
        };
        add(&secret.text);
        add(secret.text.trim_start_matches("whsec_"));
        add(credentials);
        match serde_json::from_str::<Value>(credentials) {
            // JSON credentials: every string in them (the password, a token…).
            Ok(value) => string_leaves(&value, &mut add),
            // Lines such as "email: …" / "password=…" / "user:pass": each line and its value.
            Err(_) => {
                for line in credentials.lines() {
                    add(line);
                    if let Some((_, value)) = line.split_once([':', '=']) {
                        add(value);
                    }
                }
            }
        }
        // Longest first, so that a needle inside another does not leave pieces behind.
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Scrubber { needles }
    }

    fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for needle in &self.needles {
            if out.contains(needle.as_str()) {
                out = out.replace(needle.as_str(), "***");
            }
        }
        out
    }

    /// The endpoint's words, fit for an error: scrubbed, on one line, at most `max` chars.
    fn message(&self, text: &str, max: usize) -> String {
        let redacted = self.redact(text);
        let one_line = redacted
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        truncate(&one_line, max)
    }

    /// `error` with its reason scrubbed and at most [`REASON_CHARS`] long.
    fn error(&self, error: ProviderError) -> ProviderError {
        let fix = |reason: String| self.message(&reason, REASON_CHARS);
        match error {
            ProviderError::Retry { reason, retry_after } => ProviderError::Retry { reason: fix(reason), retry_after },
            ProviderError::Account { reason } => ProviderError::Account { reason: fix(reason) },
            ProviderError::Permanent { reason } => ProviderError::Permanent { reason: fix(reason) },
            ProviderError::Unsupported => ProviderError::Unsupported,
        }
    }

    /// A text the endpoint sends on to the buyer or the admin (`reference`, `note`):
    /// scrubbed, one line, `None` when empty.
    fn field(&self, body: &Map<String, Value>, key: &str, max: usize) -> Option<String> {
        let text = match body.get(key)? {
            Value::String(text) => text.clone(),
            Value::Number(number) => number.to_string(),
            _ => return None,
        };
        Some(self.message(&text, max)).filter(|text| !text.is_empty())
    }
}

fn string_leaves(value: &Value, add: &mut impl FnMut(&str)) {
    match value {
        Value::String(text) => add(text),
        Value::Array(items) => items.iter().for_each(|item| string_leaves(item, add)),
        Value::Object(map) => map.values().for_each(|item| string_leaves(item, add)),
        _ => {}
    }
}

/// `url`: absolute, https (plain http only for a loopback host), without a user or password.
fn parse_url(value: Option<&Value>) -> Result<Url, String> {
    let text = match value {
        Some(Value::String(text)) => text.trim(),
        Some(_) => return Err("url must be a string".to_owned()),
        None => return Err("url is required".to_owned()),
    };
    // The URL is never quoted back: its query may hold a token.
    let mut url = Url::parse(text).map_err(|_| "url is not a valid absolute URL".to_owned())?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("url must not contain a user name or password (requests are signed with the secret)".to_owned());
    }
    match url.scheme() {
        "https" if url.host_str().is_some_and(|host| !host.is_empty()) => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err("url must use https (plain http is allowed only for localhost)".to_owned()),
        _ => return Err("url must be an https URL".to_owned()),
    }
    url.set_fragment(None);
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[async_trait::async_trait]
impl ProviderAdapter for Http {
    fn name(&self) -> &'static str {
        "http"
    }

    async fn invite(&self, request: &InviteRequest<'_>) -> Result<InviteOutcome, ProviderError> {
        let scrubber = Scrubber::new(&self.secret, request.account.credentials);
        let body = self.call("invite", &invite_webhook_id(request), request, None, &scrubber).await?;
        match answer_status(&body, &scrubber)? {
            "sent" => Ok(InviteOutcome::Sent {
                reference: scrubber.field(&body, "reference", 200),
                note: scrubber.field(&body, "note", 500),
            }),
            "pending_admin" => Ok(InviteOutcome::AwaitingAdmin),
            other => Err(unknown_status(other, &scrubber)),
        }
    }

    async fn check(&self, request: &InviteRequest<'_>, reference: Option<&str>) -> Result<InviteState, ProviderError> {
        let scrubber = Scrubber::new(&self.secret, request.account.credentials);
        let body = self.call("check", &check_webhook_id(request), request, Some(reference), &scrubber).await?;
        match answer_status(&body, &scrubber)? {
            "pending" => Ok(InviteState::Pending),
            "accepted" => Ok(InviteState::Accepted),
            "revoked" => Ok(InviteState::Revoked),
            "unknown" => Ok(InviteState::Unknown),
            "unsupported" => Err(ProviderError::Unsupported),
            other => Err(unknown_status(other, &scrubber)),
        }
    }

    async fn revoke(&self, request: &InviteRequest<'_>, reference: Option<&str>) -> Result<(), ProviderError> {
        let scrubber = Scrubber::new(&self.secret, request.account.credentials);
        let body = self.call("revoke", &revoke_webhook_id(request), request, Some(reference), &scrubber).await?;
        match answer_status(&body, &scrubber)? {
            "revoked" => Ok(()),
            "unsupported" => Err(ProviderError::Unsupported),
            other => Err(unknown_status(other, &scrubber)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::{
        collections::VecDeque,
        sync::{Arc, Mutex},
        time::Instant,
    };

    use axum::{
        body::Bytes,
        extract::State,
        http::{HeaderMap, StatusCode as AxumStatus, Uri},
        response::{IntoResponse, Response},
        Router,
    };
    use serde_json::json;

    use super::*;
    use crate::fulfillment::providers::{build, TestInvite};

    /// The Standard Webhooks test vector's secret (24 bytes).
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const PASSWORD: &str = "Hunter2-sangat-rahasia";

    /// What the receiver answers to one request.
    #[derive(Clone)]
    struct Reply {
        status: u16,
        body: String,
        headers: Vec<(&'static str, &'static str)>,
        delay: Duration,
    }

    fn reply(status: u16, body: Value) -> Reply {
        Reply { status, body: body.to_string(), headers: Vec::new(), delay: Duration::ZERO }
    }

    impl Reply {
        fn header(mut self, name: &'static str, value: &'static str) -> Reply {
            self.headers.push((name, value));
            self
        }
    }

    /// One request as the receiver saw it; `verified`: its signature checked out, recomputed
    /// here from the secret with hmac and base64 directly (not with `WebhookSecret`).
    #[derive(Debug, Clone)]
    struct Received {
        path: String,
        id: String,
        timestamp: i64,
        content_type: String,
        body: Value,
        verified: bool,
    }

    struct Script {
        replies: Mutex<VecDeque<Reply>>,
        received: Mutex<Vec<Received>>,
    }

    struct Receiver {
        url: String,
        script: Arc<Script>,
    }

    impl Receiver {
        fn received(&self) -> Vec<Received> {
            self.script.received.lock().expect("not poisoned").clone()
        }
    }

    /// An endpoint on 127.0.0.1 that answers `replies` in turn, then the last one again.
    async fn receiver(replies: Vec<Reply>) -> Receiver {
        let script = Arc::new(Script { replies: Mutex::new(replies.into()), received: Mutex::new(Vec::new()) });
        let app = Router::new().fallback(receive).with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let address = listener.local_addr().expect("bound");
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver { url: format!("http://{address}/hooks/ruangpremium?token=t0ken-in-query"), script }
    }

    async fn receive(State(script): State<Arc<Script>>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let (id, timestamp, signatures) =
            (header("webhook-id"), header("webhook-timestamp"), header("webhook-signature"));
        let key = STANDARD.decode(SECRET.trim_start_matches("whsec_")).expect("the test secret is base64");
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("any key length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(&body);
        let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
        let timestamp: i64 = timestamp.parse().unwrap_or_default();
        let fresh = (chrono::Utc::now().timestamp() - timestamp).abs() <= 300;
        let verified = fresh && signatures.split(' ').any(|signature| signature == expected);
        script.received.lock().expect("not poisoned").push(Received {
            path: uri.path().to_owned(),
            id,
            timestamp,
            content_type: header("content-type"),
            body: serde_json::from_slice(&body).unwrap_or_default(),
            verified,
        });
        if !verified {
            return (AxumStatus::UNAUTHORIZED, "bad signature").into_response();
        }
        let reply = {
            let mut replies = script.replies.lock().expect("not poisoned");
            if replies.len() > 1 {
                replies.pop_front()
            } else {
                replies.front().cloned()
            }
        };
        let Some(reply) = reply else { return AxumStatus::NOT_FOUND.into_response() };
        tokio::time::sleep(reply.delay).await;
        let mut response = (AxumStatus::from_u16(reply.status).expect("a status"), reply.body).into_response();
        for (name, value) in reply.headers {
            response.headers_mut().insert(name, value.parse().expect("a header value"));
        }
        response
    }

    fn adapter(url: &str, extra: Value) -> Http {
        let mut settings = json!({ "url": url, "secret": SECRET, "timeout_ms": 2000, "attempts": 3 });
        if let (Some(settings), Value::Object(extra)) = (settings.as_object_mut(), extra) {
            settings.extend(extra);
        }
        Http::from_settings(&settings).expect("valid settings")
    }

    fn invite() -> TestInvite {
        TestInvite::to("budi@contoh.id")
    }

    fn assert_no_secrets(error: &ProviderError) {
        for text in [error.to_string(), format!("{error:?}")] {
            for secret in [PASSWORD, SECRET, SECRET.trim_start_matches("whsec_"), "t0ken-in-query"] {
                assert!(!text.contains(secret), "{text:?} shows {secret:?}");
            }
            assert!(text.chars().count() <= REASON_CHARS + 40, "{text:?} is too long");
        }
    }

    #[test]
    fn signature_matches_the_standard_webhooks_test_vector() {
        let secret = WebhookSecret::parse(SECRET).expect("valid");
        assert_eq!(
            secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, br#"{"test": 2432232314}"#),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert_eq!(format!("{secret:?}"), "WebhookSecret(***)");
    }

    #[tokio::test]
    async fn invite_is_a_signed_post_of_the_contract_and_sent_is_read() {
        let endpoint =
            receiver(vec![reply(200, json!({"status": "sent", "reference": "inv_123", "note": "Cek email Anda."}))])
                .await;
        let invite = invite();
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite.request()).await;
        assert_eq!(
            outcome,
            Ok(InviteOutcome::Sent { reference: Some("inv_123".to_owned()), note: Some("Cek email Anda.".to_owned()) })
        );
        let received = endpoint.received();
        assert_eq!(received.len(), 1);
        let request = &received[0];
        assert!(request.verified, "the signature checks out");
        assert_eq!(request.path, "/hooks/ruangpremium");
        assert_eq!(request.id, format!("{}-1", invite.invitation_id));
        assert!((chrono::Utc::now().timestamp() - request.timestamp).abs() <= 5);
        assert_eq!(request.content_type, "application/json");
        assert_eq!(
            request.body,
            json!({
                "type": "invite",
                "invitation_id": invite.invitation_id,
                "order_id": invite.order_id,
                "order_number": "RP2611267K3M9Q",
                "provider": "chatgpt-team",
                "plan": "team-monthly",
                "attempt": 1,
                "target": {"email": "budi@contoh.id"},
                "account": {"id": invite.account_id, "label": "Tim A", "credentials": invite.credentials.as_str()},
            })
        );
    }

    #[tokio::test]
    async fn sent_without_reference_or_note_and_pending_admin_are_read() {
        let endpoint =
            receiver(vec![reply(200, json!({"status": "sent"})), reply(200, json!({"status": "pending_admin"}))]).await;
        let http = adapter(&endpoint.url, json!({}));
        let invite = invite();
        assert_eq!(http.invite(&invite.request()).await, Ok(InviteOutcome::Sent { reference: None, note: None }));
        assert_eq!(http.invite(&invite.request()).await, Ok(InviteOutcome::AwaitingAdmin));
    }

    #[tokio::test]
    async fn error_kinds_map_to_the_provider_errors_from_a_200_or_a_4xx() {
        let error = |kind: &str| json!({"status": "error", "error": {"kind": kind, "message": "pesan dari endpoint"}});
        let cases = [
            (200, "retry", ProviderError::Retry { reason: "pesan dari endpoint".into(), retry_after: None }),
            (409, "retry", ProviderError::Retry { reason: "pesan dari endpoint".into(), retry_after: None }),
            (200, "account", ProviderError::Account { reason: "pesan dari endpoint".into() }),
            (403, "account", ProviderError::Account { reason: "pesan dari endpoint".into() }),
            (200, "permanent", ProviderError::Permanent { reason: "pesan dari endpoint".into() }),
            (422, "permanent", ProviderError::Permanent { reason: "pesan dari endpoint".into() }),
        ];
        for (status, kind, expected) in cases {
            let endpoint = receiver(vec![reply(status, error(kind))]).await;
            let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
            assert_eq!(outcome, Err(expected), "HTTP {status} {kind}");
            assert_eq!(endpoint.received().len(), 1, "HTTP {status} {kind} is not tried again within the call");
        }
        let endpoint = receiver(vec![reply(200, json!({"status": "error", "error": {"kind": "account"}}))]).await;
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
        assert_eq!(
            outcome,
            Err(ProviderError::Account { reason: "the endpoint reported a problem with this pool account".into() })
        );
        let endpoint =
            receiver(vec![reply(400, json!({"status": "error", "error": {"kind": "retry", "message": "antre"}}))
                .header("retry-after", "30")])
            .await;
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
        assert_eq!(
            outcome,
            Err(ProviderError::Retry { reason: "antre".into(), retry_after: Some(Duration::from_secs(30)) })
        );
    }

    #[tokio::test]
    async fn a_server_error_is_tried_again_with_the_same_webhook_id() {
        let endpoint = receiver(vec![
            reply(500, json!({"message": "database down"})),
            reply(200, json!({"status": "sent", "reference": "inv_9"})),
        ])
        .await;
        let invite = invite().attempt(2);
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite.request()).await;
        assert_eq!(outcome, Ok(InviteOutcome::Sent { reference: Some("inv_9".into()), note: None }));
        let received = endpoint.received();
        assert_eq!(received.len(), 2, "one retry within the call");
        assert!(received.iter().all(|r| r.verified));
        assert_eq!(received[0].id, format!("{}-2", invite.invitation_id));
        assert_eq!(received[1].id, received[0].id, "the same webhook-id: the endpoint can tell a repeat");
        assert_eq!(received[1].body, received[0].body);
    }

    #[tokio::test]
    async fn server_errors_on_every_try_end_in_retry_naming_the_attempts() {
        let endpoint = receiver(vec![reply(503, json!({"error": {"message": "maintenance"}}))]).await;
        let outcome = adapter(&endpoint.url, json!({"attempts": 2})).invite(&invite().request()).await;
        assert_eq!(
            outcome,
            Err(ProviderError::Retry {
                reason: "the endpoint answered HTTP 503: maintenance (2 attempts)".into(),
                retry_after: None
            })
        );
        assert_eq!(endpoint.received().len(), 2);
    }

    #[tokio::test]
    async fn a_long_retry_after_on_a_server_error_ends_the_call() {
        let endpoint = receiver(vec![reply(503, json!({})).header("retry-after", "120")]).await;
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
        assert_eq!(
            outcome,
            Err(ProviderError::Retry {
                reason: "the endpoint answered HTTP 503".into(),
                retry_after: Some(Duration::from_secs(120))
            })
        );
        assert_eq!(endpoint.received().len(), 1, "the job waits, not the call");
    }

    #[tokio::test]
    async fn rate_limits_and_request_timeouts_are_retry_with_retry_after_and_no_second_try() {
        let endpoint = receiver(vec![reply(429, json!({"message": "slow down"})).header("retry-after", "7")]).await;
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
        assert_eq!(
            outcome,
            Err(ProviderError::Retry {
                reason: "the endpoint answered HTTP 429: slow down".into(),
                retry_after: Some(Duration::from_secs(7))
            })
        );
        assert_eq!(endpoint.received().len(), 1);

        let endpoint = receiver(vec![Reply { body: String::new(), ..reply(408, json!({})) }]).await;
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
        assert_eq!(
            outcome,
            Err(ProviderError::Retry { reason: "the endpoint answered HTTP 408".into(), retry_after: None })
        );
    }

    #[tokio::test]
    async fn a_timeout_is_tried_again_then_is_retry() {
        let slow = Reply { delay: Duration::from_secs(3), ..reply(200, json!({"status": "sent"})) };
        let endpoint = receiver(vec![slow]).await;
        let started = Instant::now();
        let outcome =
            adapter(&endpoint.url, json!({"timeout_ms": 200, "attempts": 2})).invite(&invite().request()).await;
        assert_eq!(
            outcome,
            Err(ProviderError::Retry {
                reason: "the endpoint did not answer within 200 ms (2 attempts)".into(),
                retry_after: None
            })
        );
        assert!(started.elapsed() < Duration::from_secs(2), "gave up on time: {:?}", started.elapsed());
        let received = endpoint.received();
        assert_eq!(received.len(), 2);
        assert_eq!(received[0].id, received[1].id);
    }

    #[tokio::test]
    async fn a_refused_connection_is_retry() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let address = listener.local_addr().expect("bound");
        drop(listener);
        let outcome =
            adapter(&format!("http://{address}/hook"), json!({"attempts": 2})).invite(&invite().request()).await;
        match outcome {
            Err(ProviderError::Retry { reason, retry_after: None }) => {
                assert!(reason.starts_with("cannot connect to the endpoint: "), "{reason}");
                assert!(reason.ends_with(" (2 attempts)"), "{reason}");
                assert!(!reason.contains("127.0.0.1"), "no URL in the reason: {reason}");
            }
            other => panic!("expected Retry, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_redirect_is_not_followed_and_is_permanent() {
        let endpoint = receiver(vec![reply(302, json!({})).header("location", "/elsewhere")]).await;
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
        assert!(
            matches!(&outcome, Err(ProviderError::Permanent { reason }) if reason.contains("HTTP 302, a redirect, which is not followed")),
            "{outcome:?}"
        );
        let received = endpoint.received();
        assert_eq!(received.len(), 1, "nothing sent to /elsewhere");
        assert_eq!(received[0].path, "/hooks/ruangpremium");
    }

    #[tokio::test]
    async fn an_answer_outside_the_contract_is_retry() {
        let cases = [
            (reply(200, json!({})), "no \"status\""),
            (reply(200, json!({"status": "done"})), "unknown status \"done\""),
            (reply(200, json!(["sent"])), "HTTP 200 without a JSON object"),
            (Reply { body: "<html>ok</html>".into(), ..reply(200, json!({})) }, "HTTP 200 without a JSON object"),
            (Reply { body: String::new(), ..reply(204, json!({})) }, "HTTP 204 without a JSON object"),
            (reply(200, json!({"status": "error", "error": {"kind": "later"}})), "without a known error.kind"),
        ];
        for (answer, what) in cases {
            let endpoint = receiver(vec![answer]).await;
            let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
            match &outcome {
                Err(ProviderError::Retry { reason, retry_after: None }) => {
                    assert!(reason.starts_with("the endpoint's answer is outside the contract: "), "{reason}");
                    assert!(reason.contains(what), "{reason} should say {what}");
                }
                other => panic!("expected Retry for {what}, got {other:?}"),
            }
            assert_eq!(endpoint.received().len(), 1, "{what}: not tried again within the call");
        }
    }

    #[tokio::test]
    async fn another_client_error_without_a_kind_is_permanent() {
        let endpoint = receiver(vec![Reply { body: "Not Found".into(), ..reply(404, json!({})) }]).await;
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
        assert_eq!(outcome, Err(ProviderError::Permanent { reason: "the endpoint answered HTTP 404".into() }));
        let endpoint = receiver(vec![reply(400, json!({"message": "plan team-monthly\nunknown"}))]).await;
        let outcome = adapter(&endpoint.url, json!({})).invite(&invite().request()).await;
        assert_eq!(
            outcome,
            Err(ProviderError::Permanent {
                reason: "the endpoint answered HTTP 400: plan team-monthly unknown".into()
            })
        );
    }

    #[tokio::test]
    async fn check_and_revoke_send_the_reference_and_read_their_answers() {
        let endpoint = receiver(vec![
            reply(200, json!({"status": "pending"})),
            reply(200, json!({"status": "accepted"})),
            reply(200, json!({"status": "revoked"})),
            reply(200, json!({"status": "unknown"})),
            reply(200, json!({"status": "unsupported"})),
            reply(200, json!({"status": "revoked"})),
            reply(200, json!({"status": "unsupported"})),
        ])
        .await;
        let http = adapter(&endpoint.url, json!({}));
        let invite = invite();
        let request = invite.request();
        assert_eq!(http.check(&request, Some("inv_1")).await, Ok(InviteState::Pending));
        assert_eq!(http.check(&request, None).await, Ok(InviteState::Accepted));
        assert_eq!(http.check(&request, Some("inv_1")).await, Ok(InviteState::Revoked));
        assert_eq!(http.check(&request, Some("inv_1")).await, Ok(InviteState::Unknown));
        assert_eq!(http.check(&request, Some("inv_1")).await, Err(ProviderError::Unsupported));
        assert_eq!(http.revoke(&request, Some("inv_1")).await, Ok(()));
        assert_eq!(http.revoke(&request, Some("inv_1")).await, Err(ProviderError::Unsupported));

        let received = endpoint.received();
        assert!(received.iter().all(|r| r.verified));
        assert_eq!(received[0].body["type"], "check");
        assert_eq!(received[0].body["reference"], "inv_1");
        assert_eq!(received[1].body["reference"], Value::Null);
        assert_eq!(received[0].body["account"]["credentials"], invite.credentials.as_str());
        assert_ne!(received[0].id, received[2].id, "every check is a new message");
        assert!(received[0].id.starts_with(&format!("{}-1-check-", invite.invitation_id)));
        assert_eq!(received[5].body["type"], "revoke");
        assert_eq!(received[5].id, format!("{}-revoke", invite.invitation_id));
        assert_eq!(received[6].id, received[5].id, "a revoke is one action per invitation");
    }

    #[tokio::test]
    async fn no_secret_or_credentials_reach_an_error() {
        let echo = format!("gagal login {PASSWORD} dengan {SECRET} / {{\"password\":\"{PASSWORD}\"}}");
        let long = format!("{} {PASSWORD}", "x".repeat(500));
        let replies = [
            reply(200, json!({"status": "error", "error": {"kind": "account", "message": echo}})),
            reply(200, json!({"status": "error", "error": {"kind": "retry", "message": echo}})),
            reply(422, json!({"status": "error", "error": {"kind": "permanent", "message": echo}})),
            reply(400, json!({"message": echo})),
            reply(500, json!({"message": echo})),
            reply(429, json!({"message": long})),
            reply(200, json!({"status": PASSWORD})),
        ];
        for answer in replies {
            let endpoint = receiver(vec![answer]).await;
            let outcome = adapter(&endpoint.url, json!({"attempts": 1})).invite(&invite().request()).await;
            let error = outcome.expect_err("every answer above is an error");
            assert!(error.to_string().contains("***") || error.to_string().contains('…'), "{error}");
            assert_no_secrets(&error);
        }

        // Credentials that are not JSON: each line and its value are scrubbed.
        let endpoint =
            receiver(vec![reply(403, json!({"message": "owner@tim-a.example:Hunter2-sangat-rahasia is locked"}))])
                .await;
        let mut invite = invite();
        invite.credentials = Zeroizing::new(format!("owner@tim-a.example:{PASSWORD}"));
        let error = adapter(&endpoint.url, json!({})).invite(&invite.request()).await.expect_err("403");
        assert_eq!(error, ProviderError::Permanent { reason: "the endpoint answered HTTP 403: *** is locked".into() });

        let http = adapter("https://automation.example/hook?token=t0ken-in-query", json!({}));
        let shown = format!("{http:?}");
        assert!(shown.contains("automation.example") && !shown.contains("t0ken") && !shown.contains("MfKQ"), "{shown}");
    }

    #[test]
    fn a_note_or_reference_that_echoes_the_credentials_is_scrubbed() {
        let secret = WebhookSecret::parse(SECRET).expect("valid");
        let scrubber = Scrubber::new(&secret, r#"{"password": "Hunter2-sangat-rahasia", "otp": "12"}"#);
        let body = json!({"note": format!("Sandi: {PASSWORD}\r\nselesai"), "reference": 42, "x": {}});
        let body = body.as_object().expect("an object");
        assert_eq!(scrubber.field(body, "note", 500).as_deref(), Some("Sandi: *** selesai"));
        assert_eq!(scrubber.field(body, "reference", 200).as_deref(), Some("42"));
        assert_eq!(scrubber.field(body, "x", 200), None);
        assert_eq!(scrubber.message("otp 12", 50), "otp 12", "too short to be worth hiding");
    }

    #[test]
    fn settings_need_an_https_url_and_a_standard_webhooks_secret() {
        let with = |url: &str, secret: &str| Http::from_settings(&json!({"url": url, "secret": secret})).map(|_| ());
        assert_eq!(with("https://automation.example/hook", SECRET), Ok(()));
        for loopback in ["http://127.0.0.1:9000/hook", "http://localhost/hook", "http://[::1]:8080/"] {
            assert_eq!(with(loopback, SECRET), Ok(()), "{loopback}");
        }
        assert_eq!(
            with("http://automation.example/hook", SECRET),
            Err("url must use https (plain http is allowed only for localhost)".into())
        );
        assert_eq!(with("ftp://automation.example/", SECRET), Err("url must be an https URL".into()));
        assert_eq!(with("/relative", SECRET), Err("url is not a valid absolute URL".into()));
        assert!(with("https://user:pw@automation.example/", SECRET).is_err_and(|e| !e.contains("pw")));

        let problem = "secret must be \"whsec_\" followed by the base64 of 24 to 64 random bytes";
        let short = format!("whsec_{}", STANDARD.encode([7u8; 23]));
        let long = format!("whsec_{}", STANDARD.encode([7u8; 65]));
        let unpadded = format!("whsec_{}", STANDARD_NO_PAD.encode([7u8; 32]));
        for bad in [SECRET.trim_start_matches("whsec_"), "whsec_not base64!", short.as_str(), long.as_str()] {
            assert_eq!(with("https://a.example/", bad), Err(problem.into()), "{bad}");
        }
        assert_eq!(with("https://a.example/", &format!("whsec_{}", STANDARD.encode([7u8; 64]))), Ok(()));
        assert_eq!(with("https://a.example/", &unpadded), Ok(()));

        assert_eq!(
            Http::from_settings(&json!({"url": "https://a.example/"})).map(|_| ()),
            Err("secret is required (\"whsec_\" and the base64 of 24 to 64 random bytes)".into())
        );
        assert_eq!(Http::from_settings(&json!({"secret": SECRET})).map(|_| ()), Err("url is required".into()));
        let base = json!({"url": "https://a.example/", "secret": SECRET});
        let set = |key: &str, value: Value| {
            let mut settings = base.clone();
            settings[key] = value;
            Http::from_settings(&settings).map(|_| ())
        };
        assert_eq!(set("timeout_ms", json!(99)), Err("timeout_ms must be a whole number from 100 to 60000".into()));
        assert_eq!(set("attempts", json!(0)), Err("attempts must be a whole number from 1 to 5".into()));
        assert_eq!(set("attempts", json!(5)), Ok(()));
        assert_eq!(set("expected_minutes", json!(90)), Ok(()));
        assert!(set("timeout", json!(1000)).is_err_and(|e| e.starts_with("unknown setting \"timeout\"")));
    }

    #[test]
    fn an_invalid_secret_is_never_quoted_by_build() {
        let secret = "whsec_c2VjcmV0LWJ1dC10b28tc2hvcnQ=";
        let err = build("http", &json!({"url": "https://a.example/?token=t0ken-in-query", "secret": secret}))
            .err()
            .unwrap_or_default();
        assert!(err.starts_with("invalid settings for the http adapter: secret must be"), "{err}");
        assert!(!err.contains("c2VjcmV0") && !err.contains("t0ken"), "{err}");
        let err = build("http", &json!({"url": "http://a.example/?token=t0ken-in-query", "secret": SECRET}))
            .err()
            .unwrap_or_default();
        assert!(!err.contains("t0ken") && !err.contains("MfKQ"), "{err}");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates_and_is_capped_at_a_day() {
        let headers = |value: &str| {
            let mut headers = header::HeaderMap::new();
            headers.insert(header::RETRY_AFTER, value.parse().expect("a header value"));
            headers
        };
        assert_eq!(retry_after(&headers("7")), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(&headers("9999999")), Some(MAX_RETRY_AFTER));
        assert_eq!(retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT")), Some(Duration::ZERO), "in the past");
        let soon = (chrono::Utc::now() + chrono::Duration::seconds(90)).to_rfc2822();
        let soon = retry_after(&headers(&soon)).expect("a date");
        assert!(soon >= Duration::from_secs(88) && soon <= Duration::from_secs(90), "{soon:?}");
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&header::HeaderMap::new()), None);
    }

    #[test]
    fn backoff_doubles_up_to_two_seconds() {
        assert!((Duration::from_millis(180)..=Duration::from_millis(220)).contains(&backoff(1)));
        assert!((Duration::from_millis(360)..=Duration::from_millis(440)).contains(&backoff(2)));
        assert!((Duration::from_millis(1800)..=Duration::from_millis(2200)).contains(&backoff(30)));
    }
}

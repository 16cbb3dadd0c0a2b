//! The HTTP side: one reqwest client, the signature, and the retrying call both actions
//! share. Errors and logs are scrubbed of the secret and never carry a request URL (the
//! status call has `secret=` in its query).

use std::{error::Error as _, fmt, sync::Arc, time::Duration};

use md5::{Digest, Md5};
use serde_json::Value;
use subtle::ConstantTimeEq;

use super::{TokopayConfig, TokopayError};

#[derive(Clone)]
pub struct TokopayClient {
    http: reqwest::Client,
    config: Arc<TokopayConfig>,
}

impl fmt::Debug for TokopayClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokopayClient").field("config", &self.config).finish_non_exhaustive()
    }
}

/// First pause between attempts; it doubles each time (with jitter), up to `MAX_BACKOFF`.
const BASE_BACKOFF: Duration = Duration::from_millis(200);
const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// How much of an unreadable body an error quotes.
const SNIPPET_CHARS: usize = 200;

impl TokopayClient {
    pub fn new(config: TokopayConfig) -> TokopayClient {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            // A redirect is not part of the API; following one would resend the secret.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("RuangPremium/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        TokopayClient { http, config: Arc::new(config) }
    }

    pub fn config(&self) -> &TokopayConfig {
        &self.config
    }

    /// md5("{merchant_id}:{secret}:{reff_id}") lowercase hex, with OUR configured merchant id.
    pub fn signature(&self, reff_id: &str) -> String {
        let digest = Md5::new()
            .chain_update(self.config.merchant_id.as_bytes())
            .chain_update(b":")
            .chain_update(self.config.secret.expose().as_bytes())
            .chain_update(b":")
            .chain_update(reff_id.as_bytes())
            .finalize();
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Constant-time comparison of `given` (case-insensitive hex) with `signature(reff_id)`.
    pub fn verify_signature(&self, reff_id: &str, given: &str) -> bool {
        let given = given.trim().to_ascii_lowercase();
        let expected = self.signature(reff_id);
        given.len() == expected.len() && bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
    }

    /// `{base}/v1/order`.
    pub(super) fn order_url(&self) -> String {
        format!("{}/v1/order", self.config.base_url)
    }

    pub(super) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Sends the request `build` makes, up to `attempts` times: again after a connect error,
    /// a timeout, a 5xx or a 429, with exponential backoff and jitter. Returns the JSON body
    /// of the first other answer (whatever its HTTP status: Tokopay's refusals are JSON).
    pub(super) async fn call(
        &self,
        action: &'static str,
        reff_id: &str,
        build: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<Value, TokopayError> {
        let attempts = self.config.attempts.max(1);
        let mut last = String::from("no attempt made");
        for attempt in 1..=attempts {
            if attempt > 1 {
                tokio::time::sleep(backoff(attempt - 1)).await;
            }
            match build().send().await {
                Ok(response) => {
                    let status = response.status();
                    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                        last = format!("HTTP {}", status.as_u16());
                    } else {
                        match response.bytes().await {
                            Ok(bytes) => return self.read_json(status, &bytes),
                            Err(err) => last = self.describe(err),
                        }
                    }
                }
                Err(err) if err.is_builder() => return Err(TokopayError::Unreachable(self.describe(err))),
                Err(err) => last = self.describe(err),
            }
            tracing::debug!(action, reff_id, attempt, outcome = %last, "tokopay attempt failed");
        }
        Err(TokopayError::Unreachable(format!("{last} (after {attempts} attempts)")))
    }

    fn read_json(&self, status: reqwest::StatusCode, bytes: &[u8]) -> Result<Value, TokopayError> {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(value @ Value::Object(_)) => Ok(self.scrub(value)),
            Ok(_) | Err(_) => {
                let text = String::from_utf8_lossy(bytes);
                let snippet: String = text.chars().take(SNIPPET_CHARS).collect();
                Err(TokopayError::Malformed(format!(
                    "HTTP {} with a body that is not a JSON object: {:?}",
                    status.as_u16(),
                    self.redact(&snippet)
                )))
            }
        }
    }

    /// A reqwest error as text: without the URL, with its causes, scrubbed.
    fn describe(&self, err: reqwest::Error) -> String {
        let err = err.without_url();
        if err.is_timeout() {
            return format!("timed out after {} ms", self.config.timeout.as_millis());
        }
        let mut text = if err.is_connect() { "cannot connect".to_owned() } else { err.to_string() };
        let mut source = err.source();
        while let Some(cause) = source {
            let cause_text = cause.to_string();
            if !text.contains(&cause_text) {
                text.push_str(": ");
                text.push_str(&cause_text);
            }
            source = cause.source();
        }
        self.redact(&text)
    }

    /// `text` with the secret (as is and URL-encoded) replaced by `***`.
    pub(super) fn redact(&self, text: &str) -> String {
        let secret = self.config.secret.expose();
        if secret.is_empty() {
            return text.to_owned();
        }
        let mut out = text.replace(secret, "***");
        let encoded = serde_urlencoded::to_string([("s", secret)]).unwrap_or_default();
        if let Some(encoded) = encoded.strip_prefix("s=").filter(|e| *e != secret && !e.is_empty()) {
            out = out.replace(encoded, "***");
        }
        out
    }

    /// A body with every string scrubbed, in case the gateway ever echoes the secret.
    fn scrub(&self, value: Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.redact(&s)),
            Value::Array(items) => Value::Array(items.into_iter().map(|v| self.scrub(v)).collect()),
            Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, self.scrub(v))).collect()),
            other => other,
        }
    }
}

/// The pause before retry `n` (1-based): 200 ms × 2^(n-1) up to 5 s, ±10%.
fn backoff(n: u32) -> Duration {
    crate::backoff::delay(n, BASE_BACKOFF, MAX_BACKOFF)
}

/// The `data` object of a `{"status": "Success", "data": {…}}` answer, or the refusal.
pub(super) fn success_data(body: &Value) -> Result<&serde_json::Map<String, Value>, TokopayError> {
    let succeeded =
        body.get("status").and_then(Value::as_str).is_some_and(|s| s.trim().eq_ignore_ascii_case("success"));
    match body.get("data") {
        Some(Value::Object(data)) if succeeded => Ok(data),
        _ => Err(TokopayError::Refused { message: refusal_message(body), raw: body.clone() }),
    }
}

/// The gateway's own words when it has some (`error_msg`, `message`, …), else the status.
fn refusal_message(body: &Value) -> String {
    let words = ["error_msg", "message", "msg", "error"]
        .iter()
        .find_map(|key| body.get(*key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()));
    let mut message = match (words, body.get("status")) {
        (Some(words), _) => words.to_owned(),
        (None, Some(Value::String(s))) if s.trim().eq_ignore_ascii_case("success") => {
            "no data in the answer".to_owned()
        }
        (None, Some(status)) => format!("status {status}"),
        (None, None) => "no status in the answer".to_owned(),
    };
    if let Some(rc) = body.get("rc").filter(|rc| !rc.is_null()) {
        message.push_str(&format!(" (rc {rc})"));
    }
    message.chars().take(SNIPPET_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::config::Secret;

    pub(crate) const SECRET: &str = "s3cr3t";

    pub(crate) fn client(base_url: &str, secret: &str) -> TokopayClient {
        TokopayClient::new(TokopayConfig {
            base_url: base_url.to_owned(),
            merchant_id: "M230906ABCD1234".to_owned(),
            secret: Secret(secret.to_owned()),
            channel: "QRIS".to_owned(),
            webhook_allowed_ips: Vec::new(),
            timeout: Duration::from_millis(500),
            attempts: 2,
        })
    }

    #[test]
    fn signature_is_the_md5_of_merchant_secret_and_reff_id() {
        // echo -n "M230906ABCD1234:s3cr3t:RP2611267K3M9Q-1" | md5sum
        let client = client("https://api.tokopay.id", SECRET);
        assert_eq!(client.signature("RP2611267K3M9Q-1"), "d9ba217023bc1ff4f53dec47351ecfe1");
        assert_ne!(client.signature("RP2611267K3M9Q-2"), client.signature("RP2611267K3M9Q-1"));
    }

    #[test]
    fn verify_signature_accepts_either_case_and_rejects_anything_else() {
        let client = client("https://api.tokopay.id", SECRET);
        let good = "d9ba217023bc1ff4f53dec47351ecfe1";
        assert!(client.verify_signature("RP2611267K3M9Q-1", good));
        assert!(client.verify_signature("RP2611267K3M9Q-1", &good.to_uppercase()));
        assert!(client.verify_signature("RP2611267K3M9Q-1", "D9BA217023bc1ff4f53dec47351ecfe1"));
        assert!(!client.verify_signature("RP2611267K3M9Q-2", good), "another reff_id");
        assert!(!client.verify_signature("RP2611267K3M9Q-1", "d9ba217023bc1ff4f53dec47351ecfe0"), "one digit off");
        assert!(!client.verify_signature("RP2611267K3M9Q-1", &good[..31]), "short");
        assert!(!client.verify_signature("RP2611267K3M9Q-1", &format!("{good}0")), "long");
        assert!(!client.verify_signature("RP2611267K3M9Q-1", ""), "empty");
        let other_secret = super::tests::client("https://api.tokopay.id", "other");
        assert!(!other_secret.verify_signature("RP2611267K3M9Q-1", good), "another secret");
    }

    #[test]
    fn redact_hides_the_secret_plain_and_url_encoded() {
        let client = client("https://api.tokopay.id", "a b/c+d&e");
        assert_eq!(client.redact("x a b/c+d&e y"), "x *** y");
        assert_eq!(client.redact("secret=a+b%2Fc%2Bd%26e&x=1"), "secret=***&x=1");
    }

    #[test]
    fn refusals_carry_the_gateway_message() {
        let body = json!({"status": 0, "rc": 401, "error_msg": "Signature tidak valid"});
        match success_data(&body) {
            Err(TokopayError::Refused { message, raw }) => {
                assert_eq!(message, "Signature tidak valid (rc 401)");
                assert_eq!(raw["rc"], 401);
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        let no_data = json!({"status": "Success", "data": []});
        assert!(
            matches!(success_data(&no_data), Err(TokopayError::Refused { ref message, .. }) if message == "no data in the answer")
        );
        let failed = json!({"status": "Failed"});
        assert!(
            matches!(success_data(&failed), Err(TokopayError::Refused { ref message, .. }) if message == "status \"Failed\"")
        );
        assert!(success_data(&json!({"status": "Success", "data": {"trx_id": "TP1"}})).is_ok());
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        for _ in 0..50 {
            let first = backoff(1);
            assert!(first >= Duration::from_millis(180) && first <= Duration::from_millis(220), "{first:?}");
            let third = backoff(3);
            assert!(third >= Duration::from_millis(720) && third <= Duration::from_millis(880), "{third:?}");
            assert!(backoff(30) <= MAX_BACKOFF.mul_f64(1.1));
        }
    }

    const LONG_SECRET: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    fn order(expires_in: i64) -> super::super::CreateOrder<'static> {
        super::super::CreateOrder {
            reff_id: "RP2611267K3M9Q-1",
            amount: 150_000,
            customer_name: "Budi",
            customer_email: "budi@example.com",
            customer_phone: "+6281234567890",
            expires_at: chrono::Utc::now() + chrono::Duration::seconds(expires_in),
            redirect_url: None,
            items: Vec::new(),
        }
    }

    fn assert_no_secret(text: &str) {
        assert!(!text.contains(LONG_SECRET), "the secret leaked: {text}");
        assert!(!text.contains(&LONG_SECRET[..12]), "part of the secret leaked: {text}");
        assert!(!text.contains("secret="), "a URL leaked: {text}");
    }

    #[tokio::test]
    async fn a_connect_error_never_shows_the_secret_or_the_url() {
        // Nothing listens on port 9 (discard) of the loopback address.
        let client = client("http://127.0.0.1:9", LONG_SECRET);
        let status = client.check_status("RP2611267K3M9Q-1", 150_000).await.expect_err("unreachable");
        assert!(matches!(status, TokopayError::Unreachable(_)), "{status:?}");
        for text in [status.to_string(), format!("{status:?}"), format!("{status:#?}")] {
            assert_no_secret(&text);
            assert!(text.contains("after 2 attempts"), "{text}");
        }
        let create = client.create_order(&order(900)).await.expect_err("unreachable");
        assert!(matches!(create, TokopayError::Unreachable(_)), "{create:?}");
        assert_no_secret(&format!("{create} {create:?}"));
        assert_no_secret(&format!("{client:?}"));
    }

    #[tokio::test]
    async fn https_is_spoken() {
        // Tokopay is https only: the client must get as far as connecting (a TLS-less build
        // fails before that, on the scheme).
        let err = reqwest::Client::new().get("https://127.0.0.1:9/v1/order").send().await.expect_err("nothing listens");
        let chain = format!("{err:?}");
        assert!(err.is_connect() && !chain.contains("scheme"), "{chain}");
    }

    #[tokio::test]
    async fn a_body_echoing_the_secret_is_scrubbed() {
        use axum::{extract::RawQuery, routing::get, Router};
        // A gateway that answers with the query string it got, secret included.
        let app = Router::new().route(
            "/v1/order",
            get(|RawQuery(query): RawQuery| async move {
                axum::Json(
                    json!({"status": 0, "rc": 400, "error_msg": format!("bad request: {}", query.unwrap_or_default())}),
                )
            })
            .post(|| async { "<html>secret 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</html>" }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let client = client(&base, LONG_SECRET);

        let refused = client.check_status("RP2611267K3M9Q-1", 150_000).await.expect_err("refused");
        match &refused {
            TokopayError::Refused { message, raw } => {
                assert!(message.starts_with("bad request: merchant=M230906ABCD1234&secret=***&ref_id="), "{message}");
                assert!(!raw.to_string().contains(LONG_SECRET), "{raw}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(!format!("{refused} {refused:?}").contains(LONG_SECRET));

        let malformed = client.create_order(&order(900)).await.expect_err("not JSON");
        match &malformed {
            TokopayError::Malformed(message) => {
                assert!(message.contains("HTTP 200") && message.contains("secret ***"), "{message}");
            }
            other => panic!("expected malformed, got {other:?}"),
        }
        assert_no_secret(&format!("{malformed} {malformed:?}"));
        server.abort();
    }

    #[tokio::test]
    async fn busy_and_failing_answers_are_retried_and_refusals_are_not() {
        use std::sync::{
            atomic::{AtomicUsize, Ordering},
            Arc,
        };

        use axum::{http::StatusCode, routing::post, Router};
        let hits = Arc::new(AtomicUsize::new(0));
        let counter = hits.clone();
        // 429, then 503, then the order.
        let app = Router::new().route(
            "/v1/order",
            post(move || {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                async move {
                    match n {
                        0 => (StatusCode::TOO_MANY_REQUESTS, axum::Json(json!({"status": 0}))),
                        1 => (StatusCode::SERVICE_UNAVAILABLE, axum::Json(json!({"status": 0}))),
                        _ => (
                            StatusCode::OK,
                            axum::Json(json!({"status": "Success", "data": {"trx_id": "TP261126ABCD000001",
                                "qr_string": "000201", "total_bayar": 151150, "total_diterima": "150000"}})),
                        ),
                    }
                }
            })
            .get(|| async {
                (StatusCode::UNAUTHORIZED, axum::Json(json!({"status": 0, "error_msg": "Unauthorized"})))
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let mut config = client(&base, SECRET).config().clone();
        config.attempts = 3;
        let client = TokopayClient::new(config);

        let created = client.create_order(&order(900)).await.expect("created on the third attempt");
        assert_eq!(hits.load(Ordering::SeqCst), 3);
        assert_eq!(
            (created.trx_id.as_str(), created.total_bayar, created.total_diterima),
            ("TP261126ABCD000001", 151_150, 150_000)
        );

        // A 401 with a JSON refusal is an answer: no retry.
        let started = std::time::Instant::now();
        let refused = client.check_status("RP2611267K3M9Q-1", 150_000).await.expect_err("refused");
        assert!(matches!(&refused, TokopayError::Refused { message, .. } if message == "Unauthorized"), "{refused:?}");
        assert!(started.elapsed() < Duration::from_millis(100), "answered at once");
        server.abort();
    }
}

//! A stand-in for api.tokopay.id on the local stack, in memory, speaking Tokopay's wire
//! format (shared/TOKOPAY.md §2–§5), mounted under `/tokopay-sim` so the shop's
//! `TOKOPAY_BASE_URL` is `http://127.0.0.1:<port>/tokopay-sim`. Local only.
//!
//! Gateway (what the shop's client calls):
//! * `POST /tokopay-sim/v1/order` (and `/v1/order/`) — the advanced create, signed.
//! * `GET /tokopay-sim/v1/order?merchant&secret&ref_id&nominal&metode` — the simple create
//!   and, with an existing `ref_id`, the status check (`data.status`).
//!
//! For people: `GET|POST /tokopay-sim/pay/{trx_id}` (the payment page and its "pay"
//! button) and `GET /tokopay-sim/qr/{trx_id}.svg`.
//!
//! Controls, JSON, for tests and the developer:
//! * `POST /tokopay-sim/orders/{trx_id}/pay` `{"webhook": "normal|none|duplicate|completed|late"}`
//! * `POST /tokopay-sim/orders/{trx_id}/webhook` `{"status": "Success|Completed"}` — send now
//! * `GET /tokopay-sim/orders?reff_id=` (or `?trx_id=`, or nothing for all)
//! * `GET|POST /tokopay-sim/control` `{"status_check": "ok|fail|timeout|unpaid",
//!   "create": "ok|fail|timeout", "latency_ms": N, "fee": "customer|merchant"}`

mod api;
mod control;
mod page;
pub mod qris;
mod store;
mod webhook;

use std::{
    fmt,
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use axum::{
    routing::{get, post},
    Router,
};

use store::State;
pub use store::WebhookMode;

#[derive(Clone)]
pub struct SimConfig {
    /// The merchant id the simulator accepts.
    pub merchant_id: String,
    /// Its secret (the signature's middle part, and the raw `secret` of the GET call).
    pub secret: String,
    /// Shown on the payment page and in the QR (tag 59): "RuangPremium".
    pub merchant_name: String,
    /// Where paid webhooks go (Tokopay: set in the dashboard). Empty: none are sent.
    pub webhook_url: String,
    /// Between webhook attempts; Tokopay waits 2 minutes, tests a few ms.
    pub webhook_retry_interval: Duration,
    /// The stack's public address, for `pay_url` and `qr_link`.
    pub public_url: String,
}

impl SimConfig {
    /// Tokopay's defaults around the given credentials and addresses.
    pub fn new(merchant_id: &str, secret: &str, public_url: &str, webhook_url: &str) -> SimConfig {
        SimConfig {
            merchant_id: merchant_id.to_owned(),
            secret: secret.to_owned(),
            merchant_name: "RuangPremium".to_owned(),
            webhook_url: webhook_url.to_owned(),
            webhook_retry_interval: Duration::from_secs(120),
            public_url: public_url.to_owned(),
        }
    }

    fn public_base(&self) -> &str {
        self.public_url.trim_end_matches('/')
    }
}

impl fmt::Debug for SimConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimConfig")
            .field("merchant_id", &self.merchant_id)
            .field("secret", &"***")
            .field("merchant_name", &self.merchant_name)
            .field("webhook_url", &self.webhook_url)
            .field("webhook_retry_interval", &self.webhook_retry_interval)
            .field("public_url", &self.public_url)
            .finish()
    }
}

#[derive(Clone)]
pub struct Simulator {
    inner: Arc<Inner>,
}

struct Inner {
    config: SimConfig,
    state: Mutex<State>,
    /// For webhooks.
    http: reqwest::Client,
}

impl Simulator {
    pub fn new(config: SimConfig) -> Simulator {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Tokopay-Simulator/1.0")
            .build()
            .unwrap_or_default();
        Simulator { inner: Arc::new(Inner { config, state: Mutex::new(State::default()), http }) }
    }

    pub fn config(&self) -> &SimConfig {
        &self.inner.config
    }

    /// Every route, already under `/tokopay-sim`.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/tokopay-sim/v1/order", post(api::create_order).get(api::simple_order))
            .route("/tokopay-sim/v1/order/", post(api::create_order).get(api::simple_order))
            .route("/tokopay-sim/pay/{trx_id}", get(page::show).post(page::pay))
            .route("/tokopay-sim/qr/{file}", get(page::qr_svg))
            .route("/tokopay-sim/orders", get(control::orders))
            .route("/tokopay-sim/orders/{trx_id}/pay", post(control::pay))
            .route("/tokopay-sim/orders/{trx_id}/webhook", post(control::resend_webhook))
            .route("/tokopay-sim/orders/{trx_id}/expire", post(control::expire))
            .route("/tokopay-sim/control", get(control::show_switches).post(control::set_switches))
            .with_state(self.clone())
    }

    /// The state, even after a panic elsewhere (the data is plain values).
    fn state(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// md5("{merchant_id}:{secret}:{reff_id}"), lowercase hex.
    fn signature(&self, reff_id: &str) -> String {
        use md5::{Digest, Md5};
        let config = &self.inner.config;
        let digest = Md5::digest(format!("{}:{}:{reff_id}", config.merchant_id, config.secret).as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_md5_of_merchant_secret_and_reff_id() {
        // echo -n "M230906ABCD1234:s3cr3t:RP2611267K3M9Q-1" | md5sum
        let sim = Simulator::new(SimConfig::new("M230906ABCD1234", "s3cr3t", "http://127.0.0.1:1", ""));
        assert_eq!(sim.signature("RP2611267K3M9Q-1"), "d9ba217023bc1ff4f53dec47351ecfe1");
    }

    #[test]
    fn debug_hides_the_secret() {
        let config = SimConfig::new("M230906ABCD1234", "s3cr3t-value", "http://127.0.0.1:1", "");
        assert!(!format!("{config:?}").contains("s3cr3t-value"));
    }
}

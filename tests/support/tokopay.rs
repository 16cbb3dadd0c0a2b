//! The Tokopay simulator on a real port of 127.0.0.1, a `TokopayClient` pointed at it, and a
//! small webhook receiver that records what it gets and answers as scripted.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{extract::State, http::HeaderMap, response::IntoResponse, routing::post, Json, Router};
use ruangpremium::tokopay_sim::{SimConfig, Simulator};
use serde_json::{json, Value};
use shop::{
    config::Secret,
    tokopay::{TokopayClient, TokopayConfig},
};
use tokio::{net::TcpListener, task::JoinHandle};

pub const MERCHANT_ID: &str = "M261126RPSIM001";
pub const SECRET: &str = "3c1f9a7be20d4f58a6c3e9b17d2f4a8c5e0b6d9f1a3c7e2b4d6f8a0c2e4b6d8f";

/// Serves `router` on a free port of 127.0.0.1; returns `http://127.0.0.1:<port>`.
async fn serve(router: Router) -> (String, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
    let base = format!("http://{}", listener.local_addr().expect("the port"));
    let server = tokio::spawn(async move {
        if let Err(err) = axum::serve(listener, router).await {
            eprintln!("a test server stopped: {err}");
        }
    });
    (base, server)
}

pub struct TokopaySim {
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    pub sim: Simulator,
    http: reqwest::Client,
    server: JoinHandle<()>,
}

impl Drop for TokopaySim {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl TokopaySim {
    /// A simulator that sends no webhooks.
    pub async fn spawn() -> TokopaySim {
        TokopaySim::spawn_with_webhook("", Duration::from_millis(20)).await
    }

    /// A simulator that sends webhooks to `webhook_url`, `retry_interval` apart.
    pub async fn spawn_with_webhook(webhook_url: &str, retry_interval: Duration) -> TokopaySim {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let base_url = format!("http://{}", listener.local_addr().expect("the port"));
        let mut config = SimConfig::new(MERCHANT_ID, SECRET, &base_url, webhook_url);
        config.webhook_retry_interval = retry_interval;
        let sim = Simulator::new(config);
        let router = sim.router();
        let server = tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, router).await {
                eprintln!("the simulator stopped: {err}");
            }
        });
        let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().expect("a client");
        TokopaySim { base_url, sim, http, server }
    }

    /// `TOKOPAY_BASE_URL` for the shop: `<base_url>/tokopay-sim`.
    pub fn gateway_url(&self) -> String {
        format!("{}/tokopay-sim", self.base_url)
    }

    /// The shop's configuration for this simulator: 2 s timeout, 3 attempts.
    pub fn client_config(&self) -> TokopayConfig {
        let gateway = self.gateway_url();
        TokopayConfig::from_lookup(move |name| match name {
            "TOKOPAY_BASE_URL" => Some(gateway.clone()),
            "TOKOPAY_MERCHANT_ID" => Some(MERCHANT_ID.to_owned()),
            "TOKOPAY_SECRET" => Some(SECRET.to_owned()),
            "TOKOPAY_TIMEOUT_MS" => Some("2000".to_owned()),
            _ => None,
        })
        .expect("a valid Tokopay configuration")
    }

    pub fn client(&self) -> TokopayClient {
        TokopayClient::new(self.client_config())
    }

    /// A client with its configuration changed by `change`.
    pub fn client_with(&self, change: impl FnOnce(&mut TokopayConfig)) -> TokopayClient {
        let mut config = self.client_config();
        change(&mut config);
        TokopayClient::new(config)
    }

    /// A client with a wrong secret.
    pub fn client_with_secret(&self, secret: &str) -> TokopayClient {
        self.client_with(|config| config.secret = Secret(secret.to_owned()))
    }

    /// Any request to the simulator: the status and the body (JSON, or a string).
    pub async fn send(&self, request: reqwest::RequestBuilder) -> (u16, Value) {
        let response = request.send().await.expect("the simulator answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("a body");
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http.get(format!("{}{path}", self.base_url))
    }

    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http.post(format!("{}{path}", self.base_url))
    }

    /// `POST /tokopay-sim/control`; returns the switches.
    pub async fn control(&self, switches: Value) -> Value {
        let (status, body) = self.send(self.post("/tokopay-sim/control").json(&switches)).await;
        assert_eq!(status, 200, "control {switches}: {body}");
        body
    }

    /// `GET /tokopay-sim/control`.
    pub async fn switches(&self) -> Value {
        self.send(self.get("/tokopay-sim/control")).await.1
    }

    /// `POST /tokopay-sim/orders/{trx_id}/pay` with a webhook mode.
    pub async fn pay(&self, trx_id: &str, webhook: &str) -> (u16, Value) {
        self.send(self.post(&format!("/tokopay-sim/orders/{trx_id}/pay")).json(&json!({"webhook": webhook}))).await
    }

    /// `POST /tokopay-sim/orders/{trx_id}/webhook`.
    pub async fn resend_webhook(&self, trx_id: &str) -> (u16, Value) {
        self.send(self.post(&format!("/tokopay-sim/orders/{trx_id}/webhook"))).await
    }

    /// `GET /tokopay-sim/orders?reff_id=` (panics when unknown).
    pub async fn order(&self, reff_id: &str) -> Value {
        let (status, body) = self.send(self.get("/tokopay-sim/orders").query(&[("reff_id", reff_id)])).await;
        assert_eq!(status, 200, "order {reff_id}: {body}");
        body
    }

    /// Waits (up to 5 s) until the order has at least `count` webhook deliveries recorded.
    pub async fn wait_for_deliveries(&self, reff_id: &str, count: usize) -> Value {
        for _ in 0..250 {
            let order = self.order(reff_id).await;
            if order["webhook"]["deliveries"].as_array().map_or(0, Vec::len) >= count {
                return order;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("no {count} webhook deliveries for {reff_id} within 5 s: {}", self.order(reff_id).await);
    }
}

/// What the receiver answers to one webhook.
#[derive(Clone, Debug)]
pub enum Answer {
    /// 200 `{"status": true}`.
    Accept,
    /// The given status and body.
    Reply(u16, String),
}

/// A webhook as received.
#[derive(Clone, Debug)]
pub struct Received {
    pub content_type: Option<String>,
    pub body: Value,
}

#[derive(Clone, Default)]
struct ReceiverState {
    received: Arc<Mutex<Vec<Received>>>,
    /// Answers to give, in order; once empty, `Accept`.
    script: Arc<Mutex<VecDeque<Answer>>>,
    /// Answer this to everything (after the script).
    always: Arc<Mutex<Option<Answer>>>,
}

pub struct WebhookReceiver {
    /// `http://127.0.0.1:<port>/webhooks/tokopay`.
    pub url: String,
    state: ReceiverState,
    server: JoinHandle<()>,
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl WebhookReceiver {
    /// A receiver that accepts everything.
    pub async fn spawn() -> WebhookReceiver {
        let state = ReceiverState::default();
        let router = Router::new().route("/webhooks/tokopay", post(receive)).with_state(state.clone());
        let (base, server) = serve(router).await;
        WebhookReceiver { url: format!("{base}/webhooks/tokopay"), state, server }
    }

    /// Answer `answer` to every webhook from now on.
    pub fn always(&self, answer: Answer) {
        *self.state.always.lock().expect("lock") = Some(answer);
    }

    /// Answer these first, in order.
    pub fn script(&self, answers: impl IntoIterator<Item = Answer>) {
        self.state.script.lock().expect("lock").extend(answers);
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().expect("lock").clone()
    }
}

async fn receive(State(state): State<ReceiverState>, headers: HeaderMap, body: String) -> axum::response::Response {
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let body = serde_json::from_str(&body).unwrap_or(Value::String(body));
    state.received.lock().expect("lock").push(Received { content_type, body });
    let scripted = state.script.lock().expect("lock").pop_front();
    let answer = scripted.or_else(|| state.always.lock().expect("lock").clone()).unwrap_or(Answer::Accept);
    match answer {
        Answer::Accept => Json(json!({"status": true})).into_response(),
        Answer::Reply(status, body) => {
            let status = axum::http::StatusCode::from_u16(status).expect("a status");
            (status, [("content-type", "application/json")], body).into_response()
        }
    }
}

//! The peers of the notification tests: a real SMTP server (aiosmtpd, a Python process), a
//! WhatsApp gateway on a loopback port that records what it is sent and answers as told,
//! and an outbox over a fresh database with orders inserted as the checkout inserts them
//! (the tracking token encrypted with the keyring, bound to its row).

use std::{
    path::PathBuf,
    process::Stdio,
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use rand::RngCore;
use ruangpremium_tests::{project_dir, test_config, TestDb};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use shop::{crypto::SecretSlot, notify::NotifyConfig, AppState, Config};
use tokio::io::AsyncBufReadExt;
use uuid::Uuid;

pub const SHOP_URL: &str = "https://ruangpremium.test";
pub const MAIL_FROM: &str = "RuangPremium <noreply@ruangpremium.test>";
pub const GATEWAY_TOKEN: &str = "fonnte-device-token-6c1b";
pub const ADMIN_EMAIL: &str = "admin@ruangpremium.test";
pub const ADMIN_WHATSAPP: &str = "+6281100000001";
pub const BUYER_WHATSAPP: &str = "+6281234567890";

/// The notification settings of a test, as `NotifyConfig::from_lookup` reads them.
#[derive(Clone, Debug, Default)]
pub struct Settings(pub Vec<(&'static str, String)>);

impl Settings {
    /// Email to `smtp_port`, WhatsApp to `gateway_url`, the shop's and admin's addresses.
    pub fn all(smtp_port: Option<u16>, gateway_url: Option<&str>) -> Settings {
        let mut vars = vec![
            ("SHOP_PUBLIC_URL", SHOP_URL.to_owned()),
            ("ADMIN_EMAIL", ADMIN_EMAIL.to_owned()),
            ("ADMIN_WHATSAPP", ADMIN_WHATSAPP.to_owned()),
            ("NOTIFY_TIMEOUT_MS", "3000".to_owned()),
        ];
        if let Some(port) = smtp_port {
            vars.push(("SMTP_URL", format!("smtp://127.0.0.1:{port}")));
            vars.push(("MAIL_FROM", MAIL_FROM.to_owned()));
        }
        if let Some(url) = gateway_url {
            vars.push(("WHATSAPP_GATEWAY_URL", url.to_owned()));
            vars.push(("WHATSAPP_GATEWAY_TOKEN", GATEWAY_TOKEN.to_owned()));
        }
        Settings(vars)
    }

    pub fn with(mut self, name: &'static str, value: &str) -> Settings {
        self.0.retain(|(k, _)| *k != name);
        self.0.push((name, value.to_owned()));
        self
    }

    pub fn without(mut self, name: &'static str) -> Settings {
        self.0.retain(|(k, _)| *k != name);
        self
    }

    pub fn config(&self) -> NotifyConfig {
        let vars = self.0.clone();
        NotifyConfig::from_lookup(move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone()))
            .expect("valid notification settings")
    }
}

/// An order as the messages see it.
#[derive(Clone, Debug)]
pub struct Order {
    pub id: Uuid,
    pub number: String,
    pub token: String,
    pub email: String,
}

impl Order {
    pub fn tracking_url(&self) -> String {
        format!("{SHOP_URL}/track/{}", self.token)
    }
}

/// The secret sold to every order of these tests: no message may ever show it.
pub const STOCK_SECRET: &str = "NFLX-SECRET-7F3K9Q-premium@example.com:Pa55word!";

/// The outbox of a fresh database, and the shop state that sends it.
pub struct Outbox {
    pub db: TestDb,
    pub state: AppState,
    product_id: Uuid,
}

impl Outbox {
    pub async fn open(settings: &Settings) -> Outbox {
        let db = TestDb::new().await;
        let mut config: Config = test_config(&db.url).expect("test config");
        config.notify = settings.config();
        let api_db = shop::db::Db::connect(&db.url, 8, config.database_prepared_statements).await.expect("connect");
        let state = AppState::new(api_db, config);
        let category: Uuid = sqlx::query_scalar(
            "insert into public.product_categories (slug, name) values ('streaming', 'Streaming') returning id",
        )
        .fetch_one(&db.pool)
        .await
        .expect("category");
        let product_id = sqlx::query_scalar(
            "insert into public.products (category_id, type, slug, name, retail_price, reseller_price)
             values ($1, 'STOCK', 'netflix-premium', 'Netflix Premium 1 Bulan', 50000, 45000) returning id",
        )
        .bind(category)
        .fetch_one(&db.pool)
        .await
        .expect("product");
        Outbox { db, state, product_id }
    }

    /// A paid order in `status` (with `reason` for needs_attention), its stock item sold,
    /// inserted as the checkout inserts one: the tracking token's SHA-256 and the token
    /// encrypted for `(orders, tracking_token_ciphertext, id)`.
    pub async fn order(&self, email: &str, status: &str, reason: Option<&str>) -> Order {
        let id = Uuid::new_v4();
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let number = format!("RP-261127-{}", &Uuid::new_v4().simple().to_string()[..6].to_uppercase());
        let keyring = &self.state.config.keyring;
        let ciphertext = keyring
            .encrypt(token.as_bytes(), SecretSlot { table: "orders", column: "tracking_token_ciphertext", row_id: id });
        sqlx::query(
            "insert into public.orders
               (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type, product_name,
                quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at,
                status, paid_at, attention_reason)
             values ($1, $2, 'Budi Santoso', $3, $4, $5, 'STOCK', 'Netflix Premium 1 Bulan', 1, 50000, 50000, 'retail',
                     $6, $7, now() + interval '15 minutes', $8::public.order_status, now(), $9)",
        )
        .bind(id)
        .bind(&number)
        .bind(email)
        .bind(BUYER_WHATSAPP)
        .bind(self.product_id)
        .bind(Sha256::digest(token.as_bytes()).as_slice())
        .bind(&ciphertext)
        .bind(status)
        .bind(reason)
        .execute(&self.db.pool)
        .await
        .expect("insert the order");
        let item = Uuid::new_v4();
        let secret = keyring.encrypt(
            STOCK_SECRET.as_bytes(),
            SecretSlot { table: "stock_items", column: "secret_ciphertext", row_id: item },
        );
        sqlx::query(
            "insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint, status, sold_at, order_id)
             values ($1, $2, $3, $4, 'sold', now(), $5)",
        )
        .bind(item)
        .bind(self.product_id)
        .bind(&secret)
        .bind(Sha256::digest(item.as_bytes()).as_slice())
        .bind(id)
        .execute(&self.db.pool)
        .await
        .expect("insert the sold stock item");
        Order { id, number, token, email: email.to_owned() }
    }

    /// `private.enqueue_order_notifications`, as the fulfillment code calls it.
    pub async fn enqueue(&self, order: &Order, event: &str) -> i32 {
        sqlx::query_scalar("select private.enqueue_order_notifications($1, $2)")
            .bind(order.id)
            .bind(event)
            .fetch_one(&self.db.pool)
            .await
            .expect("enqueue")
    }

    pub async fn send_due(&self, worker: &str) -> usize {
        shop::notify::send_due(&self.state, worker, 20).await.expect("send_due")
    }

    /// Every message, as JSON rows, by id.
    pub async fn rows(&self) -> Vec<Value> {
        sqlx::query_scalar(
            "select to_jsonb(n) || jsonb_build_object(
                 'retry_in', extract(epoch from n.next_attempt_at - now())::float8,
                 'lease_left', extract(epoch from n.locked_until - now())::float8)
             from public.notifications n order by id",
        )
        .fetch_all(&self.db.pool)
        .await
        .expect("read the outbox")
    }

    /// The one row of `(audience, channel)`.
    pub async fn row(&self, audience: &str, channel: &str) -> Value {
        let rows: Vec<Value> =
            self.rows().await.into_iter().filter(|r| r["audience"] == audience && r["channel"] == channel).collect();
        assert_eq!(rows.len(), 1, "one {audience} {channel} message: {rows:#?}");
        rows.into_iter().next().unwrap_or_default()
    }

    /// Makes every queued message due now.
    pub async fn make_due(&self) {
        sqlx::query("update public.notifications set next_attempt_at = now() where status = 'queued'")
            .execute(&self.db.pool)
            .await
            .expect("make due");
    }
}

// -----------------------------------------------------------------------------------------

/// aiosmtpd on a loopback port, run by tests/notify/smtpd.py.
pub struct Smtpd {
    pub port: u16,
    dir: PathBuf,
    _child: tokio::process::Child,
}

/// The Python that has aiosmtpd: `RP_TEST_PYTHON` (scripts/test sets it), else the
/// project's virtualenv if it is there.
fn python() -> PathBuf {
    if let Some(path) = std::env::var_os("RP_TEST_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    let venv = project_dir().join(".local/venv/bin/python");
    if venv.exists() {
        return venv;
    }
    panic!(
        "the notification tests need a real SMTP server, aiosmtpd, and RP_TEST_PYTHON is not set. \
         scripts/test installs it; by hand: `python3 -m venv .local/venv && .local/venv/bin/pip install aiosmtpd`, \
         then RP_TEST_PYTHON=.local/venv/bin/python (or leave it unset: .local/venv is found by itself)"
    )
}

impl Smtpd {
    pub async fn start() -> Smtpd {
        let dir = std::env::temp_dir().join(format!("rp-smtpd-{}", Uuid::new_v4().simple()));
        let python = python();
        let mut child = tokio::process::Command::new(&python)
            .arg(project_dir().join("tests/notify/smtpd.py"))
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {} (RP_TEST_PYTHON): {e}", python.display()));
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = tokio::io::BufReader::new(stdout).lines();
        let first = tokio::time::timeout(Duration::from_secs(20), lines.next_line()).await;
        let port = match first {
            Ok(Ok(Some(line))) => line.trim().parse::<u16>().ok(),
            _ => None,
        };
        let Some(port) = port else {
            let mut stderr = String::new();
            if let Some(mut err) = child.stderr.take() {
                let _ = tokio::time::timeout(
                    Duration::from_secs(2),
                    tokio::io::AsyncReadExt::read_to_string(&mut err, &mut stderr),
                )
                .await;
            }
            panic!(
                "aiosmtpd did not start with {} (is aiosmtpd installed there? scripts/test installs it): {stderr}",
                python.display()
            );
        };
        Smtpd { port, dir, _child: child }
    }

    /// What the server received so far, in order.
    pub fn received(&self) -> Vec<Value> {
        let mut mails: Vec<Value> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                    .filter_map(|e| std::fs::read(e.path()).ok())
                    .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
                    .collect()
            })
            .unwrap_or_default();
        mails.sort_by_key(|m| m["number"].as_u64());
        mails
    }
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

// -----------------------------------------------------------------------------------------

/// One call the gateway received.
#[derive(Clone, Debug)]
pub struct GatewayCall {
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub target: Option<String>,
    pub message: Option<String>,
}

/// How the gateway answers.
#[derive(Clone, Debug)]
pub enum Answer {
    /// `{"status": true, …}`, as Fonnte.
    Accept,
    /// HTTP 200 `{"status": false, "reason": …}`, as Fonnte refuses.
    Refuse(String),
    /// This HTTP status with this body.
    Status(u16, String),
}

type Held = (tokio::sync::oneshot::Sender<()>, tokio::sync::oneshot::Receiver<()>);

#[derive(Clone)]
struct GatewayState {
    calls: Arc<Mutex<Vec<GatewayCall>>>,
    answer: Arc<Mutex<Answer>>,
    hold: Arc<Mutex<Option<Held>>>,
}

/// A Fonnte-style gateway on a loopback port.
pub struct Gateway {
    pub url: String,
    state: GatewayState,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Gateway {
    pub async fn start() -> Gateway {
        let state = GatewayState {
            calls: Arc::new(Mutex::new(Vec::new())),
            answer: Arc::new(Mutex::new(Answer::Accept)),
            hold: Arc::new(Mutex::new(None)),
        };
        let app = Router::new().route("/send", post(gateway_send)).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the gateway");
        let url = format!("http://{}/send", listener.local_addr().expect("addr"));
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Gateway { url, state, server }
    }

    pub fn answer(&self, answer: Answer) {
        *self.state.answer.lock().expect("lock") = answer;
    }

    pub fn calls(&self) -> Vec<GatewayCall> {
        self.state.calls.lock().expect("lock").clone()
    }

    /// Holds the next call until the returned sender fires (or drops); the receiver fires
    /// when that call arrives.
    pub fn hold_next(&self) -> (tokio::sync::oneshot::Receiver<()>, tokio::sync::oneshot::Sender<()>) {
        let (arrived_tx, arrived_rx) = tokio::sync::oneshot::channel();
        let (release_tx, release_rx) = tokio::sync::oneshot::channel();
        *self.state.hold.lock().expect("lock") = Some((arrived_tx, release_rx));
        (arrived_rx, release_tx)
    }
}

async fn gateway_send(State(state): State<GatewayState>, headers: HeaderMap, body: Bytes) -> Response {
    let held = state.hold.lock().expect("lock").take();
    if let Some((arrived, release)) = held {
        let _ = arrived.send(());
        let _ = release.await;
    }
    let field = |name: &str| url::form_urlencoded::parse(&body).find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    state.calls.lock().expect("lock").push(GatewayCall {
        authorization: header(header::AUTHORIZATION),
        content_type: header(header::CONTENT_TYPE),
        target: field("target"),
        message: field("message"),
    });
    let answer = state.answer.lock().expect("lock").clone();
    match answer {
        Answer::Accept => Json(json!({
            "detail": "success! message in queue", "id": ["80367170"], "process": "pending", "status": true,
            "target": [field("target")],
        }))
        .into_response(),
        Answer::Refuse(reason) => Json(json!({"status": false, "reason": reason})).into_response(),
        Answer::Status(code, body) => {
            (StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), body).into_response()
        }
    }
}

/// A text field of a row.
pub fn text<'a>(row: &'a Value, field: &str) -> &'a str {
    row[field].as_str().unwrap_or_default()
}

//! Checkout and payment over real HTTP: the API and the webhook served on a loopback port,
//! the local Tokopay simulator on another (its webhooks come back to the shop as Tokopay's
//! would), a JWKS server for members' tokens, and a database of the test's own.

mod expiry;
mod idempotency;
mod orders;
mod place_order;
mod race;
mod validation;
mod webhook;

use std::{net::SocketAddr, time::Duration};

use ruangpremium::tokopay_sim::{SimConfig, Simulator};
use ruangpremium_tests::{test_config, TestApp, TestDb};
use serde_json::{json, Value};
use shop::{tokopay::TokopayClient, AppState, Config};
use uuid::Uuid;

use crate::{
    fixtures::{self, Product},
    signing::{create_user, user_claims, JwksServer, SigningKey},
};

pub struct Shop {
    pub app: TestApp,
    /// The state the shop's routers run on (for running sweeps and jobs in tests).
    pub state: AppState,
    pub base: String,
    pub sim_base: String,
    pub http: reqwest::Client,
    pub tokopay: TokopayClient,
    jwks: JwksServer,
    key: SigningKey,
}

impl Shop {
    pub async fn open() -> Shop {
        Shop::open_with(|_| {}).await
    }

    /// A shop whose webhook only marks orders paid and leaves their delivery to the sweep
    /// (which these tests do not run), for tests that look at the paid state itself.
    pub async fn paid_only() -> Shop {
        Shop::open_with(|config| config.fulfillment.inline_budget = Duration::ZERO).await
    }

    /// A shop whose configuration the test adjusts first.
    pub async fn open_with(adjust: impl FnOnce(&mut Config)) -> Shop {
        let key = SigningKey::generate("k1");
        let jwks = JwksServer::start(&[&key]).await;
        let db = TestDb::new().await;
        let shop_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind shop");
        let sim_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind simulator");
        let base = format!("http://{}", shop_listener.local_addr().expect("addr"));
        let sim_base = format!("http://{}", sim_listener.local_addr().expect("addr"));

        let mut config = test_config(&db.url).expect("test config");
        config.supabase_url = jwks.base_url.clone();
        config.tokopay.base_url = format!("{sim_base}/tokopay-sim");
        config.tokopay.timeout = Duration::from_secs(2);
        config.tokopay.attempts = 2;
        // Every request of a test comes from 127.0.0.1; the per-address cap has its own test.
        config.checkout.max_unpaid_orders_per_ip = 0;
        adjust(&mut config);

        let mut sim_config = SimConfig::new(
            &config.tokopay.merchant_id,
            config.tokopay.secret.expose(),
            &sim_base,
            &format!("{base}{}", shop::payments::WEBHOOK_PATH),
        );
        sim_config.webhook_retry_interval = Duration::from_millis(100);
        let simulator = Simulator::new(sim_config);
        let sim_router = simulator.router();
        tokio::spawn(async move { axum::serve(sim_listener, sim_router).await });

        let api_db = shop::db::Db::connect(&db.url, 8, config.database_prepared_statements)
            .await
            .expect("connect the API to the test database");
        let state = AppState::new(api_db, config.clone());
        let router = shop::api_router(state.clone()).merge(shop::payments::webhook_router(state.clone()));
        let served = router.clone().into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(shop_listener, served).await });
        let tokopay = TokopayClient::new(config.tokopay.clone());
        Shop {
            app: TestApp { db, router, config },
            state,
            base,
            sim_base,
            http: reqwest::Client::new(),
            tokopay,
            jwks,
            key,
        }
    }

    pub fn pool(&self) -> &sqlx::PgPool {
        &self.app.db.pool
    }

    /// A signed-in member: the account (with its profile) and an access token.
    pub async fn member(&self, email: &str, metadata: Value) -> (Uuid, String) {
        let id = create_user(self.pool(), email, metadata).await;
        (id, self.key.sign(&user_claims(&self.jwks.issuer(), id, email)))
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> (u16, Value) {
        let response = request.send().await.expect("the shop answers");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        (status, body)
    }

    pub async fn place(&self, body: &Value, bearer: Option<&str>) -> (u16, Value) {
        let mut request = self.http.post(format!("{}/api/orders", self.base)).json(body);
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        self.send(request).await
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> (u16, Value) {
        let mut request = self.http.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request).await
    }

    /// The order as a guest with its tracking token sees it.
    pub async fn track(&self, token: &str) -> (u16, Value) {
        self.get("/api/track", &[("x-tracking-token", token)]).await
    }

    pub async fn webhook(&self, body: &Value) -> (u16, Value) {
        self.send(self.http.post(format!("{}{}", self.base, shop::payments::WEBHOOK_PATH)).json(body)).await
    }

    /// Pays the invoice at the simulator, which then calls the webhook (`mode`: normal,
    /// none, duplicate, completed, late).
    pub async fn pay(&self, trx_id: &str, mode: &str) -> Value {
        let (status, body) = self
            .send(
                self.http
                    .post(format!("{}/tokopay-sim/orders/{trx_id}/pay", self.sim_base))
                    .json(&json!({"webhook": mode})),
            )
            .await;
        assert_eq!(status, 200, "the simulator takes the payment: {body}");
        body
    }

    pub async fn sim_control(&self, switches: Value) {
        let (status, body) =
            self.send(self.http.post(format!("{}/tokopay-sim/control", self.sim_base)).json(&switches)).await;
        assert_eq!(status, 200, "simulator control: {body}");
    }

    /// The order's payment as stored.
    pub async fn payment(&self, order_id: Uuid) -> Payment {
        sqlx::query_as(
            "select reff_id, trx_id, total_bayar, total_diterima, status::text, amount from public.payments
             where order_id = $1 order by attempt desc limit 1",
        )
        .bind(order_id)
        .fetch_one(self.pool())
        .await
        .expect("payment")
    }

    pub async fn order_status(&self, order_id: Uuid) -> String {
        sqlx::query_scalar("select status::text from public.orders where id = $1")
            .bind(order_id)
            .fetch_one(self.pool())
            .await
            .expect("order")
    }

    /// Waits (up to 10 s) for the order to reach `status`.
    pub async fn wait_for_status(&self, order_id: Uuid, status: &str) {
        for _ in 0..500 {
            if self.order_status(order_id).await == status {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("order {order_id} is still {} after 10 s, not {status}", self.order_status(order_id).await);
    }

    /// The webhook log's outcomes for a payment, oldest first.
    pub async fn webhook_outcomes(&self, reff_id: &str) -> Vec<(String, Option<String>)> {
        sqlx::query_as("select outcome, reason from public.tokopay_webhooks where reff_id = $1 order by id")
            .bind(reff_id)
            .fetch_all(self.pool())
            .await
            .expect("webhook log")
    }

    /// The paid webhook Tokopay would send for this payment, signed with our credentials.
    pub fn paid_webhook(&self, payment: &Payment) -> Value {
        json!({
            "reference": payment.trx_id,
            "reff_id": payment.reff_id,
            "status": "Success",
            "signature": self.tokopay.signature(&payment.reff_id),
            "data": {
                "merchant_id": self.app.config.tokopay.merchant_id,
                "payment_channel": "QRIS",
                "total_dibayar": payment.total_bayar,
                "total_diterima": payment.total_diterima,
                "customer_name": "Budi", "customer_email": "budi@example.com", "customer_phone": "+6281234567890",
                "created_at": "2026-11-26 10:00:00", "updated_at": "2026-11-26 10:01:00"
            }
        })
    }

    /// A STOCK product with `items` available items, at Rp25.000.
    pub async fn stock_product(&self, slug: &str, items: usize) -> Product {
        let category = fixtures::category(&format!("cat-{slug}")).insert(&self.app).await;
        let product =
            fixtures::stock_product(slug, &category).price(25_000).reseller_price(20_000).insert(&self.app).await;
        fixtures::add_stock(&self.app, &product, fixtures::StockStatus::Available, items).await;
        product
    }

    /// How many of the product's items are in each status.
    pub async fn stock_counts(&self, product: &Product) -> (i64, i64, i64) {
        sqlx::query_as(
            "select count(*) filter (where status = 'available'), count(*) filter (where status = 'reserved'),
                    count(*) filter (where status = 'sold')
             from public.stock_items where product_id = $1",
        )
        .bind(product.id)
        .fetch_one(self.pool())
        .await
        .expect("stock counts")
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Payment {
    pub reff_id: String,
    pub trx_id: Option<String>,
    pub total_bayar: Option<i64>,
    pub total_diterima: Option<i64>,
    pub status: String,
    pub amount: i64,
}

impl Payment {
    pub fn trx(&self) -> &str {
        self.trx_id.as_deref().expect("the invoice exists")
    }
}

/// A guest's order of `quantity` of the product.
pub fn guest_order(product: &Product, email: &str, quantity: i32) -> Value {
    json!({
        "product_id": product.id,
        "quantity": quantity,
        "buyer": {"name": "Budi Santoso", "email": email, "whatsapp": "0812-3456-7890"}
    })
}

/// The order id and tracking token of a 201 answer.
pub fn placed(body: &Value) -> (Uuid, String) {
    let id = body["order"]["id"].as_str().and_then(|s| Uuid::parse_str(s).ok()).expect("order id");
    let token = body["tracking_token"].as_str().expect("tracking token").to_owned();
    (id, token)
}

//! The shop as the checkout and queue benchmarks drive it: [`serve`] starts the API with
//! its webhook and the Tokopay simulator on loopback, on the current (server) runtime, with
//! the benchmark's one STOCK product; [`add_stock`] gives it stock; [`Shop`], the load
//! generator's side, places orders from many buyer addresses and pays them at the simulator.

use std::{
    future::Future,
    net::SocketAddr,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
};

use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sqlx::{Connection, Executor, PgConnection};
use tokio::net::TcpListener;
use uuid::Uuid;

use crate::tokopay_sim::{SimConfig, Simulator};

/// The product's price, in rupiah.
pub(super) const PRICE: i64 = 25_000;

/// An order paid at the simulator, and when its pay call was issued.
pub(super) type Issued = (Uuid, DateTime<Utc>);

/// The benchmark's product: one active STOCK product at [`PRICE`], in a category of its own.
pub(super) struct Product<'a> {
    /// The category's slug; the product's is `{slug}-product`.
    pub(super) slug: &'a str,
    pub(super) name: &'a str,
    pub(super) description: &'a str,
}

/// What [`serve`] started: the API with its webhook, and the simulator, on loopback.
pub(super) struct Served {
    /// The shop's state, as the API and the webhook have it.
    pub(super) state: ::shop::AppState,
    pub(super) app_url: String,
    pub(super) shop_base: String,
    pub(super) sim_base: String,
    pub(super) product_id: Uuid,
    pub(super) pool_size: u32,
    pub(super) prepared: bool,
    /// The simulator's switches as its control endpoint answered.
    pub(super) sim_switches: String,
}

/// The `product` (no stock yet; see [`add_stock`]), the API with the webhook (the local
/// stack's configuration, with the unpaid-order caps out of the way) and the Tokopay
/// simulator answering each create and status call after `latency_ms`, on the current
/// (server) runtime.
pub(super) async fn serve(app_url: &str, latency_ms: u64, product: &Product<'_>) -> anyhow::Result<Served> {
    let product_id = load_product(app_url, product).await?;
    let shop_listener = TcpListener::bind("127.0.0.1:0").await?;
    let sim_listener = TcpListener::bind("127.0.0.1:0").await?;
    let shop_base = format!("http://{}", shop_listener.local_addr()?);
    let sim_base = format!("http://{}", sim_listener.local_addr()?);

    let mut config = crate::dev::local_config(
        app_url,
        "http://localhost",
        &std::env::temp_dir().join("ruangpremium-bench-secrets"),
    )?;
    config.tokopay.base_url = format!("{sim_base}/tokopay-sim");
    // Every order comes from 127.0.0.1 with a new email: neither cap may refuse one.
    config.checkout.max_unpaid_orders = 100;
    config.checkout.max_unpaid_orders_per_ip = 0;
    let (pool_size, prepared) = (config.database_pool_size, config.database_prepared_statements);

    let simulator = Simulator::new(SimConfig::new(
        &config.tokopay.merchant_id,
        config.tokopay.secret.expose(),
        &sim_base,
        &format!("{shop_base}{}", ::shop::payments::WEBHOOK_PATH),
    ));
    let sim_router = simulator.router();
    tokio::spawn(async move { axum::serve(sim_listener, sim_router).await });
    let state = ::shop::AppState::connect(config).await?;
    let app = ::shop::api_router(state.clone()).merge(::shop::payments::webhook_router(state.clone()));
    tokio::spawn(
        async move { axum::serve(shop_listener, app.into_make_service_with_connect_info::<SocketAddr>()).await },
    );

    let switches: Value = reqwest::Client::new()
        .post(format!("{sim_base}/tokopay-sim/control"))
        .json(&json!({ "latency_ms": latency_ms }))
        .send()
        .await?
        .error_for_status()
        .context("setting the simulator's latency")?
        .json()
        .await?;
    if switches["latency_ms"] != json!(latency_ms) {
        bail!("the simulator did not take the latency: {switches}");
    }
    let switch = |name: &str| switches[name].as_str().unwrap_or("?").to_owned();
    let sim_switches = format!(
        "latency_ms={}, create={}, status_check={}",
        switches["latency_ms"],
        switch("create"),
        switch("status_check")
    );
    Ok(Served {
        state,
        app_url: app_url.to_owned(),
        shop_base,
        sim_base,
        product_id,
        pool_size,
        prepared,
        sim_switches,
    })
}

/// One category and one active STOCK product in it (no stock yet).
async fn load_product(url: &str, product: &Product<'_>) -> anyhow::Result<Uuid> {
    let mut conn = PgConnection::connect(url).await?;
    let category: Uuid = sqlx::query_scalar(
        "insert into public.product_categories (slug, name, sort_order) values ($1, 'Bench', 1) returning id",
    )
    .bind(product.slug)
    .fetch_one(&mut conn)
    .await?;
    let id: Uuid = sqlx::query_scalar(
        "insert into public.products (category_id, type, slug, name, short_description, description,
             retail_price, reseller_price)
         values ($1, 'STOCK', $2, $3, 'Deskripsi singkat produk', $4, $5, $5 - 5000)
         returning id",
    )
    .bind(category)
    .bind(format!("{}-product", product.slug))
    .bind(product.name)
    .bind(product.description)
    .bind(PRICE)
    .fetch_one(&mut conn)
    .await?;
    conn.close().await?;
    Ok(id)
}

/// `count` more available items of the product, in one statement (so with one
/// `created_at`, as an import of many codes at once). See [`vacuum_analyze`].
pub(super) async fn add_stock(db: &mut PgConnection, product: Uuid, count: i64) -> anyhow::Result<()> {
    sqlx::query(
        "insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
         select $1, '\\x01'::bytea, sha256(uuid_send(gen_random_uuid())) from generate_series(1, $2)",
    )
    .bind(product)
    .bind(count)
    .execute(&mut *db)
    .await
    .context("adding stock")?;
    Ok(())
}

/// `vacuum analyze` of each of `tables` (of `public`), as autovacuum would have done by
/// the next measurement.
pub(super) async fn vacuum_analyze(db: &mut PgConnection, tables: &[&str]) -> anyhow::Result<()> {
    for table in tables {
        db.execute(format!("vacuum analyze public.{table}").as_str()).await?;
    }
    Ok(())
}

/// The load generator's side of the shop: places orders, each with a new buyer email, from
/// the buyers' addresses in turn, and pays them at the simulator.
#[derive(Clone)]
pub(super) struct Shop {
    /// One client (and so one keep-alive connection) per buyer address.
    buyers_http: Arc<Vec<reqwest::Client>>,
    /// For the simulator.
    http: reqwest::Client,
    orders_url: String,
    sim_base: String,
    product_id: Uuid,
    /// The buyers' emails: `{email_prefix}{n}@example.com`.
    email_prefix: &'static str,
    buyers: Arc<AtomicU64>,
}

impl Shop {
    /// Orders from `addresses` loopback addresses (127.1.x.y), in turn, as from many
    /// shoppers: from one address, every checkout would queue on that address's advisory
    /// lock and count all of its unpaid orders (`lock_buyer_and_count_unpaid`).
    pub(super) fn new(served: &Served, addresses: u32, email_prefix: &'static str) -> anyhow::Result<Shop> {
        let buyers_http = (0..addresses)
            .map(|i| {
                let address = std::net::Ipv4Addr::new(127, 1, (i / 250) as u8, (1 + i % 250) as u8);
                reqwest::Client::builder().local_address(std::net::IpAddr::V4(address)).build()
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Shop {
            buyers_http: Arc::new(buyers_http),
            http: reqwest::Client::builder().pool_max_idle_per_host(1024).build()?,
            orders_url: format!("{}/api/orders", served.shop_base),
            sim_base: served.sim_base.clone(),
            product_id: served.product_id,
            email_prefix,
            buyers: Arc::new(AtomicU64::new(1)),
        })
    }

    /// Places an order; the 201's body (see [`order_and_trx`]), or a label for anything
    /// else (`"409 sold_out"`, `"error: timeout"`).
    pub(super) fn place(&self) -> impl Future<Output = Result<axum::body::Bytes, String>> + 'static {
        let buyer = self.buyers.fetch_add(1, Ordering::Relaxed);
        let request = self.buyers_http[(buyer % self.buyers_http.len() as u64) as usize]
            .post(&self.orders_url)
            .json(&json!({
                "product_id": self.product_id,
                "quantity": 1,
                "buyer": { "name": "Pembeli Bench", "email": format!("{}{buyer}@example.com", self.email_prefix),
                           "whatsapp": "0812-3456-7890" },
            }))
            .send();
        async move {
            let response = request.await.map_err(|err| error_label(&err))?;
            let status = response.status().as_u16();
            let body = response.bytes().await.map_err(|err| error_label(&err))?;
            if status != 201 {
                let code = serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|v| v["error"]["code"].as_str().map(str::to_owned))
                    .unwrap_or_default();
                return Err(format!("{status} {code}").trim_end().to_owned());
            }
            Ok(body)
        }
    }

    /// Pays the order's invoice `trx_id` at the simulator, with a normal webhook, and notes
    /// in `issued` the order and when its pay call was issued; or a label (`"pay: 409"`,
    /// `"pay: error: timeout"`).
    pub(super) async fn pay(&self, order_id: Uuid, trx_id: &str, issued: &Mutex<Vec<Issued>>) -> Result<(), String> {
        let at = Utc::now();
        let response = self
            .http
            .post(format!("{}/tokopay-sim/orders/{trx_id}/pay", self.sim_base))
            .json(&json!({ "webhook": "normal" }))
            .send()
            .await
            .map_err(|err| format!("pay: {}", error_label(&err)))?;
        if !response.status().is_success() {
            return Err(format!("pay: {}", response.status().as_u16()));
        }
        if let Ok(mut issued) = issued.lock() {
            issued.push((order_id, at));
        }
        Ok(())
    }

    /// One order placed the way the benchmark does, before anything is measured.
    pub(super) async fn check(&self) -> anyhow::Result<()> {
        let body = self.place().await.map_err(|label| anyhow::anyhow!("placing a first order failed: {label}"))?;
        let (_, trx_id) = order_and_trx(&body).map_err(|label| anyhow::anyhow!("{label}"))?;
        if trx_id.is_empty() {
            bail!("the first order has no Tokopay trx_id");
        }
        Ok(())
    }
}

/// `error: timeout`, `error: connect` or `error: transport`.
fn error_label(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        "error: timeout".to_owned()
    } else if err.is_connect() {
        "error: connect".to_owned()
    } else {
        "error: transport".to_owned()
    }
}

/// The order's id and its Tokopay `trx_id` (the last segment of `payment.pay_url`), from
/// the body of a 201 to `POST /api/orders`.
pub(super) fn order_and_trx(body: &[u8]) -> Result<(Uuid, String), String> {
    let value: Value = serde_json::from_slice(body).map_err(|_| "201 with a body that is not JSON".to_owned())?;
    let order = &value["order"];
    let id = order["id"].as_str().and_then(|s| Uuid::parse_str(s).ok()).ok_or("201 without order.id")?;
    let trx_id = order["payment"]["pay_url"]
        .as_str()
        .and_then(|url| url.rsplit('/').next())
        .filter(|t| !t.is_empty())
        .ok_or("201 without order.payment.pay_url")?;
    Ok((id, trx_id.to_owned()))
}

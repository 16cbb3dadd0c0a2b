//! Fulfillment over the real stack: orders placed through the API, paid at the Tokopay
//! simulator whose webhooks reach the shop, jobs run by the webhook and by sweeps (the
//! same `shop::fulfillment` code the Lambda and the local stack run), against a database
//! of the test's own.

mod invite;
mod pool;
mod race;
mod recovery;
mod stock;
mod sweep;

use std::time::Duration;

use serde_json::{json, Value};
use shop::fulfillment::{SweepOptions, SweepReport};
use uuid::Uuid;

pub use crate::checkout::{guest_order, placed, Shop};
use crate::fixtures::{self, Product, Provider};

/// One sweep with a short budget, as the scheduler would run it.
pub async fn sweep(shop: &Shop) -> SweepReport {
    shop::fulfillment::sweep(&shop.state, &SweepOptions { budget: Duration::from_secs(10), batch: 20, concurrency: 4 })
        .await
}

/// Places the order, asserting it was accepted; returns its id, tracking token and
/// Tokopay's trx id.
pub async fn place(shop: &Shop, body: &Value) -> (Uuid, String, String) {
    let (status, answer) = shop.place(body, None).await;
    assert_eq!(status, 201, "{answer}");
    let (order, token) = placed(&answer);
    let trx = shop.payment(order).await.trx().to_owned();
    (order, token, trx)
}

/// Places and pays the order (the simulator's webhook in `mode`); returns id and token.
pub async fn buy(shop: &Shop, body: &Value, mode: &str) -> (Uuid, String) {
    let (order, token, trx) = place(shop, body).await;
    shop.pay(&trx, mode).await;
    (order, token)
}

/// Runs sweeps until the order reaches `status` (at most ~15 s).
pub async fn sweep_until(shop: &Shop, order: Uuid, status: &str) {
    for _ in 0..150 {
        if shop.order_status(order).await == status {
            return;
        }
        sweep(shop).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("order {order} is {} after 15 s of sweeps, not {status}", shop.order_status(order).await);
}

/// `POST /api/orders/{id}/reveal` with the given headers.
pub async fn reveal(shop: &Shop, order: Uuid, headers: &[(&str, &str)]) -> (u16, Value) {
    let mut request = shop.http.post(format!("{}/api/orders/{order}/reveal", shop.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    shop.send(request).await
}

/// An INVITE product of a simulated provider, with `accounts` pool accounts (quota 20,
/// 5 seats each).
pub async fn invite_product(shop: &Shop, slug: &str, accounts: usize) -> (Product, Provider, Vec<Uuid>) {
    let category = fixtures::category(&format!("cat-{slug}")).insert(&shop.app).await;
    let provider = fixtures::provider(&format!("prov-{slug}")).insert(&shop.app).await;
    let product = fixtures::invite_product(slug, &category, &provider, "team").price(60_000).insert(&shop.app).await;
    let mut ids = Vec::new();
    for _ in 0..accounts {
        ids.push(fixtures::account(&provider, "team").insert(&shop.app).await.id);
    }
    (product, provider, ids)
}

/// A guest's INVITE order inviting `email`.
pub fn invite_order(product: &Product, email: &str) -> Value {
    json!({
        "product_id": product.id,
        "quantity": 1,
        "buyer": {"name": "Sari", "email": "sari@example.com", "whatsapp": "081234567891"},
        "target": {"email": email},
        "must_read_acknowledged": true
    })
}

/// Counts rows of a query returning one bigint.
pub async fn count(shop: &Shop, sql: &str, order: Option<Uuid>) -> i64 {
    let query = sqlx::query_scalar(sql);
    let query = match order {
        Some(id) => query.bind(id),
        None => query,
    };
    query.fetch_one(shop.pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

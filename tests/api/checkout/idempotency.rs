//! `Idempotency-Key`: a checkout retried after a lost answer gets the first order back,
//! never a second one, however the retries race.

use futures::future::join_all;
use serde_json::json;

use super::{guest_order, placed, Shop};

impl Shop {
    async fn place_with_key(&self, body: &serde_json::Value, key: &str) -> (u16, serde_json::Value) {
        self.send(self.http.post(format!("{}/api/orders", self.base)).header("idempotency-key", key).json(body)).await
    }

    async fn order_count(&self) -> i64 {
        sqlx::query_scalar("select count(*) from public.orders").fetch_one(self.pool()).await.expect("count")
    }
}

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_same_order_and_token() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 5).await;
    let body = guest_order(&product, "budi@example.com", 2);
    let key = uuid::Uuid::new_v4().to_string();
    let (status, first) = shop.place_with_key(&body, &key).await;
    assert_eq!(status, 201, "{first}");
    let (status, again) = shop.place_with_key(&body, &key).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(placed(&again), placed(&first), "the same order and the same tracking token");
    assert_eq!(again["order"]["payment"]["qr_string"], first["order"]["payment"]["qr_string"]);
    assert_eq!(shop.order_count().await, 1);
    assert_eq!(shop.stock_counts(&product).await, (3, 2, 0));
    // A new key is a new order.
    let (status, _) = shop.place_with_key(&body, &uuid::Uuid::new_v4().to_string()).await;
    assert_eq!(status, 201);
    assert_eq!(shop.order_count().await, 2);
}

#[tokio::test]
async fn ten_retries_at_once_make_one_order() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 5).await;
    let body = guest_order(&product, "budi@example.com", 1);
    let key = uuid::Uuid::new_v4().to_string();
    let answers = join_all((0..10).map(|_| shop.place_with_key(&body, &key))).await;
    let created = answers.iter().filter(|(s, _)| *s == 201).count();
    let replayed = answers.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!((created, replayed), (1, 9), "{answers:?}");
    let ids: std::collections::HashSet<_> = answers.iter().map(|(_, b)| placed(b)).collect();
    assert_eq!(ids.len(), 1, "every answer names the same order and token");
    assert_eq!(shop.order_count().await, 1);
    assert_eq!(shop.stock_counts(&product).await, (4, 1, 0));
}

#[tokio::test]
async fn the_same_key_with_another_request_is_refused() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 5).await;
    let key = "checkout-2026-11-26-budi";
    assert_eq!(shop.place_with_key(&guest_order(&product, "budi@example.com", 1), key).await.0, 201);
    for other in [guest_order(&product, "budi@example.com", 2), guest_order(&product, "ani@example.com", 1)] {
        let (status, body) = shop.place_with_key(&other, key).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["code"], "idempotency_key_reused");
    }
    for bad in ["short", "has space in it", &"x".repeat(101), "ümlaut-key-123"] {
        let (status, body) = shop.place_with_key(&guest_order(&product, "eko@example.com", 1), bad).await;
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(body["error"]["fields"]["Idempotency-Key"].is_string(), "{body}");
    }
    assert_eq!(shop.order_count().await, 1);
}

#[tokio::test]
async fn a_retry_after_the_gateway_failed_gets_the_same_refusal_and_a_new_key_a_new_try() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 5).await;
    let body = guest_order(&product, "budi@example.com", 1);
    shop.sim_control(json!({"create": "fail"})).await;
    let (status, _) = shop.place_with_key(&body, "attempt-one-0001").await;
    assert_eq!(status, 503);
    shop.sim_control(json!({"create": "ok"})).await;
    let (status, again) = shop.place_with_key(&body, "attempt-one-0001").await;
    assert_eq!((status, again["error"]["code"].as_str()), (503, Some("payment_unavailable")));
    let (status, fresh) = shop.place_with_key(&body, "attempt-two-0002").await;
    assert_eq!(status, 201, "{fresh}");
}

#[tokio::test]
async fn a_retry_is_answered_even_when_the_buyer_is_at_the_unpaid_cap() {
    let shop = Shop::open_with(|config| config.checkout.max_unpaid_orders = 1).await;
    let product = shop.stock_product("voucher", 5).await;
    let body = guest_order(&product, "budi@example.com", 1);
    let (status, first) = shop.place_with_key(&body, "only-order-0001").await;
    assert_eq!(status, 201, "{first}");
    let (status, again) = shop.place_with_key(&body, "only-order-0001").await;
    assert_eq!(status, 200, "the retry is the same order, not a second one: {again}");
    assert_eq!(placed(&again), placed(&first));
    let (status, other) = shop.place_with_key(&body, "second-order-0002").await;
    assert_eq!((status, other["error"]["code"].as_str()), (429, Some("too_many_unpaid_orders")));
}

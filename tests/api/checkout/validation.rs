//! Every bad checkout gets the envelope with the offending field and a message a buyer
//! understands, and writes nothing.

use serde_json::{json, Value};

use super::{guest_order, Shop};
use crate::fixtures;

async fn nothing_written(shop: &Shop) {
    let (orders, payments): (i64, i64) =
        sqlx::query_as("select (select count(*) from public.orders), (select count(*) from public.payments)")
            .fetch_one(shop.pool())
            .await
            .expect("counts");
    assert_eq!((orders, payments), (0, 0), "nothing is written");
    let reserved: i64 = sqlx::query_scalar("select count(*) from public.stock_items where status <> 'available'")
        .fetch_one(shop.pool())
        .await
        .expect("stock");
    assert_eq!(reserved, 0, "nothing is reserved");
}

fn fields(body: &Value) -> Vec<String> {
    let mut names: Vec<String> =
        body["error"]["fields"].as_object().map(|f| f.keys().cloned().collect()).unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn bad_bodies_name_each_offending_field() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 3).await;
    let cases: Vec<(Value, &[&str])> = vec![
        (json!({}), &["buyer.email", "buyer.name", "buyer.whatsapp", "product_id"]),
        (
            json!({"product_id": "not-a-uuid", "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890"}}),
            &["product_id"],
        ),
        (
            json!({"product_id": product.id, "buyer": {"name": "", "email": "budi@", "whatsapp": "12345"}}),
            &["buyer.email", "buyer.name", "buyer.whatsapp"],
        ),
        (
            json!({"product_id": product.id, "quantity": 0, "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890"}}),
            &["quantity"],
        ),
        (
            json!({"product_id": product.id, "quantity": 1.5, "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890"}}),
            &["quantity"],
        ),
        (
            json!({"product_id": product.id, "quantity": 11, "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890"}}),
            &["quantity"],
        ),
        // Nothing the server owns can be sent.
        (
            json!({"product_id": product.id, "price": 1, "total": 1, "status": "paid", "user_id": "x",
                "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890", "role": "admin"}}),
            &["buyer.role", "price", "status", "total", "user_id"],
        ),
        (
            json!({"product_id": product.id, "target": {"email": "x@y.co"}, "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890"}}),
            &["target.email"],
        ),
        (json!("not an object"), &["body"]),
    ];
    for (body, expected) in cases {
        let (status, answer) = shop.place(&body, None).await;
        assert_eq!(status, 400, "{body} → {answer}");
        assert_eq!(answer["error"]["code"], "invalid_body", "{answer}");
        assert_eq!(fields(&answer), expected, "{body} → {answer}");
    }
    let response = shop
        .http
        .post(format!("{}/api/orders", shop.base))
        .header("content-type", "application/json")
        .header("accept-language", "en")
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_eq!(response.status(), 400);
    let answer: Value = response.json().await.expect("json");
    assert_eq!(answer["error"]["fields"]["body"], "The JSON data could not be read.");
    nothing_written(&shop).await;
}

#[tokio::test]
async fn an_unknown_or_inactive_product_is_unavailable() {
    let shop = Shop::open().await;
    let category = fixtures::category("games").insert(&shop.app).await;
    let retired = fixtures::stock_product("retired", &category).inactive().insert(&shop.app).await;
    fixtures::add_stock(&shop.app, &retired, fixtures::StockStatus::Available, 2).await;
    for id in [uuid::Uuid::new_v4(), retired.id] {
        let body = json!({"product_id": id, "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890"}});
        let (status, answer) = shop.place(&body, None).await;
        assert_eq!(status, 404, "{answer}");
        assert_eq!(answer["error"]["code"], "product_unavailable");
        assert_eq!(answer["error"]["message"], "Produk ini tidak ditemukan atau sudah tidak dijual.");
        assert!(answer["error"]["fields"]["product_id"].is_string());
        let (status, answer) = shop.get(&format!("/api/checkout/{id}"), &[]).await;
        assert_eq!((status, answer["error"]["code"].as_str()), (404, Some("product_unavailable")));
    }
    let (status, answer) = shop.get("/api/checkout/not-a-uuid", &[]).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (404, Some("product_unavailable")));
    nothing_written(&shop).await;
}

#[tokio::test]
async fn the_quote_refuses_a_quantity_out_of_range() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 3).await;
    for query in ["quantity=0", "quantity=11", "quantity=abc", "quantity=1&quantity=2", "qty=1"] {
        let (status, answer) = shop.get(&format!("/api/checkout/{}?{query}", product.id), &[]).await;
        assert_eq!(status, 400, "{query}: {answer}");
        assert_eq!(answer["error"]["code"], "invalid_query");
    }
}

#[tokio::test]
async fn sold_out_when_the_stock_is_short_and_nothing_stays_held() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 2).await;
    let (status, answer) = shop.place(&guest_order(&product, "budi@example.com", 3), None).await;
    assert_eq!(status, 409, "{answer}");
    assert_eq!(answer["error"]["code"], "sold_out");
    assert_eq!(answer["error"]["fields"]["quantity"], "Stok tidak mencukupi.");
    nothing_written(&shop).await;
    assert_eq!(shop.stock_counts(&product).await, (2, 0, 0));
}

#[tokio::test]
async fn invite_fields_and_the_must_read_notice_are_checked_on_the_server() {
    let shop = Shop::open().await;
    let category = fixtures::category("ai").insert(&shop.app).await;
    let provider = fixtures::provider("canva").insert(&shop.app).await;
    let product = fixtures::invite_product("canva-team", &category, &provider, "pro")
        .must_read_notice("Baca dulu.")
        .insert(&shop.app)
        .await;
    fixtures::account(&provider, "pro").insert(&shop.app).await;
    let buyer = json!({"name": "A", "email": "a@b.co", "whatsapp": "081234567890"});
    let cases: Vec<(Value, &[&str])> = vec![
        (json!({"product_id": product.id, "buyer": buyer}), &["must_read_acknowledged", "target.email"]),
        (
            json!({"product_id": product.id, "buyer": buyer, "must_read_acknowledged": true, "target": {"email": "bukan-email"}}),
            &["target.email"],
        ),
        (
            json!({"product_id": product.id, "buyer": buyer, "must_read_acknowledged": true, "target": {"email": 5}}),
            &["target.email"],
        ),
        (
            json!({"product_id": product.id, "buyer": buyer, "must_read_acknowledged": true, "quantity": 2, "target": {"email": "x@y.co"}}),
            &["quantity"],
        ),
        (
            json!({"product_id": product.id, "buyer": buyer, "must_read_acknowledged": true, "target": {"email": "x@y.co", "plan": "max"}}),
            &["target.plan"],
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = shop.place(&body, None).await;
        assert_eq!(status, 400, "{body} → {answer}");
        assert_eq!(fields(&answer), expected, "{body} → {answer}");
    }
    let (status, answer) = shop
        .place(&json!({"product_id": product.id, "buyer": buyer, "must_read_acknowledged": true, "target": {"email": "x@y.co"}}), None)
        .await;
    assert_eq!(status, 201, "{answer}");
}

#[tokio::test]
async fn an_invite_product_without_a_free_seat_is_sold_out() {
    let shop = Shop::open().await;
    let category = fixtures::category("ai").insert(&shop.app).await;
    let provider = fixtures::provider("chatgpt").insert(&shop.app).await;
    let product = fixtures::invite_product("chatgpt-team", &category, &provider, "team").insert(&shop.app).await;
    fixtures::account(&provider, "team").seats(3, 3).insert(&shop.app).await;
    fixtures::account(&provider, "team").cooldown_minutes(30).insert(&shop.app).await;
    let body = json!({"product_id": product.id, "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890"},
                      "target": {"email": "x@y.co"}});
    let (status, answer) = shop.place(&body, None).await;
    assert_eq!(status, 409, "{answer}");
    assert_eq!(answer["error"]["code"], "sold_out");
    nothing_written(&shop).await;
}

#[tokio::test]
async fn a_buyer_holds_at_most_three_unpaid_orders() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 10).await;
    for _ in 0..3 {
        let (status, answer) = shop.place(&guest_order(&product, "budi@example.com", 1), None).await;
        assert_eq!(status, 201, "{answer}");
    }
    // The same email in other letters is the same buyer.
    let (status, answer) = shop.place(&guest_order(&product, "BUDI@example.com", 1), None).await;
    assert_eq!(status, 429, "{answer}");
    assert_eq!(answer["error"]["code"], "too_many_unpaid_orders");
    let (_, member) = shop.member("ani@example.com", json!({})).await;
    // An account is one buyer whatever email it orders under.
    for (i, email) in ["ani@example.com", "ani.kantor@example.com", "ani.rumah@example.com"].iter().enumerate() {
        let (status, answer) = shop.place(&guest_order(&product, email, 1), Some(&member)).await;
        assert_eq!(status, 201, "order {i}: {answer}");
    }
    let (status, answer) = shop.place(&guest_order(&product, "ani.lain@example.com", 1), Some(&member)).await;
    assert_eq!(status, 429, "{answer}");
    assert_eq!(shop.stock_counts(&product).await, (4, 6, 0));
}

#[tokio::test]
async fn one_ip_address_holds_at_most_its_own_cap() {
    let shop = Shop::open_with(|config| config.checkout.max_unpaid_orders_per_ip = 4).await;
    let product = shop.stock_product("voucher", 10).await;
    for i in 0..4 {
        let (status, answer) = shop.place(&guest_order(&product, &format!("buyer{i}@example.com"), 1), None).await;
        assert_eq!(status, 201, "{answer}");
    }
    let (status, answer) = shop.place(&guest_order(&product, "buyer9@example.com", 1), None).await;
    assert_eq!(status, 429, "{answer}");
    assert_eq!(answer["error"]["code"], "too_many_unpaid_orders");
}

#[tokio::test]
async fn when_tokopay_cannot_create_the_invoice_nothing_stays_held() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 2).await;
    shop.sim_control(json!({"create": "fail"})).await;
    let (status, answer) = shop.place(&guest_order(&product, "budi@example.com", 2), None).await;
    assert_eq!(status, 503, "{answer}");
    assert_eq!(answer["error"]["code"], "payment_unavailable");
    assert_eq!(shop.stock_counts(&product).await, (2, 0, 0));
    let (order, payment, reason): (String, String, Option<String>) = sqlx::query_as(
        "select o.status::text, p.status::text, p.failure_reason from public.orders o join public.payments p on p.order_id = o.id",
    )
    .fetch_one(shop.pool())
    .await
    .expect("the cancelled order is on record");
    assert_eq!((order.as_str(), payment.as_str()), ("cancelled", "failed"));
    assert!(reason.is_some_and(|r| !r.contains(shop.app.config.tokopay.secret.expose())));
    // A cancelled order does not count against the buyer; once Tokopay is back, it works.
    shop.sim_control(json!({"create": "ok"})).await;
    let (status, answer) = shop.place(&guest_order(&product, "budi@example.com", 2), None).await;
    assert_eq!(status, 201, "{answer}");
}

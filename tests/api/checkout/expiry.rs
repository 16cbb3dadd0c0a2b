//! Expiry releases what an unpaid order held at once; a payment that arrives later is
//! never lost.

use serde_json::json;
use uuid::Uuid;

use super::{guest_order, placed, Shop};
use crate::fixtures;

/// Moves the order's invoice into the past, as if its 15 minutes had run out.
async fn run_out(shop: &Shop, order: Uuid) {
    sqlx::query("update public.orders set expires_at = now() - interval '1 second' where id = $1")
        .bind(order)
        .execute(shop.pool())
        .await
        .expect("age the order");
}

async fn expire(shop: &Shop) -> usize {
    let db = shop::db::Db::connect(&shop.app.db.url, 2, false).await.expect("connect");
    shop::checkout::expire_due(&db, 100).await.expect("expire")
}

#[tokio::test]
async fn an_expired_order_gives_back_its_items_and_its_seat() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 3).await;
    let (_, body) = shop.place(&guest_order(&product, "budi@example.com", 2), None).await;
    let (stock_order, token) = placed(&body);
    let category = fixtures::category("ai").insert(&shop.app).await;
    let provider = fixtures::provider("canva").insert(&shop.app).await;
    let invite = fixtures::invite_product("canva-team", &category, &provider, "pro").insert(&shop.app).await;
    let account = fixtures::account(&provider, "pro").seats(2, 0).insert(&shop.app).await;
    let (status, body) = shop
        .place(
            &json!({"product_id": invite.id, "buyer": {"name": "A", "email": "a@b.co", "whatsapp": "081234567890"},
                    "target": {"email": "x@y.co"}}),
            None,
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (invite_order, _) = placed(&body);
    let seats = || async {
        sqlx::query_scalar::<_, i32>("select seats_used from public.provider_accounts where id = $1")
            .bind(account.id)
            .fetch_one(shop.pool())
            .await
            .expect("seats")
    };
    assert_eq!(seats().await, 1);

    // Not yet due: nothing happens.
    assert_eq!(expire(&shop).await, 0);
    run_out(&shop, stock_order).await;
    run_out(&shop, invite_order).await;
    assert_eq!(expire(&shop).await, 2);
    assert_eq!(shop.order_status(stock_order).await, "expired");
    assert_eq!(shop.order_status(invite_order).await, "expired");
    assert_eq!(shop.stock_counts(&product).await, (3, 0, 0));
    assert_eq!(seats().await, 0);
    assert_eq!(shop.payment(stock_order).await.status, "expired");
    let (_, tracked) = shop.track(&token).await;
    assert_eq!(tracked["status"], "expired");
    assert!(tracked["payment"].get("qr_string").is_none());
    // Twice changes nothing more.
    assert_eq!(expire(&shop).await, 0);
    assert_eq!(seats().await, 0);
    // The buyer may order again at once.
    let (status, _) = shop.place(&guest_order(&product, "budi@example.com", 3), None).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn a_late_payment_proceeds_when_the_items_are_still_there() {
    let shop = Shop::paid_only().await;
    let product = shop.stock_product("voucher", 2).await;
    let (_, body) = shop.place(&guest_order(&product, "budi@example.com", 2), None).await;
    let (order, _) = placed(&body);
    run_out(&shop, order).await;
    assert_eq!(expire(&shop).await, 1);
    let payment = shop.payment(order).await;
    shop.pay(payment.trx(), "normal").await;
    shop.wait_for_status(order, "paid").await;
    assert_eq!(shop.payment(order).await.status, "paid");
    assert_eq!(shop.stock_counts(&product).await, (0, 2, 0), "reserved again for the order");
    assert_eq!(shop.webhook_outcomes(&payment.reff_id).await, [("late_paid".to_owned(), None)]);
}

#[tokio::test]
async fn a_late_payment_with_nothing_left_is_kept_for_the_admin() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 1).await;
    let (_, body) = shop.place(&guest_order(&product, "budi@example.com", 1), None).await;
    let (late, token) = placed(&body);
    run_out(&shop, late).await;
    expire(&shop).await;
    // Someone else buys the last item meanwhile.
    let (status, _) = shop.place(&guest_order(&product, "ani@example.com", 1), None).await;
    assert_eq!(status, 201);
    let payment = shop.payment(late).await;
    shop.pay(payment.trx(), "normal").await;
    shop.wait_for_status(late, "needs_attention").await;
    let (payment_status, reason): (String, Option<String>) = sqlx::query_as(
        "select p.status::text, o.attention_reason from public.payments p join public.orders o on o.id = p.order_id
         where o.id = $1",
    )
    .bind(late)
    .fetch_one(shop.pool())
    .await
    .expect("order");
    assert_eq!(payment_status, "paid", "the money is on record");
    assert!(reason.is_some_and(|r| r.contains("no longer available")));
    let (_, tracked) = shop.track(&token).await;
    assert_eq!(tracked["status"], "needs_attention");
    let steps: Vec<&str> =
        tracked["history"].as_array().expect("history").iter().filter_map(|h| h["status"].as_str()).collect();
    assert_eq!(steps, ["awaiting_payment", "expired", "needs_attention"]);
    assert_eq!(shop.stock_counts(&product).await, (0, 1, 0), "the other buyer keeps the item");
}

#[tokio::test]
async fn an_invoice_expired_at_tokopay_cannot_be_paid_and_a_webhook_for_it_changes_nothing() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 1).await;
    let (_, body) = shop.place(&guest_order(&product, "budi@example.com", 1), None).await;
    let (order, _) = placed(&body);
    let payment = shop.payment(order).await;
    // The simulator's switch: the invoice runs out at Tokopay now.
    let (status, expired) =
        shop.send(shop.http.post(format!("{}/tokopay-sim/orders/{}/expire", shop.sim_base, payment.trx()))).await;
    assert_eq!(status, 200, "{expired}");
    assert_eq!(expired["status"], "Expired");
    let (status, _) = shop
        .send(shop.http.post(format!("{}/tokopay-sim/orders/{}/pay", shop.sim_base, payment.trx())).json(&json!({})))
        .await;
    assert_eq!(status, 409, "an expired invoice cannot be paid");
    run_out(&shop, order).await;
    assert_eq!(expire(&shop).await, 1);
    // Someone replays the (static) signature with a "Success": Tokopay says Expired.
    assert_eq!(shop.webhook(&shop.paid_webhook(&payment)).await, (400, json!({"status": false})));
    assert_eq!(shop.order_status(order).await, "expired");
    assert_eq!(shop.payment(order).await.status, "expired");
    assert_eq!(shop.stock_counts(&product).await, (1, 0, 0));
}

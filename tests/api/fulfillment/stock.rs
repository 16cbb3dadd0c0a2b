//! STOCK orders: the webhook delivers them at once; the codes are decrypted only for the
//! tracking token's holder or the owning member, and every reveal is recorded.

use serde_json::json;

use super::{buy, count, guest_order, place, reveal, sweep, Shop};
use crate::fixtures::{self, StockStatus};

#[tokio::test]
async fn a_paid_order_is_delivered_by_the_webhook_and_its_codes_revealed_to_the_token_holder() {
    let shop = Shop::open().await;
    let category = fixtures::category("cat-vouchers").insert(&shop.app).await;
    let product = fixtures::stock_product("voucher-steam", &category).price(25_000).insert(&shop.app).await;
    let items = fixtures::add_stock(&shop.app, &product, StockStatus::Available, 5).await;

    let (order, token) = buy(&shop, &guest_order(&product, "budi@example.com", 2), "normal").await;
    // The webhook ran the job before it answered the simulator.
    shop.wait_for_status(order, "delivered").await;

    // The two oldest items, sold to this order; the rest untouched.
    let sold: Vec<uuid::Uuid> = sqlx::query_scalar(
        "select id from public.stock_items where order_id = $1 and status = 'sold' and sold_at is not null order by created_at, id",
    )
    .bind(order)
    .fetch_all(shop.pool())
    .await
    .expect("sold items");
    assert_eq!(sold.len(), 2);
    assert_eq!(shop.stock_counts(&product).await, (3, 0, 2));
    assert_eq!(
        count(
            &shop,
            "select count(*) from public.order_deliveries where order_id = $1 and item_count = 2",
            Some(order)
        )
        .await,
        1
    );
    let (status, attempts): (String, i32) =
        sqlx::query_as("select status::text, attempts from public.fulfillment_jobs where order_id = $1")
            .bind(order)
            .fetch_one(shop.pool())
            .await
            .expect("job");
    assert_eq!((status.as_str(), attempts), ("succeeded", 1));
    assert_eq!(
        count(&shop, "select count(*) from public.fulfillment_job_attempts a join public.fulfillment_jobs j on j.id = a.job_id where j.order_id = $1 and a.outcome = 'succeeded'", Some(order)).await,
        1
    );
    // The buyer is told by email and WhatsApp (the outbox; sending has its own tests).
    let channels: Vec<String> = sqlx::query_scalar(
        "select channel from public.notifications where order_id = $1 and event = 'delivered' and audience = 'buyer' order by channel",
    )
    .bind(order)
    .fetch_all(shop.pool())
    .await
    .expect("notifications");
    assert_eq!(channels, ["email", "whatsapp"]);

    // The view says delivered, 2 items, never shown, and carries no secret.
    let (status, view) = shop.track(&token).await;
    assert_eq!(status, 200);
    assert_eq!(view["status"], "delivered");
    assert_eq!(view["delivery"]["kind"], "stock");
    assert_eq!(view["delivery"]["status"], "delivered");
    assert_eq!(view["delivery"]["item_count"], 2);
    assert_eq!(view["delivery"]["revealed_count"], 0);
    assert!(view["delivery"]["delivered_at"].is_string());
    let text = view.to_string();
    assert!(items.iter().all(|item| !text.contains(&item.secret)), "no secret in the order view");

    // Revealed for the token holder: exactly the two sold secrets, not cached.
    let response = shop
        .http
        .post(format!("{}/api/orders/{order}/reveal", shop.base))
        .header("x-tracking-token", &token)
        .send()
        .await
        .expect("reveal");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let body: serde_json::Value = response.json().await.expect("json");
    let expected: Vec<String> =
        items.iter().filter(|item| sold.contains(&item.id)).map(|item| item.secret.clone()).collect();
    let mut shown: Vec<String> =
        body["items"].as_array().expect("items").iter().map(|v| v.as_str().expect("text").to_owned()).collect();
    shown.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(shown, expected_sorted);
    assert!(body["revealed_at"].is_string());

    let (via, user, ip, n): (String, Option<uuid::Uuid>, Option<String>, i32) = sqlx::query_as(
        "select via, user_id, host(client_ip), item_count from public.delivery_reveals where order_id = $1",
    )
    .bind(order)
    .fetch_one(shop.pool())
    .await
    .expect("the reveal is recorded");
    assert_eq!((via.as_str(), user, ip.as_deref(), n), ("tracking_token", None, Some("127.0.0.1"), 2));
    assert_eq!(shop.track(&token).await.1["delivery"]["revealed_count"], 1);
}

#[tokio::test]
async fn nobody_else_can_reveal_and_nothing_is_revealed_before_delivery() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher-bola", 4).await;
    let (order, token) = buy(&shop, &guest_order(&product, "ani@example.com", 1), "normal").await;
    shop.wait_for_status(order, "delivered").await;
    let (other, other_token, _) = place(&shop, &guest_order(&product, "citra@example.com", 1)).await;

    let refused = [
        reveal(&shop, order, &[]).await,
        reveal(&shop, order, &[("x-tracking-token", &other_token)]).await,
        reveal(&shop, order, &[("x-tracking-token", "A".repeat(43).as_str())]).await,
        reveal(&shop, order, &[("x-tracking-token", &token), ("authorization", "Bearer not-a-token")]).await,
    ];
    for (i, (status, body)) in refused.iter().enumerate() {
        if i == 3 {
            // A bad bearer is always 401, even with a good tracking token.
            assert_eq!(*status, 401, "{body}");
        } else {
            assert_eq!((*status, body["error"]["code"].as_str()), (404, Some("order_not_found")), "case {i}: {body}");
        }
    }
    let (status, body) = shop.send(shop.http.post(format!("{}/api/orders/not-a-uuid/reveal", shop.base))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (404, Some("order_not_found")));

    // The unpaid order has nothing to show yet.
    let (status, body) = reveal(&shop, other, &[("x-tracking-token", &other_token)]).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("not_delivered")), "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("belum terkirim")));
    assert_eq!(
        count(&shop, "select count(*) from public.delivery_reveals", None).await,
        0,
        "no refusal is recorded as a reveal"
    );
    assert!(shop.track(&other_token).await.1["delivery"].is_null(), "no delivery before payment");
}

#[tokio::test]
async fn the_owning_member_reveals_with_their_session_and_it_is_recorded_as_theirs() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher-member", 3).await;
    let (user, bearer) = shop.member("dewi@example.com", json!({"display_name": "Dewi"})).await;
    let (status, answer) = shop.place(&guest_order(&product, "dewi@example.com", 1), Some(&bearer)).await;
    assert_eq!(status, 201, "{answer}");
    let (order, _) = super::placed(&answer);
    shop.pay(shop.payment(order).await.trx(), "normal").await;
    shop.wait_for_status(order, "delivered").await;

    let auth = format!("Bearer {bearer}");
    let (status, body) = reveal(&shop, order, &[("authorization", &auth)]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["items"].as_array().map(Vec::len), Some(1));
    let (via, who): (String, Option<uuid::Uuid>) =
        sqlx::query_as("select via, user_id from public.delivery_reveals where order_id = $1")
            .bind(order)
            .fetch_one(shop.pool())
            .await
            .expect("reveal");
    assert_eq!((via.as_str(), who), ("member", Some(user)));
    let (status, view) = shop.get(&format!("/api/orders/{order}"), &[("authorization", &auth)]).await;
    assert_eq!((status, view["delivery"]["revealed_count"].as_i64()), (200, Some(1)));

    // Another member gets the same 404 as a stranger.
    let (_, stranger) = shop.member("eko@example.com", json!({})).await;
    let (status, _) = reveal(&shop, order, &[("authorization", &format!("Bearer {stranger}"))]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_job_run_again_after_delivery_changes_nothing() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher-twice", 5).await;
    let (order, _) = buy(&shop, &guest_order(&product, "fajar@example.com", 2), "normal").await;
    shop.wait_for_status(order, "delivered").await;
    // As if a recovered duplicate of the job were due again.
    sqlx::query(
        "update public.fulfillment_jobs set status = 'queued', finished_at = null, run_at = now() where order_id = $1",
    )
    .bind(order)
    .execute(shop.pool())
    .await
    .expect("requeue");
    let report = sweep(&shop).await;
    assert_eq!((report.jobs.claimed, report.jobs.already_done), (1, 1), "{report:?}");
    assert_eq!(shop.stock_counts(&product).await, (3, 0, 2), "nothing sold twice");
    assert_eq!(count(&shop, "select count(*) from public.order_deliveries where order_id = $1", Some(order)).await, 1);
    assert_eq!(
        count(
            &shop,
            "select count(*) from public.order_status_history where order_id = $1 and status = 'delivered'",
            Some(order)
        )
        .await,
        1
    );
    assert_eq!(shop.order_status(order).await, "delivered");
}

#[tokio::test]
async fn an_order_whose_reservation_came_up_short_is_never_delivered_short() {
    let shop = Shop::open_with(|config| config.fulfillment.inline_budget = std::time::Duration::ZERO).await;
    let product = shop.stock_product("voucher-short", 3).await;
    let (order, _) = buy(&shop, &guest_order(&product, "gita@example.com", 3), "normal").await;
    shop.wait_for_status(order, "paid").await;
    // An admin disabled one of the reserved items before the job ran; nothing else is left.
    sqlx::query(
        "update public.stock_items set status = 'disabled', order_id = null, reserved_until = null
         where id = (select id from public.stock_items where order_id = $1 limit 1)",
    )
    .bind(order)
    .execute(shop.pool())
    .await
    .expect("disable one");
    let report = sweep(&shop).await;
    assert_eq!(report.jobs.dead, 1, "{report:?}");
    assert_eq!(shop.order_status(order).await, "needs_attention");
    let (available, reserved, sold) = shop.stock_counts(&product).await;
    assert_eq!((available, reserved, sold), (0, 2, 0), "nothing sold; the two items stay held for the admin");
    let reason: String = sqlx::query_scalar("select attention_reason from public.orders where id = $1")
        .bind(order)
        .fetch_one(shop.pool())
        .await
        .expect("reason");
    assert!(reason.contains("2 of 3"), "{reason}");
    assert_eq!(
        count(&shop, "select count(*) from public.notifications where order_id = $1 and event = 'needs_attention' and audience = 'admin'", Some(order)).await,
        2,
        "the admin is told by email and WhatsApp"
    );
}

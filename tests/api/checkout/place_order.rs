//! The happy paths: a guest and a member check out, pay at the simulator and see the order
//! paid; what the database holds at each step.

use serde_json::json;
use uuid::Uuid;

use super::{guest_order, placed, Shop};
use crate::fixtures;

#[tokio::test]
async fn a_guest_checks_out_pays_and_sees_the_order_paid() {
    let shop = Shop::paid_only().await;
    let product = shop.stock_product("voucher-game", 5).await;

    let (status, quote) = shop.get(&format!("/api/checkout/{}?quantity=2", product.id), &[]).await;
    assert_eq!(status, 200, "{quote}");
    assert_eq!(
        quote["quote"],
        json!({"price_tier": "retail", "unit_price": 25000, "quantity": 2, "subtotal": 50000, "total": 50000})
    );
    assert_eq!(quote["product"]["slug"], "voucher-game");
    assert_eq!(quote["max_unpaid_orders"], 3);
    assert_eq!(quote["invoice_ttl_seconds"], 900);

    let (status, body) = shop.place(&guest_order(&product, " Budi@Example.com ", 2), None).await;
    assert_eq!(status, 201, "{body}");
    let (order_id, token) = placed(&body);
    let order = &body["order"];
    assert!(order["number"].as_str().is_some_and(|n| n.starts_with("RP-") && n.len() == 16), "{order}");
    assert_eq!(order["status"], "awaiting_payment");
    assert_eq!(order["quantity"], 2);
    assert_eq!(order["unit_price"], 25000);
    assert_eq!(order["total"], 50000);
    assert_eq!(
        order["buyer"],
        json!({"name": "Budi Santoso", "email": "budi@example.com", "whatsapp": "+6281234567890"})
    );
    assert_eq!(order["product"]["type"], "STOCK");
    let payment = &order["payment"];
    assert_eq!(payment["status"], "pending");
    assert_eq!(payment["channel"], "QRIS");
    // QRIS: Rp100 + 0.7% on top, paid by the buyer.
    assert_eq!(payment["amount_to_pay"], 50000 + 100 + 350);
    assert!(payment["qr_string"].as_str().is_some_and(|qr| qr.starts_with("000201")), "{payment}");
    assert_eq!(order["history"].as_array().map(Vec::len), Some(1));
    assert_eq!(token.len(), 43);

    // Two items are held for this order, three remain for sale.
    assert_eq!(shop.stock_counts(&product).await, (3, 2, 0));
    let held: Vec<Uuid> = sqlx::query_scalar("select order_id from public.stock_items where status = 'reserved'")
        .fetch_all(shop.pool())
        .await
        .expect("reserved");
    assert!(held.iter().all(|id| *id == order_id));
    let stored = shop.payment(order_id).await;
    assert_eq!(stored.status, "pending");
    assert_eq!(stored.amount, 50000);
    assert_eq!(stored.total_bayar, Some(50450));
    assert_eq!(stored.total_diterima, Some(50000));
    let number = order["number"].as_str().expect("number").replace('-', "");
    assert_eq!(stored.reff_id, format!("{number}-1"));

    // The tracking token opens the same order; the raw token is nowhere in the database.
    let (status, tracked) = shop.track(&token).await;
    assert_eq!(status, 200);
    assert_eq!(tracked["id"], order["id"]);
    let stored_token: i64 = sqlx::query_scalar(
        "select count(*) from public.orders where encode(tracking_token_ciphertext, 'escape') like '%' || $1 || '%'
            or encode(tracking_token_hash, 'escape') like '%' || $1 || '%'",
    )
    .bind(&token)
    .fetch_one(shop.pool())
    .await
    .expect("search");
    assert_eq!(stored_token, 0);

    shop.pay(stored.trx(), "normal").await;
    shop.wait_for_status(order_id, "paid").await;
    let (_, tracked) = shop.track(&token).await;
    assert_eq!(tracked["status"], "paid");
    assert!(tracked["paid_at"].is_string());
    assert_eq!(tracked["payment"]["status"], "paid");
    assert!(tracked["payment"].get("qr_string").is_none(), "no QR once paid: {tracked}");
    let steps: Vec<&str> =
        tracked["history"].as_array().expect("history").iter().filter_map(|h| h["status"].as_str()).collect();
    assert_eq!(steps, ["awaiting_payment", "paid"]);
    // The items stay with the paid order until fulfillment sells them.
    assert_eq!(shop.stock_counts(&product).await, (3, 2, 0));
    assert_eq!(shop.webhook_outcomes(&stored.reff_id).await, [("paid".to_owned(), None)]);
}

#[tokio::test]
async fn a_member_order_belongs_to_the_account_and_a_reseller_pays_the_reseller_price() {
    let shop = Shop::open().await;
    let product = shop.stock_product("license-key", 5).await;
    let (member_id, member) = shop.member("ani@example.com", json!({"display_name": "Ani"})).await;
    let (reseller_id, reseller) = shop.member("toko@example.com", json!({})).await;
    sqlx::query("insert into public.user_roles (user_id, role) values ($1, 'reseller')")
        .bind(reseller_id)
        .execute(shop.pool())
        .await
        .expect("grant reseller");

    let (status, body) = shop.place(&guest_order(&product, "ani@example.com", 1), Some(&member)).await;
    assert_eq!(status, 201, "{body}");
    let (order_id, _) = placed(&body);
    let owner: Option<Uuid> = sqlx::query_scalar("select user_id from public.orders where id = $1")
        .bind(order_id)
        .fetch_one(shop.pool())
        .await
        .expect("order");
    assert_eq!(owner, Some(member_id));
    assert_eq!(body["order"]["unit_price"], 25000);

    // The member opens it by id with their token, and lists it.
    let bearer = format!("Bearer {member}");
    let (status, mine) = shop.get(&format!("/api/orders/{order_id}"), &[("authorization", &bearer)]).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["id"], body["order"]["id"]);
    let (status, list) = shop.get("/api/account/orders", &[("authorization", &bearer)]).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], body["order"]["id"]);
    assert_eq!(list["items"][0]["status"], "awaiting_payment");

    let (status, quote) =
        shop.get(&format!("/api/checkout/{}", product.id), &[("authorization", &format!("Bearer {reseller}"))]).await;
    assert_eq!(status, 200);
    assert_eq!(quote["quote"]["price_tier"], "reseller");
    assert_eq!(quote["quote"]["unit_price"], 20000);
    let (status, body) = shop.place(&guest_order(&product, "toko@example.com", 3), Some(&reseller)).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["order"]["unit_price"], 20000);
    assert_eq!(body["order"]["total"], 60000);
    let tier: String = sqlx::query_scalar("select price_tier from public.orders where user_id = $1")
        .bind(reseller_id)
        .fetch_one(shop.pool())
        .await
        .expect("tier");
    assert_eq!(tier, "reseller");
}

#[tokio::test]
async fn an_invite_order_holds_one_seat_and_keeps_the_target() {
    let shop = Shop::open().await;
    let category = fixtures::category("ai").insert(&shop.app).await;
    let provider = fixtures::provider("chatgpt").insert(&shop.app).await;
    let product = fixtures::invite_product("chatgpt-team", &category, &provider, "team")
        .must_read_notice("Akun diundang ke workspace bersama.")
        .insert(&shop.app)
        .await;
    let small = fixtures::account(&provider, "team").seats(5, 4).insert(&shop.app).await;
    let roomy = fixtures::account(&provider, "team").seats(5, 1).insert(&shop.app).await;

    let mut body = guest_order(&product, "budi@example.com", 1);
    body["target"] = json!({"email": " Budi.Kerja@Kantor.CO.ID "});
    body["must_read_acknowledged"] = json!(true);
    let (status, placed_body) = shop.place(&body, None).await;
    assert_eq!(status, 201, "{placed_body}");
    assert_eq!(placed_body["order"]["target"], json!({"email": "budi.kerja@kantor.co.id"}));
    assert_eq!(placed_body["order"]["product"]["type"], "INVITE");
    // The seat is taken from the account with the most room.
    let seats: Vec<(Uuid, i32)> = sqlx::query_as("select id, seats_used from public.provider_accounts order by id")
        .fetch_all(shop.pool())
        .await
        .expect("accounts");
    assert!(seats.contains(&(roomy.id, 2)) && seats.contains(&(small.id, 4)), "{seats:?}");
    let (order_id, _) = placed(&placed_body);
    let held: Option<Uuid> = sqlx::query_scalar("select held_account_id from public.orders where id = $1")
        .bind(order_id)
        .fetch_one(shop.pool())
        .await
        .expect("order");
    assert_eq!(held, Some(roomy.id));
}

//! Who may see an order: its owner, or whoever holds its tracking token; everyone else
//! gets the same 404.

use serde_json::json;

use super::{guest_order, placed, Shop};

#[tokio::test]
async fn an_order_opens_only_for_its_token_or_its_owner() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 5).await;
    let (_, mine) = shop.member("ani@example.com", json!({})).await;
    let (_, theirs) = shop.member("eko@example.com", json!({})).await;
    let (_, body) = shop.place(&guest_order(&product, "ani@example.com", 1), Some(&mine)).await;
    let (order, token) = placed(&body);
    let (_, other_body) = shop.place(&guest_order(&product, "budi@example.com", 1), None).await;
    let (_, other_token) = placed(&other_body);
    let path = format!("/api/orders/{order}");

    let refused = [
        shop.get(&path, &[]).await,
        shop.get(&path, &[("x-tracking-token", &other_token)]).await,
        shop.get(&path, &[("x-tracking-token", "x")]).await,
        shop.get(&path, &[("authorization", &format!("Bearer {theirs}"))]).await,
        shop.get(&format!("/api/orders/{}", uuid::Uuid::new_v4()), &[("x-tracking-token", &token)]).await,
        shop.get("/api/orders/not-an-id", &[]).await,
        shop.track(&format!("{}{}", &token[..42], if token.ends_with('A') { 'B' } else { 'A' })).await,
        shop.get("/api/track", &[]).await,
    ];
    for (status, body) in &refused {
        assert_eq!(*status, 404, "{body}");
        assert_eq!(body["error"]["code"], "order_not_found", "{body}");
    }
    assert_eq!(shop.get(&path, &[("x-tracking-token", &token)]).await.0, 200);
    assert_eq!(shop.get(&path, &[("authorization", &format!("Bearer {mine}"))]).await.0, 200);

    // Another member's list does not have it; a guest has no list.
    let (_, list) = shop.get("/api/account/orders", &[("authorization", &format!("Bearer {theirs}"))]).await;
    assert_eq!(list["total"], 0);
    assert_eq!(list["items"], json!([]));
    assert_eq!(shop.get("/api/account/orders", &[]).await.0, 401);
    let (status, body) = shop.get("/api/account/orders?page=0", &[("authorization", &format!("Bearer {mine}"))]).await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("invalid_query")));
}

#[tokio::test]
async fn the_account_list_pages_newest_first() {
    let shop = Shop::open_with(|config| config.checkout.max_unpaid_orders = 10).await;
    let product = shop.stock_product("voucher", 10).await;
    let (_, member) = shop.member("ani@example.com", json!({})).await;
    let mut numbers = Vec::new();
    for _ in 0..5 {
        let (_, body) = shop.place(&guest_order(&product, "ani@example.com", 1), Some(&member)).await;
        numbers.push(body["order"]["number"].as_str().expect("number").to_owned());
    }
    let bearer = format!("Bearer {member}");
    let (_, first) = shop.get("/api/account/orders?page=1&page_size=2", &[("authorization", &bearer)]).await;
    let (_, last) = shop.get("/api/account/orders?page=3&page_size=2", &[("authorization", &bearer)]).await;
    assert_eq!(first["total"], 5);
    assert_eq!(first["items"][0]["number"], numbers[4].as_str());
    assert_eq!(first["items"][1]["number"], numbers[3].as_str());
    assert_eq!(last["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(last["items"][0]["number"], numbers[0].as_str());
    assert_eq!(first["items"][0]["unit_price"], 25000);
    assert_eq!(first["items"][0]["total"], 25000);
    assert_eq!(first["items"][0]["product"]["slug"], "voucher");
    assert!(first["items"][0].get("buyer").is_none(), "the list carries no contact details");
}

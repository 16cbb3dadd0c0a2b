//! Concurrency: however many buyers race, no two orders hold the same item and the caps
//! hold.

use std::collections::HashSet;

use futures::future::join_all;
use uuid::Uuid;

use super::{guest_order, Shop};

#[tokio::test]
async fn fifty_buyers_for_ten_items_give_ten_orders_and_forty_sold_outs() {
    let shop = Shop::open().await;
    let product = shop.stock_product("limited-drop", 10).await;
    let attempts = (0..50).map(|i| {
        let body = guest_order(&product, &format!("buyer{i}@example.com"), 1);
        let shop = &shop;
        async move { shop.place(&body, None).await }
    });
    let results = join_all(attempts).await;
    let created: Vec<_> = results.iter().filter(|(status, _)| *status == 201).collect();
    let sold_out =
        results.iter().filter(|(status, body)| *status == 409 && body["error"]["code"] == "sold_out").count();
    assert_eq!(created.len(), 10, "{results:?}");
    assert_eq!(sold_out, 40, "every other buyer is told it is sold out: {results:?}");

    // Ten items reserved, each by a different order, and every order holds exactly one.
    let holders: Vec<Uuid> =
        sqlx::query_scalar("select order_id from public.stock_items where product_id = $1 and status = 'reserved'")
            .bind(product.id)
            .fetch_all(shop.pool())
            .await
            .expect("reserved");
    assert_eq!(holders.len(), 10);
    assert_eq!(holders.iter().collect::<HashSet<_>>().len(), 10);
    let orders: Vec<(Uuid, String)> =
        sqlx::query_as("select o.id, p.status::text from public.orders o join public.payments p on p.order_id = o.id")
            .fetch_all(shop.pool())
            .await
            .expect("orders");
    assert_eq!(orders.len(), 10, "no order without its items");
    assert!(orders.iter().all(|(id, payment)| holders.contains(id) && payment == "pending"), "{orders:?}");
}

#[tokio::test]
async fn ten_checkouts_at_once_by_one_buyer_give_exactly_three_orders() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher", 20).await;
    let attempts = (0..10).map(|_| {
        let body = guest_order(&product, "budi@example.com", 1);
        let shop = &shop;
        async move { shop.place(&body, None).await }
    });
    let results = join_all(attempts).await;
    let created = results.iter().filter(|(status, _)| *status == 201).count();
    let refused = results.iter().filter(|(s, b)| *s == 429 && b["error"]["code"] == "too_many_unpaid_orders").count();
    assert_eq!((created, refused), (3, 7), "{results:?}");
    assert_eq!(shop.stock_counts(&product).await, (17, 3, 0));
}

//! The sweep's own duties: reconciling payments whose webhook was lost, expiring, and its
//! HTTP trigger's secret.

use axum::{body::Body, http::Request};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use super::{guest_order, place, sweep, Shop};

#[tokio::test]
async fn a_payment_whose_webhook_was_lost_is_found_by_the_sweep_and_delivered() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher-lost", 2).await;
    let (order, token, trx) = place(&shop, &guest_order(&product, "joko@example.com", 1)).await;
    shop.pay(&trx, "none").await;

    // Not yet due: the first check is a minute after the invoice was made.
    let report = sweep(&shop).await;
    assert_eq!(report.payments_checked, 0, "{report:?}");
    assert_eq!(shop.order_status(order).await, "awaiting_payment");

    sqlx::query("update public.payments set reconcile_at = now() where order_id = $1")
        .bind(order)
        .execute(shop.pool())
        .await
        .expect("a minute later");
    let report = sweep(&shop).await;
    assert_eq!((report.payments_checked, report.payments_confirmed), (1, 1), "{report:?}");
    assert_eq!((report.jobs.claimed, report.jobs.delivered), (1, 1), "delivered in the same sweep: {report:?}");
    assert_eq!(shop.track(&token).await.1["delivery"]["status"], "delivered");
    // The next check is scheduled no sooner than a minute away, and a paid payment is not asked about again.
    let (checks, status): (i32, String) =
        sqlx::query_as("select reconcile_checks, status::text from public.payments where order_id = $1")
            .bind(order)
            .fetch_one(shop.pool())
            .await
            .expect("payment");
    assert_eq!((checks, status.as_str()), (1, "paid"));
    sqlx::query("update public.payments set reconcile_at = now() where order_id = $1")
        .bind(order)
        .execute(shop.pool())
        .await
        .expect("due again");
    assert_eq!(sweep(&shop).await.payments_checked, 0);
}

#[tokio::test]
async fn an_unpaid_invoice_is_checked_but_not_marked_and_a_late_payment_after_expiry_is_still_delivered() {
    let shop = Shop::open().await;
    let product = shop.stock_product("voucher-late", 2).await;
    let (order, _, trx) = place(&shop, &guest_order(&product, "kiki@example.com", 1)).await;
    let due = "update public.payments set reconcile_at = now() where order_id = $1";
    sqlx::query(due).bind(order).execute(shop.pool()).await.expect("due");
    let report = sweep(&shop).await;
    assert_eq!((report.payments_checked, report.payments_confirmed), (1, 0), "unpaid at Tokopay: {report:?}");
    assert_eq!(shop.order_status(order).await, "awaiting_payment");

    // The invoice runs out here and the order expires, but the buyer paid at the last
    // second and the webhook never came.
    shop.pay(&trx, "none").await;
    sqlx::query("update public.orders set expires_at = now() where id = $1")
        .bind(order)
        .execute(shop.pool())
        .await
        .expect("expire");
    let report = sweep(&shop).await;
    assert_eq!(report.orders_expired, 1, "{report:?}");
    assert_eq!(shop.order_status(order).await, "expired");
    sqlx::query(due).bind(order).execute(shop.pool()).await.expect("due");
    let report = sweep(&shop).await;
    assert_eq!(report.payments_confirmed, 1, "{report:?}");
    assert_eq!(shop.order_status(order).await, "delivered", "re-reserved and delivered");
    assert_eq!(shop.stock_counts(&product).await, (1, 0, 1));
}

#[tokio::test]
async fn the_http_trigger_needs_its_secret() {
    let secret = "s".repeat(40);
    let shop = Shop::open_with(|config| {
        config.fulfillment.sweep_secret = Some(shop::config::Secret("s".repeat(40)));
    })
    .await;
    let router = shop::fulfillment::sweep_router(shop.state.clone());
    let call = |auth: Option<String>| {
        let router = router.clone();
        async move {
            let mut request = Request::post(shop::fulfillment::SWEEP_PATH);
            if let Some(auth) = auth {
                request = request.header("authorization", auth);
            }
            let response = router.oneshot(request.body(Body::empty()).expect("request")).await.expect("answer");
            let status = response.status().as_u16();
            let body = response.into_body().collect().await.expect("body").to_bytes();
            (status, serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null))
        }
    };
    assert_eq!(call(None).await.0, 401);
    assert_eq!(call(Some(format!("Bearer {}", "t".repeat(40)))).await.0, 401);
    assert_eq!(call(Some(secret.clone())).await.0, 401, "the Bearer scheme is required");
    let (status, report) = call(Some(format!("Bearer {secret}"))).await;
    assert_eq!(status, 200, "{report}");
    assert!(
        report["jobs"]["claimed"].is_number() && report["errors"].as_array().is_some_and(Vec::is_empty),
        "{report}"
    );

    // Without a secret configured the trigger does not exist.
    let shop = Shop::open().await;
    let response = shop::fulfillment::sweep_router(shop.state.clone())
        .oneshot(Request::post("/sweep").header("authorization", "Bearer x").body(Body::empty()).expect("request"))
        .await
        .expect("answer");
    assert_eq!(response.status(), 404);
}

#[test]
fn a_short_sweep_secret_is_refused() {
    let db = "postgresql://localhost/x";
    let error = shop::Config::from_lookup(|name| match name {
        "SWEEP_SECRET" => Some("short".into()),
        _ => base(name, db),
    })
    .expect_err("refused");
    assert!(format!("{error:#}").contains("SWEEP_SECRET"), "{error:#}");
}

fn base(name: &str, db: &str) -> Option<String> {
    match name {
        "DATABASE_URL" => Some(db.into()),
        "ENCRYPTION_KEYS" => Some(shop::crypto::Keyring::generate_entry("k")),
        "FINGERPRINT_KEY" => Some(shop::crypto::FingerprintKey::generate()),
        "SUPABASE_URL" => Some("http://127.0.0.1:9".into()),
        "TOKOPAY_MERCHANT_ID" => Some("M1".into()),
        "TOKOPAY_SECRET" => Some("0f".repeat(32)),
        _ => None,
    }
}

//! Workers die: a job whose worker vanished (its lease ran out) is run again by a sweep
//! and delivers exactly once; the vanished worker, if it comes back, changes nothing.

use std::time::Duration;

use shop::fulfillment::queue;

use super::{buy, count, guest_order, sweep, Shop};

async fn shop_with_short_lease() -> Shop {
    Shop::open_with(|config| {
        // The webhook leaves the job to the workers, whose lease is short.
        config.fulfillment.inline_budget = Duration::ZERO;
        config.fulfillment.lease = Duration::from_secs(2);
    })
    .await
}

#[tokio::test]
async fn a_worker_that_dies_mid_job_leads_to_exactly_one_delivery() {
    let shop = shop_with_short_lease().await;
    let product = shop.stock_product("voucher-lease", 4).await;
    let (order, _) = buy(&shop, &guest_order(&product, "hadi@example.com", 2), "normal").await;
    shop.wait_for_status(order, "paid").await;

    // A worker claims the job and dies before doing anything.
    let lease = shop.app.config.fulfillment.lease;
    let claimed = queue::claim(&shop.state.db, "doomed-worker", 10, lease).await.expect("claim");
    assert_eq!(claimed.len(), 1);
    let job = claimed[0].id;

    // While its lease runs, sweeps leave the job alone.
    let report = sweep(&shop).await;
    assert_eq!((report.leases_recovered, report.jobs.claimed), (0, 0), "{report:?}");
    assert_eq!(shop.order_status(order).await, "paid");

    // After it runs out, a sweep recovers the job and delivers the order.
    tokio::time::sleep(lease + Duration::from_millis(200)).await;
    let report = sweep(&shop).await;
    assert_eq!((report.leases_recovered, report.jobs.delivered), (1, 1), "{report:?}");
    assert_eq!(shop.order_status(order).await, "delivered");

    // The dead worker comes back and tries to finish: nothing changes.
    let outcome: String = sqlx::query_scalar("select private.fulfill_stock($1, 'doomed-worker')")
        .bind(job)
        .fetch_one(shop.pool())
        .await
        .expect("zombie");
    assert_eq!(outcome, "lost_lease");
    assert!(!queue::extend(&shop.state.db, job, "doomed-worker", lease).await.expect("extend"), "no heartbeat either");
    assert_eq!(queue::complete(&shop.state.db, &[job], "doomed-worker").await.expect("complete"), 0);
    assert_eq!(
        queue::fail(&shop.state.db, job, "doomed-worker", "late", Duration::ZERO).await.expect("fail"),
        "lost_lease"
    );

    assert_eq!(shop.stock_counts(&product).await, (2, 0, 2), "two sold, once");
    assert_eq!(count(&shop, "select count(*) from public.order_deliveries where order_id = $1", Some(order)).await, 1);
    let attempts: Vec<(i32, String, String)> = sqlx::query_as(
        "select a.attempt, a.worker, a.outcome from public.fulfillment_job_attempts a where a.job_id = $1 order by a.id",
    )
    .bind(job)
    .fetch_all(shop.pool())
    .await
    .expect("attempts");
    assert_eq!(attempts.len(), 2, "{attempts:?}");
    assert_eq!((attempts[0].0, attempts[0].1.as_str(), attempts[0].2.as_str()), (1, "doomed-worker", "lease_expired"));
    assert_eq!((attempts[1].0, attempts[1].2.as_str()), (2, "succeeded"));
}

#[tokio::test]
async fn a_worker_whose_connection_drops_mid_transaction_loses_nothing() {
    let shop = shop_with_short_lease().await;
    let product = shop.stock_product("voucher-drop", 3).await;
    let (order, _) = buy(&shop, &guest_order(&product, "indah@example.com", 1), "normal").await;
    shop.wait_for_status(order, "paid").await;
    let lease = shop.app.config.fulfillment.lease;
    let job = queue::claim(&shop.state.db, "cut-worker", 1, lease).await.expect("claim")[0].id;

    // The worker is inside its delivery transaction (items sold, order delivered, not yet
    // committed) when its connection is cut.
    let mut conn = shop.pool().acquire().await.expect("connection");
    sqlx::query("begin").execute(&mut *conn).await.expect("begin");
    let outcome: String = sqlx::query_scalar("select private.fulfill_stock($1, 'cut-worker')")
        .bind(job)
        .fetch_one(&mut *conn)
        .await
        .expect("inside the transaction");
    assert_eq!(outcome, "delivered");
    let pid: i32 = sqlx::query_scalar("select pg_backend_pid()").fetch_one(&mut *conn).await.expect("pid");
    let killed: bool = sqlx::query_scalar("select pg_terminate_backend($1)")
        .bind(pid)
        .fetch_one(shop.pool())
        .await
        .expect("terminate");
    assert!(killed);
    drop(conn);

    // Rolled back: the order is still paid, its item still reserved, the job still leased.
    assert_eq!(shop.order_status(order).await, "paid");
    assert_eq!(shop.stock_counts(&product).await, (2, 1, 0));
    tokio::time::sleep(lease + Duration::from_millis(200)).await;
    let report = sweep(&shop).await;
    assert_eq!((report.leases_recovered, report.jobs.delivered), (1, 1), "{report:?}");
    assert_eq!(shop.order_status(order).await, "delivered");
    assert_eq!(shop.stock_counts(&product).await, (2, 0, 1));
}

#[tokio::test]
async fn several_sweeps_at_once_never_run_one_job_twice() {
    let shop = std::sync::Arc::new(Shop::open_with(|config| config.fulfillment.inline_budget = Duration::ZERO).await);
    let product = shop.stock_product("voucher-sweeps", 40).await;
    let mut orders = Vec::new();
    for i in 0..40 {
        orders.push(buy(&shop, &guest_order(&product, &format!("p{i}@example.com"), 1), "normal").await.0);
    }
    for order in &orders {
        shop.wait_for_status(*order, "paid").await;
    }
    let reports = futures::future::join_all((0..6).map(|_| {
        let shop = shop.clone();
        async move { sweep(&shop).await }
    }))
    .await;
    let claimed: usize = reports.iter().map(|r| r.jobs.claimed).sum();
    let delivered: usize = reports.iter().map(|r| r.jobs.delivered).sum();
    assert_eq!((claimed, delivered), (40, 40), "each job claimed once across six sweeps: {reports:?}");
    assert_eq!(count(&shop, "select count(*) from public.fulfillment_job_attempts", None).await, 40);
    assert_eq!(shop.stock_counts(&product).await, (0, 0, 40));
}

#[tokio::test]
async fn a_payment_rolled_back_leaves_no_job_behind() {
    let shop = shop_with_short_lease().await;
    let product = shop.stock_product("voucher-rollback", 2).await;
    let (order, _, trx) = super::place(&shop, &guest_order(&product, "lina@example.com", 1)).await;
    shop.pay(&trx, "none").await;
    let payment: uuid::Uuid = sqlx::query_scalar("select id from public.payments where order_id = $1")
        .bind(order)
        .fetch_one(shop.pool())
        .await
        .expect("payment");
    let mut tx = shop.pool().begin().await.expect("begin");
    let outcome: String = sqlx::query_scalar("select private.mark_payment_paid($1)")
        .bind(payment)
        .fetch_one(&mut *tx)
        .await
        .expect("mark");
    assert_eq!(outcome, "paid");
    let inside = sqlx::query_scalar::<_, i64>("select count(*) from public.fulfillment_jobs where order_id = $1")
        .bind(order)
        .fetch_one(&mut *tx)
        .await
        .expect("count");
    assert_eq!(inside, 1, "enqueued in the payment's transaction");
    tx.rollback().await.expect("rollback");
    assert_eq!(count(&shop, "select count(*) from public.fulfillment_jobs where order_id = $1", Some(order)).await, 0);
    assert_eq!(shop.order_status(order).await, "awaiting_payment");
}

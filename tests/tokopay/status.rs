use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use ruangpremium_tests::tokopay::{TokopaySim, MERCHANT_ID, SECRET};
use serde_json::json;
use shop::tokopay::PaymentState;

use crate::{order, order_15min, reff_id};

#[tokio::test]
async fn an_order_is_unpaid_until_paid_then_paid() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client();
    let reff = reff_id();
    let created = client.create_order(&order_15min(&reff, 150_000)).await.expect("created");

    let before = client.check_status(&reff, 150_000).await.expect("a status");
    assert_eq!(before.state, PaymentState::Unpaid);
    assert_eq!(before.trx_id.as_deref(), Some(created.trx_id.as_str()));
    assert_eq!((before.total_bayar, before.total_diterima), (Some(151_150), Some(150_000)));
    // The envelope says "Success" for an unpaid order: only data.status counts.
    assert_eq!(before.raw["status"], "Success");
    assert_eq!(before.raw["data"]["status"], "Unpaid");

    let (status, paid) = sim.pay(&created.trx_id, "none").await;
    assert_eq!(status, 200, "{paid}");
    assert_eq!(paid["status"], "Success");
    assert!(paid["paid_at"].is_string());

    let after = client.check_status(&reff, 150_000).await.expect("a status");
    assert_eq!(after.state, PaymentState::Paid);
    assert_eq!(after.raw["data"]["status"], "Success");
    assert_eq!(after.trx_id.as_deref(), Some(created.trx_id.as_str()));
    assert_eq!((after.total_bayar, after.total_diterima), (Some(151_150), Some(150_000)));

    let seen = sim.order(&reff).await;
    assert_eq!(seen["status_checks"], 2);
    let (status, again) = sim.pay(&created.trx_id, "none").await;
    assert_eq!((status, again["error"].as_str()), (409, Some("the order is already paid")));
}

#[tokio::test]
async fn the_status_call_sends_the_raw_secret_in_tokopays_query() {
    let sim = TokopaySim::spawn().await;
    let reff = reff_id();
    sim.client().create_order(&order_15min(&reff, 20_000)).await.expect("created");
    let query = [
        ("merchant", MERCHANT_ID),
        ("secret", SECRET),
        ("ref_id", reff.as_str()),
        ("nominal", "20000"),
        ("metode", "QRIS"),
    ];
    let (status, answer) = sim.send(sim.get("/tokopay-sim/v1/order").query(&query)).await;
    assert_eq!(status, 200);
    assert_eq!(answer["status"], "Success");
    assert_eq!(answer["data"]["status"], "Unpaid");
    assert_eq!(answer["data"]["total_bayar"], 20_240);
    let wrong = [("merchant", MERCHANT_ID), ("secret", "nope"), ("ref_id", reff.as_str())];
    let (_, answer) = sim.send(sim.get("/tokopay-sim/v1/order").query(&wrong)).await;
    assert_eq!(answer, json!({"status": 0, "rc": 401, "error_msg": "Merchant atau secret tidak valid"}));
}

#[tokio::test]
async fn the_simple_call_with_a_new_ref_id_creates_an_order() {
    let sim = TokopaySim::spawn().await;
    let reff = reff_id();
    let report = sim.client().check_status(&reff, 5_000).await.expect("a new order");
    assert_eq!(report.state, PaymentState::Unpaid);
    assert_eq!((report.total_bayar, report.total_diterima), (Some(5_135), Some(5_000)));
    let seen = sim.order(&reff).await;
    assert_eq!(seen["created_via"], "simple");
    assert_eq!(seen["trx_id"].as_str(), report.trx_id.as_deref());
}

#[tokio::test]
async fn an_order_past_its_expired_ts_is_expired_and_cannot_be_paid() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client();
    let reff = reff_id();
    // expired_ts is in whole seconds: now + 2 s leaves at least one second unpaid.
    let created =
        client.create_order(&order(&reff, 150_000, Utc::now() + Duration::seconds(2))).await.expect("created");
    assert_eq!(client.check_status(&reff, 150_000).await.expect("a status").state, PaymentState::Unpaid);

    tokio::time::sleep(StdDuration::from_millis(2100)).await;
    let report = client.check_status(&reff, 150_000).await.expect("a status");
    assert_eq!(report.state, PaymentState::Expired);
    assert_eq!(report.raw["data"]["status"], "Expired");

    let (status, refused) = sim.pay(&created.trx_id, "normal").await;
    assert_eq!((status, refused["error"].as_str()), (409, Some("the order has expired")));
    assert_eq!(sim.order(&reff).await["paid_at"], json!(null));
    // A repeated create does not revive it either.
    let again = client.create_order(&order_15min(&reff, 150_000)).await.expect("the existing order");
    assert_eq!(again.trx_id, created.trx_id);
    assert_eq!(again.raw["data"]["status"], "Expired");
}

#[tokio::test]
async fn the_unpaid_switch_hides_a_payment_from_the_status_check() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client();
    let reff = reff_id();
    let created = client.create_order(&order_15min(&reff, 150_000)).await.expect("created");
    sim.pay(&created.trx_id, "none").await;
    let switches = sim.control(json!({"status_check": "unpaid"})).await;
    assert_eq!(switches["status_check"], "unpaid");
    assert_eq!(client.check_status(&reff, 150_000).await.expect("a status").state, PaymentState::Unpaid);
    sim.control(json!({"status_check": "ok"})).await;
    assert_eq!(client.check_status(&reff, 150_000).await.expect("a status").state, PaymentState::Paid);
}

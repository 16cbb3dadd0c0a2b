use std::time::Duration;

use chrono::{NaiveDateTime, Utc};
use ruangpremium_tests::tokopay::{Answer, TokopaySim, WebhookReceiver, MERCHANT_ID};
use serde_json::{json, Value};

use crate::{order_15min, reff_id};

/// A simulator posting to a fresh receiver, retrying 30 ms apart.
async fn setup() -> (TokopaySim, WebhookReceiver) {
    let receiver = WebhookReceiver::spawn().await;
    let sim = TokopaySim::spawn_with_webhook(&receiver.url, Duration::from_millis(30)).await;
    (sim, receiver)
}

fn deliveries(order: &Value) -> Vec<Value> {
    order["webhook"]["deliveries"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_paid_order_sends_tokopays_webhook_once() {
    let (sim, receiver) = setup().await;
    let client = sim.client();
    let reff = reff_id();
    let created = client.create_order(&order_15min(&reff, 150_000)).await.expect("created");
    let (status, _) = sim.pay(&created.trx_id, "normal").await;
    assert_eq!(status, 200);

    let order = sim.wait_for_deliveries(&reff, 1).await;
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].content_type.as_deref(), Some("application/json"));
    let body = &received[0].body;
    let mut keys: Vec<&str> = body.as_object().expect("an object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["data", "reference", "reff_id", "signature", "status"]);
    assert_eq!(body["reference"], created.trx_id.as_str());
    assert_eq!(body["reff_id"], reff.as_str());
    assert_eq!(body["status"], "Success");
    let signature = body["signature"].as_str().expect("a signature");
    assert!(client.verify_signature(&reff, signature), "the signature verifies with our merchant id and secret");
    assert!(!client.verify_signature(&reff_id(), signature), "and only for this reff_id");
    let data = &body["data"];
    let mut keys: Vec<&str> = data.as_object().expect("an object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "created_at",
            "customer_email",
            "customer_name",
            "customer_phone",
            "merchant_id",
            "payment_channel",
            "total_dibayar",
            "total_diterima",
            "updated_at"
        ]
    );
    assert_eq!(data["merchant_id"], MERCHANT_ID);
    assert_eq!(data["payment_channel"], "QRIS");
    assert_eq!(data["total_dibayar"], json!(created.total_bayar));
    assert_eq!(data["total_diterima"], json!(created.total_diterima));
    assert_eq!(data["customer_name"], "Budi Santoso");
    assert_eq!(data["customer_email"], "budi@example.com");
    assert_eq!(data["customer_phone"], "+6281234567890");
    // "YYYY-MM-DD HH:MM:SS" in WIB (UTC+7).
    let updated = NaiveDateTime::parse_from_str(data["updated_at"].as_str().expect("a time"), "%Y-%m-%d %H:%M:%S")
        .expect("Tokopay's time format");
    let wib_now = (Utc::now() + chrono::Duration::hours(7)).naive_utc();
    assert!((wib_now - updated).num_seconds().abs() <= 5, "{updated} vs {wib_now}");
    NaiveDateTime::parse_from_str(data["created_at"].as_str().expect("a time"), "%Y-%m-%d %H:%M:%S").expect("format");

    let recorded = deliveries(&order);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["status"], "Success");
    assert_eq!(recorded[0]["attempt"], 1);
    assert_eq!(recorded[0]["http_status"], 200);
    assert_eq!(recorded[0]["accepted"], true);
    assert_eq!(order["webhook"]["mode"], "normal");
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(receiver.received().len(), 1, "an accepted webhook is not sent again");
}

#[tokio::test]
async fn a_refused_webhook_is_sent_three_times_then_never_again() {
    let (sim, receiver) = setup().await;
    receiver.always(Answer::Reply(500, r#"{"status": false}"#.to_owned()));
    let reff = reff_id();
    let created = sim.client().create_order(&order_15min(&reff, 150_000)).await.expect("created");
    sim.pay(&created.trx_id, "normal").await;

    let order = sim.wait_for_deliveries(&reff, 3).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let recorded = deliveries(&sim.order(&reff).await);
    assert_eq!(recorded.len(), 3, "{order}");
    for (i, delivery) in recorded.iter().enumerate() {
        assert_eq!(delivery["attempt"], i + 1);
        assert_eq!(delivery["http_status"], 500);
        assert_eq!(delivery["accepted"], false);
        assert_eq!(delivery["answer"], r#"{"status": false}"#);
    }
    let received = receiver.received();
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|r| r.body == received[0].body), "every attempt carries the same body");
}

#[tokio::test]
async fn only_a_json_status_true_answer_stops_the_retries() {
    let (sim, receiver) = setup().await;
    // HTTP 200 alone is not enough; the second attempt is accepted.
    receiver.script([Answer::Reply(200, "OK".to_owned())]);
    let reff = reff_id();
    let created = sim.client().create_order(&order_15min(&reff, 150_000)).await.expect("created");
    sim.pay(&created.trx_id, "normal").await;
    sim.wait_for_deliveries(&reff, 2).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    let recorded = deliveries(&sim.order(&reff).await);
    assert_eq!(recorded.len(), 2);
    assert_eq!((recorded[0]["http_status"].as_u64(), recorded[0]["accepted"].as_bool()), (Some(200), Some(false)));
    assert_eq!((recorded[1]["attempt"].as_u64(), recorded[1]["accepted"].as_bool()), (Some(2), Some(true)));
    assert_eq!(receiver.received().len(), 2);
}

#[tokio::test]
async fn completed_mode_sends_success_then_completed() {
    let (sim, receiver) = setup().await;
    let client = sim.client();
    let reff = reff_id();
    let created = client.create_order(&order_15min(&reff, 150_000)).await.expect("created");
    sim.pay(&created.trx_id, "completed").await;
    sim.wait_for_deliveries(&reff, 2).await;
    let received = receiver.received();
    let statuses: Vec<&str> = received.iter().map(|r| r.body["status"].as_str().expect("a status")).collect();
    assert_eq!(statuses, ["Success", "Completed"]);
    for webhook in &received {
        assert_eq!(webhook.body["reference"], created.trx_id.as_str());
        assert!(client.verify_signature(&reff, webhook.body["signature"].as_str().expect("a signature")));
    }
}

#[tokio::test]
async fn duplicate_mode_sends_the_same_webhook_three_times() {
    let (sim, receiver) = setup().await;
    let reff = reff_id();
    let created = sim.client().create_order(&order_15min(&reff, 150_000)).await.expect("created");
    sim.pay(&created.trx_id, "duplicate").await;
    let order = sim.wait_for_deliveries(&reff, 3).await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    let received = receiver.received();
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|r| r.body == received[0].body && r.body["status"] == "Success"));
    assert!(deliveries(&order).iter().all(|d| d["attempt"] == 1 && d["accepted"] == true), "{order}");
}

#[tokio::test]
async fn late_mode_holds_the_webhook_until_it_is_resent() {
    let (sim, receiver) = setup().await;
    let reff = reff_id();
    let created = sim.client().create_order(&order_15min(&reff, 150_000)).await.expect("created");
    let (_, paid) = sim.pay(&created.trx_id, "late").await;
    assert_eq!(paid["webhook"]["held"], true);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(receiver.received().is_empty(), "nothing sent yet");
    assert!(deliveries(&sim.order(&reff).await).is_empty());

    let (status, resent) = sim.resend_webhook(&created.trx_id).await;
    assert_eq!(status, 200, "{resent}");
    assert_eq!(resent["webhook"]["held"], false);
    sim.wait_for_deliveries(&reff, 1).await;
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body["status"], "Success");
    assert_eq!(received[0].body["reff_id"], reff.as_str());
}

#[tokio::test]
async fn none_mode_sends_nothing_and_an_unpaid_order_has_no_webhook_to_resend() {
    let (sim, receiver) = setup().await;
    let reff = reff_id();
    let created = sim.client().create_order(&order_15min(&reff, 150_000)).await.expect("created");
    let (status, body) = sim.resend_webhook(&created.trx_id).await;
    assert_eq!((status, body["error"].as_str()), (409, Some("the order is not paid")));
    sim.pay(&created.trx_id, "none").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(receiver.received().is_empty());
    let order = sim.order(&reff).await;
    assert_eq!(order["status"], "Success");
    assert_eq!(order["webhook"]["mode"], "none");
    let (status, body) = sim.pay("TP000000XXXX000000", "normal").await;
    assert_eq!((status, body["error"].as_str()), (404, Some("no such order")));
    let (status, body) = sim.pay(&created.trx_id, "sometimes").await;
    assert_eq!(status, 400, "{body}");
}

use chrono::{Duration, Utc};
use ruangpremium_tests::tokopay::{TokopaySim, MERCHANT_ID};
use serde_json::{json, Value};
use shop::tokopay::TokopayError;

use crate::{order, order_15min, reff_id};

#[tokio::test]
async fn create_answers_a_qris_order_in_tokopays_shape() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client();
    let reff = reff_id();
    let expires_at = Utc::now() + Duration::minutes(15);

    let created = client.create_order(&order(&reff, 150_000, expires_at)).await.expect("created");

    // QRIS: Rp100 + 0.7% (1,050) = 1,150, paid by the customer.
    assert_eq!(created.total_bayar, 151_150);
    assert_eq!(created.total_diterima, 150_000);
    assert_eq!(created.trx_id.len(), 18, "{}", created.trx_id);
    assert!(created.trx_id.starts_with("TP"), "{}", created.trx_id);
    assert!(created.trx_id[2..8].chars().all(|c| c.is_ascii_digit()), "{}", created.trx_id);
    assert!(created.trx_id[8..12].chars().all(|c| c.is_ascii_uppercase()), "{}", created.trx_id);
    assert!(created.trx_id[12..].chars().all(|c| c.is_ascii_digit()), "{}", created.trx_id);
    assert_eq!(
        created.pay_url.as_deref(),
        Some(format!("{}/tokopay-sim/pay/{}", sim.base_url, created.trx_id).as_str())
    );
    assert_eq!(
        created.qr_link.as_deref(),
        Some(format!("{}/tokopay-sim/qr/{}.svg", sim.base_url, created.trx_id).as_str())
    );
    assert!(created.qr_string.starts_with("000201010212"), "{}", created.qr_string);

    // The raw body: exactly Tokopay's fields, with its types.
    let raw = &created.raw;
    assert_eq!(raw["status"], "Success");
    let data = raw["data"].as_object().expect("data");
    let mut keys: Vec<&str> = data.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["other", "panduan_pembayaran", "pay_url", "qr_link", "qr_string", "total_bayar", "total_diterima", "trx_id"]
    );
    assert_eq!(data["total_bayar"], json!(151_150));
    assert_eq!(data["total_diterima"], json!(150_000));
    assert_eq!(data["other"], "");
    assert!(data["panduan_pembayaran"].as_str().expect("html").starts_with("<p>"));

    // What the simulator received from the client.
    let seen = sim.order(&reff).await;
    assert_eq!(seen["trx_id"], created.trx_id.as_str());
    assert_eq!(seen["status"], "Unpaid");
    assert_eq!(seen["channel"], "QRIS");
    assert_eq!(seen["amount"], 150_000);
    assert_eq!(seen["customer_name"], "Budi Santoso");
    assert_eq!(seen["customer_email"], "budi@example.com");
    assert_eq!(seen["customer_phone"], "+6281234567890");
    assert_eq!(seen["redirect_url"], "http://127.0.0.1:8080/invoice/42");
    assert_eq!(seen["items"], json!([{"product_code": "NETFLIX-1M", "name": "Netflix 1 bulan", "price": 150_000}]));
    assert_eq!(seen["created_via"], "advanced");
    let expires_seen =
        chrono::DateTime::parse_from_rfc3339(seen["expires_at"].as_str().expect("a time")).expect("rfc3339");
    assert_eq!(expires_seen.timestamp(), expires_at.timestamp(), "expired_ts is sent in seconds");
}

#[tokio::test]
async fn the_realtime_channel_charges_its_own_fee() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client_with(|config| config.channel = "QRISREALTIME".to_owned());
    let reff = reff_id();
    let created = client.create_order(&order_15min(&reff, 67_759)).await.expect("created");
    // 1.7% of 67,759 = 1,151.9, rounded up.
    assert_eq!((created.total_bayar, created.total_diterima), (68_911, 67_759));
    assert_eq!(sim.order(&reff).await["channel"], "QRISREALTIME");
}

#[tokio::test]
async fn a_repeated_reff_id_returns_the_existing_order() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client();
    let reff = reff_id();
    let first = client.create_order(&order_15min(&reff, 150_000)).await.expect("created");
    // Even with another amount: Tokopay answers with the order it has.
    let second = client.create_order(&order_15min(&reff, 99_000)).await.expect("the existing order");
    assert_eq!(second.trx_id, first.trx_id);
    assert_eq!((second.total_bayar, second.total_diterima), (first.total_bayar, first.total_diterima));
    assert_eq!(second.qr_string, first.qr_string);
    assert_eq!(second.raw["data"]["status"], "Unpaid");
    let seen = sim.order(&reff).await;
    assert_eq!(seen["repeats"], 1);
    assert_eq!(seen["amount"], 150_000);
    let all = sim.send(sim.get("/tokopay-sim/orders")).await.1;
    assert_eq!(all["orders"].as_array().expect("orders").len(), 1);
}

#[tokio::test]
async fn a_wrong_secret_is_refused_with_tokopays_error() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client_with_secret("0000000000000000000000000000000000000000000000000000000000000000");
    let reff = reff_id();
    let err = client.create_order(&order_15min(&reff, 150_000)).await.expect_err("refused");
    match &err {
        TokopayError::Refused { message, raw } => {
            assert_eq!(message, "Signature tidak valid (rc 401)");
            assert_eq!(raw, &json!({"status": 0, "rc": 401, "error_msg": "Signature tidak valid"}));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let (status, _) = sim.send(sim.get("/tokopay-sim/orders").query(&[("reff_id", &reff)])).await;
    assert_eq!(status, 404, "nothing was created");
    // The status call sends the raw secret, which must match too.
    let err = client.check_status(&reff, 150_000).await.expect_err("refused");
    assert!(
        matches!(&err, TokopayError::Refused { message, .. } if message == "Merchant atau secret tidak valid (rc 401)"),
        "{err:?}"
    );
}

#[tokio::test]
async fn another_merchant_id_is_refused() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client_with(|config| config.merchant_id = "M000000XXXX0000".to_owned());
    let err = client.create_order(&order_15min(&reff_id(), 150_000)).await.expect_err("refused");
    assert!(
        matches!(&err, TokopayError::Refused { message, .. } if message == "Merchant tidak ditemukan (rc 401)"),
        "{err:?}"
    );
}

/// A signed advanced body, as the client sends it, for the checks the client cannot fail.
fn body(sim: &TokopaySim, reff: &str, amount: Value, channel: &str) -> Value {
    // The client's signature is md5("{merchant}:{secret}:{reff_id}") (its unit tests pin a vector).
    let signature = sim.client().signature(reff);
    json!({"merchant_id": MERCHANT_ID, "kode_channel": channel, "reff_id": reff, "amount": amount,
           "customer_name": "Budi", "customer_email": "budi@example.com", "customer_phone": "0812",
           "expired_ts": 0, "signature": signature, "items": []})
}

#[tokio::test]
async fn the_gateway_validates_channel_amount_and_fields() {
    let sim = TokopaySim::spawn().await;
    let cases = [
        (body(&sim, &reff_id(), json!(150_000), "BCAVA"), "Kode channel tidak valid atau tidak aktif"),
        (body(&sim, &reff_id(), json!(99), "QRIS"), "Nominal minimal Rp100"),
        (body(&sim, &reff_id(), json!(15_000_001), "QRIS"), "Nominal maksimal Rp15000000"),
        (body(&sim, &reff_id(), json!(10_000_001), "QRISREALTIME"), "Nominal maksimal Rp10000000"),
        (body(&sim, &reff_id(), json!("150000"), "QRIS"), "amount harus bilangan bulat"),
        (body(&sim, &reff_id(), json!(1500.5), "QRIS"), "amount harus bilangan bulat"),
    ];
    for (request, expected) in cases {
        let (status, answer) = sim.send(sim.post("/tokopay-sim/v1/order").json(&request)).await;
        assert_eq!(status, 200);
        assert_eq!(answer["status"], 0, "{request}");
        assert_eq!(answer["error_msg"], expected, "{request}");
    }
    let mut no_name = body(&sim, &reff_id(), json!(150_000), "QRIS");
    no_name.as_object_mut().expect("object").remove("customer_name");
    let answer = sim.send(sim.post("/tokopay-sim/v1/order").json(&no_name)).await.1;
    assert_eq!(answer["error_msg"], "customer_name wajib diisi");
    let answer = sim.send(sim.post("/tokopay-sim/v1/order").body("not json")).await.1;
    assert_eq!(answer, json!({"status": 0, "rc": 400, "error_msg": "Body harus berupa JSON"}));
    assert_eq!(sim.send(sim.get("/tokopay-sim/orders")).await.1["orders"], json!([]), "nothing was created");
}

#[tokio::test]
async fn without_expired_ts_an_order_lives_24_hours_and_the_trailing_slash_works() {
    let sim = TokopaySim::spawn().await;
    let reff = reff_id();
    let before = Utc::now();
    let (status, answer) =
        sim.send(sim.post("/tokopay-sim/v1/order/").json(&body(&sim, &reff, json!(10_000), "QRIS"))).await;
    assert_eq!(status, 200);
    assert_eq!(answer["status"], "Success", "{answer}");
    assert_eq!(answer["data"]["total_bayar"], 10_170);
    assert_eq!(answer["data"]["total_diterima"], 10_000);
    let seen = sim.order(&reff).await;
    let expires = chrono::DateTime::parse_from_rfc3339(seen["expires_at"].as_str().expect("a time")).expect("rfc3339");
    let ttl = expires.with_timezone(&Utc) - before;
    assert!(
        ttl > Duration::hours(24) - Duration::seconds(5) && ttl <= Duration::hours(24) + Duration::seconds(5),
        "{ttl}"
    );
}

#[tokio::test]
async fn the_merchant_can_bear_the_fee() {
    let sim = TokopaySim::spawn().await;
    sim.control(json!({"fee": "merchant"})).await;
    let client = sim.client_with(|config| config.channel = "QRISREALTIME".to_owned());
    let created = client.create_order(&order_15min(&reff_id(), 68_931)).await.expect("created");
    // The docs' webhook sample: 68,931 paid, 67,759 received.
    assert_eq!((created.total_bayar, created.total_diterima), (68_931, 67_759));
}

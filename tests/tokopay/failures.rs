use std::time::{Duration, Instant};

use ruangpremium_tests::tokopay::TokopaySim;
use serde_json::json;
use shop::tokopay::{PaymentState, TokopayError};

use crate::{order_15min, reff_id};

#[tokio::test]
async fn a_failing_status_check_is_unreachable_after_exactly_the_configured_attempts() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client();
    let reff = reff_id();
    client.create_order(&order_15min(&reff, 150_000)).await.expect("created");
    sim.control(json!({"status_check": "fail"})).await;
    let before = sim.switches().await["requests"]["status_check"].as_u64().expect("a count");

    let err = client.check_status(&reff, 150_000).await.expect_err("unreachable");
    assert!(matches!(&err, TokopayError::Unreachable(m) if m == "HTTP 500 (after 3 attempts)"), "{err:?}");
    let after = sim.switches().await["requests"]["status_check"].as_u64().expect("a count");
    assert_eq!(after - before, 3);

    // Once the gateway recovers, the same call works.
    sim.control(json!({"status_check": "ok"})).await;
    assert_eq!(client.check_status(&reff, 150_000).await.expect("a status").state, PaymentState::Unpaid);
}

#[tokio::test]
async fn a_failing_create_is_retried_with_the_same_reff_id_then_unreachable() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client_with(|config| config.attempts = 2);
    sim.control(json!({"create": "fail"})).await;
    let reff = reff_id();
    let err = client.create_order(&order_15min(&reff, 150_000)).await.expect_err("unreachable");
    assert!(matches!(&err, TokopayError::Unreachable(m) if m == "HTTP 500 (after 2 attempts)"), "{err:?}");
    assert_eq!(sim.switches().await["requests"]["create"], 2);
    let (status, _) = sim.send(sim.get("/tokopay-sim/orders").query(&[("reff_id", &reff)])).await;
    assert_eq!(status, 404);

    sim.control(json!({"create": "ok"})).await;
    let created = client.create_order(&order_15min(&reff, 150_000)).await.expect("created");
    assert_eq!(sim.order(&reff).await["trx_id"], created.trx_id.as_str());
}

#[tokio::test]
async fn a_hanging_gateway_is_unreachable_within_timeout_times_attempts() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client_with(|config| {
        config.timeout = Duration::from_millis(300);
        config.attempts = 3;
    });
    let reff = reff_id();
    client.create_order(&order_15min(&reff, 150_000)).await.expect("created");
    sim.control(json!({"status_check": "timeout", "create": "timeout"})).await;

    let started = Instant::now();
    let err = client.check_status(&reff, 150_000).await.expect_err("unreachable");
    let took = started.elapsed();
    assert!(
        matches!(&err, TokopayError::Unreachable(m) if m == "timed out after 300 ms (after 3 attempts)"),
        "{err:?}"
    );
    // 3 × 300 ms, plus two pauses of 100–200 ms and 200–400 ms.
    assert!(took >= Duration::from_millis(900) && took < Duration::from_millis(3000), "{took:?}");
    assert_eq!(sim.switches().await["requests"]["status_check"], 3);

    let started = Instant::now();
    let err = client.create_order(&order_15min(&reff_id(), 150_000)).await.expect_err("unreachable");
    assert!(matches!(err, TokopayError::Unreachable(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(3000), "{:?}", started.elapsed());
}

#[tokio::test]
async fn latency_below_the_timeout_is_only_slower() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client_with(|config| config.timeout = Duration::from_millis(1000));
    let switches = sim.control(json!({"latency_ms": 300})).await;
    assert_eq!(switches["latency_ms"], 300);
    let started = Instant::now();
    client.create_order(&order_15min(&reff_id(), 150_000)).await.expect("created");
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
    assert_eq!(sim.switches().await["requests"]["create"], 1, "no retry");
}

#[tokio::test]
async fn the_control_endpoint_refuses_unknown_switches() {
    let sim = TokopaySim::spawn().await;
    let (status, body) = sim.send(sim.post("/tokopay-sim/control").json(&json!({"status_check": "sometimes"}))).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("status_check cannot be \"sometimes\"")));
    let (status, body) = sim.send(sim.post("/tokopay-sim/control").json(&json!({"webhooks": "off"}))).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("unknown switch \"webhooks\"")));
    let switches = sim.switches().await;
    assert_eq!(
        switches,
        json!({"status_check": "ok", "create": "ok", "latency_ms": 0, "fee": "customer",
               "requests": {"create": 0, "status_check": 0}})
    );
}

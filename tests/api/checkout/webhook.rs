//! The webhook attacks of QUALITY_GOALS.md R2 and Tokopay's own repeats: nothing but a
//! payment Tokopay confirms marks an order paid, and only once.

use futures::future::join_all;
use serde_json::json;

use super::{guest_order, placed, Shop};

/// A shop with one awaiting order; its id, token and stored payment.
async fn awaiting(shop: &Shop) -> (uuid::Uuid, String, super::Payment) {
    let product = shop.stock_product("voucher", 3).await;
    let (status, body) = shop.place(&guest_order(&product, "budi@example.com", 1), None).await;
    assert_eq!(status, 201, "{body}");
    let (id, token) = placed(&body);
    let payment = shop.payment(id).await;
    (id, token, payment)
}

async fn history_len(shop: &Shop, order: uuid::Uuid) -> i64 {
    sqlx::query_scalar("select count(*) from public.order_status_history where order_id = $1")
        .bind(order)
        .fetch_one(shop.pool())
        .await
        .expect("history")
}

#[tokio::test]
async fn a_bad_signature_changes_nothing_and_says_nothing() {
    let shop = Shop::open().await;
    let (order, _, payment) = awaiting(&shop).await;
    let mut forged = shop.paid_webhook(&payment);
    forged["signature"] = json!("0".repeat(32));
    let (status, body) = shop.webhook(&forged).await;
    assert_eq!((status, body), (400, json!({"status": false})));
    // No signature at all.
    let mut missing = shop.paid_webhook(&payment);
    missing.as_object_mut().expect("object").remove("signature");
    assert_eq!(shop.webhook(&missing).await, (400, json!({"status": false})));
    assert_eq!(shop.order_status(order).await, "awaiting_payment");
    assert_eq!(shop.payment(order).await.status, "pending");
    assert_eq!(
        shop.webhook_outcomes(&payment.reff_id).await,
        [
            ("rejected".to_owned(), Some("bad_signature".to_owned())),
            ("rejected".to_owned(), Some("bad_signature".to_owned()))
        ]
    );
}

#[tokio::test]
async fn a_replayed_signature_is_not_enough_when_tokopay_says_unpaid() {
    let shop = Shop::open().await;
    let (order, _, payment) = awaiting(&shop).await;
    // The signature is the create call's, so anyone who saw it can forge a "Success";
    // Tokopay's own status check says the invoice is unpaid.
    let (status, body) = shop.webhook(&shop.paid_webhook(&payment)).await;
    assert_eq!((status, body), (400, json!({"status": false})));
    assert_eq!(shop.order_status(order).await, "awaiting_payment");
    assert_eq!(
        shop.webhook_outcomes(&payment.reff_id).await,
        [("rejected".to_owned(), Some("status_check_not_paid".to_owned()))]
    );
    // The simulator's switch: a status check that lies "unpaid" even after payment.
    shop.sim_control(json!({"status_check": "unpaid"})).await;
    shop.pay(payment.trx(), "none").await;
    assert_eq!(shop.webhook(&shop.paid_webhook(&payment)).await.0, 400);
    assert_eq!(shop.order_status(order).await, "awaiting_payment");
}

#[tokio::test]
async fn mismatched_amounts_references_merchants_and_unknown_ids_are_rejected() {
    let shop = Shop::open().await;
    let (order, _, payment) = awaiting(&shop).await;
    shop.pay(payment.trx(), "none").await; // paid at Tokopay: only our checks stand in the way
    let variants = [
        ("amount_mismatch", json!({"data": {"total_dibayar": 1}})),
        ("amount_mismatch", json!({"data": {"total_diterima": payment.total_diterima.map(|t| t + 1)}})),
        ("reference_mismatch", json!({"reference": "TP261126ABCD000001"})),
        ("merchant_mismatch", json!({"data": {"merchant_id": "M000000OTHER"}})),
    ];
    for (reason, change) in &variants {
        let mut body = shop.paid_webhook(&payment);
        for (key, value) in change.as_object().expect("object") {
            if key == "data" {
                for (k, v) in value.as_object().expect("data") {
                    body["data"][k] = v.clone();
                }
            } else {
                body[key] = value.clone();
            }
        }
        assert_eq!(shop.webhook(&body).await, (400, json!({"status": false})), "{reason}");
    }
    // An unknown reff_id, even correctly signed for it.
    let mut unknown = shop.paid_webhook(&payment);
    unknown["reff_id"] = json!("RP261126ZZZZZZ-1");
    unknown["signature"] = json!(shop.tokopay.signature("RP261126ZZZZZZ-1"));
    assert_eq!(shop.webhook(&unknown).await.0, 400);
    // Not JSON; a reff_id that is not one of ours in shape.
    for raw in ["not json", "{\"reff_id\": \"rp-1; drop table\"}"] {
        let response = shop
            .http
            .post(format!("{}{}", shop.base, shop::payments::WEBHOOK_PATH))
            .body(raw)
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 400);
    }
    assert_eq!(shop.order_status(order).await, "awaiting_payment");
    let reasons: Vec<Option<String>> =
        shop.webhook_outcomes(&payment.reff_id).await.into_iter().map(|(_, r)| r).collect();
    assert_eq!(
        reasons,
        variants.iter().map(|(r, _)| Some((*r).to_owned())).collect::<Vec<_>>(),
        "each rejection is kept with its reason"
    );
    let others: Vec<(String, Option<String>)> = sqlx::query_as(
        "select outcome, reason from public.tokopay_webhooks where reff_id is distinct from $1 order by id",
    )
    .bind(&payment.reff_id)
    .fetch_all(shop.pool())
    .await
    .expect("log");
    assert_eq!(
        others,
        [
            ("rejected".to_owned(), Some("unknown_reff_id".to_owned())),
            ("rejected".to_owned(), Some("not_json".to_owned())),
            ("rejected".to_owned(), Some("bad_reff_id".to_owned())),
        ]
    );
    // The raw request is kept as it came.
    let raw: Vec<u8> = sqlx::query_scalar("select body from public.tokopay_webhooks where reason = 'not_json'")
        .fetch_one(shop.pool())
        .await
        .expect("raw");
    assert_eq!(raw, b"not json");
}

#[tokio::test]
async fn the_same_paid_webhook_five_times_at_once_changes_the_order_once() {
    let shop = Shop::open().await;
    let (order, _, payment) = awaiting(&shop).await;
    shop.pay(payment.trx(), "none").await;
    let webhook = shop.paid_webhook(&payment);
    let answers = join_all((0..5).map(|_| shop.webhook(&webhook))).await;
    assert!(answers.iter().all(|a| *a == (200, json!({"status": true}))), "{answers:?}");
    // The webhook that marked it paid delivered it too, once.
    assert_eq!(shop.order_status(order).await, "delivered");
    assert_eq!(history_len(&shop, order).await, 3, "awaiting_payment, paid, delivered: each once");
    let mut outcomes: Vec<String> = shop.webhook_outcomes(&payment.reff_id).await.into_iter().map(|(o, _)| o).collect();
    outcomes.sort();
    assert_eq!(outcomes, ["duplicate", "duplicate", "duplicate", "duplicate", "paid"]);
    // Later repeats (Tokopay's retries, a "Completed" after the "Success") change nothing.
    let mut completed = webhook.clone();
    completed["status"] = json!("Completed");
    assert_eq!(shop.webhook(&completed).await, (200, json!({"status": true})));
    assert_eq!(history_len(&shop, order).await, 3);
}

#[tokio::test]
async fn the_simulator_s_own_webhooks_in_every_mode_mark_paid_once() {
    for mode in ["normal", "completed", "duplicate"] {
        let shop = Shop::open().await;
        let (order, token, payment) = awaiting(&shop).await;
        shop.pay(payment.trx(), mode).await;
        shop.wait_for_status(order, "delivered").await;
        // Let the remaining deliveries land.
        let expected = if mode == "normal" {
            1
        } else if mode == "completed" {
            2
        } else {
            3
        };
        for _ in 0..200 {
            if shop.webhook_outcomes(&payment.reff_id).await.len() >= expected {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let outcomes = shop.webhook_outcomes(&payment.reff_id).await;
        assert_eq!(outcomes.len(), expected, "{mode}: {outcomes:?}");
        assert_eq!(outcomes.iter().filter(|(o, _)| o == "paid").count(), 1, "{mode}: {outcomes:?}");
        assert_eq!(history_len(&shop, order).await, 3, "{mode}: awaiting_payment, paid, delivered");
        assert_eq!(shop.track(&token).await.1["status"], "delivered");
    }
}

#[tokio::test]
async fn when_tokopay_cannot_confirm_the_webhook_asks_for_a_retry_and_the_retry_lands() {
    let shop = Shop::open().await;
    let (order, _, payment) = awaiting(&shop).await;
    shop.pay(payment.trx(), "none").await;
    shop.sim_control(json!({"status_check": "fail"})).await;
    let (status, body) = shop.webhook(&shop.paid_webhook(&payment)).await;
    assert_eq!((status, body), (503, json!({"status": false})));
    assert_eq!(shop.order_status(order).await, "awaiting_payment");
    assert_eq!(shop.payment(order).await.status, "pending");
    shop.sim_control(json!({"status_check": "ok"})).await;
    assert_eq!(shop.webhook(&shop.paid_webhook(&payment)).await, (200, json!({"status": true})));
    assert_eq!(shop.order_status(order).await, "delivered");
    assert_eq!(
        shop.webhook_outcomes(&payment.reff_id).await,
        [("retry".to_owned(), Some("status_check_unavailable".to_owned())), ("paid".to_owned(), None)]
    );
}

#[tokio::test]
async fn a_status_that_is_not_paid_is_acknowledged_and_ignored() {
    let shop = Shop::open().await;
    let (order, _, payment) = awaiting(&shop).await;
    let mut pending = shop.paid_webhook(&payment);
    pending["status"] = json!("Unpaid");
    assert_eq!(shop.webhook(&pending).await, (200, json!({"status": true})));
    assert_eq!(shop.order_status(order).await, "awaiting_payment");
    assert_eq!(
        shop.webhook_outcomes(&payment.reff_id).await,
        [("ignored".to_owned(), Some("status_not_paid".to_owned()))]
    );
}

#[tokio::test]
async fn only_the_allowed_source_address_is_heard_when_an_allowlist_is_set() {
    let shop =
        Shop::open_with(|config| config.tokopay.webhook_allowed_ips = vec!["178.128.104.179".parse().expect("ip")])
            .await;
    let (order, _, payment) = awaiting(&shop).await;
    shop.pay(payment.trx(), "none").await;
    assert_eq!(shop.webhook(&shop.paid_webhook(&payment)).await, (400, json!({"status": false})));
    assert_eq!(shop.order_status(order).await, "awaiting_payment");
    let reason: Option<String> =
        sqlx::query_scalar("select reason from public.tokopay_webhooks").fetch_one(shop.pool()).await.expect("log");
    assert_eq!(reason.as_deref(), Some("source_not_allowed"));
}

#[tokio::test]
async fn two_thousand_mutated_webhooks_change_nothing_and_never_fail() {
    use rand::{rngs::StdRng, Rng, SeedableRng};
    let seed: u64 = std::env::var("RP_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(rand::random);
    println!("webhook fuzz seed: {seed} (replay with RP_FUZZ_SEED={seed})");
    let mut rng = StdRng::seed_from_u64(seed);
    let shop = Shop::open().await;
    let (order, _, payment) = awaiting(&shop).await;
    let valid = shop.paid_webhook(&payment).to_string();
    let junk: [&str; 8] = ["null", "-1", "1e309", "\"\\u0000\"", "[]", "{}", "\"𝕏\"", "99999999999999999999999"];
    let mut bodies = Vec::with_capacity(2000);
    for _ in 0..2000 {
        let mut bytes = valid.clone().into_bytes();
        match rng.gen_range(0..5) {
            0 => {
                let i = rng.gen_range(0..bytes.len());
                bytes[i] = rng.gen();
            }
            1 => {
                let i = rng.gen_range(0..bytes.len());
                bytes.remove(i);
            }
            2 => {
                let i = rng.gen_range(0..bytes.len());
                bytes.insert(i, rng.gen_range(b' '..=b'~'));
            }
            3 => {
                // A value replaced by something of another type.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let colons: Vec<usize> = text.match_indices(':').map(|(i, _)| i).collect();
                let at = colons[rng.gen_range(0..colons.len())] + 1;
                let end = text[at..].find([',', '}']).map_or(text.len(), |e| at + e);
                bytes = format!("{}{}{}", &text[..at], junk[rng.gen_range(0..junk.len())], &text[end..]).into_bytes();
            }
            _ => bytes.truncate(rng.gen_range(0..bytes.len())),
        }
        bodies.push(bytes);
    }
    let url = format!("{}{}", shop.base, shop::payments::WEBHOOK_PATH);
    for chunk in bodies.chunks(16) {
        let answers = join_all(
            chunk
                .iter()
                .map(|body| shop.http.post(&url).header("content-type", "application/json").body(body.clone()).send()),
        )
        .await;
        for (answer, body) in answers.into_iter().zip(chunk) {
            let answer = answer.expect("the webhook answers");
            let status = answer.status().as_u16();
            let json: serde_json::Value = answer.json().await.expect("a JSON answer");
            assert!(
                (status == 400 && json == json!({"status": false}))
                    || (status == 200 && json == json!({"status": true})),
                "{status} {json} for {}",
                String::from_utf8_lossy(body)
            );
        }
    }
    assert_eq!(shop.order_status(order).await, "awaiting_payment", "Tokopay says unpaid: nothing may change");
    assert_eq!(shop.payment(order).await.status, "pending");
    let logged: i64 = sqlx::query_scalar("select count(*) from public.tokopay_webhooks where outcome = 'received'")
        .fetch_one(shop.pool())
        .await
        .expect("log");
    assert_eq!(logged, 0, "every call is stored and handled to an outcome");
    let total: i64 =
        sqlx::query_scalar("select count(*) from public.tokopay_webhooks").fetch_one(shop.pool()).await.expect("log");
    assert_eq!(total, 2000);
}

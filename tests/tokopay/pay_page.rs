use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use ruangpremium_tests::tokopay::{TokopaySim, WebhookReceiver};
use shop::tokopay::PaymentState;

use crate::{order, order_15min, reff_id};

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client")
}

#[tokio::test]
async fn the_pay_page_shows_the_invoice_and_its_button_pays() {
    let receiver = WebhookReceiver::spawn().await;
    let sim = TokopaySim::spawn_with_webhook(&receiver.url, StdDuration::from_millis(30)).await;
    let client = sim.client();
    let reff = reff_id();
    let created = client.create_order(&order_15min(&reff, 150_000)).await.expect("created");
    let pay_url = created.pay_url.clone().expect("a pay_url");
    let http = no_redirects();

    let page = http.get(&pay_url).send().await.expect("the page");
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"].to_str().expect("ascii").starts_with("text/html"));
    let html = page.text().await.expect("html");
    assert!(html.contains("<html lang=\"id\">"));
    assert!(html.contains("RuangPremium"));
    assert!(html.contains("Rp151.150"), "the total to pay");
    assert!(html.contains("<svg"), "the QR inline");
    assert!(html.contains("id=\"countdown\""));
    assert!(html.contains("Bayar sekarang (simulasi)"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "no external assets");

    let paid = http.post(&pay_url).send().await.expect("the button");
    assert_eq!(paid.status(), 303);
    assert_eq!(paid.headers()["location"], format!("/tokopay-sim/pay/{}", created.trx_id).as_str());

    let html = http.get(&pay_url).send().await.expect("the page").text().await.expect("html");
    assert!(html.contains("Pembayaran berhasil"));
    assert!(html.contains("href=\"http://127.0.0.1:8080/invoice/42\""), "back to the shop");
    assert!(!html.contains("Bayar sekarang"));
    assert_eq!(client.check_status(&reff, 150_000).await.expect("a status").state, PaymentState::Paid);
    let order = sim.wait_for_deliveries(&reff, 1).await;
    assert_eq!(order["webhook"]["mode"], "normal");
    assert_eq!(receiver.received()[0].body["status"], "Success");
}

#[tokio::test]
async fn an_expired_invoice_says_so_and_cannot_be_paid() {
    let sim = TokopaySim::spawn().await;
    let client = sim.client();
    let reff = reff_id();
    let created =
        client.create_order(&order(&reff, 150_000, Utc::now() + Duration::seconds(1))).await.expect("created");
    tokio::time::sleep(StdDuration::from_millis(1100)).await;
    let pay_url = created.pay_url.expect("a pay_url");
    let http = no_redirects();

    let html = http.get(&pay_url).send().await.expect("the page").text().await.expect("html");
    assert!(html.contains("Tagihan kedaluwarsa"));
    assert!(!html.contains("Bayar sekarang") && !html.contains("<svg"), "no QR, no button");

    let refused = http.post(&pay_url).send().await.expect("the button");
    assert_eq!(refused.status(), 409);
    assert!(refused.text().await.expect("html").contains("Tagihan kedaluwarsa"));
    assert_eq!(client.check_status(&reff, 150_000).await.expect("a status").state, PaymentState::Expired);
}

#[tokio::test]
async fn an_unknown_invoice_is_not_found() {
    let sim = TokopaySim::spawn().await;
    let response = reqwest::get(format!("{}/tokopay-sim/pay/TP000000XXXX000000", sim.base_url)).await.expect("answers");
    assert_eq!(response.status(), 404);
    assert!(response.text().await.expect("html").contains("Tagihan tidak ditemukan"));
}

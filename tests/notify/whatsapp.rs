//! WhatsApp through a Fonnte-style gateway on a loopback port: the wire format, and what a
//! refusing or failing gateway does to a message (retries with backoff, then dead).

use crate::support::{text, Answer, Gateway, Outbox, Settings, GATEWAY_TOKEN, STOCK_SECRET};

#[tokio::test]
async fn delivered_whatsapp_posts_the_gateways_form_with_its_token() {
    let gateway = Gateway::start().await;
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url))).await;
    let order = outbox.order("budi@example.com", "delivered", None).await;
    outbox.enqueue(&order, "delivered").await;

    assert_eq!(outbox.send_due("worker-1").await, 2);

    let calls = gateway.calls();
    assert_eq!(calls.len(), 1, "{calls:#?}");
    let call = &calls[0];
    assert_eq!(call.authorization.as_deref(), Some(GATEWAY_TOKEN), "the token, as is, in Authorization");
    assert_eq!(call.content_type.as_deref(), Some("application/x-www-form-urlencoded"));
    assert_eq!(call.target.as_deref(), Some("6281234567890"), "the number without +");
    let message = call.message.as_deref().unwrap_or_default();
    assert!(message.starts_with("*RuangPremium*\nPesanan "), "Indonesian first: {message}");
    assert!(
        message.contains(&format!("Pesanan {} untuk Netflix Premium 1 Bulan sudah siap", order.number)),
        "{message}"
    );
    assert!(message.contains(&format!("\nEN: Your order {} is ready", order.number)), "{message}");
    assert_eq!(message.matches(&order.tracking_url()).count(), 2, "{message}");
    assert!(!message.contains("NFLX") && !message.contains(STOCK_SECRET), "never the secret: {message}");

    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!(text(&row, "status"), "sent");
    assert_eq!(row["attempts"], 1);
    assert_eq!(text(&outbox.row("buyer", "email").await, "last_error"), "email is off: SMTP_URL is not set");
}

#[tokio::test]
async fn admin_whatsapp_goes_to_the_configured_number_with_the_reason() {
    let gateway = Gateway::start().await;
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url))).await;
    let order = outbox.order("budi@example.com", "needs_attention", Some("Paid after the invoice expired")).await;
    outbox.enqueue(&order, "needs_attention").await;
    assert_eq!(outbox.send_due("worker-1").await, 4);

    let calls = gateway.calls();
    assert_eq!(calls.len(), 2, "{calls:#?}");
    let admin = calls.iter().find(|c| c.target.as_deref() == Some("6281100000001")).expect("the admin's number");
    let message = admin.message.as_deref().unwrap_or_default();
    assert!(
        message.contains("Perlu tindakan") && message.contains("Alasan: Paid after the invoice expired"),
        "{message}"
    );
    assert!(!message.contains(&order.token), "{message}");
    let buyer = calls.iter().find(|c| c.target.as_deref() == Some("6281234567890")).expect("the buyer's number");
    assert!(buyer.message.as_deref().unwrap_or_default().contains("Balas pesan ini"), "no support contact configured");
}

#[tokio::test]
async fn a_refusing_gateway_is_retried_with_backoff_then_the_message_is_dead() {
    let gateway = Gateway::start().await;
    gateway.answer(Answer::Refuse("device disconnected".into()));
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url))).await;
    let order = outbox.order("budi@example.com", "delivered", None).await;
    outbox.enqueue(&order, "delivered").await;
    sqlx::query("update public.notifications set max_attempts = 3 where channel = 'whatsapp'")
        .execute(&outbox.db.pool)
        .await
        .expect("max_attempts");

    outbox.send_due("worker-1").await;
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!((text(&row, "status"), &row["attempts"]), ("queued", &serde_json::json!(1)));
    assert_eq!(text(&row, "last_error"), "WhatsApp gateway refused the message: device disconnected");
    let retry_in = row["retry_in"].as_f64().expect("retry_in");
    assert!((26.0..=33.5).contains(&retry_in), "30 s ± 10% after the first failure, got {retry_in}");
    assert!(row["locked_by"].is_null() && row["locked_until"].is_null(), "{row}");

    assert_eq!(outbox.send_due("worker-1").await, 0, "not due again yet");
    assert_eq!(gateway.calls().len(), 1);

    outbox.make_due().await;
    outbox.send_due("worker-1").await;
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!((text(&row, "status"), &row["attempts"]), ("queued", &serde_json::json!(2)));
    let retry_in = row["retry_in"].as_f64().expect("retry_in");
    assert!((53.0..=66.5).contains(&retry_in), "60 s ± 10% after the second, got {retry_in}");

    outbox.make_due().await;
    outbox.send_due("worker-1").await;
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!((text(&row, "status"), &row["attempts"]), ("dead", &serde_json::json!(3)));
    assert_eq!(text(&row, "last_error"), "WhatsApp gateway refused the message: device disconnected");
    assert!(row["sent_at"].is_null());

    outbox.make_due().await;
    assert_eq!(outbox.send_due("worker-1").await, 0, "a dead message is not tried again");
    assert_eq!(gateway.calls().len(), 3, "three attempts in all");
}

#[tokio::test]
async fn a_gateway_answering_500_is_retried_and_its_echo_of_the_token_is_never_recorded() {
    let gateway = Gateway::start().await;
    gateway.answer(Answer::Status(500, format!("upstream failure for token {GATEWAY_TOKEN}")));
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url))).await;
    let order = outbox.order("budi@example.com", "delivered", None).await;
    outbox.enqueue(&order, "delivered").await;

    outbox.send_due("worker-1").await;
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!(text(&row, "status"), "queued");
    assert_eq!(text(&row, "last_error"), "WhatsApp gateway answered HTTP 500: upstream failure for token ***");

    // The gateway recovers: the next attempt goes through.
    gateway.answer(Answer::Accept);
    outbox.make_due().await;
    outbox.send_due("worker-1").await;
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!((text(&row, "status"), &row["attempts"]), ("sent", &serde_json::json!(2)));
    assert!(row["last_error"].is_null(), "{row}");
    assert_eq!(gateway.calls().len(), 2);
}

#[tokio::test]
async fn an_unreachable_gateway_is_a_failure_to_retry() {
    // A port nothing listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind").local_addr().expect("addr");
    let url = format!("http://{closed}/send");
    let outbox = Outbox::open(&Settings::all(None, Some(&url))).await;
    let order = outbox.order("budi@example.com", "delivered", None).await;
    outbox.enqueue(&order, "delivered").await;
    outbox.send_due("worker-1").await;
    let row = outbox.row("buyer", "whatsapp").await;
    assert_eq!(text(&row, "status"), "queued");
    assert_eq!(text(&row, "last_error"), "WhatsApp gateway: could not connect");
}

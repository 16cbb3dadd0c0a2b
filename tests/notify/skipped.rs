//! Messages that cannot or should not go out are skipped with the reason, and nothing is sent.

use crate::support::{text, Gateway, Outbox, Settings, Smtpd};

#[tokio::test]
async fn unconfigured_channels_skip_their_messages_with_the_reason() {
    let outbox = Outbox::open(&Settings::default()).await;
    let order = outbox.order("budi@example.com", "needs_attention", Some("x")).await;
    assert_eq!(outbox.enqueue(&order, "needs_attention").await, 4);

    assert_eq!(outbox.send_due("worker-1").await, 4);
    for row in outbox.rows().await {
        assert_eq!(text(&row, "status"), "skipped", "{row}");
        assert_eq!(row["attempts"], 0, "{row}");
        let expected = if row["channel"] == "email" {
            "email is off: SMTP_URL is not set"
        } else {
            "WhatsApp is off: WHATSAPP_GATEWAY_URL is not set"
        };
        assert_eq!(text(&row, "last_error"), expected);
        assert!(row["locked_by"].is_null() && row["sent_at"].is_null(), "{row}");
    }
    assert_eq!(outbox.send_due("worker-1").await, 0, "a skipped message stays skipped");
}

#[tokio::test]
async fn missing_addresses_skip_the_messages_that_need_them_and_nothing_is_sent() {
    let smtpd = Smtpd::start().await;
    let gateway = Gateway::start().await;
    let settings = Settings::all(Some(smtpd.port), Some(&gateway.url))
        .without("ADMIN_EMAIL")
        .without("ADMIN_WHATSAPP")
        .without("SHOP_PUBLIC_URL");
    let outbox = Outbox::open(&settings).await;
    let order = outbox.order("budi@example.com", "needs_attention", Some("x")).await;
    outbox.enqueue(&order, "needs_attention").await;

    assert_eq!(outbox.send_due("worker-1").await, 4);
    assert_eq!(text(&outbox.row("admin", "email").await, "last_error"), "no recipient: ADMIN_EMAIL is not set");
    assert_eq!(text(&outbox.row("admin", "whatsapp").await, "last_error"), "no recipient: ADMIN_WHATSAPP is not set");
    for channel in ["email", "whatsapp"] {
        let row = outbox.row("buyer", channel).await;
        assert_eq!(text(&row, "status"), "skipped");
        assert!(text(&row, "last_error").starts_with("SHOP_PUBLIC_URL is not set"), "{row}");
    }
    assert!(smtpd.received().is_empty(), "no email went out");
    assert!(gateway.calls().is_empty(), "no WhatsApp message went out");
}

#[tokio::test]
async fn a_message_about_an_order_delivered_since_is_skipped() {
    let gateway = Gateway::start().await;
    let outbox = Outbox::open(&Settings::all(None, Some(&gateway.url))).await;
    let order = outbox.order("budi@example.com", "processing", None).await;
    outbox.enqueue(&order, "awaiting_team").await;
    // The team was quick: the order is delivered before the sender runs.
    sqlx::query("update public.orders set status = 'delivered' where id = $1")
        .bind(order.id)
        .execute(&outbox.db.pool)
        .await
        .expect("deliver");
    outbox.enqueue(&order, "delivered").await;

    assert_eq!(outbox.send_due("worker-1").await, 6);
    let calls = gateway.calls();
    assert_eq!(calls.len(), 1, "only the delivered message: {calls:#?}");
    assert!(calls[0].message.as_deref().unwrap_or_default().contains("sudah siap"));
    let stale: Vec<_> = outbox.rows().await.into_iter().filter(|r| r["event"] == "awaiting_team").collect();
    assert_eq!(stale.len(), 4);
    for row in stale {
        assert_eq!(text(&row, "status"), "skipped");
        assert_eq!(text(&row, "last_error"), "the order was delivered before this message went out");
    }
}

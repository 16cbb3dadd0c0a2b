//! Email through a real SMTP server (aiosmtpd), read back with Python's email parser.

use serde_json::Value;

use crate::support::{text, Outbox, Settings, Smtpd, ADMIN_EMAIL, MAIL_FROM, SHOP_URL, STOCK_SECRET};

/// Nothing a message shows may be a secret: not the sold code, not its ciphertext.
fn assert_no_secret(mail: &Value) {
    let raw = text(mail, "raw");
    for secret in [STOCK_SECRET, "NFLX-SECRET", "Pa55word"] {
        assert!(!raw.contains(secret), "the mail shows a delivered secret ({secret}): {raw}");
    }
}

#[tokio::test]
async fn delivered_email_reaches_a_real_smtp_server_in_both_languages() {
    let smtpd = Smtpd::start().await;
    let outbox = Outbox::open(&Settings::all(Some(smtpd.port), None)).await;
    let order = outbox.order("budi@example.com", "delivered", None).await;
    assert_eq!(outbox.enqueue(&order, "delivered").await, 2);

    assert_eq!(outbox.send_due("worker-1").await, 2, "the email and the (unconfigured) WhatsApp message");

    let mails = smtpd.received();
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert_eq!(text(mail, "mail_from"), "noreply@ruangpremium.test");
    assert_eq!(mail["rcpt_tos"], serde_json::json!(["budi@example.com"]));
    assert_eq!(text(mail, "from"), MAIL_FROM);
    assert_eq!(text(mail, "to"), "Budi Santoso <budi@example.com>");
    assert_eq!(text(mail, "subject"), format!("Pesanan {0} sudah siap · Your order {0} is ready", order.number));
    assert!(text(mail, "message_id").ends_with("@ruangpremium.test>"), "{}", text(mail, "message_id"));
    assert!(!text(mail, "date").is_empty());
    assert_eq!(text(mail, "content_type"), "multipart/alternative");

    let link = order.tracking_url();
    let body = text(mail, "text");
    for expected in [
        "Pesanan Anda sudah siap",
        "Halo Budi Santoso,",
        &format!("Pesanan {} untuk Netflix Premium 1 Bulan sudah selesai kami proses", order.number),
        "Your order is ready",
        "Hello Budi Santoso,",
        &format!("We have finished processing order {} for Netflix Premium 1 Bulan.", order.number),
        "kode dan data akun tidak pernah kami kirim",
        "codes and account details are never sent",
        &link,
    ] {
        assert!(body.contains(expected), "the text part lacks {expected:?}: {body}");
    }
    assert!(body.find("Halo") < body.find("Hello"), "Bahasa Indonesia first: {body}");
    assert_eq!(body.matches(&link).count(), 2, "the link in each language: {body}");
    let html = text(mail, "html");
    assert!(html.contains(&format!(r#"<a href="{link}""#)), "{html}");
    assert!(html.contains(r#"<div lang="id">"#) && html.contains(r#"<div lang="en">"#), "{html}");
    assert!(html.contains("Lihat pesanan") && html.contains("View order"), "{html}");
    assert!(html.contains("#d4af37"), "the gold of the shop's theme: {html}");
    assert!(link.starts_with(&format!("{SHOP_URL}/track/")) && order.token.len() == 43);
    assert_no_secret(mail);

    let email = outbox.row("buyer", "email").await;
    assert_eq!(text(&email, "status"), "sent");
    assert_eq!(email["attempts"], 1);
    assert!(email["sent_at"].is_string() && email["locked_by"].is_null() && email["last_error"].is_null(), "{email}");
    let whatsapp = outbox.row("buyer", "whatsapp").await;
    assert_eq!(text(&whatsapp, "status"), "skipped");
    assert!(text(&whatsapp, "last_error").contains("WHATSAPP_GATEWAY_URL is not set"), "{whatsapp}");
}

#[tokio::test]
async fn needs_attention_reaches_the_buyer_with_support_contacts_and_the_admin_with_the_reason() {
    let smtpd = Smtpd::start().await;
    let settings = Settings::all(Some(smtpd.port), None)
        .with("SUPPORT_WHATSAPP", "0811-2222-3333")
        .with("SUPPORT_EMAIL", "cs@ruangpremium.test");
    let outbox = Outbox::open(&settings).await;
    let reason = "Provider refused the invitation: <b>seat limit</b> & quota";
    let order = outbox.order("citra@example.com", "needs_attention", Some(reason)).await;
    assert_eq!(outbox.enqueue(&order, "needs_attention").await, 4);

    assert_eq!(outbox.send_due("worker-1").await, 4);

    let mails = smtpd.received();
    assert_eq!(mails.len(), 2, "the buyer's and the admin's emails: {mails:#?}");
    let to = |address: &str| mails.iter().find(|m| m["rcpt_tos"][0] == address).expect(address).clone();

    let buyer = to("citra@example.com");
    assert_eq!(
        text(&buyer, "subject"),
        format!("Pesanan {0}: tim kami sedang menanganinya · Order {0}: our team is on it", order.number)
    );
    let body = text(&buyer, "text");
    for expected in [
        "Ada kendala saat memproses pesanan",
        "Pembayaran Anda sudah tercatat",
        "Something went wrong while processing order",
        "https://wa.me/6281122223333",
        "cs@ruangpremium.test",
        &order.tracking_url(),
    ] {
        assert!(body.contains(expected), "the buyer's text lacks {expected:?}: {body}");
    }
    assert!(!body.contains("seat limit"), "the internal reason is for the admin: {body}");
    assert_no_secret(&buyer);

    let admin = to(ADMIN_EMAIL);
    assert_eq!(text(&admin, "to"), ADMIN_EMAIL);
    assert_eq!(text(&admin, "subject"), format!("[Perlu tindakan] Pesanan {} · Order needs attention", order.number));
    let body = text(&admin, "text");
    for expected in [
        &format!("Pesanan: {}", order.number),
        &format!("Alasan: {reason}"),
        &format!("Reason: {reason}"),
        "Email: citra@example.com",
        "WhatsApp: +6281234567890",
        "Yang perlu dilakukan:",
        "What to do:",
        &format!("{SHOP_URL}/admin"),
    ] {
        assert!(body.contains(expected), "the admin's text lacks {expected:?}: {body}");
    }
    let html = text(&admin, "html");
    assert!(html.contains("&lt;b&gt;seat limit&lt;/b&gt; &amp; quota") && !html.contains("<b>seat"), "{html}");
    for part in [text(&admin, "raw"), body, html] {
        assert!(!part.contains(&order.token), "the admin never gets the buyer's tracking link: {part}");
    }
    assert_no_secret(&admin);

    for row in outbox.rows().await {
        let expected = if row["channel"] == "email" { "sent" } else { "skipped" };
        assert_eq!(text(&row, "status"), expected, "{row}");
    }
}

#[tokio::test]
async fn awaiting_team_tells_the_buyer_the_team_sends_the_invitation_within_the_hour() {
    let smtpd = Smtpd::start().await;
    let outbox = Outbox::open(&Settings::all(Some(smtpd.port), None)).await;
    let order = outbox.order("dewi@example.com", "processing", Some("Pool account needs a manual invite")).await;
    assert_eq!(outbox.enqueue(&order, "awaiting_team").await, 4);
    assert_eq!(outbox.send_due("worker-1").await, 4);

    let mails = smtpd.received();
    assert_eq!(mails.len(), 2, "{mails:#?}");
    let buyer = mails.iter().find(|m| m["rcpt_tos"][0] == "dewi@example.com").expect("the buyer's");
    let body = text(buyer, "text");
    for expected in [
        "Tim kami sedang mengirim undangan",
        "biasanya selesai dalam satu jam",
        "Our team is sending the invitation to your account by hand",
        "less than an hour",
        &order.tracking_url(),
    ] {
        assert!(body.contains(expected), "{expected:?}: {body}");
    }
    let admin = mails.iter().find(|m| m["rcpt_tos"][0] == ADMIN_EMAIL).expect("the admin's");
    assert_eq!(
        text(admin, "subject"),
        format!("[Undangan manual] Pesanan {} · Send the invitation by hand", order.number)
    );
    assert!(text(admin, "text").contains("Pool account needs a manual invite"));
    assert!(!text(admin, "raw").contains(&order.token));
}

//! The local mailbox: `deliver` (also as `postgres`, for the shop's notifications), the
//! JSON the tests and browser tests read, and the page for people.

use ruangpremium::mailbox::{deliver, NewMessage};
use ruangpremium_tests::TestStack;
use serde_json::json;

use crate::support::email;

#[tokio::test]
async fn delivered_mail_is_listed_newest_first_in_the_json_shape() {
    let stack = TestStack::spawn().await;
    let to = email("kotak");
    for n in 1..=2 {
        let message = NewMessage {
            to: to.to_uppercase(),
            subject: format!("Pesanan #{n}"),
            text: format!("Lihat pesanan: http://localhost:8080/pesanan/{n}.\nTerima kasih."),
            html: "<p>Lihat pesanan</p>".into(),
            kind: "order_paid".into(),
            data: json!({}),
        };
        // As postgres (the API's role), as the notifications will.
        deliver(stack.pool(), message).await.expect("delivered");
    }
    let messages = stack.mailbox(&to).await;
    assert_eq!(messages.len(), 2, "the address is matched case-insensitively");
    let newest = &messages[0];
    let mut keys: Vec<&str> = newest.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["channel", "created_at", "html", "id", "kind", "links", "otp", "subject", "text", "to"]);
    assert_eq!(newest["channel"], "email");
    assert_eq!(newest["subject"], "Pesanan #2");
    assert_eq!(newest["links"], json!(["http://localhost:8080/pesanan/2"]));
    assert_eq!(newest["otp"], serde_json::Value::Null);
    assert!(newest["id"].as_i64() > messages[1]["id"].as_i64());
    assert!(stack.mailbox(&email("kosong")).await.is_empty());
}

#[tokio::test]
async fn the_page_shows_the_mail_in_indonesian_escaped_with_clickable_links() {
    let stack = TestStack::spawn().await;
    let to = email("halaman");
    let message = NewMessage {
        to: to.clone(),
        subject: "<script>alert(1)</script>".into(),
        text: "Buka http://localhost:8080/akun sekarang".into(),
        html: String::new(),
        kind: "recovery".into(),
        data: json!({"otp": "123456"}),
    };
    deliver(stack.pool(), message).await.expect("delivered");
    let response = stack.http().get(format!("{}/mailbox", stack.base_url())).send().await.expect("page");
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().expect("ascii").starts_with("text/html"));
    let page = response.text().await.expect("html");
    assert!(page.contains("<html lang=\"id\">") && page.contains("Kotak Masuk Lokal"));
    assert!(page.contains("#0a0a0b") && page.contains("#d4af37") && page.contains("#7c3aed"));
    assert!(!page.contains("<script>alert(1)</script>") && page.contains("&lt;script&gt;"));
    assert!(page.contains(r#"<a href="http://localhost:8080/akun""#));
    assert!(page.contains("123456") && page.contains("WIB"));
}

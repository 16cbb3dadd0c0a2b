//! Limits with GoTrue's codes: 429 `over_request_rate_limit`, `over_email_send_rate_limit`.

use std::time::Duration;

use ruangpremium_tests::{StackOptions, TestStack};
use serde_json::json;

use crate::support::{email, recover};

#[tokio::test]
async fn sign_ins_per_ip_are_limited() {
    let limits = ruangpremium::auth::RateLimits { sign_in_sign_ups_per_ip: 3, ..Default::default() };
    let stack = TestStack::spawn_with(StackOptions { rate_limits: limits, ..StackOptions::default() }).await;
    for _ in 0..3 {
        assert_eq!(stack.sign_in(&email("coba"), "rahasia-123").await.0, 400);
    }
    let (status, body) = stack.sign_in(&email("coba"), "rahasia-123").await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({"code": 429, "error_code": "over_request_rate_limit", "msg": "Request rate limit reached"})
    );
    let (status, body) = stack.sign_up(&email("daftar"), "rahasia-123", json!({})).await;
    assert_eq!(
        (status.as_u16(), body["error_code"].as_str()),
        (429, Some("over_request_rate_limit")),
        "sign-ups share it"
    );
}

#[tokio::test]
async fn sign_ins_per_address_are_limited_for_known_and_unknown_addresses_alike() {
    let limits = ruangpremium::auth::RateLimits { sign_in_per_email: 2, ..Default::default() }.without_ip_limits();
    let stack = TestStack::spawn_with(StackOptions { rate_limits: limits, ..StackOptions::default() }).await;
    let known = email("dikenal");
    stack.signed_up(&known, "rahasia-123").await; // the sign-up counts too
    assert_eq!(stack.sign_in(&known, "tebak-1234").await.0, 400);
    assert_eq!(stack.sign_in(&known, "rahasia-123").await.0, 429, "even with the right password");
    let unknown = email("asing");
    assert_eq!(stack.sign_in(&unknown, "x1234567").await.0, 400);
    assert_eq!(stack.sign_in(&unknown, "x1234567").await.0, 400);
    assert_eq!(stack.sign_in(&unknown, "x1234567").await.0, 429);
    assert_eq!(stack.sign_in(&email("lain"), "x1234567").await.0, 400, "other addresses are not affected");
}

#[tokio::test]
async fn one_address_gets_at_most_one_mail_per_interval() {
    let stack = TestStack::spawn().await;
    let address = email("surat");
    stack.signed_up(&address, "rahasia-123").await;
    assert_eq!(recover(&stack, &address, None).await.0, 200);
    let (status, body) = recover(&stack, &address, None).await;
    assert_eq!(status, 429);
    assert_eq!(body["error_code"], "over_email_send_rate_limit");
    let message = body["msg"].as_str().expect("msg");
    assert!(
        message.starts_with("For security purposes, you can only request this after ")
            && message.ends_with(" seconds."),
        "{message}"
    );
    let (status, _) = recover(&stack, &email("belum-terdaftar"), None).await;
    assert_eq!(status, 200, "another address is fine");
    let (status, again) = recover(&stack, &email("belum-terdaftar").replace("belum", "x"), None).await;
    assert_eq!((status, again), (200, json!({})));
    assert_eq!(stack.wait_for_mail(&address, 1).await.len(), 1);
}

#[tokio::test]
async fn mails_per_ip_are_limited_and_the_interval_can_be_shortened() {
    let limits =
        ruangpremium::auth::RateLimits { email_sent_per_ip: 2, email_interval: Duration::ZERO, ..Default::default() };
    let stack = TestStack::spawn_with(StackOptions { rate_limits: limits, ..StackOptions::default() }).await;
    let address = email("banyak");
    assert_eq!(recover(&stack, &address, None).await.0, 200);
    assert_eq!(recover(&stack, &address, None).await.0, 200, "no per-address interval");
    let (status, body) = recover(&stack, &email("lagi"), None).await;
    assert_eq!(status, 429);
    assert_eq!(body["error_code"], "over_email_send_rate_limit");
    assert_eq!(body["msg"], "Email rate limit exceeded");
}

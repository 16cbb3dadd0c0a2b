//! `POST /verify` with a typed code or a token hash.

use ruangpremium_tests::{StackOptions, TestStack};
use serde_json::json;

use crate::support::{email, newest_mail, recover, verify_otp};

#[tokio::test]
async fn a_recovery_code_gives_a_session_once() {
    let stack = TestStack::spawn().await;
    let address = email("kode");
    stack.signed_up(&address, "rahasia-123").await;
    recover(&stack, &address, None).await;
    let (_, otp, _) = newest_mail(&stack, &address, 1).await;

    let wrong = if otp == "000000" { "111111" } else { "000000" };
    let (status, body) = verify_otp(&stack, json!({"type": "recovery", "email": address, "token": wrong})).await;
    assert_eq!(status, 403);
    assert_eq!(body, json!({"code": 403, "error_code": "otp_expired", "msg": "Token has expired or is invalid"}));

    let (status, session) =
        verify_otp(&stack, json!({"type": "recovery", "email": address.to_uppercase(), "token": otp})).await;
    assert_eq!(status, 200, "{session}");
    assert!(session["access_token"].is_string() && session["refresh_token"].is_string());
    assert_eq!(session["user"]["email"], address);

    let (status, body) = verify_otp(&stack, json!({"type": "recovery", "email": address, "token": otp})).await;
    assert_eq!((status, body["error_code"].as_str()), (403, Some("otp_expired")), "used codes are spent");
}

#[tokio::test]
async fn a_code_for_another_address_does_not_work() {
    let stack = TestStack::spawn().await;
    let (a, b) = (email("a"), email("b"));
    stack.signed_up(&a, "rahasia-123").await;
    stack.signed_up(&b, "rahasia-123").await;
    recover(&stack, &a, None).await;
    let (_, otp, _) = newest_mail(&stack, &a, 1).await;
    let (status, _) = verify_otp(&stack, json!({"type": "recovery", "email": b, "token": otp})).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_signup_is_confirmed_by_token_hash_and_by_the_email_type() {
    let stack = TestStack::spawn_with(StackOptions { email_confirmations: true, ..StackOptions::default() }).await;
    let first = email("hash");
    stack.sign_up(&first, "rahasia-123", json!({})).await;
    let (link, _, _) = newest_mail(&stack, &first, 1).await;
    let token_hash = url::Url::parse(&link)
        .expect("url")
        .query_pairs()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .expect("token");
    let (status, session) = verify_otp(&stack, json!({"type": "signup", "token_hash": token_hash})).await;
    assert_eq!(status, 200, "{session}");
    assert!(session["user"]["email_confirmed_at"].is_string());

    let second = email("jenis-email");
    stack.sign_up(&second, "rahasia-123", json!({})).await;
    let (_, otp, _) = newest_mail(&stack, &second, 1).await;
    let (status, session) = verify_otp(&stack, json!({"type": "email", "email": second, "token": otp})).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(stack.sign_in(&second, "rahasia-123").await.0, 200);
}

#[tokio::test]
async fn malformed_verify_requests_are_refused() {
    let stack = TestStack::spawn().await;
    let cases = [
        (json!({"email": "a@b.co", "token": "123456"}), "Verify requires a verification type"),
        (json!({"type": "recovery", "email": "a@b.co"}), "Verify requires either a token or a token hash"),
        (json!({"type": "sihir", "email": "a@b.co", "token": "123456"}), "Unsupported verification type"),
    ];
    for (body, message) in cases {
        let (status, answer) = verify_otp(&stack, body.clone()).await;
        assert_eq!((status, answer["msg"].as_str()), (400, Some(message)), "{body}");
    }
}

//! GoTrue's password rules: 6 to 72 bytes.

use reqwest::Method;
use ruangpremium_tests::TestStack;
use serde_json::json;

use crate::support::{email, update_user};

#[tokio::test]
async fn sign_up_enforces_6_to_72_bytes() {
    let stack = TestStack::spawn().await;
    let (status, short) = stack.sign_up(&email("pendek"), "12345", json!({})).await;
    assert_eq!(status, 422);
    assert_eq!(
        short,
        json!({"code": 422, "error_code": "weak_password", "msg": "Password should be at least 6 characters.",
               "weak_password": {"reasons": ["length"]}})
    );
    let (status, long) = stack.sign_up(&email("panjang"), &"x".repeat(73), json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(long["error_code"], "validation_failed");
    assert_eq!(long["msg"], "Password cannot be longer than 72 characters");
    assert_eq!(stack.sign_up(&email("pas6"), "123456", json!({})).await.0, 200);
    let exactly_72 = "y".repeat(72);
    let address = email("pas72");
    assert_eq!(stack.sign_up(&address, &exactly_72, json!({})).await.0, 200);
    assert_eq!(stack.sign_in(&address, &exactly_72).await.0, 200);
}

#[tokio::test]
async fn the_new_shape_carries_weak_password_too() {
    let stack = TestStack::spawn().await;
    let (status, body) = stack
        .send(
            stack
                .request(Method::POST, "/auth/v1/signup")
                .header("x-supabase-api-version", "2024-01-01")
                .json(&json!({"email": email("v"), "password": "abc"})),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body,
        json!({"code": "weak_password", "message": "Password should be at least 6 characters.",
               "weak_password": {"reasons": ["length"]}})
    );
}

#[tokio::test]
async fn a_new_password_follows_the_same_rules_and_must_differ() {
    let stack = TestStack::spawn().await;
    let address = email("ganti");
    let session = stack.signed_up(&address, "rahasia-123").await;
    let token = session["access_token"].as_str().expect("token");
    let (status, body) = update_user(&stack, token, json!({"password": "123"})).await;
    assert_eq!((status, body["error_code"].as_str()), (422, Some("weak_password")));
    let (status, body) = update_user(&stack, token, json!({"password": "z".repeat(73)})).await;
    assert_eq!((status, body["error_code"].as_str()), (400, Some("validation_failed")));
    let (status, body) = update_user(&stack, token, json!({"password": "rahasia-123"})).await;
    assert_eq!(status, 422);
    assert_eq!(body["error_code"], "same_password");
    assert_eq!(body["msg"], "New password should be different from the old password.");
}

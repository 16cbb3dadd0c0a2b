//! `POST /token?grant_type=refresh_token`: rotation, the reuse interval, and reuse refused.

use std::time::Duration;

use reqwest::Method;
use ruangpremium_tests::{StackOptions, TestStack};
use serde_json::json;

use crate::support::{email, verified_claims};

#[tokio::test]
async fn a_refresh_rotates_the_token_and_keeps_the_session() {
    let stack = TestStack::spawn().await;
    let first = stack.signed_up(&email("segar"), "rahasia-123").await;
    let old = first["refresh_token"].as_str().expect("rt");
    let (status, second) = stack.refresh(old).await;
    assert_eq!(status, 200, "{second}");
    let new = second["refresh_token"].as_str().expect("rt");
    assert_ne!(new, old, "refresh tokens rotate");
    let before = verified_claims(&stack, first["access_token"].as_str().expect("at")).await;
    let after = verified_claims(&stack, second["access_token"].as_str().expect("at")).await;
    assert_eq!(before["session_id"], after["session_id"]);
    assert_eq!(after["amr"][0]["method"], "password", "the session's sign-in method is kept");
    assert_eq!(second["user"]["id"], first["user"]["id"]);

    let (revoked, parent): (bool, Option<String>) =
        sqlx::query_as("select (select revoked from auth.refresh_tokens where token = $1), (select parent from auth.refresh_tokens where token = $2)")
            .bind(old)
            .bind(new)
            .fetch_one(stack.pool())
            .await
            .expect("rows");
    assert!(revoked);
    assert_eq!(parent.as_deref(), Some(old));
    assert_eq!(stack.refresh(new).await.0, 200, "the new one works");
}

#[tokio::test]
async fn within_the_reuse_interval_the_old_token_yields_the_current_one() {
    let stack = TestStack::spawn().await;
    let first = stack.signed_up(&email("dua-tab"), "rahasia-123").await;
    let old = first["refresh_token"].as_str().expect("rt");
    let (_, second) = stack.refresh(old).await;
    let (status, again) = stack.refresh(old).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["refresh_token"], second["refresh_token"], "no second rotation");
}

#[tokio::test]
async fn reuse_after_the_interval_is_refused_and_revokes_the_session() {
    let stack =
        TestStack::spawn_with(StackOptions { refresh_token_reuse_interval: Duration::ZERO, ..StackOptions::default() })
            .await;
    let first = stack.signed_up(&email("curi"), "rahasia-123").await;
    let old = first["refresh_token"].as_str().expect("rt");
    let (_, second) = stack.refresh(old).await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    let (status, body) = stack.refresh(old).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"code": 400, "error_code": "refresh_token_already_used", "msg": "Invalid Refresh Token: Already Used"})
    );
    let (status, body) = stack.refresh(second["refresh_token"].as_str().expect("rt")).await;
    assert_eq!(status, 400, "the thief's and the owner's newest token are both revoked: {body}");
    assert_eq!(body["error_code"], "refresh_token_already_used");
}

#[tokio::test]
async fn missing_and_unknown_refresh_tokens_are_refused() {
    let stack = TestStack::spawn().await;
    let (status, body) =
        stack.send(stack.request(Method::POST, "/auth/v1/token?grant_type=refresh_token").json(&json!({}))).await;
    assert_eq!(status, 400);
    assert_eq!(body, json!({"error": "invalid_request", "error_description": "refresh_token required"}));
    let (status, body) = stack.refresh("tidak-ada-token").await;
    assert_eq!(status, 400);
    assert_eq!(body["error_code"], "refresh_token_not_found");
    assert_eq!(body["msg"], "Invalid Refresh Token: Refresh Token Not Found");
}

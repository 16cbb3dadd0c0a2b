//! `POST /logout?scope=…`: 204, and the ended sessions' tokens stop working.

use reqwest::Method;
use ruangpremium_tests::TestStack;
use serde_json::Value;

use crate::support::email;

async fn logout(stack: &TestStack, token: &str, scope: Option<&str>) -> u16 {
    let mut request = stack.request(Method::POST, "/auth/v1/logout").bearer_auth(token);
    if let Some(scope) = scope {
        request = request.query(&[("scope", scope)]);
    }
    stack.send(request).await.0.as_u16()
}

async fn three_sessions(stack: &TestStack) -> Vec<Value> {
    let address = email("keluar");
    let mut sessions = vec![stack.signed_up(&address, "rahasia-123").await];
    for _ in 0..2 {
        sessions.push(stack.sign_in(&address, "rahasia-123").await.1);
    }
    sessions
}

async fn alive(stack: &TestStack, session: &Value) -> (bool, bool) {
    let access = stack.get_user(session["access_token"].as_str().expect("t")).await.0 == 200;
    let refresh: bool = sqlx::query_scalar("select exists (select 1 from auth.refresh_tokens where token = $1)")
        .bind(session["refresh_token"].as_str())
        .fetch_one(stack.pool())
        .await
        .expect("query");
    (access, refresh)
}

#[tokio::test]
async fn local_ends_only_this_session() {
    let stack = TestStack::spawn().await;
    let s = three_sessions(&stack).await;
    assert_eq!(logout(&stack, s[0]["access_token"].as_str().expect("t"), Some("local")).await, 204);
    assert_eq!(alive(&stack, &s[0]).await, (false, false));
    assert_eq!(alive(&stack, &s[1]).await, (true, true));
    assert_eq!(alive(&stack, &s[2]).await, (true, true));
    let (status, body) = stack.refresh(s[0]["refresh_token"].as_str().expect("rt")).await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (400, Some("refresh_token_not_found")));
}

#[tokio::test]
async fn global_the_default_ends_every_session() {
    let stack = TestStack::spawn().await;
    let s = three_sessions(&stack).await;
    assert_eq!(logout(&stack, s[1]["access_token"].as_str().expect("t"), None).await, 204);
    for session in &s {
        assert_eq!(alive(&stack, session).await, (false, false));
    }
    let (status, body) = stack.get_user(s[1]["access_token"].as_str().expect("t")).await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (403, Some("session_not_found")));
}

#[tokio::test]
async fn others_ends_every_session_but_this_one() {
    let stack = TestStack::spawn().await;
    let s = three_sessions(&stack).await;
    assert_eq!(logout(&stack, s[2]["access_token"].as_str().expect("t"), Some("others")).await, 204);
    assert_eq!(alive(&stack, &s[0]).await, (false, false));
    assert_eq!(alive(&stack, &s[1]).await, (false, false));
    assert_eq!(alive(&stack, &s[2]).await, (true, true));
}

#[tokio::test]
async fn an_unknown_scope_or_no_token_is_refused() {
    let stack = TestStack::spawn().await;
    let s = stack.signed_up(&email("x"), "rahasia-123").await;
    assert_eq!(logout(&stack, s["access_token"].as_str().expect("t"), Some("semua")).await, 400);
    assert_eq!(alive(&stack, &s).await, (true, true));
    let (status, _) = stack.send(stack.request(Method::POST, "/auth/v1/logout")).await;
    assert_eq!(status, 401);
}

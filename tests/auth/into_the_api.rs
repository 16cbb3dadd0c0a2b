//! The two halves together, as in production: a session from the (local) Supabase Auth,
//! its access token sent to the shop API, which verifies it against the Auth server's JWKS
//! over HTTP and runs as that user.

use reqwest::Method;
use ruangpremium_tests::TestStack;
use serde_json::{json, Value};

use crate::support::email;

async fn account(stack: &TestStack, token: &str) -> (reqwest::StatusCode, Value) {
    stack.send(stack.request(Method::GET, "/api/account").bearer_auth(token)).await
}

#[tokio::test]
async fn a_new_member_reaches_their_account_with_the_token_auth_issued() {
    let stack = TestStack::spawn().await;
    let address = email("budi");
    let (status, session) =
        stack.sign_up(&address, "rahasia-123", json!({"display_name": "Budi", "whatsapp": "0812 3456 7890"})).await;
    assert_eq!(status, 200, "{session}");
    let token = session["access_token"].as_str().expect("access token");

    let (status, body) = account(&stack, token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["id"], session["user"]["id"]);
    assert_eq!(body["email"], address);
    assert_eq!(body["display_name"], "Budi");
    assert_eq!(body["whatsapp"], "+6281234567890");
    assert_eq!(body["roles"], json!(["member"]));

    let (status, body) = stack
        .send(stack.request(Method::PATCH, "/api/account").bearer_auth(token).json(&json!({"display_name": "Budi S."})))
        .await;
    assert_eq!((status.as_u16(), body["display_name"].clone()), (200, json!("Budi S.")), "{body}");

    // A refreshed session's token works too; the refresh token it replaced does not.
    let (status, refreshed) = stack.refresh(session["refresh_token"].as_str().expect("refresh token")).await;
    assert_eq!(status, 200, "{refreshed}");
    let (status, body) = account(&stack, refreshed["access_token"].as_str().expect("token")).await;
    assert_eq!((status.as_u16(), body["display_name"].clone()), (200, json!("Budi S.")));
}

#[tokio::test]
async fn setting_role_admin_in_user_metadata_through_auth_gains_nothing() {
    let stack = TestStack::spawn().await;
    let address = email("mallory");
    let session = stack.signed_up(&address, "rahasia-123").await;
    let token = session["access_token"].as_str().expect("token");
    // Everything a user may change about themself through Auth.
    let (status, user) = stack
        .send(
            stack
                .request(Method::PUT, "/auth/v1/user")
                .bearer_auth(token)
                .json(&json!({"data": {"role": "admin", "roles": ["admin"], "is_admin": true}})),
        )
        .await;
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["user_metadata"]["role"], "admin", "Auth keeps what the user wrote");
    let (status, refreshed) = stack.refresh(session["refresh_token"].as_str().expect("refresh token")).await;
    assert_eq!(status, 200, "{refreshed}");
    let new_token = refreshed["access_token"].as_str().expect("token");

    let (status, body) = account(&stack, new_token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["roles"], json!(["member"]), "roles come from user_roles only");
    // app_metadata is not the user's to write.
    let (status, _) = stack
        .send(
            stack
                .request(Method::PUT, "/auth/v1/user")
                .bearer_auth(new_token)
                .json(&json!({"app_metadata": {"role": "admin"}})),
        )
        .await;
    assert!(status.is_client_error(), "{status}");
    let admins: i64 = sqlx::query_scalar("select count(*) from public.user_roles where role = 'admin'")
        .fetch_one(stack.pool())
        .await
        .expect("count");
    assert_eq!(admins, 0);
}

#[tokio::test]
async fn a_token_from_another_auth_server_is_refused_by_the_api() {
    let stack = TestStack::spawn().await;
    let other = TestStack::spawn().await;
    let session = other.signed_up(&email("budi"), "rahasia-123").await;
    // Its key id and issuer belong to the other server.
    let (status, body) = account(&stack, session["access_token"].as_str().expect("token")).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"]["code"], "unauthorized");
}

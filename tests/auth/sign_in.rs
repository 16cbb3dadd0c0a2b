//! `POST /token?grant_type=password`.

use reqwest::Method;
use ruangpremium_tests::TestStack;
use serde_json::json;

use crate::support::{email, verified_claims};

#[tokio::test]
async fn a_password_sign_in_returns_a_session_with_gotrue_claims() {
    let stack = TestStack::spawn().await;
    let address = email("masuk");
    let first = stack.signed_up(&address, "rahasia-123").await;
    let (status, session) = stack.sign_in(&address.to_uppercase(), "rahasia-123").await;
    assert_eq!(status, 200, "{session}");
    assert_ne!(session["refresh_token"], first["refresh_token"]);
    let token = session["access_token"].as_str().expect("token");
    let header = jsonwebtoken::decode_header(token).expect("header");
    assert_eq!(header.alg, jsonwebtoken::Algorithm::ES256);
    assert_eq!(header.kid.as_deref(), Some(stack.kid()));

    let claims = verified_claims(&stack, token).await;
    let keys: Vec<&str> = claims.as_object().expect("object").keys().map(String::as_str).collect();
    for key in [
        "iss",
        "sub",
        "aud",
        "exp",
        "iat",
        "email",
        "phone",
        "app_metadata",
        "user_metadata",
        "role",
        "aal",
        "amr",
        "session_id",
        "is_anonymous",
    ] {
        assert!(keys.contains(&key), "claim {key} missing: {claims}");
    }
    assert_eq!(claims["iss"], stack.auth_url());
    assert_eq!(claims["aud"], "authenticated", "a string, not an array");
    assert_eq!(claims["role"], "authenticated");
    assert_eq!(claims["email"], address);
    assert_eq!(claims["phone"], "");
    assert_eq!(claims["aal"], "aal1");
    assert_eq!(claims["is_anonymous"], false);
    assert_eq!(claims["app_metadata"], json!({"provider": "email", "providers": ["email"]}));
    assert_eq!(claims["amr"][0]["method"], "password");
    assert!(claims["amr"][0]["timestamp"].is_i64());
    let session_id: uuid::Uuid = claims["session_id"].as_str().expect("sid").parse().expect("a uuid");
    let exists: bool = sqlx::query_scalar("select exists (select 1 from auth.sessions where id = $1)")
        .bind(session_id)
        .fetch_one(stack.pool())
        .await
        .expect("query");
    assert!(exists, "session_id names a row of auth.sessions");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let stack = TestStack::spawn().await;
    let address = email("salah");
    stack.signed_up(&address, "rahasia-123").await;
    let (wrong_status, wrong) = stack.sign_in(&address, "rahasia-124").await;
    let (unknown_status, unknown) = stack.sign_in(&email("tidak-ada"), "rahasia-123").await;
    assert_eq!(wrong_status, 400);
    assert_eq!(unknown_status, 400);
    assert_eq!(wrong, json!({"code": 400, "error_code": "invalid_credentials", "msg": "Invalid login credentials"}));
    assert_eq!(unknown, wrong);
    let (status, empty) = stack.sign_in(&address, "").await;
    assert_eq!((status.as_u16(), empty["error_code"].as_str()), (400, Some("invalid_credentials")));
}

#[tokio::test]
async fn a_missing_address_or_grant_type_is_refused() {
    let stack = TestStack::spawn().await;
    let (status, body) = stack
        .send(stack.request(Method::POST, "/auth/v1/token?grant_type=password").json(&json!({"password": "x"})))
        .await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (400, Some("validation_failed")));
    assert_eq!(body["msg"], "missing email or phone");
    let (status, body) =
        stack.send(stack.request(Method::POST, "/auth/v1/token?grant_type=magic").json(&json!({}))).await;
    assert_eq!((status.as_u16(), body["error"].as_str()), (400, Some("unsupported_grant_type")));
}

#[tokio::test]
async fn accounts_seeded_with_pgcrypto_sign_in() {
    let stack = TestStack::spawn().await;
    let address = email("seed");
    let id = uuid::Uuid::new_v4();
    sqlx::query(
        "insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
           raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
           extensions.crypt('demo-seed-2026', extensions.gen_salt('bf')), now(),
           '{\"provider\":\"email\",\"providers\":[\"email\"]}', '{}', now(), now())",
    )
    .bind(id)
    .bind(&address)
    .execute(stack.pool())
    .await
    .expect("a seeded user");
    let (status, session) = stack.sign_in(&address, "demo-seed-2026").await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["user"]["id"], id.to_string());
    assert_eq!(session["user"]["identities"], json!([]), "seeded without an identity row");
    assert_eq!(stack.sign_in(&address, "demo-seed-2027").await.0, 400);
}

#[tokio::test]
async fn a_banned_user_cannot_sign_in() {
    let stack = TestStack::spawn().await;
    let address = email("ban");
    stack.signed_up(&address, "rahasia-123").await;
    sqlx::query("update auth.users set banned_until = now() + interval '1 day' where email = $1")
        .bind(&address)
        .execute(stack.pool())
        .await
        .expect("ban");
    let (status, body) = stack.sign_in(&address, "rahasia-123").await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (400, Some("user_banned")));
}

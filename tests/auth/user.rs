//! `GET /user` and `PUT /user`.

use reqwest::Method;
use ruangpremium_tests::{StackOptions, TestStack};
use serde_json::json;

use crate::support::{email, fragment, newest_mail, open_link, update_user};

#[tokio::test]
async fn get_user_answers_the_bare_user_object() {
    let stack = TestStack::spawn().await;
    let address = email("saya");
    let session = stack.signed_up(&address, "rahasia-123").await;
    let (status, user) = stack.get_user(session["access_token"].as_str().expect("token")).await;
    assert_eq!(status, 200);
    assert_eq!(user["id"], session["user"]["id"]);
    assert_eq!(user["email"], address);
    assert!(user.get("user").is_none(), "bare, not wrapped");
}

#[tokio::test]
async fn get_user_refuses_missing_forged_and_orphaned_tokens() {
    let stack = TestStack::spawn().await;
    let (status, body) = stack.send(stack.request(Method::GET, "/auth/v1/user")).await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (401, Some("no_authorization")));
    assert_eq!(body["msg"], "This endpoint requires a valid Bearer token");

    let (status, body) = stack.get_user("not.a.jwt").await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (403, Some("bad_jwt")));

    let session = stack.signed_up(&email("palsu"), "rahasia-123").await;
    let token = session["access_token"].as_str().expect("token");
    let (payload, _) = token.rsplit_once('.').expect("three parts");
    let tampered = format!("{payload}.{}", "A".repeat(86));
    assert_eq!(stack.get_user(&tampered).await.0, 403);

    // Signed by the stack's key, but for a session that does not exist.
    let now = chrono::Utc::now().timestamp();
    let forged = stack.sign_es256(&json!({
        "iss": stack.auth_url(), "sub": session["user"]["id"], "aud": "authenticated", "exp": now + 600, "iat": now,
        "email": "", "phone": "", "app_metadata": {}, "user_metadata": {}, "role": "authenticated", "aal": "aal1",
        "amr": [], "session_id": uuid::Uuid::new_v4(), "is_anonymous": false,
    }));
    let (status, body) = stack.get_user(&forged).await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (403, Some("session_not_found")));

    let expired = stack.sign_es256(&json!({
        "iss": stack.auth_url(), "sub": session["user"]["id"], "aud": "authenticated", "exp": now - 10, "iat": now - 3610,
        "session_id": uuid::Uuid::new_v4(),
    }));
    assert_eq!(stack.get_user(&expired).await.1["error_code"], "bad_jwt");
    let other_issuer = stack.sign_es256(&json!({
        "iss": "https://evil.example/auth/v1", "sub": session["user"]["id"], "aud": "authenticated", "exp": now + 600,
        "iat": now, "session_id": uuid::Uuid::new_v4(),
    }));
    assert_eq!(stack.get_user(&other_issuer).await.1["error_code"], "bad_jwt");
}

#[tokio::test]
async fn data_merges_into_user_metadata_and_app_metadata_is_for_admins() {
    let stack = TestStack::spawn().await;
    let session =
        stack.sign_up(&email("meta"), "rahasia-123", json!({"display_name": "Budi", "whatsapp": "+62812"})).await.1;
    let token = session["access_token"].as_str().expect("token");
    let (status, user) =
        update_user(&stack, token, json!({"data": {"display_name": "Budi S", "whatsapp": null, "kota": "Bandung"}}))
            .await;
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["user_metadata"]["display_name"], "Budi S");
    assert_eq!(user["user_metadata"]["kota"], "Bandung");
    assert!(user["user_metadata"].get("whatsapp").is_none(), "null removes a key");
    assert_eq!(user["user_metadata"]["email_verified"], true, "other keys stay");

    let (status, body) = update_user(&stack, token, json!({"app_metadata": {"role": "admin"}})).await;
    assert_eq!((status, body["error_code"].as_str()), (403, Some("not_admin")));
    let app: serde_json::Value = sqlx::query_scalar("select raw_app_meta_data from auth.users where id = $1::uuid")
        .bind(user["id"].as_str())
        .fetch_one(stack.pool())
        .await
        .expect("row");
    assert_eq!(app, json!({"provider": "email", "providers": ["email"]}));
}

#[tokio::test]
async fn a_password_change_ends_the_other_sessions() {
    let stack = TestStack::spawn().await;
    let address = email("sandi");
    let here = stack.signed_up(&address, "rahasia-123").await;
    let (_, elsewhere) = stack.sign_in(&address, "rahasia-123").await;
    let (status, _) =
        update_user(&stack, here["access_token"].as_str().expect("t"), json!({"password": "baru-456789"})).await;
    assert_eq!(status, 200);
    assert_eq!(stack.get_user(here["access_token"].as_str().expect("t")).await.0, 200, "this session stays");
    assert_eq!(stack.get_user(elsewhere["access_token"].as_str().expect("t")).await.0, 403);
    assert_eq!(stack.refresh(elsewhere["refresh_token"].as_str().expect("rt")).await.0, 400);
    assert_eq!(stack.sign_in(&address, "rahasia-123").await.0, 400);
    assert_eq!(stack.sign_in(&address, "baru-456789").await.0, 200);
}

#[tokio::test]
async fn with_confirmations_off_an_email_change_applies_at_once() {
    let stack = TestStack::spawn().await;
    let session = stack.signed_up(&email("lama"), "rahasia-123").await;
    let token = session["access_token"].as_str().expect("t");
    let taken = email("terpakai");
    stack.signed_up(&taken, "rahasia-123").await;
    let (status, body) = update_user(&stack, token, json!({"email": taken})).await;
    assert_eq!((status, body["error_code"].as_str()), (422, Some("email_exists")));
    let new = email("baru");
    let (status, user) = update_user(&stack, token, json!({"email": new.to_uppercase()})).await;
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["email"], new);
    assert_eq!(user["identities"][0]["email"], new);
    assert_eq!(stack.sign_in(&new, "rahasia-123").await.0, 200);
}

#[tokio::test]
async fn with_confirmations_on_an_email_change_waits_for_the_link_to_the_new_address() {
    let stack = TestStack::spawn_with(StackOptions { email_confirmations: true, ..StackOptions::default() }).await;
    let old = email("lama");
    stack.sign_up(&old, "rahasia-123", json!({})).await;
    let (link, _, _) = newest_mail(&stack, &old, 1).await;
    let location = open_link(&stack, &link).await.1;
    let token = fragment(&location).remove("access_token").expect("a session");
    let new = email("baru");
    let (status, user) = update_user(&stack, &token, json!({"email": new})).await;
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["email"], old, "not yet");
    assert_eq!(user["new_email"], new);
    assert!(user["email_change_sent_at"].is_string());
    let (link, _, mail) = newest_mail(&stack, &new, 1).await;
    assert_eq!(mail["kind"], "email_change");
    let (status, location) = open_link(&stack, &link).await;
    assert_eq!(status, 303);
    assert_eq!(fragment(&location).get("type").map(String::as_str), Some("email_change"));
    let (_, user) = stack.get_user(&token).await;
    assert_eq!(user["email"], new);
    assert!(user.get("new_email").is_none());
}

//! `POST /signup`, with confirmations off (a session at once) and on (a mail first).

use reqwest::Method;
use ruangpremium_tests::{StackOptions, TestStack};
use serde_json::json;

use crate::support::{email, fragment, newest_mail, open_link, verified_claims};

#[tokio::test]
async fn with_confirmations_off_sign_up_returns_a_session_and_a_confirmed_user() {
    let stack = TestStack::spawn().await;
    let address = email("budi");
    let (status, session) =
        stack.sign_up(&format!("  {}  ", address.to_uppercase()), "rahasia-123", json!({"display_name": "Budi"})).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["token_type"], "bearer");
    assert_eq!(session["expires_in"], 3600);
    assert!(session["refresh_token"].as_str().is_some_and(|t| t.len() >= 12));
    let user = &session["user"];
    assert_eq!(user["email"], address, "normalised: trimmed and lower-cased");
    assert_eq!(user["aud"], "authenticated");
    assert_eq!(user["role"], "authenticated");
    assert_eq!(user["phone"], "");
    assert!(user["email_confirmed_at"].is_string());
    assert!(user["confirmed_at"].is_string());
    assert!(user["last_sign_in_at"].is_string());
    assert_eq!(user["app_metadata"], json!({"provider": "email", "providers": ["email"]}));
    assert_eq!(user["user_metadata"]["display_name"], "Budi");
    assert_eq!(user["user_metadata"]["email"], address);
    assert_eq!(user["user_metadata"]["email_verified"], true);
    assert_eq!(user["is_anonymous"], false);
    let identity = &user["identities"][0];
    assert_eq!(identity["provider"], "email");
    assert_eq!(identity["id"], user["id"]);
    assert_eq!(identity["user_id"], user["id"]);
    assert_eq!(identity["identity_data"]["sub"], user["id"]);
    assert_eq!(identity["identity_data"]["email_verified"], true);
    assert_eq!(identity["email"], address);

    let claims = verified_claims(&stack, session["access_token"].as_str().expect("token")).await;
    assert_eq!(claims["sub"], user["id"]);
    assert_eq!(claims["exp"].as_i64().expect("exp") - claims["iat"].as_i64().expect("iat"), 3600);
    assert_eq!(session["expires_at"], claims["exp"]);
    assert_eq!(claims["amr"][0]["method"], "password");
}

#[tokio::test]
async fn an_address_taken_is_refused_with_user_already_exists() {
    let stack = TestStack::spawn().await;
    let address = email("dup");
    stack.signed_up(&address, "rahasia-123").await;
    let (status, body) = stack.sign_up(&address.to_uppercase(), "lain-lain-1", json!({})).await;
    assert_eq!(status, 422);
    assert_eq!(body["error_code"], "user_already_exists");
    assert_eq!(body["msg"], "User already registered");
}

#[tokio::test]
async fn requests_missing_or_malformed_fields_are_refused_as_gotrue_does() {
    let stack = TestStack::spawn().await;
    let cases = [
        (json!({"email": email("x")}), 400, "validation_failed", "Signup requires a valid password"),
        (json!({"password": "rahasia-123"}), 400, "validation_failed", "To signup, please provide your email"),
        (
            json!({"email": "bukan-email", "password": "rahasia-123"}),
            400,
            "email_address_invalid",
            "Unable to validate email address: invalid format",
        ),
        (json!({"email": email("x"), "password": "rahasia-123", "data": "teks"}), 400, "bad_json", ""),
    ];
    for (body, status, code, message) in cases {
        let (got, answer) = stack.send(stack.request(Method::POST, "/auth/v1/signup").json(&body)).await;
        assert_eq!((got.as_u16(), answer["error_code"].as_str()), (status, Some(code)), "{body}: {answer}");
        if !message.is_empty() {
            assert_eq!(answer["msg"], message);
        }
    }
    let (status, body) = stack.send(stack.request(Method::POST, "/auth/v1/signup").body("{not json")).await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (400, Some("bad_json")));
}

#[tokio::test]
async fn with_confirmations_on_the_user_confirms_by_the_mailed_link_before_signing_in() {
    let stack = TestStack::spawn_with(StackOptions { email_confirmations: true, ..StackOptions::default() }).await;
    let address = email("sari");
    let (status, user) = stack.sign_up(&address, "rahasia-123", json!({"display_name": "Sari"})).await;
    assert_eq!(status, 200, "{user}");
    assert!(user.get("access_token").is_none(), "no session before confirmation: {user}");
    assert_eq!(user["email"], address);
    assert!(user["confirmation_sent_at"].is_string());
    assert!(user.get("email_confirmed_at").is_none());
    assert_eq!(user["identities"].as_array().map(Vec::len), Some(1));

    let (status, body) = stack.sign_in(&address, "rahasia-123").await;
    assert_eq!((status.as_u16(), body["error_code"].as_str()), (400, Some("email_not_confirmed")));
    assert_eq!(body["msg"], "Email not confirmed");

    let (link, otp, mail) = newest_mail(&stack, &address, 1).await;
    assert_eq!(mail["kind"], "signup");
    assert_eq!(otp.len(), 6);
    assert!(link.starts_with(&format!("{}/verify?token=", stack.auth_url())), "{link}");
    assert!(link.contains("type=signup"));
    let (status, location) = open_link(&stack, &link).await;
    assert_eq!(status, 303);
    assert!(location.starts_with(stack.base_url()), "lands on the site: {location}");
    let params = fragment(&location);
    assert_eq!(params.get("type").map(String::as_str), Some("signup"));
    assert!(params.contains_key("access_token") && params.contains_key("refresh_token"), "{location}");

    let (status, session) = stack.sign_in(&address, "rahasia-123").await;
    assert_eq!(status, 200, "{session}");
    assert!(session["user"]["email_confirmed_at"].is_string());
    assert_eq!(session["user"]["identities"][0]["identity_data"]["email_verified"], true);
}

#[tokio::test]
async fn with_confirmations_on_a_confirmed_address_gets_an_obfuscated_user_and_no_mail() {
    let stack = TestStack::spawn_with(StackOptions { email_confirmations: true, ..StackOptions::default() }).await;
    let address = email("ada");
    let (_, first) = stack.sign_up(&address, "rahasia-123", json!({})).await;
    let (link, _, _) = newest_mail(&stack, &address, 1).await;
    assert_eq!(open_link(&stack, &link).await.0, 303);

    let (status, again) = stack.sign_up(&address, "lain-lain-1", json!({})).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["identities"], json!([]), "clients detect 'already registered' by this");
    assert_ne!(again["id"], first["id"], "the real id is not revealed");
    assert_eq!(stack.mailbox(&address).await.len(), 1, "no second mail");
    let (status, _) = stack.sign_in(&address, "lain-lain-1").await;
    assert_eq!(status, 400, "the password was not changed");
}

#[tokio::test]
async fn an_unconfirmed_address_signing_up_again_gets_the_confirmation_again_after_the_interval() {
    let stack = TestStack::spawn_with(StackOptions { email_confirmations: true, ..StackOptions::default() }).await;
    let address = email("ulang");
    assert_eq!(stack.sign_up(&address, "rahasia-123", json!({})).await.0, 200);
    let (status, body) = stack.sign_up(&address, "rahasia-123", json!({})).await;
    assert_eq!(status, 429, "a second mail within 60 s: {body}");
    assert_eq!(body["error_code"], "over_email_send_rate_limit");
    assert_eq!(stack.mailbox(&address).await.len(), 1);
}

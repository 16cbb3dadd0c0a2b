//! Password recovery end to end: `/recover` → the mailbox → the link → 303 with the
//! session in the fragment → a new password.

use std::time::{Duration, Instant};

use ruangpremium_tests::{StackOptions, TestStack};
use serde_json::json;

use crate::support::{email, fragment, newest_mail, open_link, recover, update_user, verified_claims};

#[tokio::test]
async fn the_mailed_link_signs_in_and_a_new_password_replaces_the_old() {
    let stack = TestStack::spawn().await;
    let address = email("lupa");
    stack.signed_up(&address, "rahasia-123").await;
    let landing = "http://localhost:5173/akun/sandi-baru";
    let (status, body) = recover(&stack, &address.to_uppercase(), Some(landing)).await;
    assert_eq!((status, body), (200, json!({})));

    let (link, otp, mail) = newest_mail(&stack, &address, 1).await;
    assert_eq!(mail["kind"], "recovery");
    assert_eq!(mail["to"], address);
    assert!(mail["subject"].as_str().is_some_and(|s| s.contains("RuangPremium")));
    let text = mail["text"].as_str().expect("text");
    assert!(text.find("Atur ulang kata sandi").expect("id") < text.find("Reset password").expect("en"));
    assert!(text.contains(&otp));
    assert!(mail["html"].as_str().is_some_and(|h| h.contains("<a href=")));
    let token_hash = ruangpremium_token_hash(&address, &otp);
    assert_eq!(
        link,
        format!(
            "{}/verify?token={token_hash}&type=recovery&redirect_to={}",
            stack.auth_url(),
            url::form_urlencoded::byte_serialize(landing.as_bytes()).collect::<String>()
        )
    );

    let (status, location) = open_link(&stack, &link).await;
    assert_eq!(status, 303);
    let (base, _) = location.split_once('#').expect("a fragment");
    assert_eq!(base, landing);
    let params = fragment(&location);
    assert_eq!(params["token_type"], "bearer");
    assert_eq!(params["type"], "recovery");
    assert_eq!(params["expires_in"], "3600");
    let claims = verified_claims(&stack, &params["access_token"]).await;
    assert_eq!(params["expires_at"], claims["exp"].to_string());
    assert_eq!(claims["amr"][0]["method"], "otp");

    let (status, user) = stack.get_user(&params["access_token"]).await;
    assert_eq!((status.as_u16(), user["email"].as_str()), (200, Some(address.as_str())));
    let (status, _) = update_user(&stack, &params["access_token"], json!({"password": "sandi-baru-2026"})).await;
    assert_eq!(status, 200);
    assert_eq!(stack.sign_in(&address, "rahasia-123").await.0, 400, "the old password is refused");
    assert_eq!(stack.sign_in(&address, "sandi-baru-2026").await.0, 200);
    assert_eq!(stack.refresh(&params["refresh_token"]).await.0, 200, "the fragment's refresh token works");

    // One use only.
    let (status, location) = open_link(&stack, &link).await;
    assert_eq!(status, 303);
    let params = fragment(&location);
    assert_eq!(params["error"], "access_denied");
    assert_eq!(params["error_code"], "otp_expired");
    assert_eq!(params["error_description"], "Email link is invalid or has expired");
}

fn ruangpremium_token_hash(email: &str, otp: &str) -> String {
    use sha2::Digest;
    sha2::Sha224::digest(format!("{email}{otp}")).iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn unknown_addresses_get_the_same_answer_and_no_mail() {
    let stack = TestStack::spawn().await;
    let known = email("ada");
    stack.signed_up(&known, "rahasia-123").await;
    let unknown = email("tidak-ada");
    let started = Instant::now();
    let (status, body) = recover(&stack, &unknown, None).await;
    let unknown_took = started.elapsed();
    assert_eq!((status, body), (200, json!({})));
    let started = Instant::now();
    assert_eq!(recover(&stack, &known, None).await, (200, json!({})));
    let known_took = started.elapsed();
    assert!(unknown_took < Duration::from_secs(1) && known_took < Duration::from_secs(1));
    stack.wait_for_mail(&known, 1).await;
    assert!(stack.mailbox(&unknown).await.is_empty());
    let (status, body) = recover(&stack, "", None).await;
    assert_eq!((status, body["msg"].as_str()), (400, Some("Password recovery requires an email")));
}

#[tokio::test]
async fn a_redirect_outside_the_allow_list_lands_on_the_site() {
    let stack = TestStack::spawn().await;
    let address = email("arah");
    stack.signed_up(&address, "rahasia-123").await;
    recover(&stack, &address, Some("https://evil.example/steal")).await;
    let (link, _, _) = newest_mail(&stack, &address, 1).await;
    let (_, location) = open_link(&stack, &link).await;
    assert!(location.starts_with(stack.base_url()), "{location}");
    assert!(location.contains("#access_token=") && !location.contains("evil.example"), "{location}");
    // And a redirect_to changed in the link itself is checked again.
    let tampered = link.replace("redirect_to=", "redirect_to=https%3A%2F%2Fevil.example%2F&x=");
    let (_, location) = open_link(&stack, &tampered).await;
    assert!(!location.contains("evil.example"), "{location}");
}

#[tokio::test]
async fn an_expired_link_is_refused() {
    let stack = TestStack::spawn_with(StackOptions::default()).await;
    let address = email("basi");
    stack.signed_up(&address, "rahasia-123").await;
    recover(&stack, &address, None).await;
    let (link, otp, _) = newest_mail(&stack, &address, 1).await;
    sqlx::query("update auth.users set recovery_sent_at = now() - interval '61 minutes' where email = $1")
        .bind(&address)
        .execute(stack.pool())
        .await
        .expect("age the link");
    let (status, location) = open_link(&stack, &link).await;
    assert_eq!(status, 303);
    assert_eq!(fragment(&location)["error_code"], "otp_expired");
    let (status, body) =
        crate::support::verify_otp(&stack, json!({"type": "recovery", "email": address, "token": otp})).await;
    assert_eq!((status, body["error_code"].as_str()), (403, Some("otp_expired")));
}

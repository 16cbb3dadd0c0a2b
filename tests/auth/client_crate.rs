//! The `supabase-auth` crate (an auth-js port that sends no API-version header and reads
//! the legacy error shape) against the local server.

use serde_json::json;
use supabase_auth::{
    error::Error,
    models::{AuthClient, EmailSignUpResult, LogoutScope, OtpType, UpdatedUser, VerifyEmailOtpParams, VerifyOtpParams},
};

use ruangpremium_tests::TestStack;

use crate::support::{email, newest_mail};

fn client(stack: &TestStack) -> AuthClient {
    AuthClient::new(stack.base_url(), stack.anon_key(), "")
}

#[tokio::test]
async fn the_crate_signs_up_signs_in_reads_updates_refreshes_and_signs_out() {
    let stack = TestStack::spawn().await;
    let client = client(&stack);
    let address = email("krate");

    let signed_up = client.sign_up_with_email_and_password(&address, "rahasia-123", None).await.expect("sign up");
    let EmailSignUpResult::SessionResult(first) = signed_up else { panic!("expected a session") };
    assert_eq!(first.user.email, address);
    assert_eq!(first.user.identities.len(), 1);

    let session = client.login_with_email(&address, "rahasia-123").await.expect("login");
    assert_eq!(session.token_type, "bearer");
    assert_eq!(session.expires_in, 3600);

    let user = client.get_user(&session.access_token).await.expect("get user");
    assert_eq!(user.id, first.user.id);

    let update = UpdatedUser { email: None, password: None, data: Some(json!({"display_name": "Krate"})) };
    let updated = client.update_user(update, &session.access_token).await.expect("update");
    assert_eq!(updated.user_metadata.custom.get("display_name"), Some(&json!("Krate")));

    let refreshed = client.refresh_session(&session.refresh_token).await.expect("refresh");
    assert_ne!(refreshed.refresh_token, session.refresh_token);

    client.logout(Some(LogoutScope::Global), &refreshed.access_token).await.expect("logout");
    assert_eq!(stack.get_user(&refreshed.access_token).await.0, 403);
    assert_eq!(stack.get_user(&first.access_token).await.0, 403, "global: every session");
}

#[tokio::test]
async fn the_crate_recovers_a_password_with_a_code() {
    let stack = TestStack::spawn().await;
    let client = client(&stack);
    let address = email("krate-lupa");
    stack.signed_up(&address, "rahasia-123").await;
    client.reset_password_for_email(&address, None).await.expect("recover");
    let (_, otp, _) = newest_mail(&stack, &address, 1).await;
    let params = VerifyOtpParams::Email(VerifyEmailOtpParams {
        email: address.clone(),
        token: otp,
        otp_type: OtpType::Recovery,
        options: None,
    });
    let session = client.verify_otp(params).await.expect("verify");
    let update = UpdatedUser { email: None, password: Some("sandi-baru-99".into()), data: None };
    client.update_user(update, &session.access_token).await.expect("new password");
    client.login_with_email(&address, "sandi-baru-99").await.expect("login with the new password");
}

#[tokio::test]
async fn the_crate_reads_errors_in_the_legacy_shape() {
    let stack = TestStack::spawn().await;
    let client = client(&stack);
    let address = email("krate-salah");
    stack.signed_up(&address, "rahasia-123").await;
    match client.login_with_email(&address, "keliru-123").await {
        Err(Error::AuthError { status, message }) => {
            assert_eq!(status.as_u16(), 400);
            assert_eq!(message, "Invalid login credentials", "parsed from `msg`, not the raw body");
        }
        other => panic!("expected an AuthError, got {other:?}"),
    }
    match client.sign_up_with_email_and_password(&address, "rahasia-123", None).await {
        Err(Error::AuthError { status, message }) => {
            assert_eq!((status.as_u16(), message.as_str()), (422, "User already registered"));
        }
        other => panic!("expected an AuthError, got {other:?}"),
    }
    let health = client.get_health().await.expect("health");
    assert_eq!(health.name, "GoTrue");
    let settings = client.get_settings().await.expect("settings");
    assert!(settings.external.email && settings.mailer_autoconfirm);
}

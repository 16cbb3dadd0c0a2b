//! What the server leaves in GoTrue's tables: real rows a trigger or a foreign key sees.

use ruangpremium_tests::TestStack;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::email;

#[tokio::test]
async fn sign_up_and_sign_in_write_gotrue_rows_with_a_bcrypt_hash_never_the_password() {
    let stack = TestStack::spawn().await;
    let address = email("baris");
    let session = stack.signed_up(&address, "rahasia-123").await;
    let id: Uuid = session["user"]["id"].as_str().expect("id").parse().expect("uuid");

    let (hash, aud, role, confirmed, last_sign_in, meta, app, instance): (
        String,
        String,
        String,
        bool,
        bool,
        Value,
        Value,
        Uuid,
    ) = sqlx::query_as(
        "select encrypted_password, aud, role, email_confirmed_at is not null, last_sign_in_at is not null,
                raw_user_meta_data, raw_app_meta_data, instance_id
         from auth.users where id = $1",
    )
    .bind(id)
    .fetch_one(stack.pool())
    .await
    .expect("the user row");
    assert!(hash.starts_with("$2a$"), "bcrypt: {hash}");
    assert!(!hash.contains("rahasia-123"));
    assert_eq!((aud.as_str(), role.as_str()), ("authenticated", "authenticated"));
    assert!(confirmed && last_sign_in);
    assert_eq!(meta["sub"], id.to_string());
    assert_eq!(app, json!({"provider": "email", "providers": ["email"]}));
    assert_eq!(instance, Uuid::nil());
    let plaintext: i64 =
        sqlx::query_scalar("select count(*) from auth.users u where u.id = $1 and (u::text like '%rahasia-123%')")
            .bind(id)
            .fetch_one(stack.pool())
            .await
            .expect("count");
    assert_eq!(plaintext, 0);

    let (provider, provider_id, identity_email): (String, String, String) =
        sqlx::query_as("select provider, provider_id, email from auth.identities where user_id = $1")
            .bind(id)
            .fetch_one(stack.pool())
            .await
            .expect("the identity row");
    assert_eq!((provider.as_str(), provider_id), ("email", id.to_string()));
    assert_eq!(identity_email, address);

    let (sessions, aal): (i64, String) =
        sqlx::query_as("select count(*), min(aal::text) from auth.sessions where user_id = $1")
            .bind(id)
            .fetch_one(stack.pool())
            .await
            .expect("sessions");
    assert_eq!((sessions, aal.as_str()), (1, "aal1"));
    let (token, revoked, user_id, parent): (String, bool, String, Option<String>) = sqlx::query_as(
        "select token, revoked, user_id, parent from auth.refresh_tokens
         where session_id = (select id from auth.sessions where user_id = $1)",
    )
    .bind(id)
    .fetch_one(stack.pool())
    .await
    .expect("the refresh token row");
    assert_eq!(Some(token.as_str()), session["refresh_token"].as_str());
    assert!(!revoked);
    assert_eq!(user_id, id.to_string());
    assert_eq!(parent, None);
    let methods: Vec<String> = sqlx::query_scalar(
        "select authentication_method from auth.mfa_amr_claims
         where session_id = (select id from auth.sessions where user_id = $1)",
    )
    .bind(id)
    .fetch_all(stack.pool())
    .await
    .expect("amr");
    assert_eq!(methods, vec!["password"]);

    stack.sign_in(&address, "rahasia-123").await;
    let sessions: i64 = sqlx::query_scalar("select count(*) from auth.sessions where user_id = $1")
        .bind(id)
        .fetch_one(stack.pool())
        .await
        .expect("sessions");
    assert_eq!(sessions, 2, "each sign-in is a session of its own");
}

#[tokio::test]
async fn a_foreign_key_to_auth_users_sees_the_new_user() {
    let stack = TestStack::spawn().await;
    sqlx::query(
        "create table public.rp_fk_probe (user_id uuid primary key references auth.users (id) on delete cascade)",
    )
    .execute(stack.pool())
    .await
    .expect("a table referencing auth.users");
    let session = stack.signed_up(&email("fk"), "rahasia-123").await;
    let id: Uuid = session["user"]["id"].as_str().expect("id").parse().expect("uuid");
    sqlx::query("insert into public.rp_fk_probe values ($1)").bind(id).execute(stack.pool()).await.expect("FK holds");
}

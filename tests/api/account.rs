//! `GET`/`PATCH /api/account`: a member reads and edits their own profile, as themself
//! (RLS decides), roles come only from `user_roles`, and every bad field is named.

use axum::{body::Body, http::Request};
use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::signing::{create_user, user_claims, JwksServer, SigningKey};

struct Shop {
    app: TestApp,
    jwks: JwksServer,
    key: SigningKey,
}

impl Shop {
    async fn open() -> Shop {
        let key = SigningKey::generate("k1");
        let jwks = JwksServer::start(&[&key]).await;
        let app = TestApp::spawn_with_auth(&jwks.base_url, None).await;
        Shop { app, jwks, key }
    }

    async fn member(&self, email: &str, metadata: Value) -> (Uuid, String) {
        let id = create_user(&self.app.db.pool, email, metadata).await;
        (id, self.key.sign(&user_claims(&self.jwks.issuer(), id, email)))
    }

    async fn get(&self, token: &str) -> (StatusCode, Value) {
        let request = Request::get("/api/account").header("authorization", format!("Bearer {token}"));
        let (status, _, body) = self.app.send(request.body(Body::empty()).expect("request")).await;
        (status, body)
    }

    async fn patch(&self, token: &str, body: &str, lang: &str) -> (StatusCode, Value) {
        let request = Request::patch("/api/account")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .header("accept-language", lang)
            .body(Body::from(body.to_owned()))
            .expect("request");
        let (status, _, body) = self.app.send(request).await;
        (status, body)
    }

    async fn profile_row(&self, id: Uuid) -> (Option<String>, Option<String>) {
        sqlx::query_as("select display_name, whatsapp from public.profiles where id = $1")
            .bind(id)
            .fetch_one(&self.app.db.pool)
            .await
            .expect("profile")
    }
}

#[tokio::test]
async fn the_account_shows_the_profile_made_at_sign_up() {
    let shop = Shop::open().await;
    let (id, token) =
        shop.member("budi@example.com", json!({"display_name": " Budi ", "whatsapp": "0812-3456-7890"})).await;
    let (status, body) = shop.get(&token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["id"], id.to_string());
    assert_eq!(body["email"], "budi@example.com");
    assert_eq!(body["display_name"], "Budi");
    assert_eq!(body["whatsapp"], "+6281234567890");
    assert_eq!(body["roles"], json!(["member"]));
    assert!(body["created_at"].as_str().is_some_and(|t| t.starts_with("20")), "{body}");
}

#[tokio::test]
async fn roles_come_from_user_roles_only() {
    let shop = Shop::open().await;
    // Everything a user controls says admin.
    let (id, _) = shop.member("sari@example.com", json!({"role": "admin", "roles": ["admin"]})).await;
    let mut claims = user_claims(&shop.jwks.issuer(), id, "sari@example.com");
    claims["user_metadata"] = json!({"role": "admin", "roles": ["admin", "reseller"]});
    claims["app_metadata"]["role"] = json!("admin");
    let token = shop.key.sign(&claims);
    let (_, body) = shop.get(&token).await;
    assert_eq!(body["roles"], json!(["member"]), "{body}");

    // Granted by the server (as `ruangpremium admin grant` does): effective at once, no new token.
    sqlx::query("insert into public.user_roles (user_id, role) values ($1, 'admin'), ($1, 'reseller')")
        .bind(id)
        .execute(&shop.app.db.pool)
        .await
        .expect("grant");
    let (_, body) = shop.get(&token).await;
    assert_eq!(body["roles"], json!(["member", "reseller", "admin"]));
    sqlx::query("delete from public.user_roles where user_id = $1 and role = 'admin'")
        .bind(id)
        .execute(&shop.app.db.pool)
        .await
        .expect("revoke");
    let (_, body) = shop.get(&token).await;
    assert_eq!(body["roles"], json!(["member", "reseller"]));
}

#[tokio::test]
async fn a_member_edits_name_and_whatsapp_and_nothing_else() {
    let shop = Shop::open().await;
    let (id, token) = shop.member("budi@example.com", json!({"display_name": "Budi"})).await;
    let (other, _) = shop.member("sari@example.com", json!({"display_name": "Sari", "whatsapp": "081111111111"})).await;

    let (status, body) =
        shop.patch(&token, r#"{"display_name": "  Budi Santoso ", "whatsapp": "+62 812 3456 7890"}"#, "id").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["display_name"], "Budi Santoso");
    assert_eq!(body["whatsapp"], "+6281234567890");
    assert_eq!(shop.profile_row(id).await, (Some("Budi Santoso".into()), Some("+6281234567890".into())));

    // Only what is sent changes; null removes the number.
    let (status, body) = shop.patch(&token, r#"{"whatsapp": null}"#, "id").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["display_name"], "Budi Santoso");
    assert_eq!(body["whatsapp"], Value::Null);
    let (status, body) = shop.patch(&token, r#"{"whatsapp": "0812 9999 8888"}"#, "id").await;
    assert_eq!((status, body["whatsapp"].clone()), (StatusCode::OK, json!("+6281299998888")));

    // The other member's row is untouched by all of it.
    assert_eq!(shop.profile_row(other).await, (Some("Sari".into()), Some("+6281111111111".into())));
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_changes() {
    let shop = Shop::open().await;
    let (id, token) =
        shop.member("budi@example.com", json!({"display_name": "Budi", "whatsapp": "081234567890"})).await;
    let before = shop.profile_row(id).await;

    let long_name = "x".repeat(81);
    let cases: Vec<(String, Vec<&str>)> = vec![
        (r#"{"display_name": ""}"#.into(), vec!["display_name"]),
        (r#"{"display_name": "   "}"#.into(), vec!["display_name"]),
        (format!(r#"{{"display_name": "{long_name}"}}"#), vec!["display_name"]),
        (r#"{"display_name": "Budi\u0007"}"#.into(), vec!["display_name"]),
        (r#"{"display_name": 42}"#.into(), vec!["display_name"]),
        (r#"{"whatsapp": "021 345 678"}"#.into(), vec!["whatsapp"]),
        (r#"{"whatsapp": "+65 9123 4567"}"#.into(), vec!["whatsapp"]),
        (r#"{"whatsapp": 81234567890}"#.into(), vec!["whatsapp"]),
        // Server-owned fields are refused by name (mass assignment).
        (r#"{"roles": ["admin"]}"#.into(), vec!["roles"]),
        (r#"{"id": "00000000-0000-0000-0000-000000000000", "email": "x@y.z"}"#.into(), vec!["email", "id"]),
        (
            r#"{"display_name": "", "whatsapp": "123", "role": "admin"}"#.into(),
            vec!["display_name", "role", "whatsapp"],
        ),
    ];
    for (body, fields) in cases {
        let (status, answer) = shop.patch(&token, &body, "id").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert_eq!(answer["error"]["code"], "invalid_body", "{body}");
        let named: Vec<&str> =
            answer["error"]["fields"].as_object().expect("fields").keys().map(String::as_str).collect();
        assert_eq!(named, fields, "{body}: {answer}");
    }
    for body in ["[]", "\"Budi\"", "null", "{not json"] {
        let (status, answer) = shop.patch(&token, body, "id").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert_eq!(answer["error"]["fields"]["body"].as_str().map(|m| !m.is_empty()), Some(true), "{body}");
    }
    assert_eq!(shop.profile_row(id).await, before, "no bad request changed anything");

    // In English when asked.
    let (_, answer) = shop.patch(&token, r#"{"whatsapp": "12"}"#, "en").await;
    assert_eq!(
        answer["error"]["fields"]["whatsapp"],
        "Invalid WhatsApp number. Use an Indonesian number, for example 0812 3456 7890."
    );
    let (_, answer) = shop.patch(&token, r#"{"whatsapp": "12"}"#, "id").await;
    assert_eq!(
        answer["error"]["fields"]["whatsapp"],
        "Nomor WhatsApp tidak valid. Gunakan nomor Indonesia, misalnya 0812 3456 7890."
    );
}

#[tokio::test]
async fn editing_needs_a_signed_in_user() {
    let shop = Shop::open().await;
    let request = Request::patch("/api/account")
        .header("content-type", "application/json")
        .body(Body::from(r#"{"display_name": "Tamu"}"#))
        .expect("request");
    let (status, _, body) = shop.app.send(request).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    let count: i64 = sqlx::query_scalar("select count(*) from public.profiles where display_name = 'Tamu'")
        .fetch_one(&shop.app.db.pool)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_token_for_a_deleted_user_sees_nothing_and_changes_nothing() {
    let shop = Shop::open().await;
    let (id, token) = shop.member("gone@example.com", json!({"display_name": "Gone"})).await;
    sqlx::query("delete from auth.users where id = $1").bind(id).execute(&shop.app.db.pool).await.expect("delete");
    let (status, body) = shop.get(&token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["display_name"].clone(), body["roles"].clone()), (Value::Null, json!([])));
    let (status, body) = shop.patch(&token, r#"{"display_name": "Back"}"#, "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}

#[tokio::test]
async fn the_role_check_reads_user_roles_as_the_user() {
    let shop = Shop::open().await;
    let (id, _) = shop.member("rita@example.com", json!({"role": "admin"})).await;
    let claims = user_claims(&shop.jwks.issuer(), id, "rita@example.com");
    let token = shop.key.sign(&claims);
    let state_db = shop::db::Db::connect(&shop.app.db.url, 2, false).await.expect("db");
    let verifier = shop::auth::TokenVerifier::new(&shop.app.config.supabase_url, None, Default::default());
    let verified = verifier.verify(&token).await.expect("valid token");
    let user = user_from(verified);

    let check = |role| {
        let (db, user) = (state_db.clone(), user.clone());
        async move {
            let mut tx = user.begin(&db).await.expect("begin");
            let result = user.require_role(&db, &mut tx, role).await;
            tx.commit().await.expect("commit");
            result
        }
    };
    assert!(check(shop::auth::Role::Member).await.is_ok());
    let refused = check(shop::auth::Role::Admin).await.expect_err("not an admin");
    assert!(matches!(refused, shop::error::ApiError::Forbidden(_)), "{refused:?}");
    sqlx::query("insert into public.user_roles (user_id, role) values ($1, 'admin')")
        .bind(id)
        .execute(&shop.app.db.pool)
        .await
        .expect("grant");
    assert!(check(shop::auth::Role::Admin).await.is_ok());
}

fn user_from(verified: shop::auth::VerifiedToken) -> shop::auth::AuthUser {
    shop::auth::AuthUser::from(verified)
}

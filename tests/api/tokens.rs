//! Access-token verification (shared/LOCAL_STACK.md §3, QUALITY_GOALS.md R9): only a token
//! signed by a key the Auth server publishes, for the `authenticated` audience, from the
//! pinned issuer, unexpired and with the algorithm its key implies, gets through. Every
//! other token gets 401 with the error envelope. Observed through `GET /api/account`.

use std::time::Duration;

use axum::{body::Body, http::Request};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ruangpremium_tests::{StatusCode, TestApp};
use serde_json::{json, Value};
use shop::auth::JwksPolicy;

use crate::signing::{create_user, user_claims, JwksServer, SigningKey};

struct Setup {
    app: TestApp,
    jwks: JwksServer,
    key: SigningKey,
    user: uuid::Uuid,
}

async fn setup() -> Setup {
    let key = SigningKey::generate("key-2026-11");
    let jwks = JwksServer::start(&[&key]).await;
    let app = TestApp::spawn_with_auth(&jwks.base_url, None).await;
    let user = create_user(&app.db.pool, "budi@example.com", json!({"display_name": "Budi"})).await;
    Setup { app, jwks, key, user }
}

async fn account(app: &TestApp, authorization: Option<&str>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut request = Request::get("/api/account");
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    app.send(request.body(Body::empty()).expect("request")).await
}

async fn with_token(app: &TestApp, token: &str) -> (StatusCode, Value) {
    let (status, _, body) = account(app, Some(&format!("Bearer {token}"))).await;
    (status, body)
}

fn assert_refused(status: StatusCode, body: &Value, what: &str) {
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: {body}");
    assert_eq!(body["error"]["code"], "unauthorized", "{what}: {body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("masuk")), "{what}: {body}");
}

#[tokio::test]
async fn a_valid_token_names_the_user() {
    let s = setup().await;
    let token = s.key.sign(&user_claims(&s.jwks.issuer(), s.user, "budi@example.com"));
    let (status, body) = with_token(&s.app, &token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["id"], s.user.to_string());
    assert_eq!(body["email"], "budi@example.com");
    assert_eq!(body["display_name"], "Budi");
    assert_eq!(body["roles"], json!(["member"]));
}

#[tokio::test]
async fn no_token_means_sign_in_first() {
    let s = setup().await;
    let (status, headers, body) = account(&s.app, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthorized");
    assert_eq!(body["error"]["message"], "Silakan masuk terlebih dahulu.");
    assert_eq!(headers.get("www-authenticate").and_then(|v| v.to_str().ok()), Some("Bearer"));
}

#[tokio::test]
async fn a_malformed_authorization_header_is_refused() {
    let s = setup().await;
    for value in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "token-without-scheme", "Bearer not.a.jwt", "Bearer a.b"]
    {
        let (status, _, body) = account(&s.app, Some(value)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{value:?}: {body}");
        assert_eq!(body["error"]["code"], "unauthorized", "{value:?}");
    }
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let s = setup().await;
    let mut claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
    let now = chrono::Utc::now().timestamp();
    claims["iat"] = json!(now - 7200);
    claims["exp"] = json!(now - 3600);
    let (status, body) = with_token(&s.app, &s.key.sign(&claims)).await;
    assert_refused(status, &body, "expired an hour ago");

    // Within the 30 s of clock skew tolerated, it still counts as valid.
    claims["exp"] = json!(now - 5);
    let (status, body) = with_token(&s.app, &s.key.sign(&claims)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn a_token_without_expiry_is_refused() {
    let s = setup().await;
    let mut claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
    claims.as_object_mut().expect("object").remove("exp");
    let (status, body) = with_token(&s.app, &s.key.sign(&claims)).await;
    assert_refused(status, &body, "no exp");
}

#[tokio::test]
async fn a_tampered_token_is_refused() {
    let s = setup().await;
    let token = s.key.sign(&user_claims(&s.jwks.issuer(), s.user, "budi@example.com"));
    let parts: Vec<&str> = token.split('.').collect();
    // Someone else's id in the payload, the original signature.
    let mut forged = user_claims(&s.jwks.issuer(), uuid::Uuid::new_v4(), "budi@example.com");
    forged["user_metadata"] = json!({"role": "admin"});
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    let payload = URL_SAFE_NO_PAD.encode(forged.to_string());
    let (status, body) = with_token(&s.app, &format!("{}.{}.{}", parts[0], payload, parts[2])).await;
    assert_refused(status, &body, "payload swapped");

    // One flipped bit in the signature.
    let mut signature = URL_SAFE_NO_PAD.decode(parts[2]).expect("signature");
    signature[10] ^= 0x01;
    let token = format!("{}.{}.{}", parts[0], parts[1], URL_SAFE_NO_PAD.encode(signature));
    let (status, body) = with_token(&s.app, &token).await;
    assert_refused(status, &body, "signature bit flipped");
}

#[tokio::test]
async fn a_token_for_another_audience_is_refused() {
    let s = setup().await;
    for aud in [json!("anon"), json!("service_role"), json!(["other"]), json!("")] {
        let mut claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
        claims["aud"] = aud.clone();
        let (status, body) = with_token(&s.app, &s.key.sign(&claims)).await;
        assert_refused(status, &body, &format!("aud {aud}"));
    }
}

#[tokio::test]
async fn a_token_from_another_issuer_is_refused() {
    let s = setup().await;
    for iss in ["https://evil.example.com/auth/v1", "supabase", &s.jwks.base_url] {
        let mut claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
        claims["iss"] = json!(iss);
        let (status, body) = with_token(&s.app, &s.key.sign(&claims)).await;
        assert_refused(status, &body, &format!("iss {iss}"));
    }
}

#[tokio::test]
async fn alg_none_is_refused() {
    let s = setup().await;
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    let claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
    for header in [json!({"alg": "none", "typ": "JWT"}), json!({"alg": "none", "typ": "JWT", "kid": s.key.kid})] {
        let unsigned =
            format!("{}.{}.", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(claims.to_string()));
        let (status, body) = with_token(&s.app, &unsigned).await;
        assert_refused(status, &body, &format!("header {header}"));
    }
}

#[tokio::test]
async fn a_token_signed_with_an_unpublished_key_is_refused() {
    let s = setup().await;
    // Same key id as the real key, a key the attacker made.
    let impostor = SigningKey::generate(&s.key.kid);
    let (status, body) =
        with_token(&s.app, &impostor.sign(&user_claims(&s.jwks.issuer(), s.user, "budi@example.com"))).await;
    assert_refused(status, &body, "impostor key under the real kid");
    // No key id at all.
    let token = s
        .key
        .sign_with_header(Header::new(Algorithm::ES256), &user_claims(&s.jwks.issuer(), s.user, "budi@example.com"));
    let (status, body) = with_token(&s.app, &token).await;
    assert_refused(status, &body, "no kid");
}

#[tokio::test]
async fn hs256_is_refused_unless_the_legacy_secret_is_configured() {
    let s = setup().await;
    let claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
    // The classic confusion attack: HS256 keyed with what the verifier might hold as the
    // public key, and any guessable secret.
    let public_jwk = s.key.jwk().to_string();
    for secret in [public_jwk.as_str(), "super-secret-jwt-token-with-at-least-32-characters-long", ""] {
        let token = jsonwebtoken::encode(
            &Header { kid: Some(s.key.kid.clone()), ..Header::new(Algorithm::HS256) },
            &claims,
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .expect("sign");
        let (status, body) = with_token(&s.app, &token).await;
        assert_refused(status, &body, "HS256 without a configured secret");
    }

    // A project on the legacy secret: HS256 with exactly that secret is accepted, and no other.
    let secret = "a-legacy-project-jwt-secret-of-32-chars-or-more";
    let legacy = TestApp::spawn_with_auth(&s.jwks.base_url, Some(secret)).await;
    let user = create_user(&legacy.db.pool, "sari@example.com", json!({})).await;
    let claims = user_claims(&s.jwks.issuer(), user, "sari@example.com");
    let sign = |secret: &str, alg: Algorithm| {
        jsonwebtoken::encode(&Header::new(alg), &claims, &EncodingKey::from_secret(secret.as_bytes())).expect("sign")
    };
    let (status, body) = with_token(&legacy, &sign(secret, Algorithm::HS256)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["email"], "sari@example.com");
    let (status, body) = with_token(&legacy, &sign("not-the-secret-not-the-secret-not-the", Algorithm::HS256)).await;
    assert_refused(status, &body, "wrong legacy secret");
    let (status, body) = with_token(&legacy, &sign(secret, Algorithm::HS512)).await;
    assert_refused(status, &body, "HS512 with the legacy secret");
    // The asymmetric keys keep working beside it.
    let (status, _) = with_token(&legacy, &s.key.sign(&claims)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_key_verifies_only_its_own_algorithm() {
    let s = setup().await;
    let claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
    // An ES384 header naming the P-256 key: refused before any signature check.
    let token = s.key.sign(&claims);
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    parts[0] = URL_SAFE_NO_PAD.encode(json!({"alg": "ES384", "typ": "JWT", "kid": s.key.kid}).to_string());
    let (status, body) = with_token(&s.app, &parts.join(".")).await;
    assert_refused(status, &body, "ES384 header on an ES256 key");
}

#[tokio::test]
async fn service_and_anon_tokens_are_not_users() {
    let s = setup().await;
    for role in ["anon", "service_role", "postgres", "supabase_admin"] {
        let mut claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
        claims["role"] = json!(role);
        let (status, body) = with_token(&s.app, &s.key.sign(&claims)).await;
        assert_refused(status, &body, &format!("role {role}"));
    }
    let mut claims = user_claims(&s.jwks.issuer(), s.user, "budi@example.com");
    claims["sub"] = json!("not-a-uuid");
    let (status, body) = with_token(&s.app, &s.key.sign(&claims)).await;
    assert_refused(status, &body, "sub not a uuid");
}

#[tokio::test]
async fn keys_are_fetched_once_and_again_for_a_new_key_id_but_not_faster_than_the_floor() {
    let key = SigningKey::generate("first");
    let jwks = JwksServer::start(&[&key]).await;
    let floor = Duration::from_millis(1500);
    let policy = JwksPolicy { max_age: Duration::from_secs(600), refetch_floor: floor, ..JwksPolicy::default() };
    let app = TestApp::spawn_with_jwks_policy(&jwks.base_url, policy).await;
    let user = create_user(&app.db.pool, "budi@example.com", json!({})).await;
    let claims = user_claims(&jwks.issuer(), user, "budi@example.com");

    // Twenty requests at once with the same key: one fetch.
    let token = key.sign(&claims);
    let answers = futures_join(20, || with_token(&app, &token)).await;
    assert!(answers.iter().all(|(status, _)| *status == StatusCode::OK));
    assert_eq!(jwks.fetches(), 1, "the keys are cached");

    // The Auth server rotates to a new key. Right away, within the floor, the new key id
    // cannot force a fetch, however many tokens name it.
    let rotated = SigningKey::generate("second");
    jwks.publish(&rotated);
    let new_token = rotated.sign(&claims);
    for _ in 0..10 {
        let (status, body) = with_token(&app, &new_token).await;
        assert_refused(status, &body, "unknown kid within the floor");
    }
    assert_eq!(jwks.fetches(), 1, "no fetch within the floor");

    // After the floor, the unknown key id is looked up once and then served from the cache.
    tokio::time::sleep(floor + Duration::from_millis(200)).await;
    let answers = futures_join(10, || with_token(&app, &new_token)).await;
    assert!(answers.iter().all(|(status, _)| *status == StatusCode::OK), "{answers:?}");
    assert_eq!(jwks.fetches(), 2, "one fetch for the new key id");
    let (status, _) = with_token(&app, &token).await;
    assert_eq!(status, StatusCode::OK, "the old key still verifies while published");
    assert_eq!(jwks.fetches(), 2);

    // A key id nobody published, after the floor: one fetch, refused, and no more.
    tokio::time::sleep(floor + Duration::from_millis(200)).await;
    let stranger = SigningKey::generate("never-published");
    for _ in 0..5 {
        let (status, body) = with_token(&app, &stranger.sign(&claims)).await;
        assert_refused(status, &body, "never published");
    }
    assert_eq!(jwks.fetches(), 3);
}

#[tokio::test]
async fn unreachable_auth_keys_answer_503_not_a_guess() {
    // Nothing listens on this port (a socket bound and closed).
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let base = format!("http://127.0.0.1:{port}");
    let app = TestApp::spawn_with_auth(&base, None).await;
    let key = SigningKey::generate("k");
    let user = create_user(&app.db.pool, "budi@example.com", json!({})).await;
    let (status, body) = with_token(&app, &key.sign(&user_claims(&format!("{base}/auth/v1"), user, "b@e.com"))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"]["code"], "auth_unavailable");
    // Without a token the endpoint still says "sign in", not 503.
    let (status, _, _) = account(&app, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// Runs `n` copies of a request at once.
async fn futures_join<F, Fut>(n: usize, make: F) -> Vec<(StatusCode, Value)>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = (StatusCode, Value)>,
{
    futures::future::join_all((0..n).map(|_| make())).await
}

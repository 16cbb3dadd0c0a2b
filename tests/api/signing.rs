//! Keys and tokens for the token-verification tests: ES256 keys published by a small JWKS
//! endpoint on 127.0.0.1 (standing in for `<SUPABASE_URL>/auth/v1/.well-known/jwks.json`,
//! so a test can rotate keys and count fetches), and access tokens shaped exactly like
//! Supabase's (shared/LOCAL_STACK.md §2.5). The real local Auth server's tokens are tested
//! end to end in tests/auth.

use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc, Mutex,
};

use axum::{extract::State, routing::get, Json, Router};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::{elliptic_curve::sec1::ToEncodedPoint, pkcs8::EncodePrivateKey};
use serde_json::{json, Value};
use uuid::Uuid;

/// A P-256 key pair with its key id.
pub struct SigningKey {
    pub kid: String,
    secret: p256::SecretKey,
}

impl SigningKey {
    pub fn generate(kid: &str) -> SigningKey {
        SigningKey { kid: kid.to_owned(), secret: p256::SecretKey::random(&mut rand::rngs::OsRng) }
    }

    /// The public half as a JWK, as Supabase publishes it.
    pub fn jwk(&self) -> Value {
        let point = self.secret.public_key().to_encoded_point(false);
        json!({
            "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "key_ops": ["verify"], "kid": self.kid,
            "x": URL_SAFE_NO_PAD.encode(point.x().expect("x")),
            "y": URL_SAFE_NO_PAD.encode(point.y().expect("y")),
        })
    }

    /// `claims` signed with this key, `kid` in the header.
    pub fn sign(&self, claims: &Value) -> String {
        self.sign_with_header(Header { kid: Some(self.kid.clone()), ..Header::new(Algorithm::ES256) }, claims)
    }

    pub fn sign_with_header(&self, header: Header, claims: &Value) -> String {
        let der = self.secret.to_pkcs8_der().expect("PKCS#8");
        jsonwebtoken::encode(&header, claims, &EncodingKey::from_ec_der(der.as_bytes())).expect("sign")
    }
}

/// A JWKS endpoint whose keys a test controls, counting how often it is fetched.
pub struct JwksServer {
    pub base_url: String,
    keys: Arc<Mutex<Vec<Value>>>,
    fetches: Arc<AtomicUsize>,
}

#[derive(Clone)]
struct JwksState {
    keys: Arc<Mutex<Vec<Value>>>,
    fetches: Arc<AtomicUsize>,
}

impl JwksServer {
    pub async fn start(keys: &[&SigningKey]) -> JwksServer {
        let keys = Arc::new(Mutex::new(keys.iter().map(|k| k.jwk()).collect::<Vec<_>>()));
        let fetches = Arc::new(AtomicUsize::new(0));
        let state = JwksState { keys: keys.clone(), fetches: fetches.clone() };
        let app = Router::new()
            .route(
                "/auth/v1/.well-known/jwks.json",
                get(|State(state): State<JwksState>| async move {
                    state.fetches.fetch_add(1, Ordering::SeqCst);
                    let keys = state.keys.lock().expect("keys").clone();
                    Json(json!({ "keys": keys }))
                }),
            )
            .with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("addr"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        JwksServer { base_url, keys, fetches }
    }

    /// Publishes `key` too, as Supabase does when a standby key is created.
    pub fn publish(&self, key: &SigningKey) {
        self.keys.lock().expect("keys").push(key.jwk());
    }

    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    pub fn issuer(&self) -> String {
        format!("{}/auth/v1", self.base_url)
    }
}

/// The claims Supabase Auth puts in a user's access token, valid for an hour.
pub fn user_claims(issuer: &str, user: Uuid, email: &str) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({
        "iss": issuer,
        "sub": user,
        "aud": "authenticated",
        "exp": now + 3600,
        "iat": now,
        "email": email,
        "phone": "",
        "app_metadata": {"provider": "email", "providers": ["email"]},
        "user_metadata": {},
        "role": "authenticated",
        "aal": "aal1",
        "amr": [{"method": "password", "timestamp": now}],
        "session_id": Uuid::new_v4(),
        "is_anonymous": false,
    })
}

/// A user as Supabase Auth creates one: the `auth.users` row, whose insert trigger adds
/// the profile and the member role.
pub async fn create_user(pool: &sqlx::PgPool, email: &str, metadata: Value) -> Uuid {
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ($1, 'authenticated', 'authenticated', $2, '{\"provider\":\"email\",\"providers\":[\"email\"]}', $3, now(), now())",
    )
    .bind(id)
    .bind(email)
    .bind(metadata)
    .execute(pool)
    .await
    .expect("create a user");
    id
}

//! The whole local stack over a fresh test database, served on a real TCP port of
//! 127.0.0.1: the local Supabase Auth (`/auth/v1`), the shop API (`/api`) and the mailbox
//! (`/mailbox`), as `ruangpremium dev` mounts them, with `SUPABASE_URL` pointing at the
//! stack itself. Tests drive it over HTTP (reqwest, supabase-auth, or a browser).

use std::{net::SocketAddr, time::Duration};

use axum::Router;
use reqwest::{redirect::Policy, Method, RequestBuilder};
use ruangpremium::{
    auth::{self, AuthConfig, AuthState, RateLimits, SigningKey},
    mailbox, pg_url,
};
use serde_json::{json, Value};
use shop::{AppState, Config};
use sqlx::PgPool;
use tokio::net::TcpListener;

use crate::TestDb;

/// How the stack's Auth server is set up.
#[derive(Clone, Debug)]
pub struct StackOptions {
    /// New accounts confirm their address first (default: off, as `ruangpremium dev`).
    pub email_confirmations: bool,
    /// Default: GoTrue's per-address limits, and no per-IP limit (all tests share 127.0.0.1).
    pub rate_limits: RateLimits,
    /// Default: 10 s, as GoTrue.
    pub refresh_token_reuse_interval: Duration,
}

impl Default for StackOptions {
    fn default() -> StackOptions {
        StackOptions {
            email_confirmations: false,
            rate_limits: RateLimits::default().without_ip_limits(),
            refresh_token_reuse_interval: Duration::from_secs(10),
        }
    }
}

pub struct TestStack {
    pub db: TestDb,
    base_url: String,
    auth: AuthState,
    http: reqwest::Client,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestStack {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl TestStack {
    pub async fn spawn() -> TestStack {
        TestStack::spawn_with(StackOptions::default()).await
    }

    pub async fn spawn_with(options: StackOptions) -> TestStack {
        let db = TestDb::new().await;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let addr = listener.local_addr().expect("the port");
        let base_url = format!("http://127.0.0.1:{}", addr.port());

        let auth_config = auth_config(&base_url, &options);
        let auth_url = pg_url::with_user(&db.url, "supabase_auth_admin").expect("auth URL");
        let auth = AuthState::connect(&auth_url, auth_config).await.expect("the Auth server connects");
        let shop = AppState::connect(shop_config(&db.url, &base_url)).await.expect("the API connects");
        let app: Router =
            shop::api_router(shop).merge(auth::router(auth.clone())).merge(mailbox::router(auth.pool.clone()));
        let server = tokio::spawn(async move {
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            if let Err(err) = axum::serve(listener, service).await {
                eprintln!("the test stack stopped: {err}");
            }
        });
        let http = reqwest::Client::builder()
            .redirect(Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("an HTTP client");
        TestStack { db, base_url, auth, http, server }
    }

    /// `http://127.0.0.1:<port>`: `SUPABASE_URL` of everything in the stack.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `<base_url>/auth/v1`: the Auth API and the tokens' issuer.
    pub fn auth_url(&self) -> String {
        format!("{}/auth/v1", self.base_url)
    }

    /// The publishable key requests must carry.
    pub fn anon_key(&self) -> &str {
        &self.auth.config.anon_key
    }

    pub fn config(&self) -> &AuthConfig {
        &self.auth.config
    }

    /// The key id of the stack's signing key.
    pub fn kid(&self) -> &str {
        self.auth.config.signing_key.kid()
    }

    /// A JWT over any claims, signed ES256 with the stack's key and kid.
    pub fn sign_es256(&self, claims: &Value) -> String {
        self.auth.config.signing_key.sign(claims).expect("sign")
    }

    /// The database as `postgres` (RLS does not apply), to arrange and inspect rows.
    pub fn pool(&self) -> &PgPool {
        &self.db.pool
    }

    /// A client that does not follow redirects.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// `method <base_url><path>` with the publishable key.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, format!("{}{path}", self.base_url)).header("apikey", self.anon_key())
    }

    /// Sends and returns the status and the JSON body (`null` when empty or not JSON).
    pub async fn send(&self, request: RequestBuilder) -> (reqwest::StatusCode, Value) {
        let response = request.send().await.expect("the stack answers");
        let status = response.status();
        let text = response.text().await.expect("a body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// `POST /auth/v1/signup`.
    pub async fn sign_up(&self, email: &str, password: &str, data: Value) -> (reqwest::StatusCode, Value) {
        let body = json!({"email": email, "password": password, "data": data});
        self.send(self.request(Method::POST, "/auth/v1/signup").json(&body)).await
    }

    /// `POST /auth/v1/token?grant_type=password`.
    pub async fn sign_in(&self, email: &str, password: &str) -> (reqwest::StatusCode, Value) {
        let body = json!({"email": email, "password": password});
        self.send(self.request(Method::POST, "/auth/v1/token?grant_type=password").json(&body)).await
    }

    /// A new confirmed account and its first session (panics unless the sign-up works).
    pub async fn signed_up(&self, email: &str, password: &str) -> Value {
        let (status, session) = self.sign_up(email, password, json!({})).await;
        assert_eq!(status, 200, "sign-up of {email}: {session}");
        assert!(session["access_token"].is_string(), "no session (are confirmations on?): {session}");
        session
    }

    /// `GET /auth/v1/user` with a bearer token.
    pub async fn get_user(&self, access_token: &str) -> (reqwest::StatusCode, Value) {
        self.send(self.request(Method::GET, "/auth/v1/user").bearer_auth(access_token)).await
    }

    /// `POST /auth/v1/token?grant_type=refresh_token`.
    pub async fn refresh(&self, refresh_token: &str) -> (reqwest::StatusCode, Value) {
        let body = json!({"refresh_token": refresh_token});
        self.send(self.request(Method::POST, "/auth/v1/token?grant_type=refresh_token").json(&body)).await
    }

    /// The mailbox's messages to `to`, newest first (`GET /mailbox/messages?to=`).
    pub async fn mailbox(&self, to: &str) -> Vec<Value> {
        let response = self
            .http
            .get(format!("{}/mailbox/messages", self.base_url))
            .query(&[("to", to)])
            .send()
            .await
            .expect("the mailbox answers");
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.expect("JSON");
        body["messages"].as_array().cloned().unwrap_or_default()
    }

    /// Waits (up to 10 s) until `to` has at least `count` messages; returns them newest first.
    pub async fn wait_for_mail(&self, to: &str, count: usize) -> Vec<Value> {
        for _ in 0..200 {
            let messages = self.mailbox(to).await;
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no {count} mail(s) for {to} within 10 s");
    }
}

fn auth_config(base_url: &str, options: &StackOptions) -> AuthConfig {
    let (key, kid) = SigningKey::generate().expect("a signing key");
    let anon_key = auth::keys::generate_anon_key();
    let mut config = AuthConfig::from_lookup(base_url, |name| match name {
        auth::keys::SIGNING_KEY_VAR => Some(key.clone()),
        auth::keys::KEY_ID_VAR => Some(kid.clone()),
        auth::keys::ANON_KEY_VAR => Some(anon_key.clone()),
        // Fast hashes for tests; real runs keep GoTrue's cost 10.
        "AUTH_BCRYPT_COST" => Some("4".to_owned()),
        _ => None,
    })
    .expect("the Auth test configuration");
    config.email_confirmations = options.email_confirmations;
    config.rate_limits = options.rate_limits.clone();
    config.refresh_token_reuse_interval = options.refresh_token_reuse_interval;
    config
}

fn shop_config(database_url: &str, base_url: &str) -> Config {
    let mut config = crate::test_config(database_url).expect("the API test configuration");
    config.database_pool_size = 4;
    config.supabase_url = base_url.to_owned();
    config
}

//! The integration-test harness: a real Postgres with the real migrations, RLS and roles,
//! and one fresh database per test, cloned from a migrated template (about 30 ms each).
//!
//! The cluster is the one named by `RP_TEST_ADMIN_URL` (a superuser URL to its `postgres`
//! database; the test command passes the local stack's), or else a private one in `target/test-pg` that is started on
//! first use and kept running between runs.

use std::{
    path::PathBuf,
    sync::OnceLock,
    time::{SystemTime, UNIX_EPOCH},
};

use anyhow::Context;
use axum::{body::Body, http::Request, Router};
use http_body_util::BodyExt;
use ruangpremium::{cluster::Cluster, migrate, pg_url};
use serde_json::Value;
use shop::{crypto::Keyring, AppState, Config};
use sqlx::{Connection, Executor, PgConnection, PgPool};
use tower::ServiceExt;

pub use axum::http::StatusCode;

pub mod stack;
pub mod tokopay;
pub use stack::{StackOptions, TestStack};

struct Template {
    /// Superuser URL to the maintenance database `postgres`.
    admin_url: String,
    name: String,
}

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        // Set up on a runtime of its own: each test has its own runtime, and a connection
        // must not outlive the runtime that made it.
        std::thread::spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(prepare_template())
        })
        .join()
        .expect("template thread")
        .unwrap_or_else(|err| panic!("cannot prepare the test database: {err:#}"))
    })
}

async fn prepare_template() -> anyhow::Result<Template> {
    let project = migrate::project_dir();
    let admin_url = match std::env::var("RP_TEST_ADMIN_URL") {
        Ok(url) => url,
        Err(_) => {
            let root = project.join("target/test-pg");
            let cluster = Cluster::start_or_reuse(&root, test_port(&root)?)?;
            cluster.url(ruangpremium::cluster::SUPERUSER, "postgres")
        }
    };

    // The template is named after the schema's source, so a changed migration makes a new one.
    let mut digest = 0xcbf29ce484222325u64;
    let mut files = migrate::sql_files(&project.join("sql/local"))?;
    files.extend(migrate::sql_files(&project.join("supabase/migrations"))?);
    for file in files {
        for byte in std::fs::read(&file)?.iter().chain(file.file_name().unwrap_or_default().as_encoded_bytes()) {
            digest = (digest ^ u64::from(*byte)).wrapping_mul(0x100000001b3);
        }
    }
    let name = format!("rp_tpl_{digest:016x}");

    let mut admin = PgConnection::connect(&admin_url).await?;
    admin.execute("select pg_advisory_lock(7263510982)").await?;
    let exists: bool = sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
        .bind(&name)
        .fetch_one(&mut admin)
        .await?;
    if !exists {
        admin.execute(format!("create database {name}").as_str()).await?;
        let built = migrate::prepare_database(&pg_url::with_database(&admin_url, &name)?, &project).await;
        if let Err(err) = built {
            admin.execute(format!("drop database {name}").as_str()).await?;
            return Err(err);
        }
    }
    // Databases of runs more than an hour old.
    let stale: Vec<String> = sqlx::query_scalar("select datname from pg_database where datname like 'rp_t\\_%'")
        .fetch_all(&mut admin)
        .await?;
    let now = unix_now();
    for db in stale {
        let started = db.split('_').nth(2).and_then(|ts| ts.parse::<u64>().ok()).unwrap_or(now);
        if now.saturating_sub(started) > 3600 {
            admin.execute(format!("drop database if exists {db} with (force)").as_str()).await?;
        }
    }
    admin.execute("select pg_advisory_unlock(7263510982)").await?;
    admin.close().await?;
    Ok(Template { admin_url, name })
}

/// The port of the private test cluster, chosen once and remembered beside it.
fn test_port(root: &std::path::Path) -> anyhow::Result<u16> {
    let file = root.join("port");
    if let Some(port) = std::fs::read_to_string(&file).ok().and_then(|p| p.trim().parse().ok()) {
        return Ok(port);
    }
    std::fs::create_dir_all(root)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    std::fs::write(&file, port.to_string())?;
    Ok(port)
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// A database of its own for one test, with the schema and no data.
pub struct TestDb {
    /// As the `postgres` role, which the API uses.
    pub url: String,
    /// For arranging and inspecting rows; as `postgres`, so RLS does not apply.
    pub pool: PgPool,
}

impl TestDb {
    pub async fn new() -> TestDb {
        let template = template();
        let name = format!("rp_t_{}_{}", unix_now(), uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&template.admin_url).await.expect("connect as admin");
        admin
            .execute(format!("create database {name} template {} owner postgres", template.name).as_str())
            .await
            .expect("create the test database");
        admin.close().await.ok();
        let url = pg_url::with_database(&template.admin_url, &name)
            .and_then(|url| pg_url::with_user(&url, "postgres"))
            .expect("the admin URL is a valid URL");
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .connect(&url)
            .await
            .expect("connect to the test database");
        TestDb { url, pool }
    }
}

/// The API router over a fresh database, driven in process.
pub struct TestApp {
    pub db: TestDb,
    pub router: Router,
    pub config: Config,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let db = TestDb::new().await;
        let config = test_config(&db.url).expect("test config");
        // As on Lambda behind Supabase's transaction pooler: no prepared statements.
        let api_db = shop::db::Db::connect(&db.url, 4, config.database_prepared_statements)
            .await
            .expect("connect the API to the test database");
        let state = AppState::new(api_db, config.clone());
        TestApp { router: shop::api_router(state), db, config }
    }

    /// GETs `path` and returns the status and the JSON body.
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.get_in(path, None).await
    }

    /// GETs `path` with an `Accept-Language` header.
    pub async fn get_in(&self, path: &str, accept_language: Option<&str>) -> (StatusCode, Value) {
        let mut request = Request::get(path);
        if let Some(lang) = accept_language {
            request = request.header("accept-language", lang);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("the router answers");
        let status = response.status();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        let body = serde_json::from_slice(&bytes)
            .with_context(|| format!("{path} answered {status} with non-JSON: {}", String::from_utf8_lossy(&bytes)))
            .expect("JSON body");
        (status, body)
    }
}

impl TestApp {
    /// The API over a fresh database, with `SUPABASE_URL` (and the legacy JWT secret) set so
    /// that it verifies access tokens against that Auth server.
    pub async fn spawn_with_auth(supabase_url: &str, jwt_secret: Option<&str>) -> TestApp {
        let db = TestDb::new().await;
        let mut config = test_config(&db.url).expect("test config");
        config.supabase_url = supabase_url.trim_end_matches('/').to_owned();
        config.supabase_jwt_secret = jwt_secret.map(|s| shop::config::Secret(s.to_owned()));
        let api_db = shop::db::Db::connect(&db.url, 4, config.database_prepared_statements)
            .await
            .expect("connect the API to the test database");
        let state = AppState::new(api_db, config.clone());
        TestApp { router: shop::api_router(state), db, config }
    }

    /// Like [`TestApp::spawn_with_auth`], with the verifier's JWKS cache policy chosen by the test.
    pub async fn spawn_with_jwks_policy(supabase_url: &str, policy: shop::auth::JwksPolicy) -> TestApp {
        let db = TestDb::new().await;
        let mut config = test_config(&db.url).expect("test config");
        config.supabase_url = supabase_url.trim_end_matches('/').to_owned();
        let api_db = shop::db::Db::connect(&db.url, 4, config.database_prepared_statements)
            .await
            .expect("connect the API to the test database");
        let mut state = AppState::new(api_db, config.clone());
        state.verifier = std::sync::Arc::new(shop::auth::TokenVerifier::new(&config.supabase_url, None, policy));
        TestApp { router: shop::api_router(state), db, config }
    }

    /// Sends any request and returns the status, the headers and the JSON body (`null` when
    /// the body is empty).
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
        let path = request.uri().to_string();
        let response = self.router.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .with_context(|| format!("{path} answered {status} with non-JSON: {}", String::from_utf8_lossy(&bytes)))
                .expect("JSON body")
        };
        (status, headers, body)
    }
}

/// A response as it came, for answers that may not be JSON.
#[derive(Debug)]
pub struct RawResponse {
    pub status: StatusCode,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

impl TestApp {
    /// Sends `method path` with an empty body and returns the response as it came, without
    /// requiring JSON.
    pub async fn raw(&self, method: &str, path: &str) -> RawResponse {
        let request = Request::builder().method(method).uri(path).body(Body::empty()).expect("request");
        let response = self.router.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let content_type =
            response.headers().get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
        RawResponse { status, content_type, body }
    }
}

pub fn test_config(database_url: &str) -> anyhow::Result<Config> {
    let keys = Keyring::generate_entry("test1");
    let fingerprint = shop::crypto::FingerprintKey::generate();
    let url = database_url.to_owned();
    Config::from_lookup(move |name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "ENCRYPTION_KEYS" => Some(keys.clone()),
        "FINGERPRINT_KEY" => Some(fingerprint.clone()),
        // No Auth server answers here; tests that sign people in start a `TestStack`.
        "SUPABASE_URL" => Some("http://127.0.0.1:9".to_owned()),
        // Nor a Tokopay; tests that pay start the simulator (tests/api/checkout).
        "TOKOPAY_BASE_URL" => Some("http://127.0.0.1:9".to_owned()),
        "TOKOPAY_MERCHANT_ID" => Some("M261126TESTSHOP1".to_owned()),
        "TOKOPAY_SECRET" => Some("0f".repeat(32)),
        _ => None,
    })
}

/// The repository root.
pub fn project_dir() -> PathBuf {
    migrate::project_dir()
}

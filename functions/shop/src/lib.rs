//! RuangPremium's domain logic and HTTP routers, organised by feature. Every binary (the
//! Lambda functions and the local `ruangpremium`) mounts these same routers at the same
//! paths, so what the tests exercise is what production runs.

pub mod account;
pub mod app;
pub mod auth;
pub mod backoff;
pub mod catalog;
pub mod checkout;
pub mod config;
pub mod crypto;
pub mod db;
pub mod error;
pub mod fulfillment;
pub mod lang;
pub mod notify;
pub mod orders;
pub mod payments;
pub mod tokopay;

use std::sync::Arc;

pub use app::{api_router, openapi};
pub use config::Config;

/// What every handler may use, built once per process (once per Lambda cold start).
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    pub config: Arc<Config>,
    /// Checks access tokens; its cache of the Auth server's keys lives as long as the
    /// process (a warm Lambda reuses it).
    pub verifier: Arc<auth::TokenVerifier>,
    /// The payment gateway's client (its connection pool lives as long as the process).
    pub tokopay: tokopay::TokopayClient,
}

impl AppState {
    pub async fn connect(config: Config) -> anyhow::Result<AppState> {
        let db = db::Db::connect(
            config.database_url.expose(),
            config.database_pool_size,
            config.database_prepared_statements,
        )
        .await?;
        Ok(AppState::new(db, config))
    }

    /// The state over an existing pool.
    pub fn new(db: db::Db, config: Config) -> AppState {
        let verifier = auth::TokenVerifier::new(
            &config.supabase_url,
            config.supabase_jwt_secret.as_ref().map(config::Secret::expose),
            auth::JwksPolicy::default(),
        );
        let tokopay = tokopay::TokopayClient::new(config.tokopay.clone());
        AppState { db, config: Arc::new(config), verifier: Arc::new(verifier), tokopay }
    }
}

/// Logs to stderr as one line per event, filtered by `RUST_LOG` (default `info`). Never
/// log a secret: configuration and keys print as `***`.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

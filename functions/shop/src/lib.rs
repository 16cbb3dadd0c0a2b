//! RuangPremium's domain logic and HTTP routers, organised by feature. Every binary (the
//! Lambda functions and the local `ruangpremium`) mounts these same routers at the same
//! paths, so what the tests exercise is what production runs.

pub mod app;
pub mod catalog;
pub mod config;
pub mod crypto;
pub mod db;
pub mod error;
pub mod lang;

use std::sync::Arc;

pub use app::{api_router, openapi};
pub use config::Config;

/// What every handler may use, built once per process (once per Lambda cold start).
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    pub config: Arc<Config>,
}

impl AppState {
    pub async fn connect(config: Config) -> anyhow::Result<AppState> {
        let db = db::Db::connect(
            config.database_url.expose(),
            config.database_pool_size,
            config.database_prepared_statements,
        )
        .await?;
        Ok(AppState { db, config: Arc::new(config) })
    }
}

/// Logs to stderr as one line per event, filtered by `RUST_LOG` (default `info`). Never
/// log a secret: configuration and keys print as `***`.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

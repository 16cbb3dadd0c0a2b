//! `ruangpremium dev`: start everything, print where it is, stop cleanly on Ctrl-C.

use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context;
use shop::{AppState, Config};
use tokio::net::TcpListener;

use crate::{cluster::Cluster, migrate, pg_url, secrets, seed, site};

pub struct DevOptions {
    pub port: u16,
    pub db_port: u16,
    pub data_dir: PathBuf,
    pub web_dir: PathBuf,
    /// An existing Postgres to use instead of the private cluster.
    pub database_url: Option<String>,
}

pub async fn run(options: DevOptions) -> anyhow::Result<()> {
    let project = migrate::project_dir();
    let addr = SocketAddr::from(([127, 0, 0, 1], options.port));
    // Claim the shop's port first: failing after Postgres started would be slower and noisier.
    let listener = TcpListener::bind(addr).await.map_err(|_| {
        anyhow::anyhow!("port {} is already in use: stop what uses it, or choose another with --port", options.port)
    })?;
    std::fs::create_dir_all(&options.data_dir)
        .with_context(|| format!("cannot create {}", options.data_dir.display()))?;

    let (cluster, db_url, shown_url) = match &options.database_url {
        Some(url) => (None, url.clone(), pg_url::redact_password(url)),
        None => {
            let cluster = Cluster::start(&options.data_dir, options.db_port)?;
            let url = cluster.url(crate::cluster::SUPERUSER, "postgres");
            let shown = cluster.tcp_url("postgres", "postgres");
            (Some(cluster), url, shown)
        }
    };
    let result = serve(&options, &project, listener, &db_url, &shown_url).await;
    if let Some(cluster) = cluster {
        cluster.stop()?;
        println!("Postgres stopped.");
    }
    result
}

async fn serve(
    options: &DevOptions,
    project: &std::path::Path,
    listener: TcpListener,
    db_url: &str,
    shown_db_url: &str,
) -> anyhow::Result<()> {
    let (app_url, applied) = migrate::prepare_database(db_url, project).await?;
    let app_url = app_url.as_str();
    let public_url = format!("http://localhost:{}", options.port);
    let config = local_config(app_url, &public_url, &options.data_dir)?;
    let fresh = applied.len() == migrate::read_migrations(project)?.len();
    if fresh {
        let summary = seed::seed(app_url, project, &config).await?;
        println!(
            "Demo data added: the catalog, {} stock items and {} provider accounts (encrypted).",
            summary.stock_items, summary.provider_accounts
        );
    }

    let web_dist = absolute(&options.web_dir);
    if !web_dist.join("index.html").exists() {
        println!("Note: {} has no built site; run `npm run build` in web/ (scripts/dev does it).", web_dist.display());
    }
    let state = AppState::connect(config).await?;
    let app = shop::api_router(state)
        .merge(site::router(&web_dist, site::SiteConfig { public_url: public_url.clone() }))
        .layer(tower_http::trace::TraceLayer::new_for_http());

    println!();
    println!("RuangPremium is running.");
    println!("  Shop       {public_url}");
    println!("  API        {public_url}/api   (OpenAPI: {public_url}/api/openapi.json)");
    println!("  Database   {shown_db_url}   (psql \"{shown_db_url}\")");
    println!("  Data       {}", options.data_dir.display());
    println!("Press Ctrl-C to stop.");

    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await.context("the server failed")?;
    println!("\nStopping…");
    Ok(())
}

/// The configuration of a local run: the given database, then the environment, then the
/// secrets generated for this data directory.
pub fn local_config(database_url: &str, public_url: &str, data_dir: &std::path::Path) -> anyhow::Result<Config> {
    std::fs::create_dir_all(data_dir)?;
    let secrets = secrets::load_or_create(data_dir)?;
    Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(database_url.to_owned()),
        // The local Supabase Auth is served by this same server.
        "SUPABASE_URL" => Some(public_url.to_owned()),
        // A direct connection to our own cluster keeps prepared statements.
        "DATABASE_PREPARED_STATEMENTS" => Some(std::env::var(name).unwrap_or_else(|_| "true".into())),
        _ => std::env::var(name).ok().or_else(|| secrets.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())),
    })
}

fn absolute(path: &std::path::Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

//! `ruangpremium dev`: start everything, print where it is, stop cleanly on Ctrl-C.

use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context;
use shop::{AppState, Config};
use tokio::net::TcpListener;

use crate::{
    auth::{self, AuthConfig, AuthState},
    cluster::Cluster,
    mailbox, migrate, pg_url, secrets, seed, site,
    smtp_sink::SmtpSink,
    tokopay_sim::{SimConfig, Simulator},
    whatsapp_sim,
};

/// How often the local stack runs the fulfillment sweep (a scheduler runs the
/// `fulfillment-sweep` function in production, about once a minute).
const SWEEP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

pub struct DevOptions {
    pub port: u16,
    pub db_port: u16,
    pub data_dir: PathBuf,
    pub web_dir: PathBuf,
    /// An existing Postgres to use instead of the private cluster.
    pub database_url: Option<String>,
    /// New accounts confirm their address by mail before they can sign in (otherwise they
    /// are confirmed at sign-up, as with the Supabase CLI). Also `AUTH_EMAIL_CONFIRMATIONS`.
    pub email_confirmations: bool,
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
    // The Auth server connects as GoTrue does, as supabase_auth_admin; with a database of
    // one's own, as the URL given.
    let auth_url = match &options.database_url {
        Some(url) => url.clone(),
        None => pg_url::with_user(&db_url, "supabase_auth_admin")?,
    };
    let urls = DatabaseUrls { admin: &db_url, auth: &auth_url, shown: &shown_url };
    let result = serve(&options, &project, listener, urls).await;
    if let Some(cluster) = cluster {
        cluster.stop()?;
        println!("Postgres stopped.");
    }
    result
}

struct DatabaseUrls<'a> {
    /// Where migrations run from (a superuser on our own cluster).
    admin: &'a str,
    /// The Auth server's (supabase_auth_admin on our own cluster).
    auth: &'a str,
    /// For people: no password.
    shown: &'a str,
}

async fn serve(
    options: &DevOptions,
    project: &std::path::Path,
    listener: TcpListener,
    urls: DatabaseUrls<'_>,
) -> anyhow::Result<()> {
    let shown_db_url = urls.shown;
    let (app_url, applied) = migrate::prepare_database(urls.admin, project).await?;
    let app_url = app_url.as_str();
    let public_url = format!("http://localhost:{}", options.port);
    // The shop's emails go to this receiver (and on to the mailbox) over real SMTP.
    let smtp_sink = SmtpSink::bind().await.context("cannot open the local SMTP receiver")?;
    let config = local_config_with(app_url, &public_url, &options.data_dir, Some(smtp_sink.port()))?;
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
    let auth_config = local_auth_config(&public_url, &options.data_dir, options.email_confirmations)?;
    let anon_key = auth_config.anon_key.clone();
    let confirmations = auth_config.email_confirmations;
    let auth_state = AuthState::connect(urls.auth, auth_config).await?;
    smtp_sink.serve(auth_state.pool.clone());
    let whatsapp_token =
        env_then_secrets(&secrets::load_or_create(&options.data_dir)?, "WHATSAPP_GATEWAY_TOKEN").unwrap_or_default();
    let simulator = Simulator::new(SimConfig::new(
        &config.tokopay.merchant_id,
        config.tokopay.secret.expose(),
        &public_url,
        &format!("{}{}", loopback_url(options.port), shop::payments::WEBHOOK_PATH),
    ));
    let simulated = config.tokopay.base_url == simulator_base(options.port);
    let state = AppState::connect(config).await?;
    tokio::spawn(run_sweeps(state.clone()));
    let app = shop::api_router(state.clone())
        .merge(shop::payments::webhook_router(state))
        .merge(simulator.router())
        .merge(auth::router(auth_state.clone()))
        .merge(mailbox::router(auth_state.pool.clone()))
        .merge(whatsapp_sim::router(auth_state.pool.clone(), whatsapp_token))
        .merge(site::router(&web_dist, site::SiteConfig { public_url: public_url.clone(), anon_key }))
        .layer(tower_http::trace::TraceLayer::new_for_http());

    println!();
    println!("RuangPremium is running.");
    println!("  Shop       {public_url}");
    println!("  API        {public_url}/api   (OpenAPI: {public_url}/api/openapi.json)");
    println!(
        "  Auth       {public_url}/auth/v1   (email confirmations {})",
        if confirmations { "on" } else { "off: new accounts are confirmed at once" }
    );
    println!("  Mailbox    {public_url}/mailbox   (every email and WhatsApp message the shop sends, kept here)");
    if simulated {
        println!(
            "  Tokopay    {public_url}/tokopay-sim   (simulator: invoices are paid on their page, no money moves)"
        );
    } else {
        println!("  Tokopay    TOKOPAY_BASE_URL from the environment (the simulator still answers at /tokopay-sim)");
    }
    println!("  Database   {shown_db_url}   (psql \"{shown_db_url}\")");
    println!("  Data       {}", options.data_dir.display());
    println!("Demo accounts (email / password):");
    for account in seed::DEMO_ACCOUNTS {
        println!("  {} / {}   ({})", account.email, account.password, account.role.unwrap_or("member"));
    }
    println!("Press Ctrl-C to stop.");

    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server failed")?;
    println!("\nStopping…");
    Ok(())
}

/// The configuration of a local run: the given database, then the environment, then the
/// secrets generated for this data directory.
pub fn local_config(database_url: &str, public_url: &str, data_dir: &std::path::Path) -> anyhow::Result<Config> {
    local_config_with(database_url, public_url, data_dir, None)
}

/// [`local_config`], with the shop's email going to the local SMTP receiver on `smtp_port`
/// (unless the environment sets `SMTP_URL`) and its WhatsApp messages to the gateway
/// simulator of this server (unless it sets `WHATSAPP_GATEWAY_URL`).
pub fn local_config_with(
    database_url: &str,
    public_url: &str,
    data_dir: &std::path::Path,
    smtp_port: Option<u16>,
) -> anyhow::Result<Config> {
    std::fs::create_dir_all(data_dir)?;
    let secrets = secrets::load_or_create(data_dir)?;
    Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(database_url.to_owned()),
        // The local Supabase Auth is served by this same server.
        "SUPABASE_URL" => Some(public_url.to_owned()),
        // A direct connection to our own cluster keeps prepared statements.
        "DATABASE_PREPARED_STATEMENTS" => Some(std::env::var(name).unwrap_or_else(|_| "true".into())),
        // Payments go to the simulator this server runs, unless the environment says otherwise.
        "TOKOPAY_BASE_URL" => Some(std::env::var(name).unwrap_or_else(|_| simulator_base(port_of(public_url)))),
        // Notifications: through the production code path to the local stand-ins, which
        // put every message in the mailbox.
        "SMTP_URL" => std::env::var(name).ok().or_else(|| smtp_port.map(|port| format!("smtp://127.0.0.1:{port}"))),
        "MAIL_FROM" => Some(std::env::var(name).unwrap_or_else(|_| "RuangPremium <noreply@ruangpremium.local>".into())),
        "WHATSAPP_GATEWAY_URL" => Some(
            std::env::var(name)
                .unwrap_or_else(|_| format!("{}{}", loopback_url(port_of(public_url)), whatsapp_sim::SEND_PATH)),
        ),
        "SHOP_PUBLIC_URL" => Some(std::env::var(name).unwrap_or_else(|_| public_url.to_owned())),
        "ADMIN_EMAIL" => Some(std::env::var(name).unwrap_or_else(|_| "admin@ruangpremium.local".into())),
        "ADMIN_WHATSAPP" => Some(std::env::var(name).unwrap_or_else(|_| "+6281100000000".into())),
        _ => env_then_secrets(&secrets, name),
    })
}

/// The local Auth server's configuration: the environment (`AUTH_*`, see
/// `auth::AuthConfig`), then the signing and publishable keys of this data directory.
/// `email_confirmations` (the `--email-confirmations` flag) switches confirmations on.
pub fn local_auth_config(
    public_url: &str,
    data_dir: &std::path::Path,
    email_confirmations: bool,
) -> anyhow::Result<AuthConfig> {
    std::fs::create_dir_all(data_dir)?;
    let secrets = secrets::load_or_create(data_dir)?;
    AuthConfig::from_lookup(public_url, |name| match name {
        "AUTH_EMAIL_CONFIRMATIONS" if email_confirmations => Some("true".to_owned()),
        _ => env_then_secrets(&secrets, name),
    })
}

fn loopback_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}

fn simulator_base(port: u16) -> String {
    format!("{}/tokopay-sim", loopback_url(port))
}

fn port_of(public_url: &str) -> u16 {
    public_url.rsplit(':').next().and_then(|p| p.trim_end_matches('/').parse().ok()).unwrap_or(80)
}

/// Runs the fulfillment sweep every few seconds for as long as the server runs: the same
/// code as the `fulfillment-sweep` function (expiry, reconciliation, due jobs, lease
/// recovery, notifications). Paid orders are normally delivered by the webhook already.
async fn run_sweeps(state: AppState) {
    let options = shop::fulfillment::SweepOptions {
        budget: std::time::Duration::from_secs(20),
        ..shop::fulfillment::SweepOptions::default()
    };
    let mut ticks = tokio::time::interval(SWEEP_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let report = shop::fulfillment::sweep(&state, &options).await;
        if report.jobs.claimed > 0 || report.payments_confirmed > 0 || report.leases_recovered > 0 {
            tracing::info!(?report, "sweep");
        }
    }
}

fn env_then_secrets(secrets: &[(String, String)], name: &str) -> Option<String> {
    std::env::var(name).ok().or_else(|| secrets.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
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

//! `ruangpremium`: run the whole shop locally (`dev`), or migrate any database (`migrate`).

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use ruangpremium::{admin, dev, migrate};

#[derive(Parser)]
#[command(name = "ruangpremium", version, about = "RuangPremium: the digital-product shop, on one machine")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start Postgres, apply the migrations, add demo data on first start, and serve the
    /// shop, the API and the site on one port.
    Dev {
        /// The shop's port.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The private Postgres cluster's TCP port (on 127.0.0.1), for psql.
        #[arg(long, default_value_t = 54322)]
        db_port: u16,
        /// Where the cluster, its socket and the local secrets live [default: .local/dev in
        /// the project].
        #[arg(long)]
        data_dir: Option<PathBuf>,
        /// The built site [default: web/dist in the project; `npm run build` in web/].
        #[arg(long)]
        web_dir: Option<PathBuf>,
        /// Use this Postgres instead of starting a private cluster.
        #[arg(long, env = "DATABASE_URL")]
        database_url: Option<String>,
        /// New accounts must confirm their email (the link lands in /mailbox) before they
        /// can sign in; by default they are confirmed at sign-up.
        #[arg(long, env = "AUTH_EMAIL_CONFIRMATIONS")]
        email_confirmations: bool,
    },
    /// Apply `sql/local/` (when connected as a superuser) and the pending migrations to a
    /// database, as `supabase db push` would.
    Migrate {
        #[arg(long, env = "DATABASE_URL")]
        database_url: String,
    },
    /// Grant, revoke or show a user's roles (member, reseller, admin), by email. Takes
    /// effect on the user's next request.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
        /// The database [default: the local shop's, while `ruangpremium dev` runs].
        #[arg(
            long,
            env = "DATABASE_URL",
            default_value = "postgresql://postgres@127.0.0.1:54322/postgres",
            global = true,
            hide_default_value = true
        )]
        database_url: String,
    },
    /// Benchmark the shop on a private Postgres, with the API served in this process on
    /// loopback: `bench [catalog]`, `bench checkout`, `bench queue` or `bench all`. Prints figures beside
    /// the goals of shared/QUALITY_GOALS.md and asserts nothing; build with --release for
    /// meaningful numbers. Needs pgbench, and wrk for the catalog.
    Bench {
        /// What to measure.
        #[arg(value_enum, default_value_t = BenchSuite::Catalog)]
        suite: BenchSuite,
        /// Seconds per measurement.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Concurrent connections of the load generator: wrk's (catalog), the closed loop's
        /// clients (checkout).
        #[arg(long, default_value_t = 16)]
        connections: u32,
        /// Checkout: orders per second placed and paid when measuring paid webhook → paid.
        #[arg(long, default_value_t = 100.0)]
        paid_rate: f64,
        /// Checkout: the Tokopay simulator's latency on every create and status call, in ms.
        #[arg(long, default_value_t = 5)]
        tokopay_latency_ms: u64,
        /// Checkout: available stock items of the product at the start of each measurement
        /// (the reservation and the availability count scale with it).
        #[arg(long, default_value_t = 20_000)]
        stock: i64,
        /// SQL to run on the benchmark's database after the migrations, to try a schema
        /// change (an index…) before writing its migration.
        #[arg(long, value_name = "FILE")]
        setup_sql: Option<PathBuf>,
        /// Queue: no-op jobs per single-claim run; the batched runs take 5 times as many.
        #[arg(long, default_value_t = 20_000)]
        jobs: u64,
        /// Queue: concurrent workers, and pgbench's clients for the SQL ceiling.
        #[arg(long, default_value_t = 8)]
        workers: u32,
        /// Queue: an idle worker's pause between two polls, in ms [default: the runner's
        /// IDLE_PAUSE, 200].
        #[arg(long)]
        poll_ms: Option<u64>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum BenchSuite {
    /// The catalog read API (P2): product by slug and a 20-item listing, wrk for the
    /// maximum rate, an open loop at half of it, and the same SQL in pgbench.
    Catalog,
    /// Checkout (P3): POST /api/orders against the Tokopay simulator (closed loop for the
    /// maximum rate, open loop at half of it), paid webhook → order paid at --paid-rate,
    /// and the order's transaction in pgbench.
    Checkout,
    /// The fulfillment queue (P4, P3): no-op jobs per second claimed one at a time and in
    /// batches of 50 beside the same SQL in pgbench, enqueue → start while polling, and
    /// paid → delivered for STOCK orders at --paid-rate.
    Queue,
    /// All of them, one after the other.
    All,
}

#[derive(Subcommand)]
enum AdminAction {
    /// Give the user a role: `ruangpremium admin grant budi@example.com admin`.
    Grant { email: String, role: String },
    /// Take a role away: `ruangpremium admin revoke budi@example.com reseller`.
    Revoke { email: String, role: String },
    /// Show the user's roles.
    Roles { email: String },
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if matches!(cli.command, Command::Bench { .. }) && std::env::var_os("RUST_LOG").is_none() {
        // A benchmark prints figures; a log line per request would drown them (and cost CPU).
        std::env::set_var("RUST_LOG", "warn");
    }
    shop::init_tracing();
    let result = match cli.command {
        Command::Dev { port, db_port, data_dir, web_dir, database_url, email_confirmations } => {
            let project = migrate::project_dir();
            dev::run(dev::DevOptions {
                port,
                db_port,
                data_dir: data_dir.unwrap_or_else(|| project.join(".local/dev")),
                web_dir: web_dir.unwrap_or_else(|| project.join("web/dist")),
                database_url,
                email_confirmations,
            })
            .await
        }
        Command::Migrate { database_url } => migrate_database(&database_url).await,
        Command::Admin { action, database_url } => match action {
            AdminAction::Grant { email, role } => {
                admin::run(&database_url, admin::Action::Grant, &email, Some(&role)).await
            }
            AdminAction::Revoke { email, role } => {
                admin::run(&database_url, admin::Action::Revoke, &email, Some(&role)).await
            }
            AdminAction::Roles { email } => admin::run(&database_url, admin::Action::Show, &email, None).await,
        },
        Command::Bench {
            suite,
            seconds,
            connections,
            paid_rate,
            tokopay_latency_ms,
            stock,
            setup_sql,
            jobs,
            workers,
            poll_ms,
        } => {
            use ruangpremium::bench::{self, BenchOptions, Suite};
            let suite = match suite {
                BenchSuite::Catalog => Suite::Catalog,
                BenchSuite::Checkout => Suite::Checkout,
                BenchSuite::Queue => Suite::Queue,
                BenchSuite::All => Suite::All,
            };
            let options = BenchOptions {
                seconds,
                connections,
                paid_rate,
                tokopay_latency_ms,
                stock,
                setup_sql,
                jobs,
                workers,
                poll_ms,
            };
            tokio::task::spawn_blocking(move || bench::run(suite, options))
                .await
                .unwrap_or_else(|err| Err(anyhow::anyhow!("the benchmark panicked: {err}")))
        }
    };
    if let Err(err) = result {
        eprintln!("ruangpremium: {err:#}");
        std::process::exit(1);
    }
}

async fn migrate_database(url: &str) -> anyhow::Result<()> {
    let (_, applied) = migrate::prepare_database(url, &migrate::project_dir()).await?;
    println!("{} migration(s) applied: {}", applied.len(), applied.join(", "));
    Ok(())
}

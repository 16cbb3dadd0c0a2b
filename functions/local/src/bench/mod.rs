//! `ruangpremium bench`: the performance goals of shared/QUALITY_GOALS.md as figures. Each
//! benchmark starts a private Postgres cluster in a temporary directory, migrates a fresh
//! database, serves the API in this process on loopback (two worker threads) and drives it
//! from a client runtime of its own. They print figures; they assert nothing.
//!
//! * [`catalog`]: the catalog read API (goal P2), beside the same queries in pgbench.
//! * [`checkout`]: placing an order with its QRIS invoice against the Tokopay simulator,
//!   and the paid webhook until the order is paid (goal P3).
//! * [`queue`]: the fulfillment queue's jobs per second beside the same SQL in pgbench
//!   (goal P4), enqueue → start, and paid → delivered through the API (goal P3).
//!
//! [`shop`] serves the shop and the Tokopay simulator for the last two, and drives them.

mod catalog;
mod checkout;
mod queue;
mod shop;

use std::{
    collections::BTreeMap,
    future::Future,
    path::{Path, PathBuf},
    process::Command,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anyhow::{bail, Context};
use hdrhistogram::Histogram;
use sqlx::{Connection, Executor, PgConnection};

pub use catalog::PRODUCTS;

use crate::{cluster::Cluster, migrate};

/// Which benchmarks to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    Catalog,
    Checkout,
    Queue,
    All,
}

pub struct BenchOptions {
    /// Seconds per measurement.
    pub seconds: u64,
    /// Concurrent connections (catalog: wrk's; checkout: the closed loop's clients).
    pub connections: u32,
    /// Checkout: orders per second placed and paid in the webhook measurement.
    pub paid_rate: f64,
    /// Checkout: the Tokopay simulator's artificial latency per gateway call.
    pub tokopay_latency_ms: u64,
    /// Checkout: available stock items at the start of each measurement.
    pub stock: i64,
    /// SQL run on each benchmark's database after the migrations, to try a schema change
    /// (an index…) before writing its migration.
    pub setup_sql: Option<PathBuf>,
    /// Queue: no-op jobs per single-claim run (the batched runs take 5 times as many).
    pub jobs: u64,
    /// Queue: concurrent workers (and pgbench clients).
    pub workers: u32,
    /// Queue: an idle worker's pause between polls, in ms [default: runner::IDLE_PAUSE].
    pub poll_ms: Option<u64>,
}

pub fn run(suite: Suite, options: BenchOptions) -> anyhow::Result<()> {
    let rate_ok = options.paid_rate.is_finite() && options.paid_rate > 0.0;
    if options.seconds == 0 || options.connections == 0 || !rate_ok || options.stock < 1 {
        bail!("--seconds, --connections, --paid-rate and --stock must be above 0");
    }
    if let Some(file) = &options.setup_sql {
        std::fs::metadata(file).with_context(|| format!("cannot read {}", file.display()))?;
        println!("With {} run on each benchmark database after the migrations (--setup-sql).\n", file.display());
    }
    if matches!(suite, Suite::Catalog | Suite::All) {
        which("wrk").context("wrk is missing: `sudo apt-get install wrk`")?;
    }
    which("pgbench").context("pgbench is missing: `sudo apt-get install postgresql-client`")?;
    let temp = std::env::temp_dir().join(format!("ruangpremium-bench-{}", std::process::id()));
    let db_port = free_port()?;
    let cluster = Cluster::start(&temp, db_port)?;
    let result = (|| {
        if matches!(suite, Suite::Catalog | Suite::All) {
            catalog::run(&options, &cluster)?;
        }
        if suite == Suite::All {
            println!();
        }
        if matches!(suite, Suite::Checkout | Suite::All) {
            checkout::run(&options, &cluster)?;
        }
        if suite == Suite::All {
            println!();
        }
        if matches!(suite, Suite::Queue | Suite::All) {
            queue::run(&options, &cluster)?;
        }
        anyhow::Ok(())
    })();
    cluster.stop()?;
    let _ = std::fs::remove_dir_all(&temp);
    result
}

/// Creates (again) the database `name` on the cluster and applies the platform SQL, the
/// migrations and `setup_sql` (as the application's role); returns the application's URL
/// to it (the `postgres` role).
async fn create_database(cluster: &Cluster, name: &str, setup_sql: Option<&Path>) -> anyhow::Result<String> {
    let mut admin = PgConnection::connect(&cluster.url(crate::cluster::SUPERUSER, "postgres")).await?;
    admin.execute(format!("drop database if exists {name} with (force)").as_str()).await?;
    admin.execute(format!("create database {name}").as_str()).await?;
    admin.close().await?;
    let (app_url, _) =
        migrate::prepare_database(&cluster.url(crate::cluster::SUPERUSER, name), &migrate::project_dir()).await?;
    if let Some(file) = setup_sql {
        let sql = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        let mut conn = PgConnection::connect(&app_url).await?;
        conn.execute(sql.as_str()).await.with_context(|| format!("running {}", file.display()))?;
        conn.close().await?;
    }
    Ok(app_url)
}

/// Latencies and outcomes of one measurement.
struct Measured {
    /// Microseconds.
    histogram: Histogram<u64>,
    ok: u64,
    /// Failures by label (`"409 sold_out"`, `"error: connection refused"`…).
    failures: BTreeMap<String, u64>,
}

impl Measured {
    fn new() -> anyhow::Result<Measured> {
        Ok(Measured { histogram: Histogram::new(3)?, ok: 0, failures: BTreeMap::new() })
    }

    fn record(&mut self, latency: Duration, outcome: Result<(), String>) {
        let _ = self.histogram.record((latency.as_micros() as u64).max(1));
        match outcome {
            Ok(()) => self.ok += 1,
            Err(label) => *self.failures.entry(label).or_default() += 1,
        }
    }

    fn merge(&mut self, other: Measured) {
        let _ = self.histogram.add(&other.histogram);
        self.ok += other.ok;
        for (label, n) in other.failures {
            *self.failures.entry(label).or_default() += n;
        }
    }

    fn ms(&self, quantile: f64) -> f64 {
        self.histogram.value_at_quantile(quantile) as f64 / 1000.0
    }

    fn max_ms(&self) -> f64 {
        self.histogram.max() as f64 / 1000.0
    }

    fn errors(&self) -> u64 {
        self.failures.values().sum()
    }

    /// `none`, or `409 sold_out ×3, error: timeout ×1`.
    fn failures_text(&self) -> String {
        if self.failures.is_empty() {
            return "none".to_owned();
        }
        self.failures.iter().map(|(label, n)| format!("{label} ×{n}")).collect::<Vec<_>>().join(", ")
    }
}

/// Starts `request(n, scheduled)` on a fixed schedule of `rate` per second for `duration`,
/// whatever the answers' speed, and measures each from its scheduled time, so a stall shows
/// in the latencies instead of hiding (no coordinated omission). Run it on a current-thread
/// runtime: the requests are tasks of that runtime.
async fn open_loop<F, Fut>(rate: f64, duration: Duration, request: F) -> anyhow::Result<Measured>
where
    F: Fn(u64, Instant) -> Fut,
    Fut: Future<Output = Result<(), String>> + 'static,
{
    let measured = Arc::new(Mutex::new(Measured::new()?));
    let interval = Duration::from_secs_f64(1.0 / rate);
    let start = Instant::now();
    let total = (duration.as_secs_f64() * rate) as u64;
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            let mut tasks = tokio::task::JoinSet::new();
            for n in 0..total {
                let scheduled = start + interval.mul_f64(n as f64);
                tokio::time::sleep_until(scheduled.into()).await;
                let (future, measured) = (request(n, scheduled), measured.clone());
                tasks.spawn_local(async move {
                    let outcome = future.await;
                    let latency = scheduled.elapsed();
                    if let Ok(mut m) = measured.lock() {
                        m.record(latency, outcome);
                    }
                });
                while tasks.try_join_next().is_some() {}
            }
            while tasks.join_next().await.is_some() {}
        })
        .await;
    let measured = Arc::try_unwrap(measured).map_err(|_| anyhow::anyhow!("a request is still running"))?;
    measured.into_inner().map_err(|_| anyhow::anyhow!("the measurements' lock is poisoned"))
}

/// Runs `script` in pgbench against `database` with `clients` clients for `seconds`;
/// returns the transactions per second.
fn run_pgbench(
    cluster: &Cluster,
    database: &str,
    script: &str,
    mode: &str,
    clients: u32,
    seconds: u64,
) -> anyhow::Result<f64> {
    pgbench(cluster, database, script, mode, clients, &["-T", &seconds.to_string()])
}

/// [`run_pgbench`] for as long as `length` says: `["-T", "10"]` (seconds) or `["-t", "500"]`
/// (transactions per client).
fn pgbench(
    cluster: &Cluster,
    database: &str,
    script: &str,
    mode: &str,
    clients: u32,
    length: &[&str],
) -> anyhow::Result<f64> {
    let file = std::env::temp_dir().join(format!("ruangpremium-bench-{}.sql", std::process::id()));
    std::fs::write(&file, script)?;
    let output = Command::new("pgbench")
        .args(["-n", "-M", mode, "-j", "1", "-c", &clients.to_string()])
        .args(length)
        .arg("-f")
        .arg(&file)
        .args([
            "-h",
            cluster.socket_dir.to_str().unwrap_or("/tmp"),
            "-p",
            &cluster.port.to_string(),
            "-U",
            "postgres",
            database,
        ])
        .output()
        .context("cannot run pgbench")?;
    let _ = std::fs::remove_file(&file);
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("pgbench failed: {}{}", text, String::from_utf8_lossy(&output.stderr));
    }
    text.lines()
        .find(|l| l.starts_with("tps ="))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(|v| v.parse().ok())
        .with_context(|| format!("pgbench said:\n{text}"))
}

/// CPU time used so far, in seconds, by the threads of this process named `server_thread`
/// (the served API and simulator), by its other threads (the load generator), and by the
/// Postgres cluster (the postmaster and its children); and the machine's busy time over
/// all cores. From /proc: on other systems every figure is 0.
#[derive(Clone, Copy, Debug, Default)]
struct CpuTimes {
    server: f64,
    client: f64,
    postgres: f64,
    machine_busy: f64,
    at: Option<Instant>,
}

impl CpuTimes {
    fn sample(cluster: &Cluster, server_thread: &str) -> CpuTimes {
        let tick = clock_tick();
        let (mut server, mut client) = (0.0, 0.0);
        if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
            for task in tasks.flatten() {
                let Some((name, seconds)) = proc_stat(&task.path().join("stat"), tick) else { continue };
                if name == server_thread {
                    server += seconds;
                } else {
                    client += seconds;
                }
            }
        }
        let postmaster = std::fs::read_to_string(cluster.socket_dir.join(format!(".s.PGSQL.{}.lock", cluster.port)))
            .ok()
            .and_then(|lock| lock.lines().next().and_then(|pid| pid.trim().parse::<u32>().ok()));
        let mut postgres = 0.0;
        if let (Some(postmaster), Ok(processes)) = (postmaster, std::fs::read_dir("/proc")) {
            for process in processes.flatten() {
                let Ok(pid) = process.file_name().to_string_lossy().parse::<u32>() else { continue };
                let stat = std::fs::read_to_string(process.path().join("stat")).unwrap_or_default();
                let ppid = stat_fields(&stat).and_then(|f| f.get(1).and_then(|v| v.parse::<u32>().ok()));
                if pid == postmaster || ppid == Some(postmaster) {
                    postgres += proc_stat(&process.path().join("stat"), tick).map_or(0.0, |(_, s)| s);
                }
            }
        }
        // /proc/stat's first line: user nice system idle iowait irq softirq steal…
        let machine_busy = std::fs::read_to_string("/proc/stat")
            .ok()
            .and_then(|stat| {
                let fields: Vec<f64> =
                    stat.lines().next()?.split_whitespace().skip(1).filter_map(|v| v.parse().ok()).collect();
                let idle = fields.get(3).copied().unwrap_or(0.0) + fields.get(4).copied().unwrap_or(0.0);
                Some((fields.iter().take(8).sum::<f64>() - idle) / tick)
            })
            .unwrap_or(0.0);
        CpuTimes { server, client, postgres, machine_busy, at: Some(Instant::now()) }
    }

    /// `CPU per order: Postgres 2.10 ms, API + webhook + simulator 1.50 ms, load generator
    /// 0.40 ms; the 2 cores 97% busy (other processes 3%)`, between `self` (earlier) and
    /// `later`, for `count` operations.
    fn per_operation(&self, later: &CpuTimes, count: u64, what: &str) -> String {
        let wall = match (self.at, later.at) {
            (Some(a), Some(b)) => b.duration_since(a).as_secs_f64(),
            _ => 0.0,
        };
        if count == 0 || wall <= 0.0 || later.machine_busy <= 0.0 {
            return "CPU per order: n/a".to_owned();
        }
        let ms = |a: f64, b: f64| (b - a) * 1000.0 / count as f64;
        let share = |seconds: f64| 100.0 * seconds / wall / num_cores() as f64;
        let ours = (later.postgres - self.postgres) + (later.server - self.server) + (later.client - self.client);
        let busy = later.machine_busy - self.machine_busy;
        format!(
            "CPU per {what}: Postgres {:.2} ms, API + webhook + simulator {:.2} ms, load generator {:.2} ms; \
             the {} cores {:.0}% busy (other processes {:.0}%)",
            ms(self.postgres, later.postgres),
            ms(self.server, later.server),
            ms(self.client, later.client),
            num_cores(),
            share(busy),
            share((busy - ours).max(0.0)),
        )
    }
}

/// The thread's (or process's) name and its user + system CPU seconds.
fn proc_stat(path: &Path, tick: f64) -> Option<(String, f64)> {
    let stat = std::fs::read_to_string(path).ok()?;
    let name = stat.get(stat.find('(')? + 1..stat.rfind(')')?)?.to_owned();
    let fields = stat_fields(&stat)?;
    // After the name: state(0) ppid(1) … utime(11) stime(12).
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((name, (utime + stime) / tick))
}

/// The fields of a /proc stat line after the `(name)`, which may itself hold spaces.
fn stat_fields(stat: &str) -> Option<Vec<&str>> {
    Some(stat.get(stat.rfind(')')? + 1..)?.split_whitespace().collect())
}

fn clock_tick() -> f64 {
    // sysconf has no preconditions and cannot fail (it returns -1 for an unknown name).
    #[allow(unsafe_code)]
    let tick = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if tick > 0 {
        tick as f64
    } else {
        100.0
    }
}

fn one_line(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pg_version(url: &str) -> anyhow::Result<String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let mut conn = PgConnection::connect(url).await?;
        let v: String = sqlx::query_scalar("show server_version").persistent(false).fetch_one(&mut conn).await?;
        conn.close().await?;
        anyhow::Ok(v.split_whitespace().next().unwrap_or_default().to_owned())
    })
}

fn num_cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

fn which(program: &str) -> anyhow::Result<PathBuf> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .with_context(|| format!("{program} not found"))
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

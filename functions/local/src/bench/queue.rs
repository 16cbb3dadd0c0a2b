//! `ruangpremium bench queue`: goals P4 and P3 of shared/QUALITY_GOALS.md for the
//! fulfillment queue (`shop::fulfillment`). Prints figures; asserts nothing.
//!
//! A fresh database of the private cluster. The shop's side (the Rust workers, then the API
//! with its webhook and the Tokopay simulator) runs in this process on a runtime of two
//! worker threads; the load generator on a thread of its own. It measures:
//!
//! 1. no-op jobs, single claim: `--jobs` no-op jobs inserted in one statement, then
//!    `--workers` tasks each `queue::claim` one job and `queue::complete` it, until none is
//!    left;
//! 2. the same with claims of 50 (on 5 × `--jobs` jobs), the 50 completed in one call; and
//!    the sweep's own loop (`runner::run_due`, its default batch and concurrency);
//! 3. the SQL ceiling in the same run: pgbench running the same two statements with as many
//!    clients as workers, on as many jobs;
//! 4. enqueue → start: jobs inserted one at a time at `--paid-rate` (for at most 5 s) while
//!    the workers poll every `--poll-ms` when idle (our worker has no LISTEN/NOTIFY), from
//!    the job's `created_at` to its attempt's `started_at`;
//! 5. paid → delivered: at `--paid-rate` for `--seconds`, STOCK orders placed through the API
//!    and paid at the simulator; the webhook marks the order paid and runs its job inline.
//!    From the pay call (and from `orders.paid_at`) to `order_deliveries.delivered_at`.

use std::{
    str::FromStr,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use anyhow::{bail, Context};
use chrono::{DateTime, Utc};
use shop::{
    db::Db,
    fulfillment::{queue, runner, SweepOptions},
    AppState,
};
use sqlx::{ConnectOptions, Connection, Executor, PgConnection};
use tokio::{runtime::Runtime, task::JoinSet};
use uuid::Uuid;

use super::{
    clock_tick, create_database, num_cores, open_loop, pg_version, pgbench,
    shop::{add_stock, order_and_trx, serve, vacuum_analyze, Issued, Product, Served, Shop},
    stat_fields, BenchOptions, CpuTimes, Measured,
};
use crate::cluster::Cluster;

const DATABASE: &str = "bench_queue";
/// The shop side's threads (workers, API, simulator), whose CPU time is counted apart.
const SERVER_THREAD: &str = "bench-server";
/// Jobs per claim in the batched runs.
const BATCH: i64 = 50;
/// The batched runs drain this many times `--jobs`: at tens of thousands of jobs a second,
/// `--jobs` alone would be gone in well under a second.
const BATCH_JOBS_FACTOR: u64 = 5;
/// The workers' lease: long enough that no job is recovered during a run.
const LEASE: Duration = Duration::from_secs(60);
/// The pgbench clients' worker names (`locked_by`).
const PGBENCH_WORKER: &str = "'pgbench-' || cast(:client_id as text)";
/// Buyers' loopback addresses (127.1.x.y), in turn: one address would serialise every
/// checkout on that address's advisory lock (see the checkout benchmark).
const BUYER_ADDRESSES: u32 = 100;
/// The enqueue → start measurement's length, at most (`--seconds` if shorter).
const ENQUEUE_SECONDS: u64 = 5;
/// How long to wait for the last jobs (or deliveries) once the load stops.
const GRACE: Duration = Duration::from_secs(15);

/// P4's and P3's figures.
const TARGET_SINGLE: f64 = 2_500.0;
const TARGET_BATCH: f64 = 20_000.0;
const TARGET_SHARE_OF_SQL: f64 = 0.80;
const TARGET_START_P50_MS: f64 = 10.0;
const TARGET_DELIVERED_P99_MS: f64 = 500.0;

pub(super) fn run(options: &BenchOptions, cluster: &Cluster) -> anyhow::Result<()> {
    if options.jobs == 0 || options.workers == 0 {
        bail!("--jobs and --workers must be above 0");
    }
    let poll = options.poll_ms.map_or(runner::IDLE_PAUSE, Duration::from_millis);
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(SERVER_THREAD)
        .enable_all()
        .build()?;
    let client = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let app_url = client.block_on(create_database(cluster, DATABASE, options.setup_sql.as_deref()))?;
    let product = Product {
        slug: "bench-queue",
        name: "Produk Antrean",
        description: "Deskripsi lengkap produk digital premium.",
    };
    let served = server.block_on(serve(&app_url, options.tokopay_latency_ms, &product))?;
    let prepared = served.prepared;
    let workers_db = server.block_on(Db::connect(&app_url, options.workers, prepared))?;
    let bench = Bench {
        cluster,
        server,
        client,
        app_url,
        workers_db,
        workers: options.workers,
        pgbench_mode: if prepared { "prepared" } else { "extended" },
    };
    let single_jobs = options.jobs;
    let batch_jobs = options.jobs * BATCH_JOBS_FACTOR;

    println!(
        "Queue benchmark (P4, P3): shop::fulfillment::queue on public.fulfillment_jobs, beside the same SQL in pgbench"
    );
    println!(
        "Rust workers: {} tasks on a runtime of 2 threads in this process, a pool of {} connections, {} statements;",
        bench.workers,
        bench.workers,
        if prepared { "prepared" } else { "unnamed" }
    );
    println!(
        "Postgres {} on a Unix socket; {} cores shared by all. pgbench: {} clients, -M {}, 1 thread.",
        pg_version(&bench.app_url)?,
        num_cores(),
        bench.workers,
        bench.pgbench_mode
    );
    println!(
        "Before each run the jobs and their attempts are truncated, the no-op jobs inserted in one statement, then \
         vacuum analyze.\n"
    );

    println!("── No-op jobs: claim + complete until the queue is empty                        target (P4)");
    let single = bench.claim_and_complete(single_jobs, 1)?;
    let single_sql = bench.pgbench_ceiling(single_jobs, 1)?;
    print_drains("single claim", TARGET_SINGLE, &single, &single_sql);
    let batched = bench.claim_and_complete(batch_jobs, BATCH)?;
    let batched_sql = bench.pgbench_ceiling(batch_jobs, BATCH)?;
    print_drains(&format!("claims of {BATCH}"), TARGET_BATCH, &batched, &batched_sql);
    let sweep = SweepOptions::default();
    let swept = bench.sweep_loop(&served.state, single_jobs, &sweep)?;
    println!(
        "  the sweep's loop (runner::run_due: claim {}, each job through run_job and its own complete, {} at a time; \
         1 sweep, pool of {})\n      {:>7.0} jobs/s  ({} jobs in {:.2} s)",
        sweep.batch,
        sweep.concurrency,
        served.pool_size,
        swept.rate(),
        swept.jobs,
        swept.seconds
    );
    println!("      {}", swept.cpu);
    println!();

    let rate = options.paid_rate;
    let seconds = options.seconds.min(ENQUEUE_SECONDS);
    let started = bench.enqueue_to_start(rate, Duration::from_secs(seconds), poll)?;
    print_started(&started, rate, seconds, poll, bench.workers);
    println!();

    let delivered = bench.paid_to_delivered(&served, options)?;
    print_delivered(&delivered, options);

    drop(served);
    drop(bench);
    Ok(())
}

/// The runtimes and connections the measurements share.
struct Bench<'a> {
    /// `workers` connections, on the server runtime (declared first: dropped before it).
    workers_db: Db,
    cluster: &'a Cluster,
    /// The shop's side: the Rust workers, the API, the webhook and the simulator.
    server: Runtime,
    /// The load generator's and the bookkeeping's.
    client: Runtime,
    app_url: String,
    workers: u32,
    pgbench_mode: &'static str,
}

/// Jobs finished in a time.
struct Drained {
    jobs: u64,
    seconds: f64,
    /// `CPU per job: …`.
    cpu: String,
}

impl Drained {
    fn rate(&self) -> f64 {
        if self.seconds > 0.0 {
            self.jobs as f64 / self.seconds
        } else {
            0.0
        }
    }
}

impl Bench<'_> {
    fn cpu(&self) -> Cpu {
        Cpu { times: CpuTimes::sample(self.cluster, SERVER_THREAD), postgres_exited: postgres_exited(self.cluster) }
    }

    /// Empties the queue (jobs and attempts) and inserts `jobs` no-op jobs in one statement.
    fn seed(&self, jobs: u64) -> anyhow::Result<()> {
        self.client.block_on(async {
            let mut db = connect(&self.app_url).await?;
            db.execute("truncate public.fulfillment_jobs, public.fulfillment_job_attempts").await?;
            sqlx::query("insert into public.fulfillment_jobs (kind) select 'noop' from generate_series(1, $1)")
                .bind(jobs as i64)
                .execute(&mut db)
                .await
                .context("inserting the no-op jobs")?;
            vacuum_analyze(&mut db, &["fulfillment_jobs", "fulfillment_job_attempts"]).await?;
            db.close().await?;
            anyhow::Ok(())
        })
    }

    /// Jobs `succeeded`, and jobs still `queued`.
    fn job_counts(&self) -> anyhow::Result<(u64, u64)> {
        self.client.block_on(async {
            let mut db = connect(&self.app_url).await?;
            let (done, queued): (i64, i64) = sqlx::query_as(
                "select count(*) filter (where status = 'succeeded'), count(*) filter (where status = 'queued')
                 from public.fulfillment_jobs",
            )
            .fetch_one(&mut db)
            .await?;
            db.close().await?;
            anyhow::Ok((done as u64, queued as u64))
        })
    }

    /// Measurements 1 and 2: `jobs` no-op jobs, each worker claiming `batch` at a time with
    /// `queue::claim` and completing them in one `queue::complete`, until the queue is empty.
    fn claim_and_complete(&self, jobs: u64, batch: i64) -> anyhow::Result<Drained> {
        self.seed(jobs)?;
        let db = self.workers_db.clone();
        let workers = self.workers;
        // Every worker's connection open before the clock starts.
        self.server.block_on(async {
            let mut held = Vec::new();
            for _ in 0..workers {
                held.push(db.pool().acquire().await?);
            }
            anyhow::Ok(())
        })?;
        let before = self.cpu();
        let start = Instant::now();
        let done = self.server.block_on(async {
            let mut tasks = JoinSet::new();
            for n in 0..workers {
                let db = db.clone();
                tasks.spawn(async move {
                    let worker = format!("bench-{n}");
                    let mut done = 0u64;
                    loop {
                        let claimed = queue::claim(&db, &worker, batch, LEASE).await?;
                        if claimed.is_empty() {
                            return anyhow::Ok(done);
                        }
                        let ids: Vec<i64> = claimed.iter().map(|job| job.id).collect();
                        done += queue::complete(&db, &ids, &worker).await?.max(0) as u64;
                    }
                });
            }
            let mut total = 0;
            while let Some(worker) = tasks.join_next().await {
                total += worker??;
            }
            anyhow::Ok(total)
        })?;
        let seconds = start.elapsed().as_secs_f64();
        let cpu = cpu_per_job(&before, &self.cpu(), done);
        warn_if_left(self.job_counts()?.1);
        Ok(Drained { jobs: done, seconds, cpu })
    }

    /// Measurement 3: the same claim and complete in pgbench, as many clients as workers,
    /// each running its share of the claims (`-t`), on as many jobs.
    fn pgbench_ceiling(&self, jobs: u64, batch: i64) -> anyhow::Result<Drained> {
        self.seed(jobs)?;
        let clients = self.workers;
        let per_client = jobs.div_ceil(u64::from(clients) * batch as u64);
        let script = format!(
            "select coalesce(array_agg(id), '{{}}') as ids from private.claim_jobs({PGBENCH_WORKER}, {batch}, {lease}) \
             \\gset\n\
             select private.complete_jobs(cast(:ids as bigint[]), {PGBENCH_WORKER});\n",
            lease = LEASE.as_secs()
        );
        let before = self.cpu();
        let tps =
            pgbench(self.cluster, DATABASE, &script, self.pgbench_mode, clients, &["-t", &per_client.to_string()])?;
        // pgbench's backends exit after it does; their CPU time counts once the postmaster
        // has reaped them.
        std::thread::sleep(Duration::from_millis(300));
        let after = self.cpu();
        let (done, left) = self.job_counts()?;
        warn_if_left(left);
        // pgbench's rate leaves out its connections' set-up, as the Rust runs do.
        let seconds = (u64::from(clients) * per_client) as f64 / tps;
        Ok(Drained { jobs: done, seconds, cpu: cpu_per_job(&before, &after, done) })
    }

    /// The sweep's loop as production runs it: `runner::run_due` with the sweep's batch and
    /// concurrency, one sweep (the webhook's inline runs aside, the only worker there is).
    fn sweep_loop(&self, state: &AppState, jobs: u64, sweep: &SweepOptions) -> anyhow::Result<Drained> {
        self.seed(jobs)?;
        let worker = shop::fulfillment::worker_id("bench-sweep");
        let before = self.cpu();
        let start = Instant::now();
        let report = self.server.block_on(runner::run_due(
            state,
            &worker,
            Instant::now() + Duration::from_secs(600),
            sweep.batch,
            sweep.concurrency,
        ));
        let seconds = start.elapsed().as_secs_f64();
        let done = report.delivered as u64;
        let cpu = cpu_per_job(&before, &self.cpu(), done);
        warn_if_left(self.job_counts()?.1);
        Ok(Drained { jobs: done, seconds, cpu })
    }

    /// Measurement 4: no-op jobs inserted one at a time at `rate` for `duration` (open loop)
    /// while the workers poll; from each job's `created_at` to its attempt's `started_at`
    /// (both `now()` of their transactions, on the database's clock).
    fn enqueue_to_start(&self, rate: f64, duration: Duration, poll: Duration) -> anyhow::Result<Started> {
        self.seed(0)?;
        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..self.workers)
            .map(|n| {
                // Evenly staggered first polls, as independent workers would be.
                let first = poll.mul_f64(f64::from(n) / f64::from(self.workers));
                self.server.spawn(poll_worker(
                    self.workers_db.clone(),
                    format!("bench-poll-{n}"),
                    first,
                    poll,
                    stop.clone(),
                ))
            })
            .collect();
        let enqueue = self.client.block_on(async {
            let db = Db::connect(&self.app_url, 4, self.pgbench_mode == "prepared").await?;
            let measured = open_loop(rate, duration, |_, _| {
                let db = db.clone();
                async move {
                    db.query("insert into public.fulfillment_jobs (kind) values ('noop')")
                        .execute(db.pool())
                        .await
                        .map(|_| ())
                        .map_err(|err| format!("insert: {err}"))
                }
            })
            .await?;
            let deadline = Instant::now() + GRACE;
            let mut conn = connect(&self.app_url).await?;
            while Instant::now() < deadline {
                let queued: i64 =
                    sqlx::query_scalar("select count(*) from public.fulfillment_jobs where status <> 'succeeded'")
                        .fetch_one(&mut conn)
                        .await?;
                if queued == 0 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let started: Vec<f64> = sqlx::query_scalar(
                "select extract(epoch from a.started_at - j.created_at)::float8
                 from public.fulfillment_jobs j join public.fulfillment_job_attempts a on a.job_id = j.id and a.attempt = 1",
            )
            .fetch_all(&mut conn)
            .await?;
            conn.close().await?;
            anyhow::Ok((measured, started))
        });
        stop.store(true, Ordering::Relaxed);
        for worker in workers {
            self.server.block_on(worker)??;
        }
        let (enqueue, started) = enqueue?;
        let mut latency = Measured::new()?;
        for seconds in started {
            latency.record(Duration::from_secs_f64(seconds.max(0.0)), Ok(()));
        }
        Ok(Started { enqueued: enqueue.ok, enqueue, latency })
    }

    /// Measurement 5: STOCK orders placed through the API and paid at the simulator at
    /// `--paid-rate` for `--seconds`; the webhook marks each paid and delivers it inline.
    fn paid_to_delivered(&self, served: &Served, options: &BenchOptions) -> anyhow::Result<Delivered> {
        self.seed(0)?;
        let rate = options.paid_rate;
        let duration = Duration::from_secs(options.seconds);
        let orders = (rate * duration.as_secs_f64()) as i64 + 1;
        self.client.block_on(async {
            let mut db = connect(&self.app_url).await?;
            add_stock(&mut db, served.product_id, options.stock.max(orders + 100)).await?;
            vacuum_analyze(&mut db, &["stock_items"]).await?;
            let shop = Shop::new(served, BUYER_ADDRESSES, "queue")?;
            shop.check().await?;

            // Each order paid at the simulator, and when its pay call was issued.
            let issued: Arc<Mutex<Vec<Issued>>> = Arc::default();
            let before = self.cpu();
            let load = open_loop(rate, duration, |_, _| {
                let (order, shop, issued) = (shop.place(), shop.clone(), issued.clone());
                async move {
                    let body = order.await.map_err(|label| format!("place: {label}"))?;
                    let (order_id, trx_id) = order_and_trx(&body)?;
                    shop.pay(order_id, &trx_id, &issued).await
                }
            })
            .await?;
            let issued = std::mem::take(&mut *issued.lock().map_err(|_| anyhow::anyhow!("poisoned"))?);
            let ids: Vec<Uuid> = issued.iter().map(|(id, _)| *id).collect();

            // Until every order is delivered, or the grace runs out (nothing else would deliver
            // them here: no sweep runs in this process).
            let deadline = Instant::now() + GRACE;
            loop {
                let waiting: i64 = sqlx::query_scalar(
                    "select count(*) from public.orders o
                     where o.id = any($1) and not exists (select 1 from public.order_deliveries d where d.order_id = o.id)",
                )
                .bind(&ids)
                .fetch_one(&mut db)
                .await?;
                if waiting == 0 || Instant::now() >= deadline {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let cpu = before.times.per_operation(&self.cpu().times, issued.len() as u64, "order placed, paid and delivered");

            type Times = (Uuid, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
            let rows: Vec<Times> = sqlx::query_as(
                "select o.id, o.paid_at, d.delivered_at
                 from public.orders o left join public.order_deliveries d on d.order_id = o.id
                 where o.id = any($1)",
            )
            .bind(&ids)
            .fetch_all(&mut db)
            .await?;
            let issued_at: std::collections::HashMap<Uuid, DateTime<Utc>> = issued.iter().copied().collect();
            let (mut to_paid, mut from_pay, mut from_paid) = (Measured::new()?, Measured::new()?, Measured::new()?);
            let (mut paid, mut delivered) = (0, 0);
            for (id, paid_at, delivered_at) in rows {
                let since = |from: DateTime<Utc>, to: DateTime<Utc>| (to - from).to_std().unwrap_or(Duration::ZERO);
                paid += usize::from(paid_at.is_some());
                if let (Some(pay), Some(paid_at)) = (issued_at.get(&id), paid_at) {
                    to_paid.record(since(*pay, paid_at), Ok(()));
                }
                let Some(delivered_at) = delivered_at else { continue };
                delivered += 1;
                if let Some(pay) = issued_at.get(&id) {
                    from_pay.record(since(*pay, delivered_at), Ok(()));
                }
                if let Some(paid_at) = paid_at {
                    from_paid.record(since(paid_at, delivered_at), Ok(()));
                }
            }
            let breakdown = |sql: &'static str| {
                let ids = ids.clone();
                let url = self.app_url.clone();
                async move {
                    let mut conn = connect(&url).await?;
                    let rows: Vec<(String, i64)> = sqlx::query_as(sql).bind(&ids).fetch_all(&mut conn).await?;
                    conn.close().await?;
                    anyhow::Ok(if rows.is_empty() {
                        "none".to_owned()
                    } else {
                        rows.iter().map(|(what, n)| format!("{what} ×{n}")).collect::<Vec<_>>().join(", ")
                    })
                }
            };
            let order_statuses = breakdown(
                "select status::text, count(*) from public.orders where id = any($1) group by 1 order by 2 desc",
            )
            .await?;
            let job_statuses = breakdown(
                "select j.status::text || ' (' || j.attempts || ' attempt' || case when j.attempts = 1 then '' else 's' end
                        || coalesce(', ' || left(j.last_error, 80), '') || ')', count(*)
                 from public.fulfillment_jobs j where j.order_id = any($1) group by 1 order by 2 desc",
            )
            .await?;
            db.close().await?;
            anyhow::Ok(Delivered {
                load,
                pay_calls: issued.len(),
                paid,
                delivered,
                to_paid,
                from_pay,
                from_paid,
                order_statuses,
                job_statuses,
                cpu,
            })
        })
    }
}

/// One polling worker of measurement 4: claims one job at a time and completes it; sleeps
/// `poll` whenever the queue is empty, until `stop`.
async fn poll_worker(
    db: Db,
    worker: String,
    first: Duration,
    poll: Duration,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<u64> {
    tokio::time::sleep(first).await;
    let mut done = 0;
    while !stop.load(Ordering::Relaxed) {
        match queue::claim(&db, &worker, 1, LEASE).await?.first() {
            Some(job) => done += queue::complete(&db, &[job.id], &worker).await?.max(0) as u64,
            None => tokio::time::sleep(poll).await,
        }
    }
    Ok(done)
}

/// Measurement 4's figures.
struct Started {
    /// Inserts that succeeded.
    enqueued: u64,
    enqueue: Measured,
    /// From `created_at` to the first attempt's `started_at`.
    latency: Measured,
}

/// Measurement 5's figures.
struct Delivered {
    /// Placing and paying (from each order's scheduled time).
    load: Measured,
    /// Orders paid at the simulator (the pay call answered 2xx).
    pay_calls: usize,
    /// Of those: marked paid, and delivered, by the end of the grace.
    paid: usize,
    delivered: usize,
    /// From the pay call to `orders.paid_at` (the webhook's arrival, its status check at
    /// Tokopay, and marking it paid).
    to_paid: Measured,
    /// To `delivered_at`, from the pay call and from `orders.paid_at`.
    from_pay: Measured,
    from_paid: Measured,
    order_statuses: String,
    job_statuses: String,
    cpu: String,
}

fn print_drains(what: &str, target: f64, rust: &Drained, sql: &Drained) {
    let share = if sql.rate() > 0.0 { rust.rate() / sql.rate() } else { 0.0 };
    println!(
        "  {what}, Rust (queue::claim + queue::complete):  {:>7.0} jobs/s  ({} jobs in {:.2} s)   ≥ {target:.0}/s: {}",
        rust.rate(),
        rust.jobs,
        rust.seconds,
        mark(rust.rate() >= target)
    );
    println!("      {}", rust.cpu);
    println!(
        "  {what}, pgbench (the same two statements):     {:>7.0} jobs/s  ({} jobs in {:.2} s)",
        sql.rate(),
        sql.jobs,
        sql.seconds
    );
    println!("      {}", sql.cpu);
    println!(
        "  → Rust at {:.0}% of the SQL ceiling                                           ≥ {:.0}%: {}",
        share * 100.0,
        TARGET_SHARE_OF_SQL * 100.0,
        mark(share >= TARGET_SHARE_OF_SQL)
    );
}

fn print_started(started: &Started, rate: f64, seconds: u64, poll: Duration, workers: u32) {
    println!(
        "── enqueue → start: {rate:.0} jobs/s (--paid-rate) inserted one at a time for {seconds} s while the {workers} \
         workers poll"
    );
    println!(
        "  Our worker has no LISTEN/NOTIFY: an idle worker polls every {} ms (runner::IDLE_PAUSE unless --poll-ms); the \
         workers' first polls are staggered, so the queue is polled about every {:.1} ms.",
        poll.as_millis(),
        poll.as_secs_f64() * 1000.0 / f64::from(workers)
    );
    let latency = &started.latency;
    println!(
        "  created_at → attempt started_at  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms   ({} jobs; p50 ≤ \
         {TARGET_START_P50_MS:.0} ms with LISTEN/NOTIFY: {})",
        latency.ms(0.50),
        latency.ms(0.99),
        latency.max_ms(),
        latency.histogram.len(),
        mark(latency.ms(0.50) <= TARGET_START_P50_MS)
    );
    if latency.histogram.len() != started.enqueued {
        println!(
            "  (warning: {} jobs enqueued, {} started within {} s of the end; enqueue failures: {})",
            started.enqueued,
            latency.histogram.len(),
            GRACE.as_secs(),
            started.enqueue.failures_text()
        );
    }
}

fn print_delivered(d: &Delivered, options: &BenchOptions) {
    println!(
        "── Paid → delivered (P3): STOCK orders placed through the API and paid at the simulator, {:.0} orders/s for \
         {} s (open loop)",
        options.paid_rate, options.seconds
    );
    println!(
        "  The webhook confirms with Tokopay's status call ({} ms), marks the order paid, enqueues its job and runs it \
         inline (no sweep runs here).",
        options.tokopay_latency_ms
    );
    println!(
        "  placed and paid {} orders (place + pay p50 {:.2} ms, p99 {:.2} ms; failures: {}); marked paid {}, delivered \
         {} within {} s",
        d.pay_calls,
        d.load.ms(0.50),
        d.load.ms(0.99),
        d.load.failures_text(),
        d.paid,
        d.delivered,
        GRACE.as_secs()
    );
    println!(
        "  pay call → delivered_at          p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms   ({} orders; p99 ≤ \
         {TARGET_DELIVERED_P99_MS:.0} ms: {})",
        d.from_pay.ms(0.50),
        d.from_pay.ms(0.99),
        d.from_pay.max_ms(),
        d.from_pay.histogram.len(),
        mark(!d.from_pay.histogram.is_empty() && d.from_pay.ms(0.99) <= TARGET_DELIVERED_P99_MS)
    );
    for (what, m) in [("pay call → paid_at        ", &d.to_paid), ("paid_at → delivered_at   ", &d.from_paid)] {
        println!(
            "    of which {what}p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
            m.ms(0.50),
            m.ms(0.99),
            m.max_ms()
        );
    }
    println!(
        "  (paid_at and delivered_at are now() of their transactions: the delivery's commit comes a moment later)"
    );
    println!("  orders: {}; their jobs: {}", d.order_statuses, d.job_statuses);
    println!("  {}", d.cpu);
    if d.delivered != d.paid || d.paid != d.pay_calls || d.pay_calls == 0 {
        let message = format!(
            "ERROR: {} orders paid at the simulator, {} marked paid, {} delivered. Every paid order must be delivered.",
            d.pay_calls, d.paid, d.delivered
        );
        println!("\n  !!!!!!!! {message} !!!!!!!!");
        eprintln!("ruangpremium bench queue: {message}");
    }
}

/// A connection for the bookkeeping, without sqlx's slow-statement warnings (inserting
/// 100,000 jobs takes a second or more, and the warning would land among the figures).
async fn connect(url: &str) -> anyhow::Result<PgConnection> {
    let options = sqlx::postgres::PgConnectOptions::from_str(url)?.disable_statement_logging();
    Ok(PgConnection::connect_with(&options).await?)
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "meets"
    } else {
        "MISSES"
    }
}

fn warn_if_left(queued: u64) {
    if queued > 0 {
        println!("      (warning: {queued} jobs still queued at the end: some claims came back empty while others held the last rows)");
    }
}

/// CPU times (see [`CpuTimes`]), with the Postgres processes that exited since the cluster
/// started (pgbench's backends end with pgbench, before the sample after it).
struct Cpu {
    times: CpuTimes,
    postgres_exited: f64,
}

/// CPU seconds of the cluster's processes that have exited and been reaped by the
/// postmaster (its children's time, `cutime` + `cstime`); 0 if /proc cannot tell.
fn postgres_exited(cluster: &Cluster) -> f64 {
    let lock = cluster.socket_dir.join(format!(".s.PGSQL.{}.lock", cluster.port));
    let Some(pid) = std::fs::read_to_string(lock).ok().and_then(|l| l.lines().next()?.trim().parse::<u32>().ok())
    else {
        return 0.0;
    };
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // After the name: … utime(11) stime(12) cutime(13) cstime(14).
    let field = |i: usize| stat_fields(&stat).and_then(|f| f.get(i)?.parse::<f64>().ok()).unwrap_or(0.0);
    (field(13) + field(14)) / clock_tick()
}

/// `CPU per job: Postgres 310 µs, this process 40 µs, other processes 20 µs; the 2 cores
/// 97% busy`, between `before` and `after`.
fn cpu_per_job(before: &Cpu, after: &Cpu, jobs: u64) -> String {
    let (exited, before, after) = (after.postgres_exited - before.postgres_exited, &before.times, &after.times);
    let wall = match (before.at, after.at) {
        (Some(a), Some(b)) => b.duration_since(a).as_secs_f64(),
        _ => 0.0,
    };
    if jobs == 0 || wall <= 0.0 || after.machine_busy <= 0.0 {
        return "CPU per job: n/a".to_owned();
    }
    let us = |seconds: f64| seconds * 1e6 / jobs as f64;
    let postgres = after.postgres - before.postgres + exited;
    let ours = (after.server - before.server) + (after.client - before.client);
    let busy = after.machine_busy - before.machine_busy;
    let other = (busy - postgres - ours).max(0.0);
    format!(
        "CPU per job: Postgres {:.0} µs, this process {:.0} µs, other processes (pgbench, anything else running) {:.0} \
         µs; the {} cores {:.0}% busy",
        us(postgres),
        us(ours),
        us(other),
        num_cores(),
        100.0 * busy / wall / num_cores() as f64
    )
}

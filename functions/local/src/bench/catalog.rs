//! `ruangpremium bench catalog`: the catalog read API's throughput and latency (goal P2 of
//! shared/QUALITY_GOALS.md), beside the same queries run straight against Postgres by
//! pgbench in the same run. Prints figures; asserts nothing.
//!
//! It loads 1,000 products into a fresh database of the private cluster, serves the API in
//! this process (two worker threads), and drives it over loopback with `wrk` for the
//! maximum rate and with an open-loop generator at half that rate for latency.

use std::{process::Command, time::Duration};

use anyhow::{bail, Context};
use shop::{catalog::ProductSort, AppState};
use sqlx::{Connection, Executor, PgConnection};
use tokio::net::TcpListener;

use super::{create_database, num_cores, one_line, open_loop, pg_version, run_pgbench, BenchOptions};
use crate::cluster::Cluster;

pub const PRODUCTS: usize = 1_000;

/// Database connections of the API, and pgbench's clients: twice the cores. More only
/// makes the backends fight over 2 cores (measured: p99 at max rate 30–100 ms with 16,
/// 13–17 ms with 4, for the same throughput).
const DB_CONNECTIONS: u32 = 4;

struct Endpoint {
    name: &'static str,
    /// Lua for wrk: a request per call, over the 1,000 products.
    wrk_lua: &'static str,
    path: fn(u64) -> String,
    /// The same query for pgbench, as the API sends it.
    pgbench_script: String,
}

pub(super) fn run(options: &BenchOptions, cluster: &Cluster) -> anyhow::Result<()> {
    let server_runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let (app_url, ports) = server_runtime.block_on(async {
        let app_url = create_database(cluster, "bench", options.setup_sql.as_deref()).await?;
        load_catalog(&app_url).await?;
        let config = crate::dev::local_config(
            &app_url,
            "http://localhost",
            &std::env::temp_dir().join("ruangpremium-bench-secrets"),
        )?;
        let mut ports = Vec::new();
        for prepared in [false, true] {
            let config = shop::Config {
                database_pool_size: DB_CONNECTIONS,
                database_prepared_statements: prepared,
                ..config.clone()
            };
            let state = AppState::connect(config).await?;
            let listener = TcpListener::bind("127.0.0.1:0").await?;
            ports.push(listener.local_addr()?.port());
            tokio::spawn(async move { axum::serve(listener, shop::api_router(state)).await });
        }
        anyhow::Ok((app_url, ports))
    })?;

    println!(
        "Catalog read benchmark: {PRODUCTS} products, {} s per run, {} connections",
        options.seconds, options.connections
    );
    println!(
        "API in this process (2 worker threads) on loopback; Postgres {} on a Unix socket; {} cores shared by all.",
        pg_version(&app_url)?,
        num_cores()
    );
    println!("Each endpoint runs twice: with unnamed statements, as behind Supabase's transaction pooler");
    println!("(DATABASE_PREPARED_STATEMENTS=false, the default), and with prepared statements (direct connection).\n");

    // The catalog's transaction exactly as the API opens it; pgbench needs one statement a line.
    let anon = shop::db::ANON_BEGIN.replace("; ", ";\n");
    let endpoints = [
        Endpoint {
            name: "product by slug",
            wrk_lua: "request = function() return wrk.format('GET', '/api/products/bench-product-' .. math.random(1, 1000)) end",
            path: |n| format!("/api/products/bench-product-{}", n % PRODUCTS as u64 + 1),
            pgbench_script: format!(
                "\\set n random(1, {PRODUCTS})\n{anon};\n{};\ncommit;\n",
                one_line(&shop::catalog::product_sql().replace("$1", "'bench-product-' || :n"))
            ),
        },
        Endpoint {
            name: "20-item listing",
            wrk_lua: "request = function() return wrk.format('GET', '/api/products?page_size=20&page=' .. math.random(1, 50)) end",
            path: |n| format!("/api/products?page_size=20&page={}", n % 50 + 1),
            pgbench_script: format!(
                "\\set page random(0, 49)\n{anon};\n{};\ncommit;\n",
                one_line(
                    // No filter: $1–$5 null; $6 the page size; $7 the offset.
                    &shop::catalog::list_sql(ProductSort::Featured)
                        .replace("$1", "null")
                        .replace("$2", "null")
                        .replace("$3", "null")
                        .replace("$4", "null")
                        .replace("$5", "null")
                        .replace("$6", "20")
                        .replace("$7", "(:page * 20)")
                )
            ),
        },
    ];

    let client_runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    for endpoint in &endpoints {
        if endpoint.pgbench_script.contains('$') {
            bail!("the pgbench script for {} still has a parameter", endpoint.name);
        }
        println!("── {}", endpoint.name);
        for (port, (mode, pgbench_mode)) in ports.iter().zip([("unnamed", "extended"), ("prepared", "prepared")]) {
            let bytes = client_runtime.block_on(check_endpoint(*port, (endpoint.path)(7)))?;
            let wrk = run_wrk(*port, endpoint.wrk_lua, options)?;
            let half = (wrk.rps / 2.0).max(1.0);
            let open = client_runtime.block_on(get_open_loop(*port, endpoint.path, half, options.seconds))?;
            let tps =
                run_pgbench(cluster, "bench", &endpoint.pgbench_script, pgbench_mode, DB_CONNECTIONS, options.seconds)?;
            println!("  {mode} statements ({bytes} bytes per answer)");
            println!(
                "    API, max rate (wrk, {} conns):  {:>7.0} req/s   p50 {:>6.2} ms   p99 {:>6.2} ms",
                options.connections, wrk.rps, wrk.p50_ms, wrk.p99_ms
            );
            println!(
                "    API at half rate ({:.0} req/s):  p50 {:>6.2} ms   p99 {:>6.2} ms   max {:>6.2} ms   {} errors",
                half,
                open.ms(0.50),
                open.ms(0.99),
                open.max_ms(),
                open.errors()
            );
            println!(
                "    Postgres alone (pgbench -M {pgbench_mode}, {DB_CONNECTIONS} clients, same SQL and transaction): {:>7.0} tx/s   API/Postgres {:.2}",
                tps,
                wrk.rps / tps
            );
        }
        println!();
    }
    println!("Targets (P2): ≥ 2,500 req/s by slug, ≥ 1,000 req/s for the listing, p99 ≤ 15 ms at half rate.");
    drop(server_runtime);
    Ok(())
}

/// Loads 1,000 active products over 8 categories, STOCK with a few stock items and INVITE
/// with provider accounts, so availability is computed as in a real shop.
async fn load_catalog(url: &str) -> anyhow::Result<()> {
    let mut conn = PgConnection::connect(url).await?;
    conn.execute(format!(r#"
        insert into public.product_categories (slug, name, sort_order)
          select 'bench-category-' || i, 'Kategori ' || i, i from generate_series(1, 8) i;
        insert into public.providers (id, slug, name, adapter)
          values ('b0000000-0000-4000-8000-00000000bbbb', 'bench-provider', 'Bench Provider', 'simulated');
        insert into public.products (category_id, type, slug, name, short_description, description,
            retail_price, reseller_price, featured, sort_order, provider_id, provider_plan, input_schema)
          select (select id from public.product_categories where slug = 'bench-category-' || (1 + i % 8)),
                 case when i % 4 = 0 then 'INVITE' else 'STOCK' end::public.product_type,
                 'bench-product-' || i, 'Produk Premium ' || i, 'Deskripsi singkat produk ' || i,
                 repeat('Deskripsi lengkap produk digital premium. ', 20),
                 10000 + (i * 137) % 190000, 9000 + (i * 137) % 170000, i % 10 = 0, i,
                 case when i % 4 = 0 then 'b0000000-0000-4000-8000-00000000bbbb'::uuid end,
                 case when i % 4 = 0 then 'plan-' || (i % 3) end,
                 case when i % 4 = 0 then '[{{"key":"email","type":"email","required":true,"label":{{"id":"Email","en":"Email"}},"max_length":254}}]'::jsonb else '[]'::jsonb end
          from generate_series(1, {PRODUCTS}) i;
        insert into public.stock_items (product_id, secret_ciphertext, fingerprint)
          select p.id, '\x01'::bytea, extensions.digest(p.id::text || '-' || n, 'sha256')
          from public.products p cross join generate_series(1, 5) n where p.type = 'STOCK';
        insert into public.provider_accounts (provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
          select 'b0000000-0000-4000-8000-00000000bbbb', 'plan-' || i, 'Account ' || i, '\x01'::bytea, 50, 100
          from generate_series(0, 2) i;
    "#).as_str()).await.context("loading the benchmark catalog")?;
    // As autovacuum would have by now in a running shop: statistics, and the visibility map
    // that index-only scans need.
    for table in ["products", "product_categories", "stock_items", "providers", "provider_accounts"] {
        conn.execute(format!("vacuum analyze public.{table}").as_str()).await?;
    }
    conn.close().await?;
    Ok(())
}

async fn check_endpoint(port: u16, path: String) -> anyhow::Result<usize> {
    let body = reqwest::get(format!("http://127.0.0.1:{port}{path}")).await?.error_for_status()?.bytes().await?;
    Ok(body.len())
}

struct WrkResult {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
}

fn run_wrk(port: u16, lua: &str, options: &BenchOptions) -> anyhow::Result<WrkResult> {
    let script = std::env::temp_dir().join(format!("ruangpremium-bench-{}.lua", std::process::id()));
    std::fs::write(&script, lua)?;
    let output = Command::new("wrk")
        .args([
            "-t",
            "1",
            "-c",
            &options.connections.to_string(),
            "-d",
            &format!("{}s", options.seconds),
            "--latency",
            "-s",
        ])
        .arg(&script)
        .arg(format!("http://127.0.0.1:{port}"))
        .output()
        .context("cannot run wrk")?;
    let _ = std::fs::remove_file(&script);
    let text = String::from_utf8_lossy(&output.stdout);
    if text.contains("Non-2xx") {
        bail!("wrk saw error answers:\n{text}");
    }
    let field = |prefix: &str| -> Option<&str> {
        text.lines().map(str::trim).find(|l| l.starts_with(prefix)).and_then(|l| l.split_whitespace().nth(1))
    };
    let rps = field("Requests/sec:").and_then(|v| v.parse().ok()).with_context(|| format!("wrk said:\n{text}"))?;
    let p50 = field("50%").map(parse_wrk_duration).with_context(|| format!("wrk said:\n{text}"))?;
    let p99 = field("99%").map(parse_wrk_duration).with_context(|| format!("wrk said:\n{text}"))?;
    Ok(WrkResult { rps, p50_ms: p50, p99_ms: p99 })
}

fn parse_wrk_duration(value: &str) -> f64 {
    let split = value.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => f64::NAN,
    }
}

/// GETs `path(n)` at `rate` per second for `seconds` (see [`open_loop`]).
async fn get_open_loop(port: u16, path: fn(u64) -> String, rate: f64, seconds: u64) -> anyhow::Result<super::Measured> {
    let client = reqwest::Client::builder().pool_max_idle_per_host(256).build()?;
    open_loop(rate, Duration::from_secs(seconds), |n, _| {
        let request = client.get(format!("http://127.0.0.1:{port}{}", path(n.wrapping_mul(2654435761)))).send();
        async move {
            match request.await {
                Ok(response) if response.status().is_success() => {
                    response.bytes().await.map(|_| ()).map_err(|_| "error: body".to_owned())
                }
                Ok(response) => Err(response.status().as_u16().to_string()),
                Err(_) => Err("error".to_owned()),
            }
        }
    })
    .await
}

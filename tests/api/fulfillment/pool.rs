//! R7, the provider-account pool under concurrency: 16 workers run the INVITE jobs of ~30
//! paid orders against 4 accounts whose quota and seats bind at different points, with
//! account failures (`+account`) and temporary failures (`+retry`) mixed in, K times over.
//! After each run the database must show: no quota, seat limit, cooldown or parking
//! violated; one live invitation per order; every order delivered exactly once or in front
//! of the admin; exactly as many deliveries as the pool could give; no job run by two
//! workers at once.

use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};

use serde_json::json;
use shop::{fulfillment::RunReport, AppState};
use uuid::Uuid;

use super::{count, Shop};
use crate::fixtures::{self, Product};

const RUNS: usize = 3;
const WORKERS: usize = 16;
const ORDERS: usize = 30;
/// `(daily_quota, seat_capacity)` of the 4 accounts: seats bind first on the 1st and 3rd,
/// the day's quota on the 2nd and 4th. 33 seats for 30 orders (all are placed, 3 seats
/// spare for orders to move to), 21 invitations a day.
const POOL: [(i32, i32); 4] = [(5, 3), (5, 12), (7, 5), (4, 13)];
const COOLDOWN_BASE: Duration = Duration::from_millis(300);
const PARK_AFTER: i32 = 3;
/// When a failure's cooldown took effect. `finished_at` is the start of the transaction that
/// recorded it, which may run for a while (under load, 60 ms was seen) before it sets the
/// cooldown and commits, and a worker may take the account in between: that is no
/// violation. The failed job's next attempt, though, was claimed after that commit (the
/// commit requeued it), give or take the few statements between the claim's `now()` and
/// its snapshot ([`CLOCK_SLACK`]). A failure without a next attempt (its job died) is taken
/// to have committed within a second.
const FAILURE_COMMITTED_BY: &str = "coalesce(
        (select min(t.started_at) from public.fulfillment_job_attempts t
         join public.fulfillment_jobs j on j.id = t.job_id
         where j.order_id = f.order_id and t.started_at > f.finished_at),
        f.finished_at + interval '1 second')";
const CLOCK_SLACK: f64 = 0.02;

/// The email tag of order `i`: six `+account` and one `+retry` among the first orders paid
/// (jobs are claimed in the order they were paid, and the later ones find the pool spent),
/// the rest plain.
fn tag(i: usize) -> &'static str {
    match i {
        1 => "+retry",
        0 | 3 | 5 | 7 | 9 | 11 => "+account",
        _ => "",
    }
}

#[tokio::test]
async fn sixteen_workers_never_exceed_quota_seats_or_cooldown() {
    for run in 1..=RUNS {
        pool_run(run).await;
    }
}

async fn pool_run(run: usize) {
    let shop = Shop::open_with(|config| {
        let settings = &mut config.fulfillment;
        // Jobs are run by the workers below only, never by the webhook.
        settings.inline_budget = Duration::ZERO;
        // Retries come quickly, but ten of them span ~3 s: longer than any cooldown an
        // account can be in before it is parked (300 ms, then 600 ms, ±10%), so an order
        // only gives up when the pool has nothing left for it, not because its ten attempts
        // all fell within one cooldown. With a zero base they take milliseconds, and the
        // number delivered depends on timing (measured: 14 where the pool could give 15).
        settings.retry_base = Duration::from_millis(100);
        settings.retry_cap = Duration::from_millis(400);
        settings.cooldown_base = COOLDOWN_BASE;
        settings.cooldown_cap = Duration::from_secs(10);
        settings.park_after = PARK_AFTER;
    })
    .await;
    let slug = format!("pool-{run}");
    let category = fixtures::category(&format!("cat-{slug}")).insert(&shop.app).await;
    let provider = fixtures::provider(&format!("prov-{slug}")).insert(&shop.app).await;
    let product = fixtures::invite_product(&slug, &category, &provider, "team").insert(&shop.app).await;
    for (quota, seats) in POOL {
        fixtures::account(&provider, "team").quota(quota, 0).seats(seats, 0).insert(&shop.app).await;
    }

    // Placed and paid through the API and the simulator's webhook.
    let mut placed = Vec::new();
    for i in 0..ORDERS {
        let (status, body) = shop.place(&order_body(&product, i), None).await;
        assert_eq!(status, 201, "order {i}: {body}");
        let (order, _) = super::placed(&body);
        let trx = shop.payment(order).await.trx().to_owned();
        shop.pay(&trx, "normal").await;
        placed.push(order);
    }
    wait_until_paid(&shop, placed.len() as i64).await;

    // 16 workers, each with a connection of its own.
    let db = shop::db::Db::connect(&shop.app.db.url, WORKERS as u32 + 4, shop.app.config.database_prepared_statements)
        .await
        .expect("connect the workers");
    let state = AppState::new(db, shop.app.config.clone());
    let started = Instant::now();
    let reports = work(state).await;
    let elapsed = started.elapsed();
    let mut total = RunReport::default();
    for report in &reports {
        total.claimed += report.claimed;
        total.delivered += report.delivered;
        total.already_done += report.already_done;
        total.retried += report.retried;
        total.dead += report.dead;
        total.lost_lease += report.lost_lease;
        total.waiting += report.waiting;
    }

    let outcome = check_invariants(&shop, placed.len()).await;
    assert_eq!(total.lost_lease, 0, "no worker lost a lease: {total:?}");
    assert_eq!(total.delivered, outcome.delivered, "the workers' reports agree with the database: {total:?}");
    assert_eq!(total.dead, outcome.dead, "{total:?}");
    println!(
        "pool run {run}/{RUNS}: {} orders, {} delivered (pool could give {}), {} needs_attention; {} attempts, \
         {} retried ({} found no account, {} of them before the last invitation was begun); failed invitations: {} account, {} retry; parked: {:?}; \
         sent/failed per account: {}; other errors: {:?}; {} ms",
        placed.len(),
        outcome.delivered,
        outcome.expected,
        outcome.dead,
        total.claimed,
        total.retried,
        outcome.no_account_retries,
        outcome.early_no_account,
        outcome.account_failures,
        outcome.retry_failures,
        outcome.parked,
        outcome.per_account,
        outcome.other_errors,
        elapsed.as_millis(),
    );
}

fn order_body(product: &Product, i: usize) -> serde_json::Value {
    json!({
        "product_id": product.id,
        "quantity": 1,
        "buyer": {"name": "Pembeli", "email": format!("pembeli{i}@example.com"), "whatsapp": "081234567891"},
        "target": {"email": format!("tamu{i}{}@contoh.id", tag(i))},
        "must_read_acknowledged": true
    })
}

async fn wait_until_paid(shop: &Shop, orders: i64) {
    let sql = "select count(*) from public.fulfillment_jobs where status = 'queued'";
    for _ in 0..1000 {
        if count(shop, sql, None).await == orders {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("only {} of {orders} orders were paid after 10 s", count(shop, sql, None).await);
}

/// Runs [`WORKERS`] workers, each claiming one job at a time, until no job is queued or
/// running; returns each worker's report.
async fn work(state: AppState) -> Vec<RunReport> {
    let state = Arc::new(state);
    let started = Instant::now();
    let handles: Vec<_> = (0..WORKERS)
        .map(|i| {
            let state = Arc::clone(&state);
            tokio::spawn(async move {
                let worker = format!("w{i}");
                let mut mine = RunReport::default();
                loop {
                    let deadline = Instant::now() + Duration::from_secs(30);
                    let report = shop::fulfillment::run_due(&state, &worker, deadline, 1, 1).await;
                    let claimed = report.claimed;
                    mine.claimed += report.claimed;
                    mine.delivered += report.delivered;
                    mine.already_done += report.already_done;
                    mine.waiting += report.waiting;
                    mine.retried += report.retried;
                    mine.dead += report.dead;
                    mine.lost_lease += report.lost_lease;
                    if claimed == 0 {
                        let open: i64 = sqlx::query_scalar(
                            "select count(*) from public.fulfillment_jobs where status in ('queued', 'running')",
                        )
                        .fetch_one(state.db.pool())
                        .await
                        .expect("open jobs");
                        if open == 0 {
                            return mine;
                        }
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                    assert!(started.elapsed() < Duration::from_secs(90), "the jobs did not finish in 90 s");
                }
            })
        })
        .collect();
    let mut reports = Vec::new();
    for handle in handles {
        reports.push(handle.await.expect("a worker panicked"));
    }
    reports
}

struct Outcome {
    delivered: usize,
    dead: usize,
    expected: usize,
    account_failures: i64,
    retry_failures: i64,
    no_account_retries: i64,
    /// Of those, the ones made before the last invitation was begun (the pool still had
    /// room then, though not necessarily for that job at that moment).
    early_no_account: i64,
    /// Attempts that failed for any other reason than the simulated ones (e.g. a deadlock).
    other_errors: Vec<String>,
    parked: Vec<String>,
    per_account: String,
}

#[derive(Debug, sqlx::FromRow)]
struct AccountRow {
    id: Uuid,
    status: String,
    daily_quota: i32,
    quota_used: i32,
    quota_is_today: bool,
    seat_capacity: i32,
    seats_used: i32,
    /// Orders whose seat is on this account.
    holders: i64,
    /// Invitations created on the account's quota day (WIB).
    on_quota_day: i64,
    /// The most invitations created on any one WIB day.
    busiest_day: i64,
    sent: i64,
    failed: i64,
}

#[derive(Debug, sqlx::FromRow)]
#[allow(dead_code)] // `id` is read through Debug, in the failure messages.
struct OrderRow {
    id: Uuid,
    status: String,
    held_account_id: Option<Uuid>,
    attention_reason: Option<String>,
    job_status: String,
    job_attempts: i32,
    logged_attempts: i64,
    invitations: i64,
    live: i64,
    sent: i64,
    sent_account: Option<Uuid>,
    sent_invitation: Option<Uuid>,
    deliveries: i64,
    delivered_invitation: Option<Uuid>,
}

async fn check_invariants(shop: &Shop, placed: usize) -> Outcome {
    let pool = shop.pool();
    let rows = |sql: &'static str| sqlx::query_scalar::<_, String>(sql).fetch_all(pool);

    // Quota and seats, per account.
    let accounts: Vec<AccountRow> = sqlx::query_as(
        "select a.id, a.status::text, a.daily_quota, a.quota_used,
                a.quota_day = (now() at time zone 'Asia/Jakarta')::date as quota_is_today,
                a.seat_capacity, a.seats_used,
                (select count(*) from public.orders o where o.held_account_id = a.id) as holders,
                (select count(*) from public.invitations i
                 where i.account_id = a.id and (i.created_at at time zone 'Asia/Jakarta')::date = a.quota_day) as on_quota_day,
                coalesce((select max(n) from (select count(*) as n from public.invitations i where i.account_id = a.id
                          group by (i.created_at at time zone 'Asia/Jakarta')::date) days), 0) as busiest_day,
                (select count(*) from public.invitations i where i.account_id = a.id and i.status = 'sent') as sent,
                (select count(*) from public.invitations i where i.account_id = a.id and i.status = 'failed') as failed
         from public.provider_accounts a order by a.daily_quota, a.seat_capacity",
    )
    .fetch_all(pool)
    .await
    .expect("accounts");
    assert_eq!(accounts.len(), POOL.len());
    for a in &accounts {
        assert!(a.busiest_day <= i64::from(a.daily_quota), "more invitations in a WIB day than the quota: {a:?}");
        assert!(a.quota_used <= a.daily_quota, "quota_used over the quota: {a:?}");
        assert!(a.quota_is_today, "the run is today (WIB): {a:?}");
        assert_eq!(i64::from(a.quota_used), a.on_quota_day, "quota_used counts every invitation once: {a:?}");
        assert!(a.seats_used <= a.seat_capacity, "seats over capacity: {a:?}");
        assert_eq!(i64::from(a.seats_used), a.holders, "seats_used = the orders holding a seat there: {a:?}");
        assert!(a.sent <= i64::from(a.seat_capacity), "{a:?}");
    }

    // Cooldown: no invitation begun on an account while a failure had it cooling down.
    let violations: Vec<String> = sqlx::query_scalar(&format!(
        "with failure as (
           select f.*, {FAILURE_COMMITTED_BY} as committed_by from public.invitations f where f.error_kind = 'account'
         )
         select f.id || ' failed at ' || f.finished_at || ' (in effect by ' || f.committed_by || '), cooling until '
                || f.account_cooldown_until || '; then ' || i.id || ' created at ' || i.created_at
         from failure f
         join public.invitations i on i.account_id = f.account_id and i.id <> f.id
         where i.created_at > f.committed_by + make_interval(secs => $1)
           and i.created_at < f.account_cooldown_until",
    ))
    .bind(CLOCK_SLACK)
    .fetch_all(pool)
    .await
    .expect("cooldown check");
    assert!(violations.is_empty(), "cooldown violated: {violations:#?}");
    // Each failure's cooldown is base × 2^(n-1) ± 10% for some n below the parking point,
    // counted from the recording that set it: this failure's, or (the account keeps the
    // longer of two cooldowns) an overlapping failure's on the same account, which may have
    // been recorded a moment later when this one waited for the account's row lock.
    let longest = COOLDOWN_BASE.as_secs_f64() * f64::from(1u32 << (PARK_AFTER - 1)) * 1.1 + 0.001;
    let shortest = COOLDOWN_BASE.as_secs_f64() * 0.9 - 0.001;
    let odd: Vec<String> = sqlx::query_scalar(
        "with failure as (
           select i.*, (select max(f.finished_at) from public.invitations f
                        where f.account_id = i.account_id and f.error_kind = 'account'
                          and f.account_cooldown_until = i.account_cooldown_until) as set_at
           from public.invitations i where i.error_kind = 'account'
         )
         select id || ': ' || extract(epoch from account_cooldown_until - created_at) || ' s from its creation, '
                || extract(epoch from account_cooldown_until - set_at) || ' s from the recording that set it'
         from failure
         where account_cooldown_until is null
            or extract(epoch from account_cooldown_until - created_at) < $1
            or extract(epoch from account_cooldown_until - set_at) > $2",
    )
    .bind(shortest)
    .bind(longest)
    .fetch_all(pool)
    .await
    .expect("cooldown lengths");
    assert!(odd.is_empty(), "cooldowns outside {shortest}–{longest} s: {odd:?}");
    let retry_cooled = rows(
        "select id::text from public.invitations where error_kind in ('retry', 'permanent') and account_cooldown_until is not null",
    )
    .await
    .expect("retry cooldowns");
    assert!(retry_cooled.is_empty(), "only account failures cool an account down: {retry_cooled:?}");

    // Parking: a parked account had PARK_AFTER failures, and gets nothing after its last one.
    let after_parking: Vec<String> = sqlx::query_scalar(&format!(
        "with failure as (
           select f.*, {FAILURE_COMMITTED_BY} as committed_by from public.invitations f where f.error_kind = 'account'
         )
         select a.id || ': ' || i.id || ' created at ' || i.created_at from public.provider_accounts a
         join public.invitations i on i.account_id = a.id
         where a.status = 'parked'
           and i.created_at > (select max(f.committed_by) from failure f where f.account_id = a.id)
                              + make_interval(secs => $1)",
    ))
    .bind(CLOCK_SLACK)
    .fetch_all(pool)
    .await
    .expect("parking check");
    assert!(after_parking.is_empty(), "invitations on an account after it was parked: {after_parking:?}");
    for a in accounts.iter().filter(|a| a.status == "parked") {
        let failures = count(
            shop,
            "select count(*) from public.invitations where account_id = $1 and error_kind = 'account'",
            Some(a.id),
        )
        .await;
        assert!(failures >= i64::from(PARK_AFTER), "parked after {failures} failures: {a:?}");
    }
    let active_failing: Vec<String> = sqlx::query_scalar(
        "select label from public.provider_accounts where status = 'active' and consecutive_failures >= $1",
    )
    .bind(PARK_AFTER)
    .fetch_all(pool)
    .await
    .expect("active failing");
    assert!(active_failing.is_empty(), "{PARK_AFTER} failures in a row and not parked: {active_failing:?}");

    // Invitations and jobs: one live invitation per order; every invitation was made in one
    // attempt of its order's job, and no attempt made two.
    let doubles = rows(
        "select order_id::text from public.invitations where status in ('sending', 'awaiting_team', 'sent', 'accepted')
         group by order_id having count(*) > 1",
    )
    .await
    .expect("live invitations");
    assert!(doubles.is_empty(), "orders with two live invitations: {doubles:?}");
    assert_eq!(count(shop, "select count(*) from public.invitations where status = 'sending'", None).await, 0);
    let unattributed = rows(
        "select i.id || ' (' || count(t.id) || ' attempts)' from public.invitations i
         join public.fulfillment_jobs j on j.order_id = i.order_id
         left join public.fulfillment_job_attempts t
           on t.job_id = j.id and i.created_at >= t.started_at and i.created_at <= t.finished_at
         group by i.id having count(t.id) <> 1",
    )
    .await
    .expect("invitations per attempt");
    assert!(unattributed.is_empty(), "invitations not made in exactly one attempt: {unattributed:?}");
    let crowded = rows(
        "select t.job_id || '#' || t.attempt from public.fulfillment_job_attempts t
         join public.fulfillment_jobs j on j.id = t.job_id
         join public.invitations i
           on i.order_id = j.order_id and i.created_at >= t.started_at and i.created_at <= t.finished_at
         group by t.id, t.job_id, t.attempt having count(*) > 1",
    )
    .await
    .expect("attempts with two invitations");
    assert!(crowded.is_empty(), "attempts that took two accounts: {crowded:?}");

    // No job was run by two workers at once.
    let overlaps = rows(
        "select a.job_id || ': ' || a.worker || ' ' || a.started_at || '–' || a.finished_at
                || ' and ' || b.worker || ' ' || b.started_at || '–' || b.finished_at
         from public.fulfillment_job_attempts a
         join public.fulfillment_job_attempts b on b.job_id = a.job_id and b.id > a.id
         where tstzrange(a.started_at, a.finished_at, '[)') && tstzrange(b.started_at, b.finished_at, '[)')",
    )
    .await
    .expect("overlaps");
    assert!(overlaps.is_empty(), "a job run by two workers at once: {overlaps:#?}");
    let renumbered = rows(
        "select job_id || '#' || attempt from public.fulfillment_job_attempts group by job_id, attempt having count(*) > 1",
    )
    .await
    .expect("attempt numbers");
    assert!(renumbered.is_empty(), "an attempt number used twice: {renumbered:?}");

    // Every order: delivered exactly once, or dead and in front of the admin.
    let orders: Vec<OrderRow> = sqlx::query_as(
        "select o.id, o.status::text, o.held_account_id, o.attention_reason,
                j.status::text as job_status, j.attempts as job_attempts,
                (select count(*) from public.fulfillment_job_attempts t where t.job_id = j.id) as logged_attempts,
                (select count(*) from public.invitations i where i.order_id = o.id) as invitations,
                (select count(*) from public.invitations i where i.order_id = o.id
                   and i.status in ('sending', 'awaiting_team', 'sent', 'accepted')) as live,
                (select count(*) from public.invitations i where i.order_id = o.id and i.status = 'sent') as sent,
                (select i.account_id from public.invitations i where i.order_id = o.id and i.status = 'sent') as sent_account,
                (select i.id from public.invitations i where i.order_id = o.id and i.status = 'sent') as sent_invitation,
                (select count(*) from public.order_deliveries d where d.order_id = o.id) as deliveries,
                (select d.invitation_id from public.order_deliveries d where d.order_id = o.id) as delivered_invitation
         from public.orders o join public.fulfillment_jobs j on j.order_id = o.id",
    )
    .fetch_all(pool)
    .await
    .expect("orders");
    assert_eq!(orders.len(), placed, "one job per paid order");
    let (mut delivered, mut dead) = (0, 0);
    for o in &orders {
        assert_eq!(i64::from(o.job_attempts), o.logged_attempts, "every attempt is logged: {o:?}");
        assert!(o.invitations <= i64::from(o.job_attempts), "{o:?}");
        match o.status.as_str() {
            "delivered" => {
                delivered += 1;
                assert_eq!((o.sent, o.live, o.deliveries), (1, 1, 1), "delivered exactly once: {o:?}");
                assert_eq!(o.delivered_invitation, o.sent_invitation, "{o:?}");
                assert_eq!(o.held_account_id, o.sent_account, "the seat is where the invitation went: {o:?}");
                assert_eq!(o.job_status, "succeeded", "{o:?}");
            }
            "needs_attention" => {
                dead += 1;
                assert_eq!((o.sent, o.live, o.deliveries), (0, 0, 0), "{o:?}");
                assert_eq!(o.job_status, "dead", "{o:?}");
                assert!(o.attention_reason.is_some(), "{o:?}");
            }
            _ => panic!("an order neither delivered nor in front of the admin: {o:?}"),
        }
    }
    assert!(delivered >= 1, "nothing delivered");
    let parked: Vec<String> = accounts
        .iter()
        .filter(|a| a.status == "parked")
        .map(|a| format!("q{}s{}", a.daily_quota, a.seat_capacity))
        .collect();

    // Exactly what the pool could give: an active account can deliver as many as its seats,
    // and as its quota less the invitations that failed on it; a parked one what it sent
    // before it was parked.
    let capacity: i64 = accounts
        .iter()
        .map(|a| {
            if a.status == "parked" {
                a.sent
            } else {
                i64::from(a.seat_capacity).min(i64::from(a.daily_quota) - a.failed)
            }
        })
        .sum();
    let expected = (placed as i64).min(capacity) as usize;
    let per_account = accounts
        .iter()
        .map(|a| {
            let parked = if a.status == "parked" { " parked" } else { "" };
            format!("q{}s{}: {}/{}{parked}", a.daily_quota, a.seat_capacity, a.sent, a.failed)
        })
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(delivered, expected, "delivered what the pool could give ({per_account})");

    let failures: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "select error_kind, count(*) from public.invitations where error_kind is not null group by error_kind",
    )
    .fetch_all(pool)
    .await
    .expect("failures")
    .into_iter()
    .collect();
    let no_account_retries = count(
        shop,
        "select count(*) from public.fulfillment_job_attempts where outcome in ('retry', 'dead') and error like 'No pool account%'",
        None,
    )
    .await;
    let early_no_account = count(
        shop,
        "select count(*) from public.fulfillment_job_attempts
         where error like 'No pool account%' and finished_at < (select max(created_at) from public.invitations)",
        None,
    )
    .await;
    let other_errors: Vec<String> = sqlx::query_scalar(
        "select distinct left(error, 200) from public.fulfillment_job_attempts
         where error is not null and error not like 'No pool account%' and error not like '%simulated%'",
    )
    .fetch_all(pool)
    .await
    .expect("other errors");
    Outcome {
        early_no_account,
        other_errors,
        delivered,
        dead,
        expected,
        account_failures: failures.get("account").copied().unwrap_or(0),
        retry_failures: failures.get("retry").copied().unwrap_or(0),
        no_account_retries,
        parked,
        per_account,
    }
}

/// An account that is merely locked for a moment (another worker's `begin_invitation` or
/// `finish_invitation` is updating its counters) is still active, has quota and a seat, and
/// is not cooling down: the job waits the few milliseconds (`begin_invitation` answers
/// `busy`, not `no_account`) and takes it, instead of burning one of its attempts and
/// waiting its backoff (5 s, 10 s, ... by default).
#[tokio::test]
async fn an_account_locked_for_a_moment_is_waited_for_not_reported_missing() {
    let shop = Shop::open_with(|config| {
        config.fulfillment.inline_budget = Duration::ZERO;
        config.fulfillment.retry_base = Duration::from_secs(5);
    })
    .await;
    let (product, _provider, accounts) = super::invite_product(&shop, "pool-locked", 1).await;
    let (order, _) = super::buy(&shop, &super::invite_order(&product, "budi@contoh.id"), "normal").await;
    let sql = "select count(*) from public.fulfillment_jobs where order_id = $1";
    while count(&shop, sql, Some(order)).await == 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // Another worker holds the account's row for 300 ms.
    let mut other = shop.pool().begin().await.expect("begin");
    sqlx::query("select 1 from public.provider_accounts where id = $1 for update")
        .bind(accounts[0])
        .execute(&mut *other)
        .await
        .expect("lock the account");
    let release = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        other.commit().await.expect("commit");
    });
    let report =
        shop::fulfillment::run_due(&shop.state, "patient", Instant::now() + Duration::from_secs(10), 1, 1).await;
    release.await.expect("released");
    let error: Option<String> =
        sqlx::query_scalar("select last_error from public.fulfillment_jobs where order_id = $1")
            .bind(order)
            .fetch_one(shop.pool())
            .await
            .expect("job");
    assert_eq!(report.delivered, 1, "{report:?}, last error {error:?}");
    assert_eq!(shop.order_status(order).await, "delivered");
}

/// Seat moves in opposite directions (an order held on A taking B while another held on B
/// takes A) never deadlock: `begin_invitation` waits only for the account holding the
/// order's own seat, locked first, and takes any other with SKIP LOCKED, so no two
/// transactions can wait on each other ("deadlock detected" would show as a failed attempt).
#[tokio::test]
async fn seat_moves_between_two_accounts_never_deadlock() {
    let mut errors = Vec::new();
    for _ in 0..2 {
        let shop = Shop::open_with(|config| {
            config.fulfillment.inline_budget = Duration::ZERO;
            config.fulfillment.retry_base = Duration::from_millis(50);
        })
        .await;
        let category = fixtures::category("cat-moves").insert(&shop.app).await;
        let provider = fixtures::provider("prov-moves").insert(&shop.app).await;
        let product = fixtures::invite_product("moves", &category, &provider, "team").insert(&shop.app).await;
        for _ in 0..2 {
            fixtures::account(&provider, "team").quota(100, 0).seats(100, 0).insert(&shop.app).await;
        }
        let orders = 60;
        for i in 0..orders {
            let (status, body) = shop.place(&order_body(&product, 100 + i), None).await;
            assert_eq!(status, 201, "{body}");
            let (order, _) = super::placed(&body);
            let trx = shop.payment(order).await.trx().to_owned();
            shop.pay(&trx, "normal").await;
        }
        wait_until_paid(&shop, orders as i64).await;
        let db =
            shop::db::Db::connect(&shop.app.db.url, WORKERS as u32 + 4, shop.app.config.database_prepared_statements)
                .await
                .expect("connect the workers");
        work(AppState::new(db, shop.app.config.clone())).await;
        assert_eq!(
            count(&shop, "select count(*) from public.orders where status = 'delivered'", None).await,
            orders as i64
        );
        errors.extend(
            sqlx::query_scalar::<_, String>(
                "select error from public.fulfillment_job_attempts where error is not null and error not like '%simulated%'",
            )
            .fetch_all(shop.pool())
            .await
            .expect("errors"),
        );
    }
    let deadlocks = errors.iter().filter(|e| e.contains("deadlock")).count();
    let no_account = errors.iter().filter(|e| e.starts_with("No pool account")).count();
    assert_eq!(deadlocks, 0, "attempts that failed with a deadlock ({no_account} more found no account)");
}

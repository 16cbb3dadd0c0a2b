//! INVITE orders over the real API, the Tokopay simulator and its webhook, with the
//! `simulated` provider adapter (the target's email tag chooses the outcome): delivered
//! inline by the webhook, moved to another account after an account failure, retried after
//! temporary failures, given up on a permanent one, handed to the team and confirmed by an
//! admin, waiting for a pool with no eligible account, parking a failing account, cooling
//! an account down longer after each failure in a row, and resuming the very same
//! invitation after its worker died.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use shop::fulfillment::{queue, runner};
use uuid::Uuid;

use super::{buy, count, invite_order, invite_product, place, sweep, sweep_until, Shop};
use crate::fixtures;

// ---------------------------------------------------------------------------------------
// What the tests read back.

#[derive(Debug, sqlx::FromRow)]
struct Account {
    quota_used: i32,
    seats_used: i32,
    status: String,
    cooldown_until: Option<DateTime<Utc>>,
    consecutive_failures: i32,
    last_used_at: Option<DateTime<Utc>>,
}

async fn account(shop: &Shop, id: Uuid) -> Account {
    sqlx::query_as(
        "select case when quota_day = (now() at time zone 'Asia/Jakarta')::date then quota_used else 0 end as quota_used,
                seats_used, status::text, cooldown_until, consecutive_failures, last_used_at
         from public.provider_accounts where id = $1",
    )
    .bind(id)
    .fetch_one(shop.pool())
    .await
    .expect("account")
}

#[derive(Debug, sqlx::FromRow)]
struct Invitation {
    id: Uuid,
    account_id: Uuid,
    attempt: i32,
    status: String,
    target_email: Option<String>,
    provider_reference: Option<String>,
    note: Option<String>,
    error_kind: Option<String>,
    error: Option<String>,
    account_cooldown_until: Option<DateTime<Utc>>,
    expected_by: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
}

/// The order's invitations, first first.
async fn invitations(shop: &Shop, order: Uuid) -> Vec<Invitation> {
    sqlx::query_as(
        "select id, account_id, attempt, status, target_email, provider_reference, note, error_kind, error,
                account_cooldown_until, expected_by, created_at, finished_at
         from public.invitations where order_id = $1 order by attempt",
    )
    .bind(order)
    .fetch_all(shop.pool())
    .await
    .expect("invitations")
}

#[derive(Debug, sqlx::FromRow)]
struct Job {
    id: i64,
    status: String,
    attempts: i32,
    last_error: Option<String>,
    locked_by: Option<String>,
    run_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
}

async fn job(shop: &Shop, order: Uuid) -> Job {
    sqlx::query_as(
        "select id, status::text, attempts, last_error, locked_by, run_at, finished_at
         from public.fulfillment_jobs where order_id = $1",
    )
    .bind(order)
    .fetch_one(shop.pool())
    .await
    .expect("the order's job")
}

/// The job's attempts log: (attempt, worker, outcome), in order.
async fn attempts(shop: &Shop, job_id: i64) -> Vec<(i32, String, String)> {
    sqlx::query_as("select attempt, worker, outcome from public.fulfillment_job_attempts where job_id = $1 order by id")
        .bind(job_id)
        .fetch_all(shop.pool())
        .await
        .expect("attempts")
}

#[derive(Debug, sqlx::FromRow)]
struct Order {
    status: String,
    held_account_id: Option<Uuid>,
    attention_reason: Option<String>,
}

async fn order(shop: &Shop, id: Uuid) -> Order {
    sqlx::query_as("select status::text, held_account_id, attention_reason from public.orders where id = $1")
        .bind(id)
        .fetch_one(shop.pool())
        .await
        .expect("order")
}

/// The order's queued notifications as `event/audience/channel`, sorted.
async fn notifications(shop: &Shop, order: Uuid) -> Vec<String> {
    let mut rows: Vec<String> = sqlx::query_scalar(
        "select event || '/' || audience || '/' || channel from public.notifications where order_id = $1",
    )
    .bind(order)
    .fetch_all(shop.pool())
    .await
    .expect("notifications");
    rows.sort();
    rows
}

/// The order's `order_deliveries` rows: (kind, invitation_id).
async fn deliveries(shop: &Shop, order: Uuid) -> Vec<(String, Option<Uuid>)> {
    sqlx::query_as("select kind::text, invitation_id from public.order_deliveries where order_id = $1")
        .bind(order)
        .fetch_all(shop.pool())
        .await
        .expect("deliveries")
}

/// The order as its guest buyer sees it.
async fn tracked(shop: &Shop, token: &str) -> Value {
    let (status, view) = shop.track(token).await;
    assert_eq!(status, 200, "{view}");
    view
}

/// Polls until the query (one bigint, `$1` = the order) returns `expected` (at most 10 s).
async fn wait_count(shop: &Shop, sql: &str, order: Uuid, expected: i64) {
    for _ in 0..500 {
        if count(shop, sql, Some(order)).await == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{sql} is {} after 10 s, not {expected}", count(shop, sql, Some(order)).await);
}

/// Waits until the webhook marked the order paid and enqueued its job.
async fn wait_for_job(shop: &Shop, order: Uuid) {
    wait_count(shop, "select count(*) from public.fulfillment_jobs where order_id = $1", order, 1).await;
}

fn timestamp(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("not a timestamp: {value}"))
}

/// `seconds` ± `tolerance` (both in seconds).
fn about(actual: chrono::Duration, seconds: f64, tolerance: f64) -> bool {
    let actual = actual.num_milliseconds() as f64 / 1000.0;
    (actual - seconds).abs() <= tolerance
}

/// A signed-in member, made admin when `admin`; returns the bearer token.
async fn user(shop: &Shop, email: &str, admin: bool) -> String {
    let (id, token) = shop.member(email, json!({})).await;
    if admin {
        sqlx::query("insert into public.user_roles (user_id, role) values ($1, 'admin')")
            .bind(id)
            .execute(shop.pool())
            .await
            .expect("grant admin");
    }
    token
}

async fn waiting_list(shop: &Shop, bearer: Option<&str>) -> (u16, Value) {
    let mut request = shop.http.get(format!("{}/api/admin/invitations/waiting", shop.base));
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    shop.send(request).await
}

async fn confirm(shop: &Shop, bearer: Option<&str>, invitation: Uuid, body: &Value) -> (u16, Value) {
    let mut request = shop.http.post(format!("{}/api/admin/invitations/{invitation}/confirm", shop.base)).json(body);
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    shop.send(request).await
}

/// Claims the order's job (it must be due) and runs one attempt of it, as a worker would.
async fn run_once(shop: &Shop, order: Uuid, worker: &str) -> runner::Ran {
    let job_id = job(shop, order).await.id;
    let lease = shop.state.config.fulfillment.lease;
    let claimed = queue::claim_one(&shop.state.db, job_id, worker, lease).await.expect("claim");
    let claimed = claimed.unwrap_or_else(|| panic!("job {job_id} is not due"));
    runner::run_job(&shop.state, &claimed, worker).await
}

/// Runs every due job, one at a time, in the queue's order, until none is due.
async fn run_due_in_order(shop: &Shop) -> shop::fulfillment::RunReport {
    shop::fulfillment::run_due(&shop.state, "in-order", Instant::now() + Duration::from_secs(20), 1, 1).await
}

async fn make_due(shop: &Shop) {
    sqlx::query("update public.fulfillment_jobs set run_at = now() where status = 'queued'")
        .execute(shop.pool())
        .await
        .expect("make jobs due");
}

async fn set_cooldown(shop: &Shop, account: Uuid, sql_time: &str) {
    sqlx::query(&format!("update public.provider_accounts set cooldown_until = {sql_time} where id = $1"))
        .bind(account)
        .execute(shop.pool())
        .await
        .expect("set cooldown");
}

/// The simulated provider's settings (e.g. `{"latency_ms": 500}`), encrypted as the admin
/// tools store them.
async fn set_provider_settings(shop: &Shop, provider: Uuid, settings: &Value) {
    let slot = shop::crypto::SecretSlot { table: "providers", column: "config_ciphertext", row_id: provider };
    let ciphertext = shop.app.config.keyring.encrypt(settings.to_string().as_bytes(), slot);
    sqlx::query("update public.providers set config_ciphertext = $2 where id = $1")
        .bind(provider)
        .bind(ciphertext)
        .execute(shop.pool())
        .await
        .expect("provider settings");
}

// ---------------------------------------------------------------------------------------
// 1. A plain address: the webhook delivers it inline.

#[tokio::test]
async fn a_plain_address_is_invited_and_delivered_by_the_webhook() {
    let shop = Shop::open().await;
    let (product, _provider, accounts) = invite_product(&shop, "inv-plain", 1).await;
    let (order_id, token) = buy(&shop, &invite_order(&product, "budi@contoh.id"), "normal").await;
    shop.wait_for_status(order_id, "delivered").await;

    let sent = invitations(&shop, order_id).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    let invitation = &sent[0];
    assert_eq!((invitation.status.as_str(), invitation.attempt), ("sent", 1));
    assert_eq!(invitation.account_id, accounts[0]);
    assert_eq!(invitation.target_email.as_deref(), Some("budi@contoh.id"));
    let reference = invitation.provider_reference.as_deref().unwrap_or_default();
    assert!(reference.starts_with("SIM-") && reference.len() == 12, "{reference}");
    assert_eq!(reference[4..], invitation.id.simple().to_string()[..8].to_ascii_uppercase());
    assert!(invitation.error_kind.is_none() && invitation.finished_at.is_some());

    // One quota unit and one seat: the seat the order held since checkout, not a second one.
    let pool = account(&shop, accounts[0]).await;
    assert_eq!((pool.quota_used, pool.seats_used), (1, 1), "{pool:?}");
    assert!(pool.cooldown_until.is_none() && pool.last_used_at.is_some(), "{pool:?}");
    assert_eq!(order(&shop, order_id).await.held_account_id, Some(accounts[0]));
    assert_eq!(deliveries(&shop, order_id).await, [("INVITE".to_owned(), Some(invitation.id))]);
    let ran = job(&shop, order_id).await;
    assert_eq!((ran.status.as_str(), ran.attempts), ("succeeded", 1));
    let log = attempts(&shop, ran.id).await;
    assert_eq!(log.len(), 1);
    assert!(log[0].1.starts_with("webhook-"), "the webhook ran it: {log:?}");

    let view = tracked(&shop, &token).await;
    assert_eq!(view["status"], "delivered", "{view}");
    let delivery = &view["delivery"];
    assert_eq!(delivery["kind"], "invite", "{view}");
    assert_eq!(delivery["status"], "delivered");
    assert!(delivery["delivered_at"].is_string(), "{view}");
    let invite = &delivery["invite"];
    assert_eq!(invite["status"], "sent", "{view}");
    assert_eq!(invite["email"], "budi@contoh.id");
    assert!((Utc::now() - timestamp(&invite["sent_at"])).num_seconds() < 60, "{view}");
    assert!(invite["expected_by"].is_null(), "{view}");
    let note = "Cek kotak masuk budi@contoh.id (juga folder Spam) dan terima undangan bergabung ke timnya.";
    assert_eq!(invitation.note.as_deref(), Some(note));
    assert_eq!(invite["note"], note);

    assert_eq!(notifications(&shop, order_id).await, ["delivered/buyer/email", "delivered/buyer/whatsapp"]);
}

// ---------------------------------------------------------------------------------------
// 2. `+account`: the first account fails, cools down, and the job moves on.

#[tokio::test]
async fn an_account_failure_cools_the_account_down_and_the_job_moves_to_another() {
    let shop = Shop::open_with(|config| config.fulfillment.cooldown_base = Duration::from_secs(300)).await;
    let (product, _provider, accounts) = invite_product(&shop, "inv-account", 2).await;
    let (order_id, token) = buy(&shop, &invite_order(&product, "budi+account@contoh.id"), "normal").await;
    // The webhook runs the first attempt: it fails on the account the order holds its seat on.
    wait_count(&shop, "select count(*) from public.invitations where order_id = $1 and status = 'failed'", order_id, 1)
        .await;
    let first = order(&shop, order_id).await.held_account_id.expect("a held seat");
    let other = *accounts.iter().find(|a| **a != first).expect("two accounts");
    let failed = &invitations(&shop, order_id).await[0];
    assert_eq!(failed.account_id, first);
    assert_eq!(failed.error_kind.as_deref(), Some("account"));
    assert!(failed.error.as_deref().unwrap_or_default().contains("+account"), "{failed:?}");

    let cooling = account(&shop, first).await;
    assert_eq!(cooling.consecutive_failures, 1);
    assert_eq!(cooling.status, "active", "one failure does not park it");
    let until = cooling.cooldown_until.expect("cooling down");
    assert!(until > Utc::now() + chrono::Duration::seconds(200), "{until}");
    assert_eq!(failed.account_cooldown_until, Some(until), "the invitation records the cooldown it caused");
    let rested = until - failed.finished_at.expect("finished");
    assert!(about(rested, 300.0, 31.0), "base ± 10%: {rested}");
    // Requeued at once (no backoff), not dead.
    let waiting = job(&shop, order_id).await;
    assert_eq!((waiting.status.as_str(), waiting.attempts), ("queued", 1));
    assert!(waiting.run_at <= Utc::now(), "due at once");
    assert!(waiting.last_error.as_deref().unwrap_or_default().contains("+account"));

    sweep(&shop).await;
    assert_eq!(shop.order_status(order_id).await, "delivered");
    let all = invitations(&shop, order_id).await;
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!((all[1].attempt, all[1].account_id, all[1].status.as_str()), (2, other, "sent"));
    assert_eq!(deliveries(&shop, order_id).await, [("INVITE".to_owned(), Some(all[1].id))]);

    // The seat moved with the order; each account counted the one invitation it made.
    assert_eq!(order(&shop, order_id).await.held_account_id, Some(other));
    let (was, now) = (account(&shop, first).await, account(&shop, other).await);
    assert_eq!((was.seats_used, was.quota_used), (0, 1), "{was:?}");
    assert_eq!((now.seats_used, now.quota_used, now.consecutive_failures), (1, 1, 0), "{now:?}");
    assert_eq!(was.cooldown_until, Some(until), "still cooling down");

    let view = tracked(&shop, &token).await;
    assert_eq!(
        (view["delivery"]["status"].as_str(), view["delivery"]["invite"]["status"].as_str()),
        (Some("delivered"), Some("sent"))
    );
}

// ---------------------------------------------------------------------------------------
// 3. `+retry`: temporary failures retry the job; the account is not cooled down.

#[tokio::test]
async fn temporary_failures_are_retried_without_cooling_the_account() {
    let shop = Shop::open_with(|config| config.fulfillment.retry_base = Duration::ZERO).await;
    let (product, _provider, accounts) = invite_product(&shop, "inv-retry", 1).await;
    let (order_id, token) = buy(&shop, &invite_order(&product, "budi+retry@contoh.id"), "normal").await;
    wait_count(&shop, "select count(*) from public.invitations where order_id = $1 and status = 'failed'", order_id, 1)
        .await;
    let view = tracked(&shop, &token).await;
    assert_eq!(view["status"], "processing", "{view}");
    assert_eq!(view["delivery"]["status"], "in_progress", "{view}");
    assert_eq!(view["delivery"]["invite"]["status"], "queued", "a failed attempt to be retried: {view}");

    sweep_until(&shop, order_id, "delivered").await;
    let all = invitations(&shop, order_id).await;
    let summary: Vec<(i32, &str, Option<&str>)> =
        all.iter().map(|i| (i.attempt, i.status.as_str(), i.error_kind.as_deref())).collect();
    assert_eq!(summary, [(1, "failed", Some("retry")), (2, "failed", Some("retry")), (3, "sent", None)]);
    assert!(all.iter().all(|i| i.account_id == accounts[0] && i.account_cooldown_until.is_none()));

    let pool = account(&shop, accounts[0]).await;
    assert!(pool.cooldown_until.is_none(), "temporary failures do not cool the account down: {pool:?}");
    assert_eq!((pool.consecutive_failures, pool.status.as_str()), (0, "active"));
    // Every invitation asked of the provider counts against the day's quota; the seat once.
    assert_eq!((pool.quota_used, pool.seats_used), (3, 1), "{pool:?}");

    let ran = job(&shop, order_id).await;
    assert_eq!((ran.status.as_str(), ran.attempts), ("succeeded", 3));
    let outcomes: Vec<String> = attempts(&shop, ran.id).await.into_iter().map(|a| a.2).collect();
    assert_eq!(outcomes, ["retry", "retry", "succeeded"]);
    assert_eq!(deliveries(&shop, order_id).await, [("INVITE".to_owned(), Some(all[2].id))]);
    assert_eq!(tracked(&shop, &token).await["delivery"]["invite"]["status"], "sent");
}

// ---------------------------------------------------------------------------------------
// 4. `+fail`: permanent; the order goes to the admin and its seat back to the pool.

#[tokio::test]
async fn a_permanent_failure_gives_the_seat_back_and_puts_the_order_in_front_of_the_admin() {
    let shop = Shop::open().await;
    let (product, _provider, accounts) = invite_product(&shop, "inv-fail", 1).await;
    let (order_id, token) = buy(&shop, &invite_order(&product, "budi+fail@contoh.id"), "normal").await;
    shop.wait_for_status(order_id, "needs_attention").await;

    let stuck = order(&shop, order_id).await;
    let reason = stuck.attention_reason.unwrap_or_default();
    assert!(reason.contains("refused"), "{reason}");
    assert_eq!(stuck.held_account_id, None, "the seat is given back");
    let pool = account(&shop, accounts[0]).await;
    assert_eq!((pool.seats_used, pool.quota_used), (0, 1), "{pool:?}");
    assert!(pool.cooldown_until.is_none() && pool.consecutive_failures == 0, "not the account's fault: {pool:?}");

    let all = invitations(&shop, order_id).await;
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].status.as_str(), all[0].error_kind.as_deref()), ("failed", Some("permanent")));
    let dead = job(&shop, order_id).await;
    assert_eq!((dead.status.as_str(), dead.attempts), ("dead", 1));
    assert!(dead.finished_at.is_some() && dead.locked_by.is_none());
    assert!(deliveries(&shop, order_id).await.is_empty());

    assert_eq!(
        notifications(&shop, order_id).await,
        [
            "needs_attention/admin/email",
            "needs_attention/admin/whatsapp",
            "needs_attention/buyer/email",
            "needs_attention/buyer/whatsapp"
        ]
    );
    let view = tracked(&shop, &token).await;
    assert_eq!(view["status"], "needs_attention", "{view}");
    assert_eq!(view["delivery"]["status"], "failed", "{view}");
    assert_eq!(view["delivery"]["invite"]["status"], "failed", "{view}");
    assert!(view["delivery"]["invite"]["sent_at"].is_null() && view["delivery"]["invite"]["note"].is_null());

    // Nothing more happens on later sweeps.
    sweep(&shop).await;
    assert_eq!(invitations(&shop, order_id).await.len(), 1);
    assert_eq!(job(&shop, order_id).await.status, "dead");
}

// ---------------------------------------------------------------------------------------
// 5. `+manual`: the team sends it; an admin confirms (or refuses).

#[tokio::test]
async fn a_manual_invitation_waits_for_the_team_and_an_admin_confirms_it() {
    let shop = Shop::open().await;
    let (product, _provider, accounts) = invite_product(&shop, "inv-manual", 1).await;
    let (order_id, token) = buy(&shop, &invite_order(&product, "budi+manual@contoh.id"), "normal").await;
    wait_count(
        &shop,
        "select count(*) from public.fulfillment_jobs where order_id = $1 and status = 'waiting'",
        order_id,
        1,
    )
    .await;

    assert_eq!(shop.order_status(order_id).await, "processing");
    let all = invitations(&shop, order_id).await;
    assert_eq!(all.len(), 1);
    let invitation = &all[0];
    assert_eq!(invitation.status, "awaiting_team");
    let expected_by = invitation.expected_by.expect("expected_by");
    assert!(about(expected_by - Utc::now(), 3600.0, 60.0), "about an hour ahead: {expected_by}");
    let waiting = job(&shop, order_id).await;
    assert!(waiting.locked_by.is_none() && waiting.finished_at.is_none(), "{waiting:?}");
    let pool = account(&shop, accounts[0]).await;
    assert_eq!((pool.quota_used, pool.seats_used), (1, 1));
    assert_eq!(
        notifications(&shop, order_id).await,
        [
            "awaiting_team/admin/email",
            "awaiting_team/admin/whatsapp",
            "awaiting_team/buyer/email",
            "awaiting_team/buyer/whatsapp"
        ]
    );

    let view = tracked(&shop, &token).await;
    assert_eq!(view["status"], "processing", "{view}");
    assert_eq!(view["delivery"]["status"], "awaiting_team", "{view}");
    let invite = &view["delivery"]["invite"];
    assert_eq!(invite["status"], "awaiting_team", "{view}");
    assert_eq!(timestamp(&invite["expected_by"]).timestamp(), expected_by.timestamp());
    assert!(invite["sent_at"].is_null() && invite["note"].is_null(), "{view}");

    // Sweeps leave a waiting job alone.
    sweep(&shop).await;
    assert_eq!(job(&shop, order_id).await.status, "waiting");
    assert_eq!(invitations(&shop, order_id).await.len(), 1);

    // Who may see and confirm it.
    let admin = user(&shop, "admin@ruangpremium.id", true).await;
    let member = user(&shop, "sari@example.com", false).await;
    let (status, body) = waiting_list(&shop, None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("unauthorized")), "{body}");
    let (status, body) = waiting_list(&shop, Some(&member)).await;
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("forbidden")), "{body}");
    let (status, body) = confirm(&shop, Some(&member), invitation.id, &json!({"sent": true})).await;
    assert_eq!(status, 403, "{body}");
    let (status, body) = confirm(&shop, None, invitation.id, &json!({"sent": true})).await;
    assert_eq!(status, 401, "{body}");

    let (status, list) = waiting_list(&shop, Some(&admin)).await;
    assert_eq!(status, 200, "{list}");
    let rows = list.as_array().expect("a list");
    assert_eq!(rows.len(), 1, "{list}");
    assert_eq!(rows[0]["invitation_id"], invitation.id.to_string());
    assert_eq!(rows[0]["order_id"], order_id.to_string());
    assert_eq!(rows[0]["target_email"], "budi+manual@contoh.id");
    assert!(rows[0]["order_number"].as_str().is_some_and(|n| n.starts_with("RP-")), "{list}");
    assert!(rows[0]["account_label"].as_str().is_some_and(|l| l.starts_with("Account ")), "{list}");
    assert!(rows[0].get("credentials").is_none() && !list.to_string().contains("password"), "no secret: {list}");

    // A bad body names each bad field; nothing changes.
    let (status, body) = confirm(&shop, Some(&admin), invitation.id, &json!({"sent": "yes", "x": 1})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("invalid_body")), "{body}");
    let fields = body["error"]["fields"].as_object().expect("fields");
    assert!(fields.contains_key("sent") && fields.contains_key("x") && fields.len() == 2, "{body}");
    let (status, body) =
        confirm(&shop, Some(&admin), invitation.id, &json!({"sent": true, "note": "x".repeat(501)})).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["fields"]["note"].is_string(), "{body}");
    assert_eq!(invitations(&shop, order_id).await[0].status, "awaiting_team");
    // An unknown invitation is not waiting.
    let (status, body) = confirm(&shop, Some(&admin), Uuid::new_v4(), &json!({"sent": true})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invitation_not_waiting")), "{body}");

    let (status, body) =
        confirm(&shop, Some(&admin), invitation.id, &json!({"sent": true, "note": "Terima undangan dari Canva"})).await;
    assert_eq!((status, body), (200, json!({"order_status": "delivered"})));
    assert_eq!(shop.order_status(order_id).await, "delivered");
    let done = job(&shop, order_id).await;
    assert!(done.status == "succeeded" && done.finished_at.is_some(), "{done:?}");
    assert_eq!(deliveries(&shop, order_id).await, [("INVITE".to_owned(), Some(invitation.id))]);
    let view = tracked(&shop, &token).await;
    assert_eq!(view["delivery"]["status"], "delivered", "{view}");
    let invite = &view["delivery"]["invite"];
    assert_eq!(
        (invite["status"].as_str(), invite["note"].as_str()),
        (Some("sent"), Some("Terima undangan dari Canva"))
    );
    assert!(invite["sent_at"].is_string() && invite["expected_by"].is_null(), "{view}");
    let pool = account(&shop, accounts[0]).await;
    assert_eq!((pool.quota_used, pool.seats_used), (1, 1), "{pool:?}");
    assert!(notifications(&shop, order_id).await.contains(&"delivered/buyer/email".to_owned()));

    // Only once.
    let (status, body) = confirm(&shop, Some(&admin), invitation.id, &json!({"sent": true})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("invitation_not_waiting")), "{body}");
    let (status, body) = confirm(&shop, Some(&admin), invitation.id, &json!({"sent": false})).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(shop.order_status(order_id).await, "delivered");
    assert_eq!(waiting_list(&shop, Some(&admin)).await.1, json!([]));

    // The refused path: the team could not send it.
    let (refused, refused_token) = buy(&shop, &invite_order(&product, "rina+manual@contoh.id"), "normal").await;
    wait_count(
        &shop,
        "select count(*) from public.fulfillment_jobs where order_id = $1 and status = 'waiting'",
        refused,
        1,
    )
    .await;
    assert_eq!(account(&shop, accounts[0]).await.seats_used, 2);
    let pending = invitations(&shop, refused).await[0].id;
    let (status, body) = confirm(&shop, Some(&admin), pending, &json!({"sent": false, "note": "akun penuh"})).await;
    assert_eq!((status, body), (200, json!({"order_status": "needs_attention"})));
    let stuck = order(&shop, refused).await;
    assert_eq!(stuck.status, "needs_attention");
    assert!(stuck.attention_reason.unwrap_or_default().contains("akun penuh"));
    assert_eq!(stuck.held_account_id, None, "the seat is released");
    let pool = account(&shop, accounts[0]).await;
    assert_eq!((pool.seats_used, pool.quota_used), (1, 2), "{pool:?}");
    let dead = job(&shop, refused).await;
    assert!(dead.status == "dead" && dead.finished_at.is_some(), "{dead:?}");
    let failed = &invitations(&shop, refused).await[0];
    assert_eq!((failed.status.as_str(), failed.error_kind.as_deref()), ("failed", Some("permanent")));
    assert!(deliveries(&shop, refused).await.is_empty());
    let view = tracked(&shop, &refused_token).await;
    assert_eq!(
        (view["delivery"]["status"].as_str(), view["delivery"]["invite"]["status"].as_str()),
        (Some("failed"), Some("failed"))
    );
    assert!(notifications(&shop, refused).await.contains(&"needs_attention/admin/email".to_owned()));
    let (status, _) = confirm(&shop, Some(&admin), pending, &json!({"sent": true})).await;
    assert_eq!(status, 409, "a refused invitation cannot be confirmed afterwards");
}

// ---------------------------------------------------------------------------------------
// 6. No eligible account: the job waits with its error; a sweep delivers it once one is back.

#[tokio::test]
async fn with_every_account_cooling_down_the_job_waits_and_is_delivered_when_one_is_back() {
    let shop = Shop::open_with(|config| {
        config.fulfillment.inline_budget = Duration::ZERO;
        config.fulfillment.retry_base = Duration::from_secs(1);
    })
    .await;
    let (product, _provider, accounts) = invite_product(&shop, "inv-none", 2).await;
    let (order_id, token) = buy(&shop, &invite_order(&product, "budi@contoh.id"), "normal").await;
    wait_for_job(&shop, order_id).await;
    let held = order(&shop, order_id).await.held_account_id.expect("held seat");
    let free = *accounts.iter().find(|a| **a != held).expect("two accounts");
    for id in &accounts {
        set_cooldown(&shop, *id, "now() + interval '10 minutes'").await;
    }

    sweep(&shop).await;
    let waiting = job(&shop, order_id).await;
    assert_eq!((waiting.status.as_str(), waiting.attempts), ("queued", 1), "{waiting:?}");
    let error = waiting.last_error.unwrap_or_default();
    assert!(error.contains("pool account"), "{error}");
    assert!(waiting.run_at > Utc::now(), "retried later, with backoff");
    assert_eq!(attempts(&shop, waiting.id).await.iter().map(|a| a.2.as_str()).collect::<Vec<_>>(), ["retry"]);
    assert_eq!(shop.order_status(order_id).await, "paid");
    assert!(invitations(&shop, order_id).await.is_empty(), "nothing was asked of the provider");
    for id in &accounts {
        assert_eq!(account(&shop, *id).await.quota_used, 0);
    }
    let view = tracked(&shop, &token).await;
    assert_eq!(view["delivery"]["status"], "queued", "{view}");
    assert_eq!(view["delivery"]["invite"]["status"], "queued", "{view}");

    // The account that does not hold the seat comes back first: the seat moves to it.
    set_cooldown(&shop, free, "now() - interval '1 second'").await;
    sweep_until(&shop, order_id, "delivered").await;
    let all = invitations(&shop, order_id).await;
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!((all[0].account_id, all[0].status.as_str()), (free, "sent"));
    assert_eq!(order(&shop, order_id).await.held_account_id, Some(free));
    let (was, now) = (account(&shop, held).await, account(&shop, free).await);
    assert_eq!((was.seats_used, was.quota_used), (0, 0), "{was:?}");
    assert_eq!((now.seats_used, now.quota_used), (1, 1), "{now:?}");
    assert_eq!(job(&shop, order_id).await.status, "succeeded");
}

// ---------------------------------------------------------------------------------------
// 7. Parking after `park_after` failures in a row; a parked account is never taken again.

#[tokio::test]
async fn an_account_failing_twice_in_a_row_is_parked_and_never_picked_again() {
    let shop = Shop::open_with(|config| {
        config.fulfillment.inline_budget = Duration::ZERO;
        config.fulfillment.cooldown_base = Duration::ZERO;
        config.fulfillment.park_after = 2;
    })
    .await;
    let (product, provider, accounts) = invite_product(&shop, "inv-park", 1).await;
    let failing = accounts[0];
    // `+account` fails an order's first invitation only: two orders whose first invitations
    // both land on the one account, with no success in between, fail it twice in a row.
    let (first, _) = buy(&shop, &invite_order(&product, "ani+account@contoh.id"), "normal").await;
    wait_for_job(&shop, first).await;
    let (second, _) = buy(&shop, &invite_order(&product, "budi+account@contoh.id"), "normal").await;
    wait_for_job(&shop, second).await;

    // One at a time in the queue's order: the first order fails (1 in a row; no cooldown
    // with a zero base) and is requeued behind the second, whose first invitation fails
    // too (2 in a row: parked); then neither finds an account.
    let report = run_due_in_order(&shop).await;
    assert_eq!((report.claimed, report.retried, report.delivered), (4, 4, 0), "{report:?}");
    let parked = account(&shop, failing).await;
    assert_eq!((parked.status.as_str(), parked.consecutive_failures), ("parked", 2), "{parked:?}");
    assert_eq!(parked.quota_used, 2);
    for id in [first, second] {
        let all = invitations(&shop, id).await;
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!((all[0].error_kind.as_deref(), all[0].account_id), (Some("account"), failing));
        let waiting = job(&shop, id).await;
        assert_eq!((waiting.status.as_str(), waiting.attempts), ("queued", 2), "{waiting:?}");
        assert!(waiting.last_error.unwrap_or_default().contains("pool account"));
    }

    // Not picked again, even with no cooldown at all.
    set_cooldown(&shop, failing, "null").await;
    make_due(&shop).await;
    let report = run_due_in_order(&shop).await;
    assert_eq!((report.claimed, report.retried), (2, 2), "{report:?}");
    assert_eq!(count(&shop, "select count(*) from public.invitations", None).await, 2);
    // Nor for a new order: checkout finds no seat.
    let (status, body) = shop.place(&invite_order(&product, "cici@contoh.id"), None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("sold_out")), "{body}");

    // A fresh account takes both orders; the parked one keeps nothing and gains nothing.
    let fresh = fixtures::account(&provider, "team").insert(&shop.app).await.id;
    make_due(&shop).await;
    let report = run_due_in_order(&shop).await;
    assert_eq!(report.delivered, 2, "{report:?}");
    for id in [first, second] {
        assert_eq!(shop.order_status(id).await, "delivered");
        let all = invitations(&shop, id).await;
        assert_eq!((all.len(), all[1].account_id, all[1].status.as_str()), (2, fresh, "sent"));
        assert_eq!(order(&shop, id).await.held_account_id, Some(fresh));
    }
    let parked = account(&shop, failing).await;
    assert_eq!((parked.status.as_str(), parked.seats_used, parked.quota_used), ("parked", 0, 2), "{parked:?}");
    let fresh = account(&shop, fresh).await;
    assert_eq!((fresh.seats_used, fresh.quota_used, fresh.consecutive_failures), (2, 2, 0), "{fresh:?}");
    assert_eq!(count(&shop, "select count(*) from public.invitations where account_id = $1", Some(failing)).await, 2);
}

// ---------------------------------------------------------------------------------------
// Cooldown: base × 2^(n-1) ± 10% for the n-th failure in a row.

#[tokio::test]
async fn each_failure_in_a_row_doubles_the_cooldown() {
    let shop = Shop::open_with(|config| {
        config.fulfillment.inline_budget = Duration::ZERO;
        config.fulfillment.cooldown_base = Duration::from_secs(10);
        config.fulfillment.park_after = 5;
    })
    .await;
    let (product, _provider, accounts) = invite_product(&shop, "inv-double", 1).await;
    let failing = accounts[0];
    let (first, _) = buy(&shop, &invite_order(&product, "ani+account@contoh.id"), "normal").await;
    let (second, _) = buy(&shop, &invite_order(&product, "budi+account@contoh.id"), "normal").await;
    wait_for_job(&shop, first).await;
    wait_for_job(&shop, second).await;

    assert_eq!(run_once(&shop, first, "w1").await, runner::Ran::Retry);
    let once = account(&shop, failing).await;
    let failed = &invitations(&shop, first).await[0];
    let rest = once.cooldown_until.expect("cooling") - failed.finished_at.expect("finished");
    assert!(about(rest, 10.0, 1.1), "first failure: base ± 10%, got {rest}");
    assert_eq!(once.consecutive_failures, 1);

    // Time passes; the next invitation on it fails as well.
    set_cooldown(&shop, failing, "now() - interval '1 second'").await;
    assert_eq!(run_once(&shop, second, "w2").await, runner::Ran::Retry);
    let twice = account(&shop, failing).await;
    let failed = &invitations(&shop, second).await[0];
    let rest = twice.cooldown_until.expect("cooling") - failed.finished_at.expect("finished");
    assert_eq!(twice.consecutive_failures, 2);
    assert!(about(rest, 20.0, 2.1), "second failure in a row: 2 × base ± 10%, got {rest}");
    assert_eq!(failed.account_cooldown_until, twice.cooldown_until);

    // A success ends the streak.
    set_cooldown(&shop, failing, "now() - interval '1 second'").await;
    make_due(&shop).await;
    let report = run_due_in_order(&shop).await;
    assert_eq!(report.delivered, 2, "{report:?}");
    let healed = account(&shop, failing).await;
    assert_eq!((healed.consecutive_failures, healed.status.as_str()), (0, "active"));
}

/// Two invitations in flight on the same account both fail: the account has failed twice
/// in a row (its counter says 2), so it rests 2 × base, as after two failures one after
/// the other (the database counts the failure and picks its cooldown in one statement).
#[tokio::test]
async fn overlapping_failures_on_one_account_still_double_the_cooldown() {
    let shop = Shop::open_with(|config| {
        config.fulfillment.inline_budget = Duration::ZERO;
        config.fulfillment.cooldown_base = Duration::from_secs(10);
        config.fulfillment.park_after = 5;
        // A begin that finds the one account locked by the other (SKIP LOCKED) tries again
        // soon, still well within the other's provider call.
        config.fulfillment.retry_base = Duration::from_millis(100);
    })
    .await;
    let (product, provider, accounts) = invite_product(&shop, "inv-overlap", 1).await;
    // Each provider call takes 500 ms, so both invitations are begun before either fails.
    set_provider_settings(&shop, provider.id, &json!({"latency_ms": 500})).await;
    let (first, _) = buy(&shop, &invite_order(&product, "ani+account@contoh.id"), "normal").await;
    let (second, _) = buy(&shop, &invite_order(&product, "budi+account@contoh.id"), "normal").await;
    wait_for_job(&shop, first).await;
    wait_for_job(&shop, second).await;

    // Two workers, each taking one job at a time, for 1.5 s.
    let work = |name: &'static str| {
        let state = shop.state.clone();
        async move {
            let until = Instant::now() + Duration::from_millis(1500);
            while Instant::now() < until {
                shop::fulfillment::run_due(&state, name, until, 1, 1).await;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    };
    tokio::join!(work("one"), work("two"));
    let failed: Vec<Invitation> =
        [invitations(&shop, first).await, invitations(&shop, second).await].into_iter().flatten().collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed[0].created_at < failed[1].finished_at.expect("finished"), "they overlapped");
    assert!(failed[1].created_at < failed[0].finished_at.expect("finished"), "they overlapped");
    let pool = account(&shop, accounts[0]).await;
    assert_eq!(pool.consecutive_failures, 2, "{pool:?}");
    let last = failed.iter().filter_map(|i| i.finished_at).max().expect("finished");
    let rest = pool.cooldown_until.expect("cooling") - last;
    assert!(about(rest, 20.0, 2.1), "two failures in a row: 2 × base ± 10%, got {rest}");
}

// ---------------------------------------------------------------------------------------
// 8. A worker died after begin_invitation: the same invitation is resumed, counted once.

#[tokio::test]
async fn a_worker_that_died_mid_invitation_is_recovered_and_the_same_invitation_resumed() {
    let shop = Shop::open_with(|config| {
        config.fulfillment.inline_budget = Duration::ZERO;
        config.fulfillment.lease = Duration::from_secs(2);
    })
    .await;
    let (product, _provider, accounts) = invite_product(&shop, "inv-ghost", 1).await;
    let (order_id, token, trx) = place(&shop, &invite_order(&product, "budi@contoh.id")).await;
    shop.pay(&trx, "normal").await;
    wait_for_job(&shop, order_id).await;

    // The worker claims the job, records the invitation (quota counted)… and vanishes.
    let job_id: i64 = sqlx::query_scalar("select id from private.claim_jobs('ghost-worker', 1, 2)")
        .fetch_one(shop.pool())
        .await
        .expect("claim");
    assert_eq!(job_id, job(&shop, order_id).await.id);
    let (outcome, begun): (String, Option<Uuid>) =
        sqlx::query_as("select outcome, invitation_id from private.begin_invitation($1, 'ghost-worker')")
            .bind(job_id)
            .fetch_one(shop.pool())
            .await
            .expect("begin");
    assert_eq!(outcome, "started");
    let begun = begun.expect("an invitation");
    let pool = account(&shop, accounts[0]).await;
    assert_eq!((pool.quota_used, pool.seats_used), (1, 1));
    assert_eq!(invitations(&shop, order_id).await[0].status, "sending");
    assert_eq!(tracked(&shop, &token).await["delivery"]["invite"]["status"], "sending");

    // While its lease runs, nobody else takes the job.
    sweep(&shop).await;
    let held = job(&shop, order_id).await;
    assert_eq!((held.status.as_str(), held.locked_by.as_deref()), ("running", Some("ghost-worker")));

    tokio::time::sleep(Duration::from_millis(2300)).await;
    let report = sweep(&shop).await;
    assert_eq!(report.leases_recovered, 1, "{report:?}");
    assert_eq!(shop.order_status(order_id).await, "delivered");

    let all = invitations(&shop, order_id).await;
    assert_eq!(all.len(), 1, "no second invitation: {all:?}");
    assert_eq!((all[0].id, all[0].status.as_str(), all[0].attempt), (begun, "sent", 1));
    assert_eq!(deliveries(&shop, order_id).await, [("INVITE".to_owned(), Some(begun))]);
    let pool = account(&shop, accounts[0]).await;
    assert_eq!((pool.quota_used, pool.seats_used), (1, 1), "counted once: {pool:?}");
    let done = job(&shop, order_id).await;
    assert_eq!((done.status.as_str(), done.attempts), ("succeeded", 2));
    let log = attempts(&shop, done.id).await;
    let outcomes: Vec<(i32, &str)> = log.iter().map(|a| (a.0, a.2.as_str())).collect();
    assert_eq!(outcomes, [(1, "lease_expired"), (2, "succeeded")]);
    assert_eq!(log[0].1, "ghost-worker");
    assert_eq!(notifications(&shop, order_id).await, ["delivered/buyer/email", "delivered/buyer/whatsapp"]);

    // The ghost's late answer changes nothing.
    let late: String = sqlx::query_scalar(
        "select private.finish_invitation($1, 'ghost-worker', $2, 'sent', 'SIM-LATE', null, null, 0, null, 3, null)",
    )
    .bind(job_id)
    .bind(begun)
    .fetch_one(shop.pool())
    .await
    .expect("late finish");
    assert_eq!(late, "lost_lease");
    let reference = invitations(&shop, order_id).await.remove(0).provider_reference;
    assert_eq!(reference, all[0].provider_reference, "the worker that finished it wrote the reference");
    assert_eq!(count(&shop, "select count(*) from public.invitations", None).await, 1);
}

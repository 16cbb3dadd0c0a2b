//! The sweep: what the scheduler runs every minute (and the local stack every few
//! seconds). Each step is bounded in time and safe to run from several places at once
//! (every step takes its rows with `FOR UPDATE SKIP LOCKED`):
//!
//! 1. recover jobs whose worker vanished (lease ran out);
//! 2. reconcile payments with Tokopay (a lost webhook must not lose a payment);
//! 3. expire unpaid orders whose invoice ran out, releasing what they held;
//! 4. run due jobs;
//! 5. send queued notifications.

use std::time::{Duration, Instant};

use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use futures::StreamExt;
use serde::Serialize;
use serde_json::json;
use subtle::ConstantTimeEq;
use uuid::Uuid;

use super::{runner, RunReport};
use crate::{payments, AppState};

/// Where a scheduler without direct Lambda invocation (a cron job, a VPS timer) triggers
/// the sweep, with `Authorization: Bearer <SWEEP_SECRET>`.
pub const SWEEP_PATH: &str = "/sweep";

/// `POST /sweep`: runs one sweep and answers its report. 401 without the right secret; 404
/// when `SWEEP_SECRET` is not set (the HTTP trigger is off).
pub fn sweep_router(state: AppState) -> Router {
    Router::new().route(SWEEP_PATH, post(sweep_over_http)).with_state(state)
}

async fn sweep_over_http(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(secret) = &state.config.fulfillment.sweep_secret else {
        return (StatusCode::NOT_FOUND, Json(json!({"error": {"code": "not_found"}}))).into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !bool::from(given.as_bytes().ct_eq(secret.expose().as_bytes())) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            Json(json!({"error": {"code": "unauthorized", "message": "The sweep needs its secret."}})),
        )
            .into_response();
    }
    Json(sweep(&state, &SweepOptions::default()).await).into_response()
}

#[derive(Debug, Clone)]
pub struct SweepOptions {
    /// The whole sweep's time budget (a Lambda's timeout, minus a margin).
    pub budget: Duration,
    /// Rows taken per round trip, per step.
    pub batch: i64,
    /// Jobs and status checks run at once.
    pub concurrency: usize,
}

impl Default for SweepOptions {
    fn default() -> SweepOptions {
        SweepOptions { budget: Duration::from_secs(50), batch: 20, concurrency: 4 }
    }
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct SweepReport {
    pub leases_recovered: i32,
    pub payments_checked: usize,
    pub payments_confirmed: usize,
    pub orders_expired: usize,
    pub jobs: RunReport,
    pub notifications_sent: usize,
    /// Steps that failed (the others still ran).
    pub errors: Vec<String>,
    pub elapsed_ms: u128,
}

pub async fn sweep(state: &AppState, options: &SweepOptions) -> SweepReport {
    let started = Instant::now();
    let worker = super::worker_id("sweep");
    let deadline = started + options.budget;
    let share = |fraction: u32| options.budget / fraction;
    let mut report = SweepReport::default();
    let db = &state.db;

    match super::queue::recover_expired(db, 500).await {
        Ok(n) => report.leases_recovered = n,
        Err(err) => report.errors.push(format!("recover leases: {err}")),
    }
    match tokio::time::timeout(share(4), reconcile_payments(state, options)).await {
        Ok(Ok((checked, confirmed))) => {
            report.payments_checked = checked;
            report.payments_confirmed = confirmed;
        }
        Ok(Err(err)) => report.errors.push(format!("reconcile payments: {err}")),
        Err(_) => report.errors.push("reconcile payments: out of time".into()),
    }
    match crate::checkout::expire_due(db, 500).await {
        Ok(n) => report.orders_expired = n,
        Err(err) => report.errors.push(format!("expire orders: {err}")),
    }
    let jobs_deadline = deadline.checked_sub(share(5)).unwrap_or(deadline);
    report.jobs = runner::run_due(state, &worker, jobs_deadline, options.batch, options.concurrency).await;
    let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_secs(1));
    match tokio::time::timeout(left, crate::notify::send_due(state, &worker, options.batch * 5)).await {
        Ok(Ok(n)) => report.notifications_sent = n,
        Ok(Err(err)) => report.errors.push(format!("send notifications: {err:#}")),
        Err(_) => report.errors.push("send notifications: out of time".into()),
    }
    report.elapsed_ms = started.elapsed().as_millis();
    if !report.errors.is_empty() {
        tracing::warn!(errors = ?report.errors, "sweep finished with errors");
    }
    report
}

#[derive(sqlx::FromRow)]
struct DuePayment {
    payment_id: Uuid,
    reff_id: String,
    amount: i64,
    trx_id: Option<String>,
    total_bayar: Option<i64>,
    total_diterima: Option<i64>,
}

/// Asks Tokopay about payments still pending (or recently expired) and marks those it
/// confirms paid, exactly as the webhook would. Returns (checked, confirmed).
pub async fn reconcile_payments(state: &AppState, options: &SweepOptions) -> Result<(usize, usize), sqlx::Error> {
    let db = &state.db;
    let due: Vec<DuePayment> = db
        .query_as("select * from private.take_payments_to_reconcile($1::integer)")
        .bind(options.batch)
        .fetch_all(db.pool())
        .await?;
    let checked = due.len();
    let confirmed = futures::stream::iter(due)
        .map(|payment| async move {
            let report = match state.tokopay.check_status(&payment.reff_id, payment.amount).await {
                Ok(report) => report,
                Err(err) => {
                    tracing::warn!(reff_id = %payment.reff_id, error = %err, "reconcile: status check failed");
                    return false;
                }
            };
            if !payments::confirms(&report, payment.trx_id.as_deref(), payment.total_bayar, payment.total_diterima) {
                return false;
            }
            match db.query_scalar::<String>("select private.mark_payment_paid($1)").bind(payment.payment_id).fetch_one(db.pool()).await {
                Ok(how) if how != "duplicate" => {
                    tracing::info!(reff_id = %payment.reff_id, outcome = %how, "reconcile: payment confirmed by Tokopay (its webhook was missed)");
                    true
                }
                Ok(_) => false,
                Err(err) => {
                    tracing::error!(reff_id = %payment.reff_id, error = %err, "reconcile: could not mark paid");
                    false
                }
            }
        })
        .buffer_unordered(options.concurrency.max(1))
        .filter(|confirmed| std::future::ready(*confirmed))
        .count()
        .await;
    Ok((checked, confirmed))
}

//! Running claimed jobs: STOCK in one SQL call, INVITE through the provider adapters,
//! no-op jobs for the benchmark. Any error is a failed attempt: the job is retried with
//! backoff, or parked as dead after its last attempt.

use std::time::{Duration, Instant};

use futures::StreamExt;
use serde::Serialize;
use uuid::Uuid;

use super::{invite, queue, queue::Job};
use crate::backoff;
use crate::AppState;

/// What became of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ran {
    /// The order is delivered (or the no-op job done).
    Delivered,
    /// It already was (a repeated job): nothing changed.
    AlreadyDone,
    /// Handed to a person (manual invitation).
    Waiting,
    /// Failed; queued again with backoff.
    Retry,
    /// Failed for good; the order is in front of the admin.
    Dead,
    /// The worker no longer held the lease; someone else has the job.
    LostLease,
}

/// Counts of a run, by outcome.
#[derive(Debug, Default, Clone, Serialize)]
pub struct RunReport {
    pub claimed: usize,
    pub delivered: usize,
    pub already_done: usize,
    pub waiting: usize,
    pub retried: usize,
    pub dead: usize,
    pub lost_lease: usize,
}

impl RunReport {
    fn add(&mut self, ran: Ran) {
        match ran {
            Ran::Delivered => self.delivered += 1,
            Ran::AlreadyDone => self.already_done += 1,
            Ran::Waiting => self.waiting += 1,
            Ran::Retry => self.retried += 1,
            Ran::Dead => self.dead += 1,
            Ran::LostLease => self.lost_lease += 1,
        }
    }
}

/// Runs one claimed job to the end of this attempt.
pub async fn run_job(state: &AppState, job: &Job, worker: &str) -> Ran {
    let result = match job.kind.as_str() {
        "stock" => fulfill_stock(state, job, worker).await,
        "invite" => invite::run(state, job, worker).await,
        "noop" => match queue::complete(&state.db, &[job.id], worker).await {
            Ok(1) => Ok(Ran::Delivered),
            Ok(_) => Ok(Ran::LostLease),
            Err(err) => Err(err.into()),
        },
        other => Err(anyhow::anyhow!("unknown job kind {other:?}")),
    };
    let ran = match result {
        Ok(ran) => ran,
        Err(err) => retry_later(state, job, worker, &format!("{err:#}")).await,
    };
    match ran {
        Ran::LostLease => tracing::warn!(job = job.id, %worker, "job lost its lease; another worker has it"),
        Ran::Dead => tracing::error!(job = job.id, order = ?job.order_id, "job is dead; the order needs the admin"),
        _ => tracing::debug!(job = job.id, outcome = ?ran, "job attempt finished"),
    }
    ran
}

/// Records a failed attempt: retried after the job's backoff, or dead after its last.
pub(crate) async fn retry_later(state: &AppState, job: &Job, worker: &str, error: &str) -> Ran {
    let settings = &state.config.fulfillment;
    let delay = backoff::delay(job.attempts.max(1) as u32, settings.retry_base, settings.retry_cap);
    tracing::warn!(job = job.id, attempt = job.attempts, error, retry_in = ?delay, "job attempt failed");
    match queue::fail(&state.db, job.id, worker, error, delay).await {
        Ok(outcome) => match outcome.as_str() {
            "retry" => Ran::Retry,
            "dead" => Ran::Dead,
            _ => Ran::LostLease,
        },
        Err(err) => {
            // The lease runs out and the sweep recovers the job.
            tracing::error!(job = job.id, error = %err, "could not record the failed attempt");
            Ran::Retry
        }
    }
}

async fn fulfill_stock(state: &AppState, job: &Job, worker: &str) -> anyhow::Result<Ran> {
    let db = &state.db;
    let outcome: String =
        db.query_scalar("select private.fulfill_stock($1, $2)").bind(job.id).bind(worker).fetch_one(db.pool()).await?;
    Ok(match outcome.as_str() {
        "delivered" => Ran::Delivered,
        "already_delivered" => Ran::AlreadyDone,
        "short" => Ran::Dead,
        _ => Ran::LostLease,
    })
}

/// Claims and runs due jobs until `deadline` or until none is due, `concurrency` at a
/// time, claiming `batch` per round trip.
pub async fn run_due(state: &AppState, worker: &str, deadline: Instant, batch: i64, concurrency: usize) -> RunReport {
    let mut report = RunReport::default();
    let lease = state.config.fulfillment.lease;
    while Instant::now() < deadline {
        let jobs = match queue::claim(&state.db, worker, batch, lease).await {
            Ok(jobs) => jobs,
            Err(err) => {
                tracing::error!(error = %err, "could not claim jobs");
                break;
            }
        };
        if jobs.is_empty() {
            break;
        }
        report.claimed += jobs.len();
        let outcomes: Vec<Ran> = futures::stream::iter(jobs)
            .map(|job| async move { run_job(state, &job, worker).await })
            .buffer_unordered(concurrency.max(1))
            .collect()
            .await;
        for ran in outcomes {
            report.add(ran);
        }
    }
    report
}

/// Runs the job of an order that was just paid, within the configured inline budget (the
/// webhook calls this after it committed). A job that takes longer keeps its lease and
/// is finished by the sweep; `None` when there was no due job to claim.
pub async fn run_for_order(state: &AppState, order_id: Uuid) -> Option<Ran> {
    let budget = state.config.fulfillment.inline_budget;
    if budget.is_zero() {
        return None;
    }
    let worker = super::worker_id("webhook");
    let db = &state.db;
    let job_id: Option<i64> = match db
        .query_scalar("select id from public.fulfillment_jobs where order_id = $1")
        .bind(order_id)
        .fetch_optional(db.pool())
        .await
    {
        Ok(id) => id,
        Err(err) => {
            tracing::warn!(error = %err, "could not look the new job up; the sweep will run it");
            return None;
        }
    };
    let job = match queue::claim_one(db, job_id?, &worker, state.config.fulfillment.lease).await {
        Ok(job) => job?,
        Err(err) => {
            tracing::warn!(error = %err, "could not claim the new job; the sweep will run it");
            return None;
        }
    };
    match tokio::time::timeout(budget, run_job(state, &job, &worker)).await {
        Ok(ran) => Some(ran),
        Err(_) => {
            tracing::info!(job = job.id, budget = ?budget, "job still running at the webhook's budget; the sweep finishes it");
            None
        }
    }
}

/// Mostly for tests and the benchmark: how long to wait between two empty claims.
pub const IDLE_PAUSE: Duration = Duration::from_millis(200);

//! `fulfillment_jobs`: claiming under a lease, finishing, retrying, recovering. Every
//! finishing step is a SQL function that first checks the caller still holds the lease,
//! so a worker that lost its job (its lease ran out and another worker has it) changes
//! nothing.

use std::{future::Future, time::Duration};

use uuid::Uuid;

use crate::db::Db;

/// A claimed job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    /// `stock`, `invite` or `noop`.
    pub kind: String,
    pub order_id: Option<Uuid>,
    /// This attempt's number (1 for the first).
    pub attempts: i32,
    pub max_attempts: i32,
}

const COLUMNS: &str = "id, kind, order_id, attempts, max_attempts";

/// Claims up to `limit` due jobs for `worker`, under a lease of `lease`.
pub async fn claim(db: &Db, worker: &str, limit: i64, lease: Duration) -> Result<Vec<Job>, sqlx::Error> {
    let sql = format!("select {COLUMNS} from private.claim_jobs($1, $2::integer, $3)");
    db.query_as(&sql).bind(worker).bind(limit).bind(lease.as_secs_f64()).fetch_all(db.pool()).await
}

/// Claims the given job if it is queued and due (and nobody else is claiming it).
pub async fn claim_one(db: &Db, job_id: i64, worker: &str, lease: Duration) -> Result<Option<Job>, sqlx::Error> {
    let sql = format!("select {COLUMNS} from private.claim_job($1, $2, $3)");
    db.query_as(&sql).bind(job_id).bind(worker).bind(lease.as_secs_f64()).fetch_optional(db.pool()).await
}

/// Marks held jobs succeeded (in one statement); returns how many were still held.
pub async fn complete(db: &Db, job_ids: &[i64], worker: &str) -> Result<i32, sqlx::Error> {
    db.query_scalar("select private.complete_jobs($1, $2)").bind(job_ids).bind(worker).fetch_one(db.pool()).await
}

/// A failed attempt: retried after `delay`, or dead if it was the last. Returns `retry`,
/// `dead` or `lost_lease`.
pub async fn fail(db: &Db, job_id: i64, worker: &str, error: &str, delay: Duration) -> Result<String, sqlx::Error> {
    db.query_scalar("select private.fail_job($1, $2, $3, $4)")
        .bind(job_id)
        .bind(worker)
        .bind(error)
        .bind(delay.as_secs_f64())
        .fetch_one(db.pool())
        .await
}

/// Requeues (or parks as dead) up to `limit` jobs whose lease ran out; returns how many.
pub async fn recover_expired(db: &Db, limit: i32) -> Result<i32, sqlx::Error> {
    db.query_scalar("select private.recover_expired_leases($1)").bind(limit).fetch_one(db.pool()).await
}

/// Extends the lease of a job the worker still holds.
pub async fn extend(db: &Db, job_id: i64, worker: &str, lease: Duration) -> Result<bool, sqlx::Error> {
    db.query_scalar("select private.extend_lease($1, $2, $3)")
        .bind(job_id)
        .bind(worker)
        .bind(lease.as_secs_f64())
        .fetch_one(db.pool())
        .await
}

/// Runs `work` while renewing the job's lease every third of `lease`, so that a slow
/// provider call does not let the sweep hand the job to someone else.
pub async fn with_heartbeat<F: Future>(db: &Db, job_id: i64, worker: &str, lease: Duration, work: F) -> F::Output {
    tokio::pin!(work);
    let mut beat = tokio::time::interval(lease / 3);
    beat.tick().await;
    loop {
        tokio::select! {
            output = &mut work => return output,
            _ = beat.tick() => {
                match extend(db, job_id, worker, lease).await {
                    Ok(true) => {}
                    Ok(false) => tracing::warn!(job = job_id, %worker, "lease lost while the job was running"),
                    Err(err) => tracing::warn!(job = job_id, error = %err, "could not extend the lease"),
                }
            }
        }
    }
}

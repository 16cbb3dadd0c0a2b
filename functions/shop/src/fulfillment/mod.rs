//! Fulfillment: every paid order delivered automatically, exactly once, whatever fails on
//! the way. See docs/fulfillment.md.
//!
//! * [`queue`] — `fulfillment_jobs`: claimed with `FOR UPDATE SKIP LOCKED` under a lease,
//!   retried with [`crate::backoff`], parked as dead after the last attempt, recovered when a
//!   worker's lease runs out.
//! * [`runner`] — runs claimed jobs: STOCK orders in one SQL call
//!   (`private.fulfill_stock`), INVITE orders through [`invite`] and the [`providers`].
//! * [`sweep`] — what the scheduler runs: reconcile payments with Tokopay, expire unpaid
//!   orders, recover leases, run due jobs, send notifications.

pub mod admin;
pub mod invite;
pub mod providers;
pub mod queue;
pub mod runner;
pub mod sweep;

use std::time::Duration;

use anyhow::Context;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;

pub use runner::{run_due, run_for_order, RunReport};
pub use sweep::{sweep, sweep_router, SweepOptions, SweepReport, SWEEP_PATH};

/// `FULFILLMENT_*` and `POOL_*`: the queue's and the account pool's timings.
#[derive(Clone, Debug)]
pub struct FulfillmentSettings {
    /// `FULFILLMENT_LEASE_SECONDS` (default 60, 2–3600): how long a claimed job is the
    /// worker's before the sweep gives it to another. The worker renews it every third of
    /// that while a provider call runs, so only a vanished worker loses it.
    pub lease: Duration,
    /// `FULFILLMENT_RETRY_BASE_SECONDS` (default 5) and `FULFILLMENT_RETRY_CAP_SECONDS`
    /// (default 3600): a failed job waits base × 2^(attempt-1), capped, ±10%.
    pub retry_base: Duration,
    pub retry_cap: Duration,
    /// `POOL_COOLDOWN_BASE_SECONDS` (default 300) and `POOL_COOLDOWN_CAP_SECONDS` (default
    /// 21600): an account that failed n times in a row rests base × 2^(n-1), capped, ±10%.
    pub cooldown_base: Duration,
    pub cooldown_cap: Duration,
    /// `POOL_PARK_AFTER_FAILURES` (default 3, 1–100): failures in a row after which an
    /// account is parked for the admin.
    pub park_after: i32,
    /// `FULFILLMENT_INLINE_BUDGET_MS` (default 5000, 0 = off): how long the webhook may spend
    /// running the job it just enqueued before it answers Tokopay (the sweep finishes the rest).
    pub inline_budget: Duration,
    /// `SWEEP_SECRET` (at least 32 characters): the bearer token `POST /sweep` requires.
    /// Unset, the HTTP trigger is off (EventBridge invokes the function directly).
    pub sweep_secret: Option<crate::config::Secret>,
}

impl FulfillmentSettings {
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<FulfillmentSettings> {
        let number = |name: &str, default: u64, range: std::ops::RangeInclusive<u64>| -> anyhow::Result<u64> {
            match lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
                None => Ok(default),
                Some(v) => v.parse::<u64>().ok().filter(|n| range.contains(n)).with_context(|| {
                    format!("{name} must be a whole number {}–{}, got {v:?}", range.start(), range.end())
                }),
            }
        };
        let seconds = |name: &str, default: u64, range| number(name, default, range).map(Duration::from_secs);
        Ok(FulfillmentSettings {
            lease: seconds("FULFILLMENT_LEASE_SECONDS", 60, 2..=3600)?,
            retry_base: seconds("FULFILLMENT_RETRY_BASE_SECONDS", 5, 0..=3600)?,
            retry_cap: seconds("FULFILLMENT_RETRY_CAP_SECONDS", 3600, 1..=86_400)?,
            cooldown_base: seconds("POOL_COOLDOWN_BASE_SECONDS", 300, 0..=86_400)?,
            cooldown_cap: seconds("POOL_COOLDOWN_CAP_SECONDS", 21_600, 1..=604_800)?,
            park_after: number("POOL_PARK_AFTER_FAILURES", 3, 1..=100)? as i32,
            inline_budget: Duration::from_millis(number("FULFILLMENT_INLINE_BUDGET_MS", 5000, 0..=60_000)?),
            sweep_secret: match lookup("SWEEP_SECRET").map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) {
                None => None,
                Some(secret) if secret.len() >= 32 => Some(crate::config::Secret(secret)),
                Some(_) => anyhow::bail!("SWEEP_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)"),
            },
        })
    }
}

/// The admin's endpoints for invitations sent by hand.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(admin::list_waiting)).routes(routes!(admin::confirm))
}

/// A name for one worker (a sweep, a webhook call): what `locked_by` shows.
pub fn worker_id(role: &str) -> String {
    format!("{role}-{}-{}", std::process::id(), &uuid::Uuid::new_v4().simple().to_string()[..8])
}

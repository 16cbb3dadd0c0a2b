//! Tokopay's webhook, mounted at `/webhooks/tokopay` by the `tokopay-webhook` function and
//! by the local stack. See [`webhook`] for what a call must pass before anything changes.

pub mod webhook;

use axum::{extract::DefaultBodyLimit, routing::post, Router};

use crate::AppState;

/// Where Tokopay's dashboard should point the callback.
pub const WEBHOOK_PATH: &str = "/webhooks/tokopay";

/// Whether Tokopay's status report confirms a stored payment: paid, with the stored
/// `trx_id` and totals wherever the report carries them. The webhook and the sweep's
/// reconciliation both decide with this.
pub fn confirms(
    report: &crate::tokopay::StatusReport,
    trx_id: Option<&str>,
    total_bayar: Option<i64>,
    total_diterima: Option<i64>,
) -> bool {
    let agrees = |reported: Option<i64>, stored: Option<i64>| reported.is_none_or(|r| Some(r) == stored);
    report.state == crate::tokopay::PaymentState::Paid
        && report.trx_id.as_deref().is_none_or(|t| Some(t) == trx_id)
        && agrees(report.total_bayar, total_bayar)
        && agrees(report.total_diterima, total_diterima)
}

pub fn webhook_router(state: AppState) -> Router {
    Router::new()
        .route(WEBHOOK_PATH, post(webhook::tokopay_webhook))
        // Tokopay's callbacks are a few hundred bytes.
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(state)
}

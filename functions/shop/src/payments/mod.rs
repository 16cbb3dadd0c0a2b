//! Tokopay's webhook, mounted at `/webhooks/tokopay` by the `tokopay-webhook` function and
//! by the local stack. See [`webhook`] for what a call must pass before anything changes.

pub mod webhook;

use axum::{extract::DefaultBodyLimit, routing::post, Router};

use crate::AppState;

/// Where Tokopay's dashboard should point the callback.
pub const WEBHOOK_PATH: &str = "/webhooks/tokopay";

pub fn webhook_router(state: AppState) -> Router {
    Router::new()
        .route(WEBHOOK_PATH, post(webhook::tokopay_webhook))
        // Tokopay's callbacks are a few hundred bytes.
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(state)
}

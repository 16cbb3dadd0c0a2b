//! The fulfillment sweep (`shop::fulfillment::sweep`): reconcile payments with Tokopay,
//! expire unpaid orders, recover jobs whose worker vanished, run due jobs, send queued
//! notifications. Every step is bounded in time and safe to run in parallel.
//!
//! * On AWS Lambda, scheduled by EventBridge (`rate(1 minute)`): the scheduled event arrives
//!   through lambda_http's pass-through as `POST /events`, which only a direct invocation
//!   can produce (it is refused from a Function URL). With a Function URL, `POST /sweep`
//!   with `Authorization: Bearer <SWEEP_SECRET>` runs it too.
//! * Elsewhere: `fulfillment-sweep --once` runs one sweep and prints its report (for cron);
//!   without arguments it serves `POST /sweep` on `PORT` (default 3002).
//!
//! `SWEEP_BUDGET_SECONDS` (default 50) bounds one sweep: set it below the Lambda timeout.

use std::{net::SocketAddr, time::Duration};

use axum::{
    extract::{Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use lambda_http::request::RequestContext;
use shop::fulfillment::{self, SweepOptions};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shop::init_tracing();
    let config = shop::Config::from_env()?;
    let state = shop::AppState::connect(config).await?;
    let budget = std::env::var("SWEEP_BUDGET_SECONDS").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(50);
    let options = SweepOptions { budget: Duration::from_secs(budget), ..SweepOptions::default() };

    if std::env::args().any(|arg| arg == "--once") {
        let report = fulfillment::sweep(&state, &options).await;
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    let app = fulfillment::sweep_router(state.clone())
        .merge(Router::new().route("/events", post(scheduled)).with_state((state, options)));
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
        lambda_http::run(app).await
    } else {
        let port = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3002);
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([0, 0, 0, 0], port))).await?;
        tracing::info!(%port, "fulfillment sweep listening (POST /sweep)");
        axum::serve(listener, app).await?;
        Ok(())
    }
}

/// A scheduled (or any direct) invocation: only lambda_http's pass-through builds a
/// request with this context, so a Function URL caller cannot reach it.
async fn scheduled(State((state, options)): State<(shop::AppState, SweepOptions)>, request: Request) -> Response {
    if !matches!(request.extensions().get::<RequestContext>(), Some(RequestContext::PassThrough)) {
        return StatusCode::NOT_FOUND.into_response();
    }
    Json(fulfillment::sweep(&state, &options).await).into_response()
}

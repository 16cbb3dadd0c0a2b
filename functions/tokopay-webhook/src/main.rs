//! Tokopay's payment callback (`POST /webhooks/tokopay`) as an AWS Lambda function behind
//! a Function URL, or, when not on Lambda, as a plain HTTP server on `PORT` (default
//! 3001). Point the callback URL in Tokopay's dashboard at `<function url>/webhooks/tokopay`.
//! The handler is `shop::payments`, the same the local stack mounts.

use std::net::SocketAddr;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shop::init_tracing();
    let config = shop::Config::from_env()?;
    let state = shop::AppState::connect(config).await?;
    let app = shop::payments::webhook_router(state);
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
        lambda_http::run(app).await
    } else {
        let port = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3001);
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([0, 0, 0, 0], port))).await?;
        tracing::info!(%port, "tokopay webhook listening");
        // The peer address feeds the optional source allowlist (TOKOPAY_WEBHOOK_ALLOWED_IPS).
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await?;
        Ok(())
    }
}

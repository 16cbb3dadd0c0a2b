//! The JSON API as an AWS Lambda function behind a Function URL or API Gateway, or, when
//! not on Lambda, as a plain HTTP server on `PORT` (default 3000). State is built once per
//! cold start; every route comes from `shop`.

use std::net::SocketAddr;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shop::init_tracing();
    let config = shop::Config::from_env()?;
    let state = shop::AppState::connect(config).await?;
    let app = shop::api_router(state);
    if std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some() {
        lambda_http::run(app).await
    } else {
        let port = std::env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3000);
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([0, 0, 0, 0], port))).await?;
        tracing::info!(%port, "api listening");
        // The peer address feeds the unpaid-order cap (per IP address) at checkout.
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await?;
        Ok(())
    }
}

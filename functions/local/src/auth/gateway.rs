//! What Supabase's API gateway does in front of Auth, and this server does itself: the
//! API key check and CORS.

use axum::{
    extract::{Request, State},
    http::{header, HeaderName, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;
use tower_http::cors::{Any, CorsLayer};

use super::{errors::API_VERSION_HEADER, extract::bearer, AuthState};

/// Requests must carry the publishable key: `apikey` header (or `?apikey=`), or, as
/// supabase-js does before sign-in, `Authorization: Bearer <key>`. Otherwise 401 with the
/// gateway's messages.
pub async fn require_apikey(State(state): State<AuthState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let from_header = parts.headers.get("apikey").and_then(|v| v.to_str().ok()).map(str::trim);
    let from_query = parts.uri.query().and_then(|query| {
        url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "apikey").map(|(_, v)| v.into_owned())
    });
    let presented = from_header.map(str::to_owned).or(from_query).or_else(|| bearer(&parts).map(str::to_owned));
    match presented {
        Some(key) if constant_time_eq(key.as_bytes(), state.config.anon_key.as_bytes()) => {
            next.run(Request::from_parts(parts, body)).await
        }
        Some(_) => unauthorized("Invalid API key", "Double check your Supabase `anon` or `service_role` API key."),
        None => unauthorized("No API key found in request", "No `apikey` request header or url param was found."),
    }
}

fn unauthorized(message: &str, hint: &str) -> Response {
    (StatusCode::UNAUTHORIZED, Json(json!({"message": message, "hint": hint}))).into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// CORS for browsers (supabase-js from the shop or a Vite dev server): any origin, no
/// credentials (tokens travel in headers), the headers auth-js sends, and the API version
/// header exposed because auth-js reads it to pick the error shape.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            HeaderName::from_static("apikey"),
            HeaderName::from_static("x-client-info"),
            header::CONTENT_TYPE,
            API_VERSION_HEADER,
            HeaderName::from_static("x-retry-count"),
        ])
        .expose_headers([API_VERSION_HEADER, super::errors::ERROR_CODE_HEADER])
        .max_age(std::time::Duration::from_secs(3600))
}

//! `GET /health`, `GET /settings`, `GET /.well-known/jwks.json`.

use axum::{
    extract::State,
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

use super::AuthState;

pub async fn health() -> Json<Value> {
    Json(json!({
        "version": concat!("ruangpremium-local-", env!("CARGO_PKG_VERSION")),
        "name": "GoTrue",
        "description": "GoTrue is a user registration and authentication API",
    }))
}

/// What a client may know about the server: email sign-in only, and whether sign-ups are
/// confirmed at once.
pub async fn settings(State(state): State<AuthState>) -> Json<Value> {
    let providers = [
        "anonymous_users",
        "apple",
        "azure",
        "bitbucket",
        "discord",
        "facebook",
        "figma",
        "fly",
        "github",
        "gitlab",
        "google",
        "keycloak",
        "kakao",
        "linkedin",
        "linkedin_oidc",
        "notion",
        "spotify",
        "slack",
        "slack_oidc",
        "workos",
        "twitch",
        "twitter",
        "phone",
        "zoom",
    ];
    let mut external: serde_json::Map<String, Value> =
        providers.iter().map(|name| ((*name).to_owned(), Value::Bool(false))).collect();
    external.insert("email".into(), Value::Bool(true));
    Json(json!({
        "external": external,
        "disable_signup": false,
        "mailer_autoconfirm": !state.config.email_confirmations,
        "phone_autoconfirm": false,
        "sms_provider": "",
        "saml_enabled": false,
    }))
}

/// The public signing key; cached like the platform's (10 minutes).
pub async fn jwks(State(state): State<AuthState>) -> Response {
    let mut response = Json(state.config.signing_key.jwks()).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=600"));
    response
}

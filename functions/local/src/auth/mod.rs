//! The local Supabase Auth: the part of GoTrue's HTTP API that `@supabase/supabase-js`
//! uses (shared/LOCAL_STACK.md §2), under `/auth/v1` on the shop's port, so the site runs
//! unchanged against it and against a hosted project.
//!
//! It writes GoTrue's own rows (`auth.users`, `auth.identities`, `auth.sessions`,
//! `auth.refresh_tokens`, `auth.mfa_amr_claims`) as `supabase_auth_admin`, signs ES256
//! access tokens published at `/.well-known/jwks.json`, and mails links and codes to the
//! local mailbox (`crate::mailbox`). One file per endpoint group; `tokens` holds sessions
//! and tokens, `users` the rows and the User object, `errors` both error shapes.

pub mod config;
pub mod errors;
mod extract;
mod gateway;
pub mod keys;
mod logout;
mod mail;
mod mailer;
mod meta;
mod otp;
mod password;
mod rate_limit;
mod recover;
mod redirect;
mod signup;
mod token;
mod tokens;
mod user;
mod users;
mod verify;

use std::{ops::Deref, str::FromStr, sync::Arc, time::Duration};

use anyhow::Context;
use axum::{
    http::StatusCode,
    middleware::{from_fn, from_fn_with_state},
    response::IntoResponse,
    routing::{get, post},
    Router,
};
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    PgPool,
};

pub use config::{AuthConfig, RateLimits};
pub use keys::SigningKey;

use errors::AuthError;
use rate_limit::RateLimiter;

/// What every Auth handler uses.
#[derive(Clone)]
pub struct AuthState(Arc<Shared>);

pub struct Shared {
    /// As `supabase_auth_admin`, GoTrue's role.
    pub pool: PgPool,
    pub config: AuthConfig,
    limiter: RateLimiter,
}

impl Deref for AuthState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AuthState {
    /// Connects to `database_url` (normally as `supabase_auth_admin`).
    pub async fn connect(database_url: &str, config: AuthConfig) -> anyhow::Result<AuthState> {
        let options = PgConnectOptions::from_str(database_url)
            .context("the Auth database URL is not a valid Postgres URL")?
            .application_name("ruangpremium-auth");
        let pool = PgPoolOptions::new()
            .max_connections(5)
            .min_connections(0)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .context("the Auth server could not connect to Postgres")?;
        Ok(AuthState::new(pool, config))
    }

    pub fn new(pool: PgPool, config: AuthConfig) -> AuthState {
        let limiter = RateLimiter::new(config.rate_limits.clone());
        AuthState(Arc::new(Shared { pool, config, limiter }))
    }
}

/// `/auth/v1/*`, with CORS and both error shapes. Every endpoint but the email link
/// (`GET /verify`), `/health` and the JWKS wants the publishable key.
pub fn router(state: AuthState) -> Router {
    let open = Router::new()
        .route("/health", get(meta::health))
        .route("/.well-known/jwks.json", get(meta::jwks))
        .route("/verify", get(verify::link));
    let gated = Router::new()
        .route("/settings", get(meta::settings))
        .route("/signup", post(signup::signup))
        .route("/token", post(token::token))
        .route("/user", get(user::get).put(user::update))
        .route("/recover", post(recover::recover))
        .route("/verify", post(verify::otp))
        .route("/logout", post(logout::logout))
        .route_layer(from_fn_with_state(state.clone(), gateway::require_apikey));
    let api = open
        .merge(gated)
        .fallback(not_found)
        .layer(from_fn(errors::api_version_layer))
        .layer(gateway::cors())
        .with_state(state);
    Router::new().nest("/auth/v1", api)
}

async fn not_found() -> impl IntoResponse {
    AuthError::new(StatusCode::NOT_FOUND, "not_found", "Not found")
}

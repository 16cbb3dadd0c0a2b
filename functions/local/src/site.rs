//! The static storefront (web/dist) with the SPA fallback, and its runtime `config.json`,
//! so one build of the site runs locally and against a hosted project.

use std::path::Path;

use axum::{routing::get, Json, Router};
use serde_json::json;
use tower_http::services::{ServeDir, ServeFile};

pub struct SiteConfig {
    pub public_url: String,
    /// The local Auth's publishable key (`SUPABASE_ANON_KEY` of secrets.env).
    pub anon_key: String,
}

pub fn router(web_dist: &Path, config: SiteConfig) -> Router {
    let runtime_config = json!({
        "apiUrl": "/api",
        "supabaseUrl": config.public_url,
        // The local Supabase Auth is served under <supabaseUrl>/auth/v1 by this server.
        "supabaseAnonKey": config.anon_key,
        "shopName": "RuangPremium",
        "supportWhatsapp": "+6281234567890",
        "supportEmail": "support@ruangpremium.local",
    });
    let index = web_dist.join("index.html");
    Router::new()
        .route("/config.json", get(move || async move { Json(runtime_config.clone()) }))
        .fallback_service(ServeDir::new(web_dist).fallback(ServeFile::new(index)))
}

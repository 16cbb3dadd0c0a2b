//! The API as one axum router: every feature's routes under `/api`, the OpenAPI document
//! generated from those same routes at `/api/openapi.json`, and `/healthz`.

use axum::{
    extract::State,
    http::StatusCode,
    middleware,
    response::IntoResponse,
    routing::{any, get},
    Json, Router,
};
use serde_json::json;
use tower_http::catch_panic::CatchPanicLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::{account, catalog, checkout, error, fulfillment, lang, orders, AppState};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "RuangPremium API",
        description = "The shop's JSON API. Errors share one envelope: \
            `{\"error\": {\"code\", \"message\", \"fields\"}}`; messages follow `Accept-Language` (id or en).",
        license(name = "MIT")
    ),
    servers((url = "/api")),
    components(schemas(catalog::ProductSort)),
    modifiers(&BearerAuth),
    tags(
        (name = "catalog", description = "Products, categories and availability"),
        (name = "account", description = "The signed-in member's own account. Send the Supabase access token \
            as `Authorization: Bearer <token>`."),
        (name = "checkout", description = "Prices and placing orders with a QRIS invoice"),
        (name = "orders", description = "Orders and their status, for their owner or the holder of their tracking token"),
        (name = "admin", description = "Running the shop. Admins only.")
    )
)]
struct ApiDoc;

/// The `bearer` security scheme: a Supabase Auth access token.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(catalog::router())
        .merge(account::router())
        .merge(checkout::router())
        .merge(orders::router())
        .merge(fulfillment::router())
        .split_for_parts()
}

/// The OpenAPI 3.1 document of every endpoint, from the routes themselves.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().1
}

/// `/api/*`, `/api/openapi.json` and `/healthz`, ready to serve.
pub fn api_router(state: AppState) -> Router {
    let (routes, doc) = routes();
    let doc = Json(doc);
    let api = routes
        .route("/openapi.json", get(move || async move { doc.clone() }))
        .route("/{*rest}", any(error::api_not_found))
        .method_not_allowed_fallback(error::api_method_not_allowed);
    Router::new()
        .nest("/api", api)
        .route("/api", any(error::api_not_found))
        .route("/api/", any(error::api_not_found))
        .route("/healthz", get(healthz))
        .layer(middleware::from_fn(lang::middleware))
        .layer(CatchPanicLayer::custom(|_| {
            error::ApiError::Internal(anyhow::anyhow!("handler panicked")).into_response()
        }))
        .with_state(state)
}

/// Healthy when the database answers.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.query("select 1").execute(state.db.pool()).await {
        Ok(_) => (StatusCode::OK, Json(json!({"status": "ok"}))),
        Err(err) => {
            tracing::error!(error = %err, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "database_unavailable"})))
        }
    }
}

//! `GET /api/orders/{id}` and `GET /api/track`.

use axum::{
    extract::{Path, State},
    http::HeaderMap,
    Json,
};
use uuid::Uuid;

use super::{order_not_found, tracking_token, view};
use crate::{
    auth::Caller,
    error::{ApiResult, ErrorEnvelope},
    orders::OrderView,
    AppState,
};

/// Get an order
///
/// The order, its invoice while it awaits payment, and its history. For the owner's
/// bearer token, or for anyone holding the order's tracking token in `X-Tracking-Token`.
#[utoipa::path(
    get,
    path = "/orders/{id}",
    tag = "orders",
    security((), ("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("X-Tracking-Token" = Option<String>, Header, description = "The order's tracking token, for guests"),
    ),
    responses(
        (status = 200, description = "The order", body = OrderView),
        (status = 401, description = "The bearer token is invalid or expired", body = ErrorEnvelope),
        (status = 404, description = "No such order for this caller (`order_not_found`)", body = ErrorEnvelope),
    )
)]
pub async fn get_order(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    id: Result<Path<Uuid>, axum::extract::rejection::PathRejection>,
) -> ApiResult<Json<OrderView>> {
    let Ok(Path(id)) = id else { return Err(order_not_found()) };
    authorize(&state, &caller, &headers, id).await?;
    let db = &state.db;
    let mut conn = db.pool().acquire().await?;
    Ok(Json(view::load(db, &mut conn, id).await?.ok_or_else(order_not_found)?))
}

/// How a caller proved they may see an order.
pub(crate) enum Access {
    TrackingToken,
    Member(Uuid),
}

/// Whether the caller may see order `id`: its tracking token in `X-Tracking-Token`, or the
/// bearer token of the member who owns it (decided by the RLS policy on orders, as that
/// member). Every refusal is the same 404.
pub(crate) async fn authorize(state: &AppState, caller: &Caller, headers: &HeaderMap, id: Uuid) -> ApiResult<Access> {
    let db = &state.db;
    if let Some(token) = tracking_token(headers) {
        let mut conn = db.pool().acquire().await?;
        if view::order_id_for_token(db, &mut conn, token).await? == Some(id) {
            return Ok(Access::TrackingToken);
        }
    }
    if let Caller::User(user) = caller {
        let mut tx = user.begin(db).await?;
        let visible: Option<Uuid> =
            db.query_scalar("select id from public.orders where id = $1").bind(id).fetch_optional(&mut *tx).await?;
        tx.commit().await?;
        if visible.is_some() {
            return Ok(Access::Member(user.id));
        }
    }
    Err(order_not_found())
}

/// Track an order
///
/// The order a tracking token opens, without signing in. The token goes in the
/// `X-Tracking-Token` header.
#[utoipa::path(
    get,
    path = "/track",
    tag = "orders",
    params(("X-Tracking-Token" = String, Header, description = "The order's tracking token")),
    responses(
        (status = 200, description = "The order", body = OrderView),
        (status = 404, description = "No order has this token (`order_not_found`)", body = ErrorEnvelope),
    )
)]
pub async fn track_order(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Json<OrderView>> {
    let token = tracking_token(&headers).ok_or_else(order_not_found)?;
    let db = &state.db;
    let mut conn = db.pool().acquire().await?;
    let id = view::order_id_for_token(db, &mut conn, token).await?.ok_or_else(order_not_found)?;
    Ok(Json(view::load(db, &mut conn, id).await?.ok_or_else(order_not_found)?))
}

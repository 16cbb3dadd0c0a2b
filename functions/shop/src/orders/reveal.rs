//! `POST /api/orders/{id}/reveal`: the secrets of a delivered STOCK order, decrypted for
//! the holder of its tracking token or its owner, and the reveal recorded.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{
    get_order::{authorize, Access},
    order_not_found,
};
use crate::{
    auth::Caller,
    checkout::ClientIp,
    crypto::SecretSlot,
    error::{ApiError, ApiResult, ErrorEnvelope, Text},
    AppState,
};

#[derive(Debug, Serialize, ToSchema)]
pub struct Revealed {
    /// Each delivered code, key or account, in the order they were sold. May span lines.
    pub items: Vec<String>,
    pub revealed_at: DateTime<Utc>,
}

/// Reveal a delivery
///
/// Decrypts the codes or accounts delivered to a STOCK order. Each call is recorded (who,
/// how, when). For the owner's bearer token, or the order's tracking token in
/// `X-Tracking-Token`. The answer must not be cached.
#[utoipa::path(
    post,
    path = "/orders/{id}/reveal",
    tag = "orders",
    security((), ("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("X-Tracking-Token" = Option<String>, Header, description = "The order's tracking token, for guests"),
    ),
    responses(
        (status = 200, description = "The delivered secrets", body = Revealed),
        (status = 401, description = "The bearer token is invalid or expired", body = ErrorEnvelope),
        (status = 404, description = "No such order for this caller (`order_not_found`)", body = ErrorEnvelope),
        (status = 409, description = "Nothing to reveal: not delivered yet, or an INVITE order (`not_delivered`)", body = ErrorEnvelope),
    )
)]
pub async fn reveal_delivery(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    id: Result<Path<Uuid>, axum::extract::rejection::PathRejection>,
) -> ApiResult<Response> {
    let Ok(Path(id)) = id else { return Err(order_not_found()) };
    let access = authorize(&state, &caller, &headers, id).await?;
    let db = &state.db;
    let mut tx = db.pool().begin().await?;
    let sold: Vec<(Uuid, Vec<u8>)> = db
        .query_as(
            "select si.id, si.secret_ciphertext
             from public.order_deliveries d
             join public.stock_items si on si.order_id = d.order_id and si.status = 'sold'
             where d.order_id = $1 and d.kind = 'STOCK'
             order by si.created_at, si.id",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
    if sold.is_empty() {
        return Err(not_delivered());
    }
    let mut items = Vec::with_capacity(sold.len());
    for (item_id, ciphertext) in &sold {
        let slot = SecretSlot { table: "stock_items", column: "secret_ciphertext", row_id: *item_id };
        let plain = state
            .config
            .keyring
            .decrypt(ciphertext, slot)
            .map_err(|err| ApiError::Internal(anyhow::anyhow!("stock item {item_id} does not decrypt: {err}")))?;
        items.push(String::from_utf8_lossy(&plain).into_owned());
    }
    let (via, user_id) = match access {
        Access::TrackingToken => ("tracking_token", None),
        Access::Member(user) => ("member", Some(user)),
    };
    let revealed_at: DateTime<Utc> = db
        .query_scalar(
            "insert into public.delivery_reveals (order_id, via, user_id, client_ip, item_count)
             values ($1, $2, $3, $4::inet, $5) returning created_at",
        )
        .bind(id)
        .bind(via)
        .bind(user_id)
        .bind(ip.map(|ip| ip.to_string()))
        .bind(items.len() as i32)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(order = %id, via, items = items.len(), "delivery revealed");
    let mut response = (StatusCode::OK, Json(Revealed { items, revealed_at })).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn not_delivered() -> ApiError {
    ApiError::refused(
        StatusCode::CONFLICT,
        "not_delivered",
        Text::new(
            "Belum ada yang bisa ditampilkan: pesanan ini belum terkirim, atau berupa undangan yang dikirim ke email Anda.",
            "Nothing to show yet: this order is not delivered, or it is an invitation sent to your email.",
        ),
    )
}

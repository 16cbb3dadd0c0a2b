//! Orders as their buyers see them: by id (the owner's token or the order's tracking
//! token), by tracking token alone, and a member's list. Someone else's order, a wrong
//! token or an unknown id all answer the same 404, so ids cannot be probed.

mod get_order;
mod list_orders;
mod reveal;
pub mod view;

use axum::http::{HeaderMap, StatusCode};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::{ApiError, Text},
    AppState,
};

pub use view::{DeliveryStatus, DeliveryView, InviteStatus, InviteView, OrderStatus, OrderView, PaymentStatus};

/// The header a guest proves access to an order with (kept out of URLs, so out of logs).
pub const TRACKING_TOKEN_HEADER: &str = "x-tracking-token";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_order::get_order))
        .routes(routes!(get_order::track_order))
        .routes(routes!(list_orders::list_orders))
        .routes(routes!(reveal::reveal_delivery))
}

pub(crate) fn order_not_found() -> ApiError {
    ApiError::refused(
        StatusCode::NOT_FOUND,
        "order_not_found",
        Text::new(
            "Pesanan tidak ditemukan. Buka dari tautan pelacakan yang Anda terima, atau masuk ke akun yang membuatnya.",
            "Order not found. Open it from the tracking link you received, or sign in to the account that placed it.",
        ),
    )
}

fn tracking_token(headers: &HeaderMap) -> Option<&str> {
    headers.get(TRACKING_TOKEN_HEADER).and_then(|v| v.to_str().ok()).map(str::trim).filter(|t| !t.is_empty())
}

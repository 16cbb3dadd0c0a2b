//! Checkout: the price of a product for the caller, and placing an order with its QRIS
//! invoice. The rules (reservation in the order's transaction, the unpaid-order cap, the
//! gateway call outside any transaction) are in docs/checkout.md.

mod place_order;
mod quote;
pub mod request;

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{request::Parts, StatusCode},
};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    auth::Caller,
    catalog::{product_by_id, types::ProductDetail},
    db::Db,
    error::{ApiError, Text},
    AppState,
};

pub use quote::{CheckoutInfo, Quote};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(quote::get_checkout)).routes(routes!(place_order::place_order))
}

/// Expires up to `limit` unpaid orders whose invoice has expired, releasing what they held;
/// returns how many. Safe to run from any number of places at once.
pub async fn expire_due(db: &Db, limit: i32) -> Result<usize, sqlx::Error> {
    let expired: Vec<Uuid> =
        db.query_scalar("select private.expire_due_orders($1)").bind(limit).fetch_all(db.pool()).await?;
    if !expired.is_empty() {
        tracing::info!(count = expired.len(), "expired unpaid orders");
    }
    Ok(expired.len())
}

/// Which price the caller pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PriceTier {
    Retail,
    Reseller,
}

impl PriceTier {
    pub fn as_str(self) -> &'static str {
        match self {
            PriceTier::Retail => "retail",
            PriceTier::Reseller => "reseller",
        }
    }
}

/// A product as checkout needs it: what the public sees, and the price for this caller.
pub(crate) struct Priced {
    pub detail: ProductDetail,
    pub tier: PriceTier,
    pub unit_price: i64,
}

/// The active product and the caller's unit price: the reseller price for someone holding
/// the reseller role now (read from `user_roles`, never from the token), else retail.
pub(crate) async fn priced_product(state: &AppState, caller: &Caller, product_id: Uuid) -> Result<Priced, ApiError> {
    let detail = product_by_id(&state.db, product_id).await?.ok_or_else(product_unavailable)?;
    let reseller = match caller {
        Caller::Guest => false,
        Caller::User(user) => {
            state
                .db
                .query_scalar::<bool>(
                    "select exists (select 1 from public.user_roles where user_id = $1 and role = 'reseller')",
                )
                .bind(user.id)
                .fetch_one(state.db.pool())
                .await?
        }
    };
    let (tier, unit_price) = if reseller {
        let price: i64 = state
            .db
            .query_scalar("select reseller_price from public.products where id = $1")
            .bind(product_id)
            .fetch_one(state.db.pool())
            .await?;
        (PriceTier::Reseller, price)
    } else {
        (PriceTier::Retail, detail.summary.price)
    };
    Ok(Priced { detail, tier, unit_price })
}

pub(crate) fn product_unavailable() -> ApiError {
    ApiError::Refused {
        status: StatusCode::NOT_FOUND,
        code: "product_unavailable",
        message: Text::new(
            "Produk ini tidak ditemukan atau sudah tidak dijual.",
            "This product does not exist or is no longer for sale.",
        ),
        fields: vec![("product_id".into(), Text::new("Produk tidak tersedia.", "The product is not available."))],
    }
}

/// The caller's IP address as the server saw it (the TCP peer). Behind a proxy or on
/// Lambda there is none to trust here, and the unpaid-order cap counts email and account
/// only.
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<ClientIp, Self::Rejection> {
        Ok(ClientIp(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip())))
    }
}

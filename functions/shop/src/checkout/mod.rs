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
    catalog::types::{InputField, ProductType},
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

/// An active product as placing an order needs it, with the caller's unit price.
pub(crate) struct CheckoutProduct {
    pub product_type: ProductType,
    pub slug: String,
    pub name: String,
    pub tier: PriceTier,
    pub unit_price: i64,
    pub must_read: bool,
    pub input_schema: Vec<InputField>,
    pub max_per_order: i32,
}

#[derive(sqlx::FromRow)]
struct CheckoutProductRow {
    product_type: ProductType,
    slug: String,
    name: String,
    retail_price: i64,
    reseller_price: i64,
    must_read: bool,
    input_schema: sqlx::types::Json<Vec<InputField>>,
    max_per_order: i32,
    reseller: bool,
}

/// The active product and the caller's unit price, in one server query: the reseller
/// price for someone holding the reseller role now (read from `user_roles`, never from the
/// token), else retail. Availability is not counted here; the reservation decides.
pub(crate) async fn checkout_product(
    state: &AppState,
    caller: &Caller,
    product_id: Uuid,
) -> Result<CheckoutProduct, ApiError> {
    let user_id = match caller {
        Caller::User(user) => Some(user.id),
        Caller::Guest => None,
    };
    let row: Option<CheckoutProductRow> = state
        .db
        .query_as(
            "select p.type as product_type, p.slug, p.name, p.retail_price, p.reseller_price,
                    p.must_read_notice is not null as must_read, p.input_schema, p.max_per_order,
                    exists (select 1 from public.user_roles r where r.user_id = $2 and r.role = 'reseller') as reseller
             from public.products p
             where p.id = $1 and p.active",
        )
        .bind(product_id)
        .bind(user_id)
        .fetch_optional(state.db.pool())
        .await?;
    let row = row.ok_or_else(product_unavailable)?;
    let (tier, unit_price) =
        if row.reseller { (PriceTier::Reseller, row.reseller_price) } else { (PriceTier::Retail, row.retail_price) };
    Ok(CheckoutProduct {
        product_type: row.product_type,
        slug: row.slug,
        name: row.name,
        tier,
        unit_price,
        must_read: row.must_read,
        input_schema: row.input_schema.0,
        max_per_order: row.max_per_order,
    })
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

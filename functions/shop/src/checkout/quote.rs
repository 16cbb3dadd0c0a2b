//! `GET /api/checkout/{product_id}`: the product as the checkout page needs it and the
//! server's price for the chosen quantity. The browser shows these numbers; it never
//! computes or sends a price.

use axum::{
    extract::{Path, RawQuery, State},
    Json,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{checkout_product, product_unavailable, PriceTier};
use crate::{
    auth::Caller,
    catalog::{
        params::QueryParams,
        product_by_id,
        types::{ProductDetail, ProductType},
    },
    error::{ApiError, ApiResult, ErrorEnvelope, Text},
    AppState,
};

#[derive(Debug, Serialize, ToSchema)]
pub struct Quote {
    pub price_tier: PriceTier,
    pub unit_price: i64,
    pub quantity: i32,
    pub subtotal: i64,
    /// What the order costs; the QRIS invoice may add the gateway's fee on top.
    pub total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CheckoutInfo {
    pub product: ProductDetail,
    pub quote: Quote,
    /// Unpaid orders one buyer may hold at once.
    pub max_unpaid_orders: i64,
    /// How long an invoice stays payable.
    pub invoice_ttl_seconds: u64,
}

/// Price a checkout
///
/// The active product and its price for the caller (retail, or the reseller price for a
/// reseller's token) at the given quantity.
#[utoipa::path(
    get,
    path = "/checkout/{product_id}",
    tag = "checkout",
    params(
        ("product_id" = Uuid, Path, description = "The product's id"),
        ("quantity" = Option<i32>, Query, description = "1 to the product's limit per order (INVITE: 1); default 1"),
    ),
    responses(
        (status = 200, description = "The product and the price breakdown", body = CheckoutInfo),
        (status = 400, description = "The quantity is out of range", body = ErrorEnvelope),
        (status = 404, description = "No active product has this id (`product_unavailable`)", body = ErrorEnvelope),
    )
)]
pub async fn get_checkout(
    State(state): State<AppState>,
    caller: Caller,
    product_id: Result<Path<Uuid>, axum::extract::rejection::PathRejection>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<CheckoutInfo>> {
    let Ok(Path(product_id)) = product_id else { return Err(product_unavailable()) };
    let quantity = parse_quantity(query.as_deref())?;
    let priced = checkout_product(&state, &caller, product_id).await?;
    // What the public sees of the product, availability included, for the page.
    let product = product_by_id(&state.db, product_id).await?.ok_or_else(product_unavailable)?;
    let limit = match priced.product_type {
        ProductType::Invite => 1,
        ProductType::Stock => priced.max_per_order,
    };
    if quantity > limit {
        return Err(ApiError::invalid_query(
            "quantity",
            Text::new(
                "Jumlah melebihi batas per pesanan untuk produk ini.",
                "The quantity is over this product's limit per order.",
            ),
        ));
    }
    let subtotal = priced.unit_price * i64::from(quantity);
    Ok(Json(CheckoutInfo {
        quote: Quote { price_tier: priced.tier, unit_price: priced.unit_price, quantity, subtotal, total: subtotal },
        product,
        max_unpaid_orders: state.config.checkout.max_unpaid_orders,
        invoice_ttl_seconds: state.config.checkout.invoice_ttl.as_secs(),
    }))
}

fn parse_quantity(query: Option<&str>) -> Result<i32, ApiError> {
    let mut params = QueryParams::parse(query, &["quantity"])?;
    let quantity = params.number(
        "quantity",
        1..=100,
        1,
        Text::new("Jumlah harus bilangan bulat 1–100.", "The quantity must be a whole number from 1 to 100."),
    );
    params.finish()?;
    Ok(quantity as i32)
}

//! `GET /api/account/orders`: the signed-in member's orders, newest first, read as the
//! member so that the RLS policy on orders is what limits them to their own.

use axum::{
    extract::{RawQuery, State},
    Json,
};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{view::OrderProduct, OrderStatus};
use crate::{
    auth::AuthUser,
    catalog::{params::QueryParams, types::ProductType},
    error::{ApiResult, ErrorEnvelope, Text},
    AppState,
};

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderSummary {
    pub id: Uuid,
    pub number: String,
    pub status: OrderStatus,
    pub product: OrderProduct,
    pub quantity: i32,
    pub unit_price: i64,
    pub total: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrderPage {
    pub items: Vec<OrderSummary>,
    pub page: u32,
    pub page_size: u32,
    pub total: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    number: String,
    status: OrderStatus,
    product_id: Uuid,
    product_slug: String,
    product_name: String,
    product_type: ProductType,
    quantity: i32,
    unit_price: i64,
    total: i64,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    paid_at: Option<DateTime<Utc>>,
    count: i64,
}

/// My orders
///
/// The signed-in member's orders, newest first.
#[utoipa::path(
    get,
    path = "/account/orders",
    tag = "orders",
    security(("bearer" = [])),
    params(
        ("page" = Option<u32>, Query, description = "1-based, default 1"),
        ("page_size" = Option<u32>, Query, description = "1–100, default 20"),
    ),
    responses(
        (status = 200, description = "A page of orders", body = OrderPage),
        (status = 400, description = "Invalid paging", body = ErrorEnvelope),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
    )
)]
pub async fn list_orders(
    State(state): State<AppState>,
    user: AuthUser,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<OrderPage>> {
    let mut params = QueryParams::parse(query.as_deref(), &["page", "page_size"])?;
    let page = params.number("page", 1..=10_000, 1, Text::new("Halaman harus 1–10000.", "The page must be 1–10000."));
    let page_size = params.number(
        "page_size",
        1..=100,
        20,
        Text::new("Ukuran halaman harus 1–100.", "The page size must be 1–100."),
    );
    params.finish()?;
    let db = &state.db;
    let mut tx = user.begin(db).await?;
    // The join to products reads as the member too: an order of a product taken off sale
    // still lists (left join), with the slug it had.
    let rows: Vec<Row> = db
        .query_as(
            "select o.id, o.number, o.status, o.product_id, coalesce(p.slug, '') as product_slug, o.product_name,
                    o.product_type, o.quantity, o.unit_price, o.total, o.created_at, o.expires_at, o.paid_at,
                    count(*) over () as count
             from public.orders o
             left join public.products p on p.id = o.product_id
             where o.user_id = (select auth.uid())
             order by o.created_at desc, o.id
             limit $1 offset $2",
        )
        .bind(i64::from(page_size))
        .bind(i64::from(page - 1) * i64::from(page_size))
        .fetch_all(&mut *tx)
        .await?;
    let total = match rows.first() {
        Some(row) => row.count,
        None => {
            db.query_scalar("select count(*) from public.orders where user_id = (select auth.uid())")
                .fetch_one(&mut *tx)
                .await?
        }
    };
    tx.commit().await?;
    let items = rows
        .into_iter()
        .map(|row| OrderSummary {
            id: row.id,
            number: row.number,
            status: row.status,
            product: OrderProduct {
                id: row.product_id,
                slug: row.product_slug,
                name: row.product_name,
                product_type: row.product_type,
            },
            quantity: row.quantity,
            unit_price: row.unit_price,
            total: row.total,
            created_at: row.created_at,
            expires_at: row.expires_at,
            paid_at: row.paid_at,
        })
        .collect();
    Ok(Json(OrderPage { items, page, page_size, total }))
}

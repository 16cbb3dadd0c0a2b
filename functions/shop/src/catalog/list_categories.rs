//! `GET /api/categories`: the active categories, each with its number of active products.

use axum::{
    extract::{RawQuery, State},
    Json,
};

use super::{
    params::QueryParams,
    types::{Category, CategoryList},
};
use crate::{
    db::DbRole,
    error::{ApiResult, ErrorEnvelope},
    AppState,
};

/// List categories
///
/// Active categories in the shop's order, with how many active products each holds.
#[utoipa::path(
    get,
    path = "/categories",
    tag = "catalog",
    responses(
        (status = 200, description = "The categories", body = CategoryList),
        (status = 400, description = "A query parameter was given; this endpoint takes none", body = ErrorEnvelope),
    )
)]
pub async fn list_categories(State(state): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult<Json<CategoryList>> {
    QueryParams::parse(raw.as_deref(), &[])?.finish()?;
    let mut tx = state.db.begin_as(DbRole::Anon).await?;
    let items: Vec<Category> = state
        .db
        .query_as(
            "select c.id, c.slug, c.name, c.description, c.icon,
                (select count(*) from public.products p where p.category_id = c.id) as product_count
         from public.product_categories c
         order by c.sort_order, c.name",
        )
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Json(CategoryList { items }))
}

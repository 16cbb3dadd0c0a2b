//! `GET /api/categories`: the active categories, each with its number of active products.

use axum::{extract::State, Json};

use super::types::{Category, CategoryList};
use crate::{
    db::{self, DbRole},
    error::ApiResult,
    AppState,
};

/// List categories
///
/// Active categories in the shop's order, with how many active products each holds.
#[utoipa::path(
    get,
    path = "/categories",
    tag = "catalog",
    responses((status = 200, description = "The categories", body = CategoryList))
)]
pub async fn list_categories(State(state): State<AppState>) -> ApiResult<Json<CategoryList>> {
    let mut tx = db::begin_as(&state.db, DbRole::Anon).await?;
    let items: Vec<Category> = sqlx::query_as(
        "select c.id, c.slug, c.name, c.description, c.icon,
                (select count(*) from public.products p where p.category_id = c.id) as product_count
         from public.product_categories c
         order by c.sort_order, c.name",
    )
    .persistent(false)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Json(CategoryList { items }))
}

//! `GET /api/products/{slug}`: one active product, with everything its page shows.

use axum::{
    extract::{Path, State},
    Json,
};

use super::types::{InputField, ProductDetail, ProductRow, PRODUCT_COLUMNS};
use crate::{
    db::{Db, DbRole},
    error::{ApiError, ApiResult, ErrorEnvelope, Text},
    AppState,
};

/// The product-page query; $1 is the slug (the benchmark runs it as is).
pub fn product_sql() -> String {
    detail_sql("p.slug = $1")
}

fn detail_sql(condition: &str) -> String {
    format!(
        "select {PRODUCT_COLUMNS}, p.description, p.must_read_notice, p.input_schema, p.max_per_order
         from public.products p
         join public.product_categories c on c.id = p.category_id
         left join lateral private.products_availability(array[p.id]) av on true
         where {condition}"
    )
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    product: ProductRow,
    description: String,
    must_read_notice: Option<String>,
    input_schema: sqlx::types::Json<Vec<InputField>>,
    max_per_order: i32,
}

impl From<DetailRow> for ProductDetail {
    fn from(row: DetailRow) -> ProductDetail {
        ProductDetail {
            summary: row.product.into(),
            description: row.description,
            must_read_notice: row.must_read_notice,
            input_schema: row.input_schema.0,
            max_per_order: row.max_per_order,
        }
    }
}

/// An active product by id, as its page shows it, read as `anon` (so exactly what the
/// public may see); `None` when there is no such active product.
pub async fn product_by_id(db: &Db, id: uuid::Uuid) -> Result<Option<ProductDetail>, sqlx::Error> {
    let sql = detail_sql("p.id = $1");
    let mut tx = db.begin_as(DbRole::Anon).await?;
    let row: Option<DetailRow> = db.query_as(&sql).bind(id).fetch_optional(&mut *tx).await?;
    tx.commit().await?;
    Ok(row.map(ProductDetail::from))
}

/// Get a product
///
/// An active product by its slug, with its description, notice and input fields.
#[utoipa::path(
    get,
    path = "/products/{slug}",
    tag = "catalog",
    params(("slug" = String, Path, description = "The product's slug, e.g. `canva-pro-1-tahun`")),
    responses(
        (status = 200, description = "The product", body = ProductDetail),
        (status = 404, description = "No active product has this slug", body = ErrorEnvelope),
    )
)]
pub async fn get_product(
    State(state): State<AppState>,
    slug: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> ApiResult<Json<ProductDetail>> {
    let not_found = || {
        ApiError::NotFound(Text::new(
            "Produk tidak ditemukan. Mungkin sudah tidak dijual.",
            "Product not found. It may no longer be for sale.",
        ))
    };
    // A slug that cannot be one (not UTF-8, a NUL, too long) names no product.
    let Ok(Path(slug)) = slug else { return Err(not_found()) };
    if slug.len() > 120 || slug.contains('\0') {
        return Err(not_found());
    }
    let sql = product_sql();
    let mut tx = state.db.begin_as(DbRole::Anon).await?;
    let row: Option<DetailRow> = state.db.query_as(&sql).bind(&slug).fetch_optional(&mut *tx).await?;
    tx.commit().await?;
    Ok(Json(row.ok_or_else(not_found)?.into()))
}

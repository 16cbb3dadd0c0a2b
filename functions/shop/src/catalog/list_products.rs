//! `GET /api/products`: the catalog listing, with search, filters, sort and pages.

use axum::{
    extract::{RawQuery, State},
    Json,
};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{
    params::QueryParams,
    types::{ProductPage, ProductRow, ProductSummary, ProductType, PRODUCT_COLUMNS},
};
use crate::{
    db::{Db, DbRole},
    error::{ApiResult, ErrorEnvelope, Text},
    AppState,
};

pub const MAX_PAGE_SIZE: u32 = 100;
pub const MAX_PAGE: u32 = 10_000;
pub const MAX_SEARCH_CHARS: usize = 100;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProductSort {
    /// Featured first, then the shop's own order, then by name.
    #[default]
    Featured,
    Newest,
    PriceAsc,
    PriceDesc,
}

impl ProductSort {
    fn parse(value: &str) -> Option<ProductSort> {
        Some(match value {
            "featured" => ProductSort::Featured,
            "newest" => ProductSort::Newest,
            "price_asc" => ProductSort::PriceAsc,
            "price_desc" => ProductSort::PriceDesc,
            _ => return None,
        })
    }

    fn order_by(self) -> &'static str {
        match self {
            ProductSort::Featured => "p.featured desc, p.sort_order, p.name, p.id",
            ProductSort::Newest => "p.created_at desc, p.id",
            ProductSort::PriceAsc => "p.retail_price, p.name, p.id",
            ProductSort::PriceDesc => "p.retail_price desc, p.name, p.id",
        }
    }
}

/// The listing's parameters, once read and checked.
#[derive(Clone, Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListProductsQuery {
    /// Words to find in the name and descriptions; case and accent insensitive; at most 100 characters.
    pub q: Option<String>,
    /// A category slug.
    pub category: Option<String>,
    /// `STOCK` or `INVITE`.
    #[param(value_type = Option<ProductType>)]
    pub r#type: Option<ProductType>,
    /// Only products that can (`true`) or cannot (`false`) be bought now.
    pub available: Option<bool>,
    /// Only featured (`true`) or non-featured (`false`) products.
    pub featured: Option<bool>,
    /// `featured` (default), `newest`, `price_asc` or `price_desc`.
    #[param(value_type = Option<ProductSort>)]
    pub sort: ProductSort,
    /// From 1 (default) to 10000.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 10000)]
    pub page: u32,
    /// From 1 to 100; 20 by default.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub page_size: u32,
}

impl ListProductsQuery {
    pub fn parse(raw: Option<&str>) -> ApiResult<ListProductsQuery> {
        let mut params =
            QueryParams::parse(raw, &["q", "category", "type", "available", "featured", "sort", "page", "page_size"])?;
        let q = params.get("q").map(str::to_owned);
        if q.as_ref().is_some_and(|q| q.chars().count() > MAX_SEARCH_CHARS) {
            params.reject(
                "q",
                Text::new("Kata kunci paling banyak 100 karakter.", "Search terms can be at most 100 characters."),
            );
        }
        let category = params.get("category").map(str::to_owned);
        if category.as_ref().is_some_and(|c| !is_slug(c)) {
            params.reject("category", Text::new("Kategori tidak valid.", "The category is invalid."));
        }
        let product_type = match params.get("type") {
            None => None,
            Some("STOCK") => Some(ProductType::Stock),
            Some("INVITE") => Some(ProductType::Invite),
            Some(_) => {
                params.reject("type", Text::new("Jenis harus STOCK atau INVITE.", "The type must be STOCK or INVITE."));
                None
            }
        };
        let available = params.flag("available");
        let featured = params.flag("featured");
        let sort = match params.get("sort") {
            None => ProductSort::default(),
            Some(value) => ProductSort::parse(value).unwrap_or_else(|| {
                params.reject(
                    "sort",
                    Text::new(
                        "Urutan harus featured, newest, price_asc atau price_desc.",
                        "The sort must be featured, newest, price_asc or price_desc.",
                    ),
                );
                ProductSort::default()
            }),
        };
        let page = params.number(
            "page",
            1..=MAX_PAGE,
            1,
            Text::new("Halaman harus angka 1 sampai 10000.", "The page must be a number from 1 to 10000."),
        );
        let page_size = params.number(
            "page_size",
            1..=MAX_PAGE_SIZE,
            20,
            Text::new("Jumlah per halaman harus 1 sampai 100.", "The page size must be from 1 to 100."),
        );
        params.finish()?;
        Ok(ListProductsQuery { q, category, r#type: product_type, available, featured, sort, page, page_size })
    }
}

fn is_slug(value: &str) -> bool {
    value.len() <= 120
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--")
        && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// List products
///
/// Active products with their availability, filtered, sorted and paginated.
#[utoipa::path(
    get,
    path = "/products",
    tag = "catalog",
    params(ListProductsQuery),
    responses(
        (status = 200, description = "One page of products", body = ProductPage),
        (status = 400, description = "A parameter is invalid; `fields` names it", body = ErrorEnvelope),
    )
)]
pub async fn list_products(State(state): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult<Json<ProductPage>> {
    let query = ListProductsQuery::parse(raw.as_deref())?;
    let mut tx = state.db.begin_as(DbRole::Anon).await?;
    let (items, total) = fetch_page(&state.db, &mut tx, &query).await?;
    tx.commit().await?;
    Ok(Json(ProductPage { items, page: query.page, page_size: query.page_size, total }))
}

/// The listing's query for one sort order. Parameters: $1 search words, $2 category slug,
/// $3 type, $4 available, $5 featured, $6 limit, $7 offset (the benchmark runs it as is).
pub fn list_sql(sort: ProductSort) -> String {
    // Availability is computed for the page only, in one call, unless the caller filters on it.
    format!(
        "with matching as (
           select p.id, count(*) over () as total
           from public.products p
           join public.product_categories c on c.id = p.category_id
           where ($1::text is null or p.search_text like
                  '%' || replace(replace(replace(lower(extensions.unaccent($1)), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
                  escape '\\')
             and ($2::text is null or c.slug = $2)
             and ($3::public.product_type is null or p.type = $3)
             and ($4::boolean is null
                  or $4 = (select a.available from private.products_availability(array[p.id]) a))
             and ($5::boolean is null or p.featured = $5)
           order by {order}
           limit $6 offset $7
         )
         select {PRODUCT_COLUMNS}, m.total
         from matching m
         join public.products p on p.id = m.id
         join public.product_categories c on c.id = p.category_id
         left join private.products_availability(array(select id from matching)) av on av.product_id = p.id
         order by {order}",
        order = sort.order_by(),
    )
}

async fn fetch_page(
    db: &Db,
    conn: &mut sqlx::PgConnection,
    query: &ListProductsQuery,
) -> ApiResult<(Vec<ProductSummary>, i64)> {
    let sql = list_sql(query.sort);
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        product: ProductRow,
        total: i64,
    }
    let limit = i64::from(query.page_size);
    let offset = i64::from(query.page - 1) * limit;
    let rows: Vec<Row> = db
        .query_as(&sql)
        .bind(query.q.as_deref())
        .bind(query.category.as_deref())
        .bind(query.r#type)
        .bind(query.available)
        .bind(query.featured)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    let total = match rows.first() {
        Some(row) => row.total,
        // Past the last page the window has no row to report the total on.
        None if query.page > 1 => {
            let first_page = ListProductsQuery { page: 1, page_size: 1, ..query.clone() };
            Box::pin(fetch_page(db, conn, &first_page)).await?.1
        }
        None => 0,
    };
    Ok((rows.into_iter().map(|r| r.product.into()).collect(), total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_when_nothing_is_given() {
        let q = ListProductsQuery::parse(None).expect("valid");
        assert_eq!((q.page, q.page_size, q.sort), (1, 20, ProductSort::Featured));
        assert!(q.q.is_none() && q.category.is_none() && q.r#type.is_none());
    }

    #[test]
    fn every_bad_field_is_named() {
        let err = ListProductsQuery::parse(Some(
            "sort=cheap&page=-1&page_size=5000&type=X&available=yes&category=Bad%20Slug&zzz=1",
        ))
        .expect_err("invalid");
        let crate::error::ApiError::InvalidQuery(fields) = err else { panic!("wrong error {err:?}") };
        let names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
        for expected in ["zzz", "category", "type", "available", "sort", "page", "page_size"] {
            assert!(names.contains(&expected), "{expected} not named in {names:?}");
        }
    }

    #[test]
    fn over_long_search_is_refused_but_100_characters_pass() {
        assert!(ListProductsQuery::parse(Some(&format!("q={}", "é".repeat(100)))).is_ok());
        assert!(ListProductsQuery::parse(Some(&format!("q={}", "a".repeat(101)))).is_err());
    }
}

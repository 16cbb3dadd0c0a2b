//! The catalog: what the shop sells, with availability computed on the server. Read as
//! the `anon` role, so the same RLS policies that guard the Data API guard these endpoints.

mod get_product;
mod list_categories;
mod list_products;
pub(crate) mod params;
pub mod types;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::AppState;

pub use get_product::{product_by_id, product_sql};
pub use list_products::{list_sql, ListProductsQuery, ProductSort};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_products::list_products))
        .routes(routes!(get_product::get_product))
        .routes(routes!(list_categories::list_categories))
}

//! What the catalog shows the world. Nothing here carries a secret, a reseller price or the
//! provider mapping of an INVITE product.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema, sqlx::Type)]
#[sqlx(type_name = "product_type")]
pub enum ProductType {
    /// Delivered from stock: a voucher code, license key or account.
    #[serde(rename = "STOCK")]
    #[sqlx(rename = "STOCK")]
    Stock,
    /// A seat in a shared team subscription; the shop invites the buyer's email.
    #[serde(rename = "INVITE")]
    #[sqlx(rename = "INVITE")]
    Invite,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Availability {
    /// Whether the product can be bought and delivered now.
    pub available: bool,
    /// Items in stock, for STOCK products; null for INVITE products.
    pub stock: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductSummary {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub short_description: String,
    #[serde(rename = "type")]
    #[schema(rename = "type")]
    pub product_type: ProductType,
    pub category: CategoryRef,
    pub image_url: Option<String>,
    /// Whole rupiah.
    #[schema(example = 150000)]
    pub price: i64,
    pub featured: bool,
    pub availability: Availability,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductDetail {
    #[serde(flatten)]
    pub summary: ProductSummary,
    /// Plain text; paragraphs separated by blank lines, bullets as lines starting with "- ".
    pub description: String,
    /// A "Wajib Baca" notice the buyer must acknowledge before paying.
    pub must_read_notice: Option<String>,
    /// The fields an INVITE buyer fills in; empty for STOCK products.
    pub input_schema: Vec<InputField>,
    pub max_per_order: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputFieldType {
    Email,
    Text,
    Tel,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LocalizedText {
    pub id: String,
    pub en: String,
}

/// Extra keys stored with a field are ignored here; the admin's editor validates what it writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InputField {
    pub key: String,
    #[serde(rename = "type")]
    #[schema(rename = "type")]
    pub field_type: InputFieldType,
    pub required: bool,
    pub label: LocalizedText,
    pub max_length: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductPage {
    pub items: Vec<ProductSummary>,
    pub page: u32,
    pub page_size: u32,
    /// Products matching the filters, over all pages.
    pub total: i64,
}

#[derive(Debug, Serialize, ToSchema, sqlx::FromRow)]
pub struct Category {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub icon: Option<String>,
    /// Active products in the category.
    pub product_count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryList {
    pub items: Vec<Category>,
}

/// A row of the product queries, before it is shaped for the response.
#[derive(sqlx::FromRow)]
pub(super) struct ProductRow {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub short_description: String,
    pub product_type: ProductType,
    pub category_slug: String,
    pub category_name: String,
    pub image_url: Option<String>,
    pub retail_price: i64,
    pub featured: bool,
    pub available: Option<bool>,
    pub stock: Option<i32>,
}

impl From<ProductRow> for ProductSummary {
    fn from(row: ProductRow) -> ProductSummary {
        ProductSummary {
            id: row.id,
            slug: row.slug,
            name: row.name,
            short_description: row.short_description,
            product_type: row.product_type,
            category: CategoryRef { slug: row.category_slug, name: row.category_name },
            image_url: row.image_url,
            price: row.retail_price,
            featured: row.featured,
            availability: Availability { available: row.available.unwrap_or(false), stock: row.stock },
        }
    }
}

/// The columns of [`ProductRow`], for queries over `public.products p` joined with
/// `public.product_categories c` and `private.products_availability(…) av`.
pub(super) const PRODUCT_COLUMNS: &str = "p.id, p.slug, p.name, p.short_description, \
    p.type as product_type, c.slug as category_slug, c.name as category_name, p.image_url, \
    p.retail_price, p.featured, av.available, av.stock";

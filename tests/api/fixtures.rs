//! Catalog rows for a test, inserted as the `postgres` role (past RLS) with small builders:
//! every field has a plain default, so a test names only what it is about.

use ruangpremium_tests::TestApp;
use serde_json::{json, Value};
use shop::crypto::SecretSlot;
use uuid::Uuid;

// ---------------------------------------------------------------------------------------
// Categories

pub struct Category {
    pub id: Uuid,
}

pub struct CategoryBuilder {
    slug: String,
    name: String,
    description: String,
    icon: Option<String>,
    sort_order: i32,
    active: bool,
}

/// An active category named after its slug.
pub fn category(slug: &str) -> CategoryBuilder {
    CategoryBuilder {
        slug: slug.to_owned(),
        name: format!("Category {slug}"),
        description: String::new(),
        icon: None,
        sort_order: 0,
        active: true,
    }
}

impl CategoryBuilder {
    pub fn name(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    pub fn description(mut self, description: &str) -> Self {
        self.description = description.to_owned();
        self
    }

    pub fn icon(mut self, icon: &str) -> Self {
        self.icon = Some(icon.to_owned());
        self
    }

    pub fn sort_order(mut self, sort_order: i32) -> Self {
        self.sort_order = sort_order;
        self
    }

    pub fn inactive(mut self) -> Self {
        self.active = false;
        self
    }

    pub async fn insert(self, app: &TestApp) -> Category {
        let id: Uuid = sqlx::query_scalar(
            "insert into public.product_categories (slug, name, description, icon, sort_order, active)
             values ($1, $2, $3, $4, $5, $6) returning id",
        )
        .bind(&self.slug)
        .bind(&self.name)
        .bind(&self.description)
        .bind(&self.icon)
        .bind(self.sort_order)
        .bind(self.active)
        .fetch_one(&app.db.pool)
        .await
        .expect("insert category");
        Category { id }
    }
}

// ---------------------------------------------------------------------------------------
// Providers

pub struct Provider {
    pub id: Uuid,
    pub slug: String,
}

pub struct ProviderBuilder {
    slug: String,
    active: bool,
}

/// An active provider with the simulated adapter.
pub fn provider(slug: &str) -> ProviderBuilder {
    ProviderBuilder { slug: slug.to_owned(), active: true }
}

impl ProviderBuilder {
    pub fn inactive(mut self) -> Self {
        self.active = false;
        self
    }

    pub async fn insert(self, app: &TestApp) -> Provider {
        let id: Uuid = sqlx::query_scalar(
            "insert into public.providers (slug, name, adapter, active) values ($1, $2, 'simulated', $3) returning id",
        )
        .bind(&self.slug)
        .bind(format!("Provider {}", self.slug))
        .bind(self.active)
        .fetch_one(&app.db.pool)
        .await
        .expect("insert provider");
        Provider { id, slug: self.slug }
    }
}

// ---------------------------------------------------------------------------------------
// Products

pub struct Product {
    pub id: Uuid,
    pub slug: String,
}

enum Fulfillment {
    Stock,
    Invite { provider_id: Uuid, plan: String, input_schema: Value },
}

pub struct ProductBuilder {
    slug: String,
    category_id: Uuid,
    fulfillment: Fulfillment,
    name: String,
    short_description: String,
    description: String,
    image_url: Option<String>,
    retail_price: i64,
    reseller_price: Option<i64>,
    active: bool,
    featured: bool,
    sort_order: i32,
    must_read_notice: Option<String>,
    max_per_order: i32,
    created_hours_ago: i32,
}

/// The input fields an INVITE product asks for unless a test gives its own.
pub fn email_input_schema() -> Value {
    json!([{
        "key": "email",
        "type": "email",
        "required": true,
        "label": {"id": "Email undangan", "en": "Invitation email"},
        "max_length": 254
    }])
}

/// An active STOCK product named after its slug, at Rp100.000.
pub fn stock_product(slug: &str, category: &Category) -> ProductBuilder {
    ProductBuilder::new(slug, category, Fulfillment::Stock)
}

/// An active INVITE product of `provider`'s `plan`, asking for an email.
pub fn invite_product(slug: &str, category: &Category, provider: &Provider, plan: &str) -> ProductBuilder {
    ProductBuilder::new(
        slug,
        category,
        Fulfillment::Invite { provider_id: provider.id, plan: plan.to_owned(), input_schema: email_input_schema() },
    )
}

impl ProductBuilder {
    fn new(slug: &str, category: &Category, fulfillment: Fulfillment) -> ProductBuilder {
        ProductBuilder {
            slug: slug.to_owned(),
            category_id: category.id,
            fulfillment,
            name: format!("Product {slug}"),
            short_description: String::new(),
            description: String::new(),
            image_url: None,
            retail_price: 100_000,
            reseller_price: None,
            active: true,
            featured: false,
            sort_order: 0,
            must_read_notice: None,
            max_per_order: 10,
            created_hours_ago: 0,
        }
    }

    pub fn name(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    pub fn short_description(mut self, text: &str) -> Self {
        self.short_description = text.to_owned();
        self
    }

    pub fn description(mut self, text: &str) -> Self {
        self.description = text.to_owned();
        self
    }

    pub fn image_url(mut self, url: &str) -> Self {
        self.image_url = Some(url.to_owned());
        self
    }

    /// The retail price in whole rupiah; the reseller price follows at 90% unless set.
    pub fn price(mut self, retail: i64) -> Self {
        self.retail_price = retail;
        self
    }

    pub fn reseller_price(mut self, reseller: i64) -> Self {
        self.reseller_price = Some(reseller);
        self
    }

    pub fn featured(mut self) -> Self {
        self.featured = true;
        self
    }

    pub fn sort_order(mut self, sort_order: i32) -> Self {
        self.sort_order = sort_order;
        self
    }

    pub fn inactive(mut self) -> Self {
        self.active = false;
        self
    }

    pub fn must_read_notice(mut self, notice: &str) -> Self {
        self.must_read_notice = Some(notice.to_owned());
        self
    }

    pub fn max_per_order(mut self, max: i32) -> Self {
        self.max_per_order = max;
        self
    }

    /// Replaces the input fields of an INVITE product.
    pub fn input_schema(mut self, schema: Value) -> Self {
        match &mut self.fulfillment {
            Fulfillment::Invite { input_schema, .. } => *input_schema = schema,
            Fulfillment::Stock => panic!("only INVITE products have input fields"),
        }
        self
    }

    pub fn created_hours_ago(mut self, hours: i32) -> Self {
        self.created_hours_ago = hours;
        self
    }

    pub async fn insert(self, app: &TestApp) -> Product {
        let (product_type, provider_id, plan, input_schema) = match self.fulfillment {
            Fulfillment::Stock => ("STOCK", None, None, json!([])),
            Fulfillment::Invite { provider_id, plan, input_schema } => {
                ("INVITE", Some(provider_id), Some(plan), input_schema)
            }
        };
        let reseller_price = self.reseller_price.unwrap_or((self.retail_price * 9 / 10).max(1));
        let id: Uuid = sqlx::query_scalar(
            "insert into public.products
               (category_id, type, slug, name, short_description, description, image_url,
                retail_price, reseller_price, active, featured, sort_order, must_read_notice,
                input_schema, max_per_order, provider_id, provider_plan, created_at)
             values ($1, $2::public.product_type, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                     $14, $15, $16, $17, now() - make_interval(hours => $18))
             returning id",
        )
        .bind(self.category_id)
        .bind(product_type)
        .bind(&self.slug)
        .bind(&self.name)
        .bind(&self.short_description)
        .bind(&self.description)
        .bind(&self.image_url)
        .bind(self.retail_price)
        .bind(reseller_price)
        .bind(self.active)
        .bind(self.featured)
        .bind(self.sort_order)
        .bind(&self.must_read_notice)
        .bind(&input_schema)
        .bind(self.max_per_order)
        .bind(provider_id)
        .bind(plan)
        .bind(self.created_hours_ago)
        .fetch_one(&app.db.pool)
        .await
        .expect("insert product");
        Product { id, slug: self.slug }
    }
}

// ---------------------------------------------------------------------------------------
// Stock items

#[derive(Clone, Copy, Debug)]
pub enum StockStatus {
    Available,
    Reserved,
    Sold,
    Disabled,
}

pub struct StockItem {
    pub id: Uuid,
    pub secret: String,
    pub ciphertext: Vec<u8>,
    pub fingerprint: Vec<u8>,
}

/// `count` stock items of `product` in `status`, each with a distinct secret.
pub async fn add_stock(app: &TestApp, product: &Product, status: StockStatus, count: usize) -> Vec<StockItem> {
    let mut items = Vec::with_capacity(count);
    for _ in 0..count {
        let secret = format!("CODE-{}-{}", product.slug, Uuid::new_v4().simple());
        items.push(add_stock_item(app, product, status, &secret).await);
    }
    items
}

/// One stock item with a known secret, encrypted and fingerprinted as the admin tools do.
/// A reserved item holds its reservation for 15 more minutes; a sold one was sold now.
pub async fn add_stock_item(app: &TestApp, product: &Product, status: StockStatus, secret: &str) -> StockItem {
    let id = Uuid::new_v4();
    let slot = SecretSlot { table: "stock_items", column: "secret_ciphertext", row_id: id };
    let ciphertext = app.config.keyring.encrypt(secret.as_bytes(), slot);
    let fingerprint = app.config.fingerprint_key.fingerprint(secret).to_vec();
    let (status, reserved, sold) = match status {
        StockStatus::Available => ("available", false, false),
        StockStatus::Reserved => ("reserved", true, false),
        StockStatus::Sold => ("sold", false, true),
        StockStatus::Disabled => ("disabled", false, false),
    };
    // A reserved or sold item belongs to an order.
    let order_id = if reserved || sold { Some(order_for(app, product).await) } else { None };
    sqlx::query(
        "insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint, status, reserved_until, sold_at, order_id)
         values ($1, $2, $3, $4, $5::public.stock_item_status,
                 case when $6 then now() + interval '15 minutes' end,
                 case when $7 then now() end, $8)",
    )
    .bind(id)
    .bind(product.id)
    .bind(&ciphertext)
    .bind(&fingerprint)
    .bind(status)
    .bind(reserved)
    .bind(sold)
    .bind(order_id)
    .execute(&app.db.pool)
    .await
    .expect("insert stock item");
    StockItem { id, secret: secret.to_owned(), ciphertext, fingerprint }
}

/// A guest's order of one unit of `product`, awaiting payment, for stock that must belong
/// to an order.
pub async fn order_for(app: &TestApp, product: &Product) -> Uuid {
    let id = Uuid::new_v4();
    let suffix: String =
        id.simple().to_string().to_uppercase().chars().filter(|c| c.is_ascii_alphanumeric()).take(6).collect();
    sqlx::query(
        "insert into public.orders (id, number, buyer_name, buyer_email, buyer_whatsapp, product_id, product_type,
             product_name, quantity, unit_price, total, price_tier, tracking_token_hash, tracking_token_ciphertext, expires_at)
         select $1, 'RP-261126-' || $2, 'Fixture', 'fixture@example.com', '+6281234567890', p.id, p.type, p.name, 1,
                p.retail_price, p.retail_price, 'retail', extensions.digest($1::text, 'sha256'), '\\x00', now() + interval '15 minutes'
         from public.products p where p.id = $3",
    )
    .bind(id)
    .bind(suffix)
    .bind(product.id)
    .execute(&app.db.pool)
    .await
    .expect("insert order");
    id
}

// ---------------------------------------------------------------------------------------
// Provider accounts

#[derive(Clone, Copy, Debug)]
pub enum AccountStatus {
    Active,
    Disabled,
    Parked,
}

pub struct ProviderAccount {
    pub id: Uuid,
    pub credentials: String,
    pub ciphertext: Vec<u8>,
}

pub struct AccountBuilder {
    provider_id: Uuid,
    plan: String,
    label: String,
    credentials: String,
    daily_quota: i32,
    quota_used: i32,
    quota_days_ago: i32,
    seat_capacity: i32,
    seats_used: i32,
    status: AccountStatus,
    cooldown_minutes: Option<i32>,
}

/// An active account of `provider`'s `plan` with quota and seats to spare and no cooldown.
pub fn account(provider: &Provider, plan: &str) -> AccountBuilder {
    AccountBuilder {
        provider_id: provider.id,
        plan: plan.to_owned(),
        label: format!("Account {}", Uuid::new_v4().simple()),
        credentials: format!(
            "{{\"email\":\"owner@{}.test\",\"password\":\"pw-{}\"}}",
            provider.slug,
            Uuid::new_v4().simple()
        ),
        daily_quota: 20,
        quota_used: 0,
        quota_days_ago: 0,
        seat_capacity: 5,
        seats_used: 0,
        status: AccountStatus::Active,
        cooldown_minutes: None,
    }
}

impl AccountBuilder {
    pub fn credentials(mut self, credentials: &str) -> Self {
        self.credentials = credentials.to_owned();
        self
    }

    /// Invitations allowed per WIB day, and how many were sent today.
    pub fn quota(mut self, daily: i32, used_today: i32) -> Self {
        self.daily_quota = daily;
        self.quota_used = used_today;
        self.quota_days_ago = 0;
        self
    }

    /// Invitations allowed per WIB day, and how many were sent on an earlier day.
    pub fn quota_used_days_ago(mut self, daily: i32, used: i32, days_ago: i32) -> Self {
        self.daily_quota = daily;
        self.quota_used = used;
        self.quota_days_ago = days_ago;
        self
    }

    pub fn seats(mut self, capacity: i32, used: i32) -> Self {
        self.seat_capacity = capacity;
        self.seats_used = used;
        self
    }

    pub fn status(mut self, status: AccountStatus) -> Self {
        self.status = status;
        self
    }

    /// Cooling down until `minutes` from now; a negative number is a cooldown that has ended.
    pub fn cooldown_minutes(mut self, minutes: i32) -> Self {
        self.cooldown_minutes = Some(minutes);
        self
    }

    pub async fn insert(self, app: &TestApp) -> ProviderAccount {
        let id = Uuid::new_v4();
        let slot = SecretSlot { table: "provider_accounts", column: "credentials_ciphertext", row_id: id };
        let ciphertext = app.config.keyring.encrypt(self.credentials.as_bytes(), slot);
        let status = match self.status {
            AccountStatus::Active => "active",
            AccountStatus::Disabled => "disabled",
            AccountStatus::Parked => "parked",
        };
        sqlx::query(
            "insert into public.provider_accounts
               (id, provider_id, plan, label, credentials_ciphertext, daily_quota, quota_day, quota_used,
                seat_capacity, seats_used, status, cooldown_until)
             values ($1, $2, $3, $4, $5, $6, (now() at time zone 'Asia/Jakarta')::date - $7, $8, $9, $10,
                     $11::public.provider_account_status, now() + make_interval(mins => $12))",
        )
        .bind(id)
        .bind(self.provider_id)
        .bind(&self.plan)
        .bind(&self.label)
        .bind(&ciphertext)
        .bind(self.daily_quota)
        .bind(self.quota_days_ago)
        .bind(self.quota_used)
        .bind(self.seat_capacity)
        .bind(self.seats_used)
        .bind(status)
        .bind(self.cooldown_minutes)
        .execute(&app.db.pool)
        .await
        .expect("insert provider account");
        ProviderAccount { id, credentials: self.credentials, ciphertext }
    }
}

//! Demo data for a fresh local shop: the catalog of `supabase/seed.sql`, then what must be
//! encrypted by the application and so cannot live in SQL: stock items for the STOCK
//! products and provider accounts for the INVITE plans. One STOCK product and one INVITE
//! plan are left empty on purpose, so the shop shows what "sold out" looks like.

use std::path::Path;

use anyhow::Context;
use rand::{distributions::Alphanumeric, Rng};
use shop::crypto::SecretSlot;
use sqlx::{Connection, Executor, PgConnection};
use uuid::Uuid;

use shop::Config;

pub const SOLD_OUT_PRODUCT: &str = "windows-11-pro-lisensi-digital";
pub const UNSTAFFED_PROVIDER: &str = "microsoft-365-family";

/// A demo account of the local shop: signs in through the local Supabase Auth like anyone.
pub struct DemoAccount {
    pub email: &'static str,
    pub password: &'static str,
    pub display_name: &'static str,
    pub whatsapp: &'static str,
    /// The role granted beyond `member`, if any.
    pub role: Option<&'static str>,
}

/// Printed by `ruangpremium dev`; local only (they exist only in the demo data).
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        email: "admin@ruangpremium.local",
        password: "demo-admin-2026",
        display_name: "Admin Demo",
        whatsapp: "+6281200000001",
        role: Some("admin"),
    },
    DemoAccount {
        email: "reseller@ruangpremium.local",
        password: "demo-reseller-2026",
        display_name: "Reseller Demo",
        whatsapp: "+6281200000002",
        role: Some("reseller"),
    },
    DemoAccount {
        email: "member@ruangpremium.local",
        password: "demo-member-2026",
        display_name: "Member Demo",
        whatsapp: "+6281200000003",
        role: None,
    },
];

pub struct SeedSummary {
    pub stock_items: usize,
    pub provider_accounts: usize,
    pub accounts: usize,
}

pub async fn seed(url: &str, project: &Path, config: &Config) -> anyhow::Result<SeedSummary> {
    let mut conn = PgConnection::connect(url).await?;
    let catalog =
        std::fs::read_to_string(project.join("supabase/seed.sql")).context("cannot read supabase/seed.sql")?;
    conn.execute(catalog.as_str()).await.context("supabase/seed.sql failed")?;

    let mut tx = conn.begin().await?;
    let stock_products: Vec<(Uuid, String)> = sqlx::query_as(
        "select id, slug from public.products
         where type = 'STOCK' and active and not exists (select 1 from public.stock_items s where s.product_id = products.id)
         order by sort_order, slug",
    )
    .persistent(false)
    .fetch_all(&mut *tx)
    .await?;
    let mut stock_items = 0;
    for (index, (product_id, slug)) in stock_products.iter().enumerate() {
        let count = if slug == SOLD_OUT_PRODUCT { 0 } else { 3 + (index * 7) % 28 };
        for _ in 0..count {
            let secret = demo_secret(slug);
            let id = Uuid::new_v4();
            let slot = SecretSlot { table: "stock_items", column: "secret_ciphertext", row_id: id };
            sqlx::query(
                "insert into public.stock_items (id, product_id, secret_ciphertext, fingerprint) values ($1, $2, $3, $4)",
            )
            .persistent(false)
            .bind(id)
            .bind(product_id)
            .bind(config.keyring.encrypt(secret.as_bytes(), slot))
            .bind(config.fingerprint_key.fingerprint(&secret).to_vec())
            .execute(&mut *tx)
            .await?;
            stock_items += 1;
        }
    }

    let plans: Vec<(Uuid, String, String)> = sqlx::query_as(
        "select distinct pr.id, pr.slug, p.provider_plan
         from public.products p join public.providers pr on pr.id = p.provider_id
         where p.type = 'INVITE'
           and not exists (select 1 from public.provider_accounts a where a.provider_id = pr.id and a.plan = p.provider_plan)
         order by pr.slug, p.provider_plan",
    )
    .persistent(false)
    .fetch_all(&mut *tx)
    .await?;
    let mut provider_accounts = 0;
    for (provider_id, provider_slug, plan) in plans.iter().filter(|(_, slug, _)| slug != UNSTAFFED_PROVIDER) {
        for n in 1..=2 {
            let id = Uuid::new_v4();
            let credentials = serde_json::json!({
                "email": format!("owner{n}.{plan}@{provider_slug}.demo.ruangpremium.local"),
                "password": random_token(20),
            })
            .to_string();
            let slot = SecretSlot { table: "provider_accounts", column: "credentials_ciphertext", row_id: id };
            sqlx::query(
                "insert into public.provider_accounts
                   (id, provider_id, plan, label, credentials_ciphertext, daily_quota, seat_capacity)
                 values ($1, $2, $3, $4, $5, $6, $7)",
            )
            .persistent(false)
            .bind(id)
            .bind(provider_id)
            .bind(plan)
            .bind(format!("Demo {plan} #{n}"))
            .bind(config.keyring.encrypt(credentials.as_bytes(), slot))
            .bind(20)
            .bind(if n == 1 { 5 } else { 100 })
            .execute(&mut *tx)
            .await?;
            provider_accounts += 1;
        }
    }
    let accounts = seed_accounts(&mut tx).await?;
    tx.commit().await?;
    conn.close().await?;
    Ok(SeedSummary { stock_items, provider_accounts, accounts })
}

/// The demo accounts, created as Supabase Auth creates a confirmed email user (a bcrypt
/// hash from pgcrypto, an `email` identity), so the sign-up trigger gives each a profile
/// and the member role; the extra role is granted as `ruangpremium admin grant` would.
async fn seed_accounts(tx: &mut sqlx::Transaction<'_, sqlx::Postgres>) -> anyhow::Result<usize> {
    for account in DEMO_ACCOUNTS {
        let id = Uuid::new_v4();
        let metadata = serde_json::json!({
            "display_name": account.display_name,
            "whatsapp": account.whatsapp,
            "email_verified": true,
        });
        sqlx::query(
            "insert into auth.users
               (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
             values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
                     extensions.crypt($3, extensions.gen_salt('bf', 10)), now(),
                     '{\"provider\": \"email\", \"providers\": [\"email\"]}', $4, now(), now())",
        )
        .persistent(false)
        .bind(id)
        .bind(account.email)
        .bind(account.password)
        .bind(&metadata)
        .execute(&mut **tx)
        .await
        .context("cannot create the demo accounts")?;
        sqlx::query(
            "insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
             values ($1::text, $1, jsonb_build_object('sub', $1::text, 'email', $2::text,
                     'email_verified', true, 'phone_verified', false), 'email', now(), now())",
        )
        .persistent(false)
        .bind(id)
        .bind(account.email)
        .execute(&mut **tx)
        .await?;
        if let Some(role) = account.role {
            sqlx::query("insert into public.user_roles (user_id, role) values ($1, $2::public.app_role)")
                .persistent(false)
                .bind(id)
                .bind(role)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(DEMO_ACCOUNTS.len())
}

/// A code shaped like what the product sells.
fn demo_secret(slug: &str) -> String {
    if slug.contains("chatgpt")
        || slug.contains("netflix")
        || slug.contains("capcut")
        || slug.contains("spotify")
        || slug.contains("prime")
        || slug.contains("vidio")
        || slug.contains("disney")
    {
        format!(
            "email: demo-{}@akun.ruangpremium.local\npassword: {}",
            random_token(8).to_lowercase(),
            random_token(14)
        )
    } else {
        let raw = random_token(16).to_uppercase();
        format!("{}-{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12], &raw[12..16])
    }
}

fn random_token(len: usize) -> String {
    rand::thread_rng().sample_iter(&Alphanumeric).take(len).map(char::from).collect()
}

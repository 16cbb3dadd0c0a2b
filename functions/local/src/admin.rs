//! `ruangpremium admin grant|revoke|roles <email> …`: the one way to hand out roles
//! besides the admin panel. Works against the local stack or any Supabase database (the
//! `postgres` role may write `user_roles`; no API role can). Statements are unnamed, so
//! Supabase's transaction pooler is fine too.

use anyhow::{bail, Context};
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

/// The roles that can be granted; `guest` is what someone not signed in is, never stored.
const ROLES: [&str; 3] = ["member", "reseller", "admin"];

pub enum Action {
    Grant,
    Revoke,
    Show,
}

pub async fn run(database_url: &str, action: Action, email: &str, role: Option<&str>) -> anyhow::Result<()> {
    let role = match (&action, role) {
        (Action::Show, _) => None,
        (_, Some(role)) if ROLES.contains(&role) => Some(role),
        (_, other) => bail!("the role must be one of {} (got {:?})", ROLES.join(", "), other.unwrap_or_default()),
    };
    let mut conn = PgConnection::connect(database_url).await.with_context(|| {
        format!(
            "cannot connect to {}: is the shop running (`./scripts/dev`)? Or pass --database-url",
            crate::pg_url::redact_password(database_url)
        )
    })?;
    let mut tx = conn.begin().await?;
    let email = email.trim().to_lowercase();
    let user: Option<Uuid> =
        sqlx::query_scalar("select id from auth.users where lower(email) = $1 and deleted_at is null")
            .persistent(false)
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(user) = user else { bail!("no account has the email {email}: they must sign up first") };
    match (action, role) {
        (Action::Grant, Some(role)) => {
            sqlx::query(
                "insert into public.user_roles (user_id, role) values ($1, $2::public.app_role) on conflict do nothing",
            )
            .persistent(false)
            .bind(user)
            .bind(role)
            .execute(&mut *tx)
            .await?;
        }
        (Action::Revoke, Some(role)) => {
            sqlx::query("delete from public.user_roles where user_id = $1 and role = $2::public.app_role")
                .persistent(false)
                .bind(user)
                .bind(role)
                .execute(&mut *tx)
                .await?;
        }
        _ => {}
    }
    let roles: Vec<String> =
        sqlx::query_scalar("select role::text from public.user_roles where user_id = $1 order by role")
            .persistent(false)
            .bind(user)
            .fetch_all(&mut *tx)
            .await?;
    tx.commit().await?;
    conn.close().await.ok();
    let roles = if roles.is_empty() { "(none)".to_owned() } else { roles.join(", ") };
    println!("{email}: {roles}");
    Ok(())
}

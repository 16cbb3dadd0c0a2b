//! Connections to Postgres, set up as production needs them: Supabase's pooler in
//! transaction mode allows no prepared statement across transactions, so the statement
//! cache is off and every query is sent unnamed (`persistent(false)`), and every request
//! runs in one explicit transaction. Tests use exactly these settings.

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    Executor, PgPool, Postgres, Transaction,
};

pub async fn connect(url: &str, pool_size: u32) -> anyhow::Result<PgPool> {
    let options = PgConnectOptions::from_str(url)
        .context("DATABASE_URL is not a valid Postgres URL")?
        .statement_cache_capacity(0)
        .application_name("ruangpremium");
    PgPoolOptions::new()
        .max_connections(pool_size)
        .min_connections(0)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .context("could not connect to Postgres")
}

/// The Postgres role a transaction runs as, and so which RLS policies guard it.
#[derive(Clone, Copy, Debug)]
pub enum DbRole {
    /// Someone who is not signed in.
    Anon,
}

/// Opens a transaction that runs as `role`, as PostgREST would: `set local role` and the
/// request's JWT claims, so that `auth.uid()` and the policies behave exactly as proven by
/// the pgTAP tests. Both are sent in one round trip over the simple protocol.
pub async fn begin_as(pool: &PgPool, role: DbRole) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let setup = match role {
        DbRole::Anon => {
            "set local role anon; select set_config('request.jwt.claims', '{\"role\":\"anon\"}', true)"
        }
    };
    // A query without arguments goes over the simple protocol: both statements, one round trip.
    tx.execute(setup).await?;
    Ok(tx)
}

//! Connections to Postgres. Every request runs in one explicit transaction. Whether
//! statements are prepared and cached depends on how the database is reached:
//! Supabase's pooler in transaction mode (port 6543, the usual choice for Lambda) allows no
//! prepared statement across transactions, so there every query is sent unnamed and
//! planned each time; a direct or session-mode connection keeps prepared statements, which
//! saves Postgres the planning. `DATABASE_PREPARED_STATEMENTS` chooses; queries go through
//! [`Db::query`] and friends so the choice is made in one place.

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::{
    postgres::{PgArguments, PgConnectOptions, PgPoolOptions, PgRow},
    query::{Query, QueryAs, QueryScalar},
    FromRow, PgPool, Postgres, Transaction,
};

/// The application's database: a pool, and how to send statements over it.
#[derive(Clone, Debug)]
pub struct Db {
    pool: PgPool,
    prepared_statements: bool,
}

impl Db {
    pub async fn connect(url: &str, pool_size: u32, prepared_statements: bool) -> anyhow::Result<Db> {
        let options = PgConnectOptions::from_str(url)
            .context("DATABASE_URL is not a valid Postgres URL")?
            .statement_cache_capacity(if prepared_statements { 256 } else { 0 })
            .application_name("ruangpremium");
        let pool = PgPoolOptions::new()
            .max_connections(pool_size)
            .min_connections(0)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .context("could not connect to Postgres")?;
        Ok(Db { pool, prepared_statements })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    pub fn query<'q>(&self, sql: &'q str) -> Query<'q, Postgres, PgArguments> {
        sqlx::query(sql).persistent(self.prepared_statements)
    }

    pub fn query_as<'q, O>(&self, sql: &'q str) -> QueryAs<'q, Postgres, O, PgArguments>
    where
        O: for<'r> FromRow<'r, PgRow>,
    {
        sqlx::query_as(sql).persistent(self.prepared_statements)
    }

    pub fn query_scalar<'q, O>(&self, sql: &'q str) -> QueryScalar<'q, Postgres, O, PgArguments>
    where
        (O,): for<'r> FromRow<'r, PgRow>,
    {
        sqlx::query_scalar(sql).persistent(self.prepared_statements)
    }

    /// Opens a transaction that runs as `role`, as PostgREST would: `set local role` and
    /// the request's JWT claims, so that `auth.uid()` and the policies behave exactly as
    /// proven by the pgTAP tests. For `anon`, `begin`, the role and the claims go in one
    /// round trip over the simple protocol; a user's claims are bound as a parameter, never
    /// spliced into SQL, which costs a second round trip.
    pub async fn begin_as(&self, role: DbRole<'_>) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
        match role {
            DbRole::Anon => self.pool.begin_with(ANON_BEGIN).await,
            DbRole::Authenticated { claims } => {
                let mut tx = self.pool.begin_with("begin; set local role authenticated").await?;
                self.query("select set_config('request.jwt.claims', $1, true)").bind(claims).execute(&mut *tx).await?;
                Ok(tx)
            }
        }
    }
}

/// `begin`, then the `anon` role and its JWT claims for the rest of the transaction.
pub const ANON_BEGIN: &str =
    "begin; set local role anon; select set_config('request.jwt.claims', '{\"role\":\"anon\"}', true)";

/// The Postgres role a transaction runs as, and so which RLS policies guard it.
#[derive(Clone, Copy, Debug)]
pub enum DbRole<'a> {
    /// Someone who is not signed in.
    Anon,
    /// A signed-in user; `claims` is their verified access token's payload as JSON, which
    /// `auth.uid()` and `auth.jwt()` read.
    Authenticated { claims: &'a str },
}

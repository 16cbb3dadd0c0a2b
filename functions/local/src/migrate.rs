//! Brings a database to the current schema: `sql/local/` (what hosted Supabase provides,
//! applied only where we are the superuser), then `supabase/migrations/` in order, each in
//! its own transaction and recorded in `supabase_migrations.schema_migrations` as the
//! Supabase CLI records them, so `supabase db push` and this runner agree on what is done.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use sqlx::{Connection, Executor, PgConnection};

/// The repository's root: where `sql/`, `supabase/` and `web/` are.
pub fn project_dir() -> PathBuf {
    std::env::var_os("RUANGPREMIUM_PROJECT_DIR").map(PathBuf::from).unwrap_or_else(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        root.canonicalize().unwrap_or(root)
    })
}

/// A migration file: `YYYYMMDDHHMMSS_verb_object.sql`.
#[derive(Debug, Clone)]
pub struct Migration {
    pub version: String,
    pub name: String,
    pub sql: String,
}

pub fn read_migrations(project: &Path) -> anyhow::Result<Vec<Migration>> {
    let mut migrations = Vec::new();
    for path in sql_files(&project.join("supabase/migrations"))? {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let Some((version, name)) = stem.split_once('_') else {
            bail!("migration {} is not named VERSION_name.sql", path.display());
        };
        if version.len() != 14 || !version.bytes().all(|b| b.is_ascii_digit()) {
            bail!("migration {} must start with a 14-digit timestamp", path.display());
        }
        let sql = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        migrations.push(Migration { version: version.into(), name: name.into(), sql });
    }
    Ok(migrations)
}

/// `.sql` files of a directory, sorted by name.
pub fn sql_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    files.sort();
    Ok(files)
}

/// Applies `sql/local/` as a superuser; every file there is idempotent.
pub async fn apply_platform(superuser_url: &str, project: &Path) -> anyhow::Result<()> {
    let mut conn = PgConnection::connect(superuser_url).await.context("cannot connect as the superuser")?;
    for path in sql_files(&project.join("sql/local"))? {
        let sql = std::fs::read_to_string(&path)?;
        conn.execute(sql.as_str()).await.with_context(|| format!("{} failed", path.display()))?;
    }
    conn.close().await?;
    Ok(())
}

/// Whether the URL's user may create roles and schemas the way `sql/local/` does, i.e.
/// this is a plain Postgres rather than a hosted Supabase project.
pub async fn is_superuser(url: &str) -> anyhow::Result<bool> {
    let mut conn = PgConnection::connect(url).await.context("cannot connect to the database")?;
    let superuser: bool = sqlx::query_scalar("select rolsuper from pg_roles where rolname = current_user")
        .persistent(false)
        .fetch_one(&mut conn)
        .await?;
    conn.close().await?;
    Ok(superuser)
}

/// Applies the migrations not yet recorded, as the connecting role (`postgres`, as the
/// Supabase CLI does). Returns the versions applied. Concurrent runners wait for each
/// other on an advisory lock.
pub async fn apply_migrations(url: &str, project: &Path) -> anyhow::Result<Vec<String>> {
    let migrations = read_migrations(project)?;
    let mut conn = PgConnection::connect(url).await.context("cannot connect to the database")?;
    conn.execute(
        "select pg_advisory_lock(7263510981);
         create schema if not exists supabase_migrations;
         create table if not exists supabase_migrations.schema_migrations (
           version text not null primary key, statements text[], name text);",
    )
    .await?;
    let done: Vec<String> = sqlx::query_scalar("select version from supabase_migrations.schema_migrations")
        .persistent(false)
        .fetch_all(&mut conn)
        .await?;
    let mut applied = Vec::new();
    for migration in migrations.iter().filter(|m| !done.contains(&m.version)) {
        let mut tx = conn.begin().await?;
        tx.execute(migration.sql.as_str())
            .await
            .with_context(|| format!("migration {}_{} failed", migration.version, migration.name))?;
        sqlx::query(
            "insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)",
        )
        .persistent(false)
        .bind(&migration.version)
        .bind(vec![migration.sql.clone()])
        .bind(&migration.name)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        applied.push(migration.version.clone());
    }
    conn.execute("select pg_advisory_unlock(7263510981)").await?;
    conn.close().await?;
    Ok(applied)
}

/// Everything a database needs, from any URL: on a plain Postgres where we are the
/// superuser, `sql/local/` first and then the migrations as `postgres` (as on a hosted
/// project); on a hosted project, only the migrations. Returns the URL the app should use
/// and the versions applied.
pub async fn prepare_database(url: &str, project: &Path) -> anyhow::Result<(String, Vec<String>)> {
    let app_url = if is_superuser(url).await? {
        apply_platform(url, project).await?;
        crate::pg_url::with_user(url, "postgres")?
    } else {
        url.to_owned()
    };
    let applied = apply_migrations(&app_url, project).await?;
    Ok((app_url, applied))
}

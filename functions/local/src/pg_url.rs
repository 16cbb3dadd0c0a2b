//! Postgres connection URLs (`postgresql://user:password@host:port/db?params`), changed
//! with the `url` crate rather than by hand.

use anyhow::Context;
use url::Url;

fn parse(url: &str) -> anyhow::Result<Url> {
    Url::parse(url).context("not a valid postgresql:// URL")
}

/// The same URL for another user, without a password: `postgresql://user@host/db?…`.
pub fn with_user(url: &str, user: &str) -> anyhow::Result<String> {
    let mut parsed = parse(url)?;
    parsed.set_username(user).ok().context("this URL cannot carry a user name")?;
    parsed.set_password(None).ok().context("this URL cannot carry a password")?;
    Ok(parsed.into())
}

/// The same URL for another database of the same server.
pub fn with_database(url: &str, database: &str) -> anyhow::Result<String> {
    let mut parsed = parse(url)?;
    parsed.set_path(&format!("/{database}"));
    Ok(parsed.into())
}

/// The URL as it may be shown: a password, in the user part or as a `password=`
/// parameter, replaced by `***`. A string that is no URL is not shown at all.
pub fn redact_password(url: &str) -> String {
    let Ok(mut parsed) = parse(url) else { return "(invalid database URL)".into() };
    if parsed.password().is_some() {
        let _ = parsed.set_password(Some("***"));
    }
    if parsed.query_pairs().any(|(key, _)| key == "password") {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(k, v)| (k.to_string(), if k == "password" { "***".into() } else { v.to_string() }))
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    parsed.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_user_replaces_or_adds_the_user_and_drops_the_password() {
        assert_eq!(
            with_user("postgresql://supabase_admin@localhost/db?host=/tmp/x&port=5", "postgres").expect("url"),
            "postgresql://postgres@localhost/db?host=/tmp/x&port=5"
        );
        assert_eq!(with_user("postgres://a:pw@h:5432/db", "postgres").expect("url"), "postgres://postgres@h:5432/db");
        assert_eq!(
            with_user("postgresql://localhost/db", "postgres").expect("url"),
            "postgresql://postgres@localhost/db"
        );
    }

    #[test]
    fn with_database_keeps_everything_else() {
        assert_eq!(
            with_database("postgresql://supabase_admin@localhost/postgres?host=/tmp/x&port=5", "rp_t_1").expect("url"),
            "postgresql://supabase_admin@localhost/rp_t_1?host=/tmp/x&port=5"
        );
    }

    #[test]
    fn passwords_are_never_shown() {
        assert_eq!(redact_password("postgres://u:s3cret@h:6543/db"), "postgres://u:***@h:6543/db");
        assert_eq!(redact_password("postgresql://u@h/db"), "postgresql://u@h/db");
        assert_eq!(
            redact_password("postgresql://h/db?password=x1&sslmode=require"),
            "postgresql://h/db?password=***&sslmode=require"
        );
        assert_eq!(redact_password("not a url s3cret"), "(invalid database URL)");
    }
}

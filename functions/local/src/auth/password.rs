//! Passwords as GoTrue treats them: 6 to 72 bytes (bcrypt reads no further), hashed with
//! bcrypt in the `$2a$` form Go writes (so hashes from pgcrypto's `crypt(pw, gen_salt('bf'))`
//! and GoTrue verify here and ours verify there). Hashing runs off the async threads.

use std::sync::OnceLock;

use super::errors::AuthError;

pub const MIN_LENGTH: usize = 6;
/// bcrypt's limit (`internal/api/password.go` `MaxPasswordLength`).
pub const MAX_LENGTH: usize = 72;

/// GoTrue's `checkPasswordStrength`: too long is a validation error, too short a weak password.
pub fn check_strength(password: &str) -> Result<(), AuthError> {
    if password.len() > MAX_LENGTH {
        return Err(AuthError::validation(format!("Password cannot be longer than {MAX_LENGTH} characters")));
    }
    if password.len() < MIN_LENGTH {
        return Err(AuthError::weak_password(
            format!("Password should be at least {MIN_LENGTH} characters."),
            vec!["length"],
        ));
    }
    Ok(())
}

pub async fn hash(password: &str, cost: u32) -> Result<String, AuthError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        bcrypt::hash_with_result(password, cost).map(|parts| parts.format_for_version(bcrypt::Version::TwoA))
    })
    .await
    .map_err(|err| AuthError::internal("password hashing task failed", err))?
    .map_err(|err| AuthError::internal("cannot hash a password", err))
}

/// Whether `password` matches `stored`. Without a stored hash (unknown address, or an
/// account without a password) a dummy hash of the same cost is checked anyway, so the
/// answer takes as long either way.
pub async fn verify(password: &str, stored: Option<&str>, cost: u32) -> bool {
    let (hash, real) = match stored.filter(|h| !h.is_empty()) {
        Some(hash) => (hash.to_owned(), true),
        None => (dummy_hash(cost), false),
    };
    let password = password.to_owned();
    let matches =
        tokio::task::spawn_blocking(move || bcrypt::verify(password, &hash).unwrap_or(false)).await.unwrap_or(false);
    real && matches
}

fn dummy_hash(cost: u32) -> String {
    static DUMMY: OnceLock<(u32, String)> = OnceLock::new();
    let (dummy_cost, hash) = DUMMY.get_or_init(|| {
        let hash = bcrypt::hash_with_result(uuid::Uuid::new_v4().to_string(), cost)
            .map(|parts| parts.format_for_version(bcrypt::Version::TwoA))
            .unwrap_or_default();
        (cost, hash)
    });
    if *dummy_cost == cost && !hash.is_empty() {
        hash.clone()
    } else {
        bcrypt::hash(uuid::Uuid::new_v4().to_string(), cost).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_follow_gotrue() {
        assert_eq!(check_strength("12345").expect_err("short").code(), "weak_password");
        assert!(check_strength("123456").is_ok());
        assert!(check_strength(&"x".repeat(72)).is_ok());
        assert_eq!(check_strength(&"x".repeat(73)).expect_err("long").code(), "validation_failed");
    }

    #[tokio::test]
    async fn hashes_are_2a_and_pgcrypto_style_hashes_verify() {
        let hash = hash("rahasia-123", 4).await.expect("hash");
        assert!(hash.starts_with("$2a$04$"), "{hash}");
        assert!(verify("rahasia-123", Some(&hash), 4).await);
        assert!(!verify("rahasia-124", Some(&hash), 4).await);
        // pgcrypto: select crypt('demo-member-2026', gen_salt('bf'))
        let pgcrypto = "$2a$06$ZRwwTUS8VNrji7OdQxgRPeKJIMnTe5WbUHcXL3sTRyozFuAPd1JK6";
        assert!(verify("demo-member-2026", Some(pgcrypto), 4).await);
        let two_b = bcrypt::hash("kata-sandi", 4).expect("2b");
        assert!(verify("kata-sandi", Some(&two_b), 4).await);
        assert!(!verify("anything", None, 4).await);
    }
}

//! Email addresses, checked one way wherever one is typed: sign-up and sign-in at the
//! local Auth, the checkout's buyer and invite fields. So an address the shop accepted at
//! sign-up is never refused at checkout.

/// The address trimmed and lower-cased, or `None` when it is not a plausible address: one
/// `@`, a local part of at most 64 characters of the usual set without leading, trailing or
/// doubled dots, and a dotted domain of letters, digits and inner hyphens; at most 254 in
/// all.
pub fn normalize(typed: &str) -> Option<String> {
    let email = typed.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    (email.len() <= 254 && local_ok && domain_ok).then_some(email)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn addresses() {
        assert_eq!(normalize(" Budi.Santoso@Example.CO.id ").as_deref(), Some("budi.santoso@example.co.id"));
        assert_eq!(normalize("a+tag@sub.example.com").as_deref(), Some("a+tag@sub.example.com"));
        for bad in [
            "",
            "budi",
            "budi@",
            "@example.com",
            "budi@example",
            "bu di@example.com",
            "budi@@example.com",
            "budi@example..com",
            "budi@-example.com",
            ".budi@example.com",
            "budi.@example.com",
            "budi\u{0}@example.com",
            "búdi@example.com",
        ] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
        assert_eq!(normalize(&format!("{}@{}.com", "a".repeat(64), "b".repeat(63))).map(|e| e.len()), Some(132));
        assert_eq!(normalize(&format!("{}@example.com", "a".repeat(65))), None);
    }
}

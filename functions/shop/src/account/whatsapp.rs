//! Indonesian WhatsApp numbers, normalised to `+628…` as `private.normalize_whatsapp` does
//! in the database (the sign-up trigger), so a number is stored one way whichever path
//! wrote it (and `web/src/lib/whatsapp.ts` in the browser). People type `0812-3456-7890`,
//! `62 812 3456 7890`, `+62 (812) 3456.7890`, or keep the trunk zero: `+62 0812…`.

/// `+628…` (8 to 13 digits after `+62`), or `None` when `typed` is not an Indonesian
/// mobile number.
pub fn normalize(typed: &str) -> Option<String> {
    let compact: String = typed.chars().filter(|c| !(c.is_whitespace() || "().-".contains(*c))).collect();
    let local = match compact.strip_prefix("+62").or_else(|| compact.strip_prefix("62")) {
        Some(national) => national.strip_prefix('0').unwrap_or(national),
        None => compact.strip_prefix('0')?,
    };
    let valid = local.starts_with('8') && (8..=13).contains(&local.len()) && local.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| format!("+62{local}"))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn accepts_what_people_type() {
        for typed in [
            "081234567890",
            "0812-3456-7890",
            "62 812 3456 7890",
            "+62 (812) 3456.7890",
            "+6281234567890",
            "+62 0812 3456 7890",
        ] {
            assert_eq!(normalize(typed).as_deref(), Some("+6281234567890"), "{typed}");
        }
        assert_eq!(normalize("081234567").as_deref(), Some("+6281234567"), "the shortest: 8 and 7 digits");
        assert_eq!(normalize("0812345678901").as_deref(), Some("+62812345678901"));
    }

    #[test]
    fn refuses_what_is_not_an_indonesian_mobile_number() {
        for typed in [
            "",
            "0",
            "08123456",          // too short
            "08123456789012345", // too long
            "0212345678",        // a Jakarta landline
            "+6591234567",       // Singapore
            "0812 3456 789a",
            "08١٢٣٤٥٦٧٨٩", // non-ASCII digits
            "++6281234567890",
            "81234567890", // no country code nor trunk zero: ambiguous
            "0081234567890",
        ] {
            assert_eq!(normalize(typed), None, "{typed:?}");
        }
    }
}

//! One-time codes and the hashes that mailed links carry: a 6-digit code, and
//! `hex(SHA-224(email + code))` stored in the user's row and put in the link
//! (GoTrue `internal/crypto/crypto.go` `GenerateTokenHash`).

use rand::{rngs::OsRng, Rng};
use sha2::{Digest, Sha224};

pub fn generate() -> String {
    format!("{:06}", OsRng.gen_range(0..1_000_000u32))
}

pub fn token_hash(email: &str, otp: &str) -> String {
    let digest = Sha224::digest(format!("{email}{otp}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_six_digits_and_hashes_are_sha224_hex() {
        for _ in 0..100 {
            let otp = generate();
            assert_eq!(otp.len(), 6);
            assert!(otp.bytes().all(|b| b.is_ascii_digit()));
        }
        // printf 'a@b.co123456' | sha224sum
        assert_eq!(token_hash("a@b.co", "123456"), "4911e82389643aeb3ce581cfa27b1630931b88c0206a90fed98a99cf");
        assert_eq!(token_hash("a@b.co", "123456").len(), 56);
    }
}

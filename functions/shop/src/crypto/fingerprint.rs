//! Keyed fingerprints of stock secrets: HMAC-SHA256 under a key of its own, so the same
//! code imported twice is found without decrypting anything, and the fingerprint reveals
//! nothing to someone without the key. The key is not rotated with the encryption keys.

use std::fmt;

use base64::{engine::general_purpose::STANDARD, Engine};
use hmac::{Hmac, Mac};
use rand::{rngs::OsRng, RngCore};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::CryptoError;

#[derive(Clone)]
pub struct FingerprintKey(Zeroizing<Vec<u8>>);

impl FingerprintKey {
    pub fn parse(base64_key: &str) -> Result<FingerprintKey, CryptoError> {
        let bytes = STANDARD
            .decode(base64_key.trim())
            .map_err(|_| CryptoError::InvalidKey("fingerprint key is not base64".into()))?;
        if bytes.len() != 32 {
            return Err(CryptoError::InvalidKey("fingerprint key must be 32 bytes".into()));
        }
        Ok(FingerprintKey(Zeroizing::new(bytes)))
    }

    pub fn generate() -> String {
        let mut key = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(key.as_mut());
        STANDARD.encode(key.as_ref())
    }

    /// The fingerprint of a secret, after trimming surrounding whitespace (a pasted code with
    /// a trailing newline is the same code).
    pub fn fingerprint(&self, secret: &str) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(secret.trim().as_bytes());
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FingerprintKey(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::FingerprintKey;

    #[test]
    fn the_same_code_has_the_same_fingerprint_and_keys_differ() {
        let a = FingerprintKey::parse(&FingerprintKey::generate()).expect("key");
        let b = FingerprintKey::parse(&FingerprintKey::generate()).expect("key");
        assert_eq!(a.fingerprint("ABC-123"), a.fingerprint("  ABC-123\n"));
        assert_ne!(a.fingerprint("ABC-123"), a.fingerprint("ABC-124"));
        assert_ne!(a.fingerprint("ABC-123"), b.fingerprint("ABC-123"));
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(FingerprintKey::parse("AAAA").is_err());
    }
}

//! The encryption keys: the first one encrypts, every one decrypts (rotation).

use std::fmt;

use aes_gcm::{
    aead::{Aead, KeyInit, Payload},
    Aes256Gcm, Nonce,
};
use base64::{engine::general_purpose::STANDARD, Engine};
use rand::{rngs::OsRng, RngCore};
use zeroize::Zeroizing;

use super::{CryptoError, SecretSlot};

const VERSION: u8 = 1;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

#[derive(Clone)]
pub struct Keyring {
    keys: Vec<(String, Aes256Gcm)>,
}

impl Keyring {
    /// Parses `id:base64key[,id:base64key…]`; the first key is the active one. Ids are
    /// 1–32 characters of `[A-Za-z0-9_-]`; keys are 32 bytes.
    pub fn parse(spec: &str) -> Result<Keyring, CryptoError> {
        let mut keys: Vec<(String, Aes256Gcm)> = Vec::new();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (id, material) =
                entry.split_once(':').ok_or_else(|| CryptoError::InvalidKey("expected id:base64key".into()))?;
            let valid_id =
                (1..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !valid_id {
                return Err(CryptoError::InvalidKey(format!("bad key id {id:?}")));
            }
            if keys.iter().any(|(existing, _)| existing == id) {
                return Err(CryptoError::InvalidKey(format!("key id {id:?} appears twice")));
            }
            let bytes = Zeroizing::new(
                STANDARD
                    .decode(material.trim())
                    .map_err(|_| CryptoError::InvalidKey(format!("key {id:?} is not base64")))?,
            );
            let cipher = Aes256Gcm::new_from_slice(&bytes)
                .map_err(|_| CryptoError::InvalidKey(format!("key {id:?} must be 32 bytes")))?;
            keys.push((id.to_owned(), cipher));
        }
        if keys.is_empty() {
            return Err(CryptoError::InvalidKey("no key given".into()));
        }
        Ok(Keyring { keys })
    }

    /// A new random key, as `id:base64key`, for local runs and rotation.
    pub fn generate_entry(id: &str) -> String {
        let mut key = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(key.as_mut());
        format!("{id}:{}", STANDARD.encode(key.as_ref()))
    }

    pub fn active_key_id(&self) -> &str {
        &self.keys[0].0
    }

    pub fn encrypt(&self, plaintext: &[u8], slot: SecretSlot<'_>) -> Vec<u8> {
        let (id, cipher) = &self.keys[0];
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let mut envelope = Vec::with_capacity(2 + id.len() + NONCE_LEN + plaintext.len() + TAG_LEN);
        envelope.push(VERSION);
        envelope.push(id.len() as u8);
        envelope.extend_from_slice(id.as_bytes());
        let aad = slot.aad(&envelope);
        envelope.extend_from_slice(&nonce);
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad: &aad })
            .expect("AES-GCM encryption of an in-memory buffer cannot fail");
        envelope.extend_from_slice(&sealed);
        envelope
    }

    pub fn decrypt(&self, envelope: &[u8], slot: SecretSlot<'_>) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        let (&version, rest) = envelope.split_first().ok_or(CryptoError::Malformed)?;
        if version != VERSION {
            return Err(CryptoError::UnsupportedVersion(version));
        }
        let (&id_len, rest) = rest.split_first().ok_or(CryptoError::Malformed)?;
        let id_len = id_len as usize;
        if rest.len() < id_len + NONCE_LEN + TAG_LEN {
            return Err(CryptoError::Malformed);
        }
        let (id, rest) = rest.split_at(id_len);
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        let id = std::str::from_utf8(id).map_err(|_| CryptoError::Malformed)?;
        let cipher = self
            .keys
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, c)| c)
            .ok_or_else(|| CryptoError::UnknownKey(id.to_owned()))?;
        let aad = slot.aad(&envelope[..2 + id_len]);
        cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad: &aad })
            .map(Zeroizing::new)
            .map_err(|_| CryptoError::Unauthentic)
    }

    /// The id of the key an envelope was sealed with (to find rows that need re-wrapping).
    pub fn key_id_of(envelope: &[u8]) -> Option<&str> {
        let id_len = *envelope.get(1)? as usize;
        std::str::from_utf8(envelope.get(2..2 + id_len)?).ok()
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("Keyring").field("key_ids", &ids).finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use uuid::Uuid;

    use super::*;

    fn slot(row_id: Uuid) -> SecretSlot<'static> {
        SecretSlot { table: "stock_items", column: "secret_ciphertext", row_id }
    }

    fn ring(spec: &str) -> Keyring {
        Keyring::parse(spec).expect("valid keyring")
    }

    #[test]
    fn a_secret_round_trips() {
        let keys = ring(&Keyring::generate_entry("k1"));
        let row = Uuid::new_v4();
        let envelope = keys.encrypt(b"ML-DIAMOND-86-ABCD", slot(row));
        assert_eq!(&keys.decrypt(&envelope, slot(row)).expect("decrypts")[..], b"ML-DIAMOND-86-ABCD");
        assert_eq!(Keyring::key_id_of(&envelope), Some("k1"));
        assert!(!envelope.windows(18).any(|w| w == b"ML-DIAMOND-86-ABCD"), "plaintext visible");
    }

    #[test]
    fn any_flipped_byte_fails() {
        let keys = ring(&Keyring::generate_entry("k1"));
        let row = Uuid::new_v4();
        let envelope = keys.encrypt(b"netflix@example.com:hunter2", slot(row));
        for i in 0..envelope.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = envelope.clone();
                bad[i] ^= bit;
                assert!(keys.decrypt(&bad, slot(row)).is_err(), "flip of byte {i} bit {bit:#x} decrypted");
            }
        }
        assert!(keys.decrypt(&envelope[..envelope.len() - 1], slot(row)).is_err(), "truncated");
        assert!(keys.decrypt(&[], slot(row)).is_err(), "empty");
    }

    #[test]
    fn a_ciphertext_moved_to_another_row_or_column_fails() {
        let keys = ring(&Keyring::generate_entry("k1"));
        let row = Uuid::new_v4();
        let envelope = keys.encrypt(b"code", slot(row));
        assert_eq!(keys.decrypt(&envelope, slot(Uuid::new_v4())), Err(CryptoError::Unauthentic));
        let other_column = SecretSlot { table: "stock_items", column: "other", row_id: row };
        assert_eq!(keys.decrypt(&envelope, other_column), Err(CryptoError::Unauthentic));
        let other_table = SecretSlot { table: "provider_accounts", column: "secret_ciphertext", row_id: row };
        assert_eq!(keys.decrypt(&envelope, other_table), Err(CryptoError::Unauthentic));
    }

    #[test]
    fn an_old_key_still_decrypts_after_rotation() {
        let old = Keyring::generate_entry("2026-01");
        let before = ring(&old);
        let row = Uuid::new_v4();
        let envelope = before.encrypt(b"old secret", slot(row));

        let after = ring(&format!("{},{old}", Keyring::generate_entry("2026-11")));
        assert_eq!(after.active_key_id(), "2026-11");
        assert_eq!(&after.decrypt(&envelope, slot(row)).expect("old key decrypts")[..], b"old secret");
        let rewrapped = after.encrypt(b"old secret", slot(row));
        assert_eq!(Keyring::key_id_of(&rewrapped), Some("2026-11"));

        let without_old = ring(&Keyring::generate_entry("2026-11"));
        assert_eq!(without_old.decrypt(&envelope, slot(row)), Err(CryptoError::UnknownKey("2026-01".into())));
    }

    #[test]
    fn a_hundred_thousand_encryptions_repeat_no_nonce() {
        let keys = ring(&Keyring::generate_entry("k1"));
        let row = Uuid::new_v4();
        let header = 2 + 2;
        let mut seen = HashSet::with_capacity(100_000);
        for _ in 0..100_000 {
            let envelope = keys.encrypt(b"x", slot(row));
            let nonce: [u8; NONCE_LEN] = envelope[header..header + NONCE_LEN].try_into().expect("12 bytes");
            assert!(seen.insert(nonce), "nonce repeated");
        }
        assert_eq!(seen.len(), 100_000);
    }

    #[test]
    fn bad_key_specs_are_refused_with_a_reason() {
        assert!(Keyring::parse("").is_err());
        assert!(Keyring::parse("k1").is_err());
        assert!(Keyring::parse("k1:not-base64!").is_err());
        assert!(Keyring::parse("k1:AAAA").is_err(), "3-byte key accepted");
        let entry = Keyring::generate_entry("k1");
        assert!(Keyring::parse(&format!("{entry},{entry}")).is_err(), "duplicate id accepted");
        assert!(Keyring::parse(&entry.replace("k1", "bad id")).is_err());
    }

    #[test]
    fn debug_output_never_shows_key_material() {
        let entry = Keyring::generate_entry("k1");
        let material = entry.split_once(':').expect("id:key").1;
        let shown = format!("{:?}", ring(&entry));
        assert!(shown.contains("k1") && !shown.contains(material));
    }
}

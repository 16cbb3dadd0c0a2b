//! Secrets at rest: stock codes, provider credentials and delivered results are encrypted
//! here, never in SQL. AES-256-GCM with a fresh random 96-bit nonce per encryption, a
//! versioned envelope that names its key, and associated data that binds each ciphertext
//! to its table, column and row, so a ciphertext copied elsewhere does not decrypt.
//!
//! Envelope (bytes): `0x01` version | key-id length (1 byte) | key id (ASCII) | nonce (12) |
//! ciphertext with its 16-byte tag.

mod fingerprint;
mod keyring;

pub use fingerprint::FingerprintKey;
pub use keyring::Keyring;

use uuid::Uuid;

/// Where a ciphertext lives; part of the associated data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecretSlot<'a> {
    pub table: &'a str,
    pub column: &'a str,
    pub row_id: Uuid,
}

impl SecretSlot<'_> {
    fn aad(&self, header: &[u8]) -> Vec<u8> {
        let mut aad = Vec::with_capacity(header.len() + self.table.len() + self.column.len() + 64);
        aad.extend_from_slice(b"ruangpremium/secret");
        for part in [self.table.as_bytes(), self.column.as_bytes(), self.row_id.as_bytes()] {
            aad.push(0);
            aad.extend_from_slice(part);
        }
        aad.push(0);
        aad.extend_from_slice(header);
        aad
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("the envelope is malformed")]
    Malformed,
    #[error("unsupported envelope version {0}")]
    UnsupportedVersion(u8),
    #[error("no key with id {0:?}")]
    UnknownKey(String),
    #[error("the ciphertext does not authenticate (tampered, or moved from another row)")]
    Unauthentic,
    #[error("invalid key material: {0}")]
    InvalidKey(String),
}

//! The key that signs access tokens: ES256 (P-256) with a key id, as Supabase recommends
//! for projects on asymmetric signing keys, and its public half as a JWKS, so that every
//! verifier (the shop API, supabase-js `getClaims()`) uses the same code path locally as
//! against a hosted project. The key lives in `<data dir>/secrets.env` as base64 PKCS#8.

use std::fmt;

use anyhow::Context;
use base64::{
    engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD},
    Engine,
};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use p256::{
    elliptic_curve::{rand_core::OsRng, sec1::ToEncodedPoint},
    pkcs8::{DecodePrivateKey, EncodePrivateKey},
    SecretKey,
};
use rand::{distributions::Alphanumeric, Rng};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};

/// `secrets.env` names of the signing key and its id.
pub const SIGNING_KEY_VAR: &str = "AUTH_JWT_SIGNING_KEY";
pub const KEY_ID_VAR: &str = "AUTH_JWT_KEY_ID";
/// `secrets.env` name of the publishable ("anon") API key.
pub const ANON_KEY_VAR: &str = "SUPABASE_ANON_KEY";

#[derive(Clone)]
pub struct SigningKey {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    public_jwk: Value,
}

impl SigningKey {
    /// A new random P-256 key, as `(base64 PKCS#8 DER, key id)` for `secrets.env`.
    pub fn generate() -> anyhow::Result<(String, String)> {
        let secret = SecretKey::random(&mut OsRng);
        let der = secret.to_pkcs8_der().context("cannot encode the new signing key")?;
        Ok((STANDARD.encode(der.as_bytes()), uuid::Uuid::new_v4().to_string()))
    }

    /// The key of `secrets.env`: base64 PKCS#8 DER of a P-256 private key, and its id.
    pub fn from_base64_pkcs8(encoded: &str, kid: &str) -> anyhow::Result<SigningKey> {
        let der = STANDARD.decode(encoded.trim()).context("the signing key is not base64")?;
        let secret = SecretKey::from_pkcs8_der(&der).context("the signing key is not a P-256 PKCS#8 key")?;
        let kid = kid.trim();
        anyhow::ensure!(!kid.is_empty(), "the signing key has no key id");
        let point = secret.public_key().to_encoded_point(false);
        let (Some(x), Some(y)) = (point.x(), point.y()) else {
            anyhow::bail!("the signing key's public point is not uncompressed");
        };
        let (x, y) = (URL_SAFE_NO_PAD.encode(x), URL_SAFE_NO_PAD.encode(y));
        let decoding = DecodingKey::from_ec_components(&x, &y).context("cannot build the verification key")?;
        let public_jwk = json!({
            "alg": "ES256",
            "crv": "P-256",
            "ext": true,
            "key_ops": ["verify"],
            "kid": kid,
            "kty": "EC",
            "use": "sig",
            "x": x,
            "y": y,
        });
        Ok(SigningKey { kid: kid.to_owned(), encoding: EncodingKey::from_ec_der(&der), decoding, public_jwk })
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// A JWT over `claims`, header `{"alg":"ES256","typ":"JWT","kid":…}`.
    pub fn sign<T: Serialize>(&self, claims: &T) -> Result<String, jsonwebtoken::errors::Error> {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding)
    }

    /// The claims of a token this key signed, checked as `validation` says (ES256 only).
    pub fn verify<T: DeserializeOwned>(
        &self,
        token: &str,
        validation: &Validation,
    ) -> Result<T, jsonwebtoken::errors::Error> {
        jsonwebtoken::decode::<T>(token, &self.decoding, validation).map(|data| data.claims)
    }

    /// `{"keys": [public JWK]}`, as `/.well-known/jwks.json` serves it.
    pub fn jwks(&self) -> Value {
        json!({ "keys": [self.public_jwk] })
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey").field("kid", &self.kid).finish_non_exhaustive()
    }
}

/// A new publishable API key, shaped like Supabase's (`sb_publishable_…`).
pub fn generate_anon_key() -> String {
    let random: String = rand::thread_rng().sample_iter(&Alphanumeric).take(32).map(char::from).collect();
    format!("sb_publishable_{random}")
}

/// The Auth entries `secrets.env` must have, freshly generated: signing key, key id and
/// publishable key.
pub fn generate_secret_entries() -> anyhow::Result<Vec<(&'static str, String)>> {
    let (key, kid) = SigningKey::generate()?;
    Ok(vec![(SIGNING_KEY_VAR, key), (KEY_ID_VAR, kid), (ANON_KEY_VAR, generate_anon_key())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_signs_and_verifies_and_publishes_only_its_public_half() {
        let (encoded, kid) = SigningKey::generate().expect("generate");
        let key = SigningKey::from_base64_pkcs8(&encoded, &kid).expect("load");
        let token = key.sign(&json!({"sub": "x", "aud": "authenticated", "exp": 4_000_000_000u64})).expect("sign");
        let header = jsonwebtoken::decode_header(&token).expect("header");
        assert_eq!(header.alg, Algorithm::ES256);
        assert_eq!(header.kid.as_deref(), Some(kid.as_str()));
        let mut validation = Validation::new(Algorithm::ES256);
        validation.set_audience(&["authenticated"]);
        let claims: Value = key.verify(&token, &validation).expect("verify");
        assert_eq!(claims["sub"], "x");
        let jwks = key.jwks();
        let jwk = &jwks["keys"][0];
        assert_eq!(jwk["kty"], "EC");
        assert!(jwk.get("d").is_none(), "the private scalar must never be published");
        let parsed: jsonwebtoken::jwk::JwkSet = serde_json::from_value(jwks.clone()).expect("a JWKS");
        let decoding = DecodingKey::from_jwk(&parsed.keys[0]).expect("usable JWK");
        assert!(jsonwebtoken::decode::<Value>(&token, &decoding, &validation).is_ok());
    }

    #[test]
    fn garbage_is_refused() {
        assert!(SigningKey::from_base64_pkcs8("not base64!", "k").is_err());
        assert!(SigningKey::from_base64_pkcs8(&STANDARD.encode(b"nope"), "k").is_err());
        assert!(generate_anon_key().starts_with("sb_publishable_"));
    }
}

//! Verifying Supabase access tokens with `jsonwebtoken`, as Supabase recommends: the
//! public keys come from the Auth server's JWKS (`<SUPABASE_URL>/auth/v1/.well-known/jwks.json`),
//! cached for as long as Supabase caches them, fetched again at once for an unknown key id
//! (a rotation) but never more often than a floor allows, so a stream of forged key ids
//! cannot make us hammer the Auth server. Each key verifies only the algorithm its type
//! implies; audience and issuer are pinned. A project still on the legacy shared secret may
//! configure it, and only then are HS256 tokens accepted.

use std::{
    collections::HashMap,
    sync::RwLock,
    time::{Duration, Instant},
};

use jsonwebtoken::{
    jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm},
    Algorithm, DecodingKey, Validation,
};
use serde::Deserialize;
use uuid::Uuid;

/// How long fetched keys are trusted, and how soon an unknown key id may trigger a new fetch.
#[derive(Clone, Copy, Debug)]
pub struct JwksPolicy {
    /// Supabase's edge caches the JWKS for 10 minutes; so do we.
    pub max_age: Duration,
    /// The least time between two fetches.
    pub refetch_floor: Duration,
    /// How long one fetch may take.
    pub fetch_timeout: Duration,
}

impl Default for JwksPolicy {
    fn default() -> JwksPolicy {
        JwksPolicy {
            max_age: Duration::from_secs(600),
            refetch_floor: Duration::from_secs(30),
            fetch_timeout: Duration::from_secs(5),
        }
    }
}

/// Why a token was refused. Kept for the logs; callers answer every case with one 401.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("the token is malformed or uses an unsupported algorithm")]
    Malformed,
    #[error("the token's algorithm is not accepted for its key")]
    AlgorithmNotAllowed,
    #[error("no signing key has the token's key id")]
    UnknownKey,
    #[error("the token is invalid: {0}")]
    Invalid(String),
    #[error("the token is not a user's access token")]
    NotAUser,
    /// The Auth server's keys could not be fetched, so the token cannot be checked.
    #[error("the Auth server's keys are unavailable")]
    KeysUnavailable,
}

/// What the API knows about the caller from a verified token.
#[derive(Clone, Debug)]
pub struct VerifiedToken {
    pub user_id: Uuid,
    pub email: Option<String>,
    pub session_id: Option<Uuid>,
    /// The token's payload exactly as signed, for `request.jwt.claims`.
    pub claims_json: String,
}

struct Key {
    decoding: DecodingKey,
    algorithm: Algorithm,
}

#[derive(Default)]
struct Cache {
    keys: HashMap<String, std::sync::Arc<Key>>,
    fetched_at: Option<Instant>,
    attempted_at: Option<Instant>,
}

pub struct TokenVerifier {
    issuer: String,
    jwks_url: String,
    legacy_secret: Option<DecodingKey>,
    policy: JwksPolicy,
    http: reqwest::Client,
    cache: RwLock<Cache>,
    fetching: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for TokenVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenVerifier")
            .field("issuer", &self.issuer)
            .field("jwks_url", &self.jwks_url)
            .field("legacy_secret", &self.legacy_secret.as_ref().map(|_| "***"))
            .finish_non_exhaustive()
    }
}

/// The only audience Supabase gives user access tokens.
const AUDIENCE: &str = "authenticated";
/// Clock skew tolerated on `exp`.
const LEEWAY_SECONDS: u64 = 30;

impl TokenVerifier {
    /// `supabase_url` as in `SUPABASE_URL`, without a trailing slash.
    pub fn new(supabase_url: &str, legacy_secret: Option<&str>, policy: JwksPolicy) -> TokenVerifier {
        TokenVerifier {
            issuer: format!("{supabase_url}/auth/v1"),
            jwks_url: format!("{supabase_url}/auth/v1/.well-known/jwks.json"),
            legacy_secret: legacy_secret.map(|secret| DecodingKey::from_secret(secret.as_bytes())),
            policy,
            http: reqwest::Client::builder().timeout(policy.fetch_timeout).build().unwrap_or_default(),
            cache: RwLock::new(Cache::default()),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// Verifies a bearer token and returns who it names.
    pub async fn verify(&self, token: &str) -> Result<VerifiedToken, TokenError> {
        // `alg: none` and anything unparseable fail here.
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Malformed)?;
        let (decoding, algorithm) = match header.alg {
            Algorithm::HS256 => match &self.legacy_secret {
                Some(secret) => (secret.clone(), Algorithm::HS256),
                None => return Err(TokenError::AlgorithmNotAllowed),
            },
            Algorithm::HS384 | Algorithm::HS512 => return Err(TokenError::AlgorithmNotAllowed),
            alg => {
                let kid = header.kid.as_deref().ok_or(TokenError::UnknownKey)?;
                let key = self.key(kid).await?;
                if key.algorithm != alg {
                    return Err(TokenError::AlgorithmNotAllowed);
                }
                (key.decoding.clone(), key.algorithm)
            }
        };
        let mut validation = Validation::new(algorithm);
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[&self.issuer]);
        validation.set_required_spec_claims(&["exp", "sub", "aud", "iss"]);
        validation.leeway = LEEWAY_SECONDS;
        let data = jsonwebtoken::decode::<serde_json::Value>(token, &decoding, &validation)
            .map_err(|err| TokenError::Invalid(format!("{:?}", err.kind())))?;

        #[derive(Deserialize)]
        struct Claims {
            sub: Uuid,
            role: String,
            email: Option<String>,
            session_id: Option<Uuid>,
        }
        let claims: Claims = serde_json::from_value(data.claims.clone()).map_err(|_| TokenError::NotAUser)?;
        if claims.role != "authenticated" {
            return Err(TokenError::NotAUser);
        }
        Ok(VerifiedToken {
            user_id: claims.sub,
            email: claims.email.filter(|e| !e.is_empty()),
            session_id: claims.session_id,
            claims_json: data.claims.to_string(),
        })
    }

    /// The key with this id: from the cache while it is fresh, else from a new fetch when
    /// the floor allows one.
    async fn key(&self, kid: &str) -> Result<std::sync::Arc<Key>, TokenError> {
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        let _one_fetch_at_a_time = self.fetching.lock().await;
        // Another request may have fetched while this one waited.
        if let Some(key) = self.cached(kid) {
            return Ok(key);
        }
        let may_fetch = {
            let cache = self.cache.read().unwrap_or_else(|poisoned| poisoned.into_inner());
            cache.attempted_at.is_none_or(|at| at.elapsed() >= self.policy.refetch_floor)
        };
        if may_fetch {
            let fetched = self.fetch().await;
            let mut cache = self.cache.write().unwrap_or_else(|poisoned| poisoned.into_inner());
            cache.attempted_at = Some(Instant::now());
            match fetched {
                Ok(keys) => {
                    cache.keys = keys;
                    cache.fetched_at = Some(Instant::now());
                }
                Err(err) => {
                    tracing::warn!(error = %err, url = %self.jwks_url, "could not fetch the Auth server's JWKS")
                }
            }
        }
        let cache = self.cache.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        match cache.keys.get(kid) {
            // A stale key is better than none while the Auth server cannot be reached.
            Some(key) => Ok(key.clone()),
            None if cache.fetched_at.is_none() => Err(TokenError::KeysUnavailable),
            None => Err(TokenError::UnknownKey),
        }
    }

    /// The key with this id, if the cache is fresh and has it.
    fn cached(&self, kid: &str) -> Option<std::sync::Arc<Key>> {
        let cache = self.cache.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let fresh = cache.fetched_at.is_some_and(|at| at.elapsed() < self.policy.max_age);
        fresh.then(|| cache.keys.get(kid).cloned()).flatten()
    }

    async fn fetch(&self) -> anyhow::Result<HashMap<String, std::sync::Arc<Key>>> {
        let response = self.http.get(&self.jwks_url).send().await?.error_for_status()?;
        let set: JwkSet = response.json().await?;
        Ok(set
            .keys
            .iter()
            .filter_map(|jwk| {
                let kid = jwk.common.key_id.clone()?;
                let algorithm = pinned_algorithm(jwk)?;
                let decoding = DecodingKey::from_jwk(jwk).ok()?;
                Some((kid, std::sync::Arc::new(Key { decoding, algorithm })))
            })
            .collect())
    }
}

/// The one algorithm a published key may verify: what its type implies, and its `alg`
/// when it names one that agrees. Symmetric (`oct`) keys are never taken from a JWKS.
fn pinned_algorithm(jwk: &jsonwebtoken::jwk::Jwk) -> Option<Algorithm> {
    let implied = match &jwk.algorithm {
        AlgorithmParameters::EllipticCurve(ec) => match ec.curve {
            EllipticCurve::P256 => Algorithm::ES256,
            EllipticCurve::P384 => Algorithm::ES384,
            _ => return None,
        },
        AlgorithmParameters::RSA(_) => match jwk.common.key_algorithm {
            Some(KeyAlgorithm::RS384) => Algorithm::RS384,
            Some(KeyAlgorithm::RS512) => Algorithm::RS512,
            _ => Algorithm::RS256,
        },
        AlgorithmParameters::OctetKeyPair(_) => Algorithm::EdDSA,
        // `oct` keys are secrets and never belong in a JWKS; other types we do not know.
        _ => return None,
    };
    let agrees = match jwk.common.key_algorithm {
        None => true,
        Some(named) => format!("{named:?}") == format!("{implied:?}"),
    };
    agrees.then_some(implied)
}

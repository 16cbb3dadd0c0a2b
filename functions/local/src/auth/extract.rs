//! What handlers take from a request: a JSON body with GoTrue's `bad_json` error, the
//! client (socket address, never `X-Forwarded-For`; user agent), and the signed-in user.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::{
    body::Bytes,
    extract::{ConnectInfo, FromRequest, FromRequestParts, Request},
    http::{header, request::Parts},
};
use serde::de::DeserializeOwned;

use super::{
    errors::AuthError,
    tokens,
    users::{self, UserRow},
    AuthState,
};

/// A JSON body; an empty body reads as `{}` (GoTrue accepts that and then validates).
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = AuthError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|err| AuthError::bad_request("bad_json", format!("Could not read request body: {err}")))?;
        let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &bytes };
        serde_json::from_slice(bytes)
            .map(JsonBody)
            .map_err(|err| AuthError::bad_request("bad_json", format!("Could not parse request body as JSON: {err}")))
    }
}

/// Who is calling: the socket's address (the server runs without a proxy in front) and
/// the user agent, kept on the session as GoTrue does.
#[derive(Clone, Debug)]
pub struct Client {
    pub ip: IpAddr,
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let user_agent =
            parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(|v| v.chars().take(512).collect());
        Ok(Client { ip, user_agent })
    }
}

/// The bearer of a valid access token whose user and session still exist
/// (GoTrue's `requireAuthentication` + `maybeLoadUserOrSession`).
pub struct Authenticated {
    pub user: UserRow,
    pub session_id: uuid::Uuid,
}

impl FromRequestParts<AuthState> for Authenticated {
    type Rejection = AuthError;

    async fn from_request_parts(parts: &mut Parts, state: &AuthState) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(|| {
            AuthError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                "no_authorization",
                "This endpoint requires a valid Bearer token",
            )
        })?;
        let claims = tokens::verify_access_token(&state.config, token)?;
        let user_id = uuid::Uuid::parse_str(&claims.sub)
            .map_err(|_| AuthError::bad_request("bad_jwt", "invalid claim: sub claim must be a UUID"))?;
        let session_id = uuid::Uuid::parse_str(&claims.session_id).map_err(|_| {
            AuthError::forbidden("session_not_found", "Session from session_id claim in JWT does not exist")
        })?;
        let mut conn = state.pool.acquire().await?;
        let user = users::find_by_id(&mut *conn, user_id)
            .await?
            .ok_or_else(|| AuthError::forbidden("user_not_found", "User from sub claim in JWT does not exist"))?;
        if !tokens::session_exists(&mut *conn, session_id, user_id).await? {
            return Err(AuthError::forbidden(
                "session_not_found",
                "Session from session_id claim in JWT does not exist",
            ));
        }
        Ok(Authenticated { user, session_id })
    }
}

/// The token of `Authorization: Bearer <token>`, if any.
pub fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

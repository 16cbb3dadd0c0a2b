//! Errors as GoTrue answers them (`internal/api/errors.go`), in the two shapes chosen by
//! the request's `X-Supabase-Api-Version` header (shared/LOCAL_STACK.md §2.4):
//!
//! * legacy (no header): `{"code": 400, "error_code": "invalid_credentials", "msg": "…"}`
//! * 2024-01-01 and later: `{"code": "invalid_credentials", "message": "…"}`, and the
//!   response echoes `X-Supabase-Api-Version`.
//!
//! Both carry `x-sb-error-code`; weak passwords add `weak_password: {reasons}`; OAuth-style
//! errors (`{"error", "error_description"}`) look the same in both. Handlers return an
//! [`AuthError`], which renders the legacy shape and leaves its details in the response's
//! extensions; [`api_version_layer`] re-renders them when the request asked for the new shape.

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderName, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

pub const API_VERSION_HEADER: HeaderName = HeaderName::from_static("x-supabase-api-version");
pub const ERROR_CODE_HEADER: HeaderName = HeaderName::from_static("x-sb-error-code");
/// The newest API version GoTrue knows, and the one that switches the error shape.
const API_VERSION_2024_01_01: &str = "2024-01-01";

#[derive(Clone, Debug)]
pub struct AuthError {
    status: StatusCode,
    kind: Kind,
}

#[derive(Clone, Debug)]
enum Kind {
    Api { code: &'static str, message: String, weak_password: Option<Vec<&'static str>> },
    OAuth { error: &'static str, description: String },
}

pub type AuthResult<T> = Result<T, AuthError>;

impl AuthError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> AuthError {
        AuthError { status, kind: Kind::Api { code, message: message.into(), weak_password: None } }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AuthError {
        AuthError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn validation(message: impl Into<String>) -> AuthError {
        AuthError::bad_request("validation_failed", message)
    }

    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> AuthError {
        AuthError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    pub fn forbidden(code: &'static str, message: impl Into<String>) -> AuthError {
        AuthError::new(StatusCode::FORBIDDEN, code, message)
    }

    pub fn too_many(code: &'static str, message: impl Into<String>) -> AuthError {
        AuthError::new(StatusCode::TOO_MANY_REQUESTS, code, message)
    }

    pub fn weak_password(message: impl Into<String>, reasons: Vec<&'static str>) -> AuthError {
        AuthError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            kind: Kind::Api { code: "weak_password", message: message.into(), weak_password: Some(reasons) },
        }
    }

    /// RFC 6749 style, e.g. `invalid_request` / "refresh_token required".
    pub fn oauth(error: &'static str, description: impl Into<String>) -> AuthError {
        AuthError { status: StatusCode::BAD_REQUEST, kind: Kind::OAuth { error, description: description.into() } }
    }

    pub fn invalid_credentials() -> AuthError {
        AuthError::bad_request("invalid_credentials", "Invalid login credentials")
    }

    pub fn otp_expired() -> AuthError {
        AuthError::forbidden("otp_expired", "Token has expired or is invalid")
    }

    /// Logged with its cause; the client sees only an id to quote.
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> AuthError {
        tracing::error!(error = %cause, "auth: {context}");
        AuthError::new(StatusCode::INTERNAL_SERVER_ERROR, "unexpected_failure", "Internal server error")
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// GoTrue's error code (`otp_expired`), or the OAuth error (`invalid_request`).
    pub fn code(&self) -> &'static str {
        match &self.kind {
            Kind::Api { code, .. } => code,
            Kind::OAuth { error, .. } => error,
        }
    }

    pub fn message(&self) -> &str {
        match &self.kind {
            Kind::Api { message, .. } => message,
            Kind::OAuth { description, .. } => description,
        }
    }

    fn body(&self, shape: Shape) -> Value {
        match (&self.kind, shape) {
            (Kind::OAuth { error, description }, _) => json!({"error": error, "error_description": description}),
            (Kind::Api { code, message, weak_password }, Shape::Legacy) => {
                let mut body = json!({"code": self.status.as_u16(), "error_code": code, "msg": message});
                if self.status.is_server_error() {
                    body["error_id"] = json!(uuid::Uuid::new_v4().to_string());
                }
                if let Some(reasons) = weak_password {
                    body["weak_password"] = json!({"reasons": reasons});
                }
                body
            }
            (Kind::Api { code, message, weak_password }, Shape::Versioned) => {
                let mut body = json!({"code": code, "message": message});
                if let Some(reasons) = weak_password {
                    body["weak_password"] = json!({"reasons": reasons});
                }
                body
            }
        }
    }
}

impl From<sqlx::Error> for AuthError {
    fn from(err: sqlx::Error) -> AuthError {
        AuthError::internal("database error", err)
    }
}

impl IntoResponse for AuthError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body(Shape::Legacy))).into_response();
        if let Kind::Api { code, .. } = &self.kind {
            response.headers_mut().insert(ERROR_CODE_HEADER, HeaderValue::from_static(code));
        }
        response.extensions_mut().insert(self);
        response
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Legacy,
    Versioned,
}

/// Which shape the request asked for: a valid `YYYY-MM-DD` on or after 2024-01-01 gets
/// the new one (auth-js sends `2024-01-01`); anything else the legacy one.
fn requested_shape(request: &Request) -> Shape {
    let version = request.headers().get(&API_VERSION_HEADER).and_then(|v| v.to_str().ok()).map(str::trim);
    match version.and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()) {
        Some(date) if date.format("%Y-%m-%d").to_string().as_str() >= API_VERSION_2024_01_01 => Shape::Versioned,
        _ => Shape::Legacy,
    }
}

/// Answers errors in the shape the request asked for, and echoes the API version.
pub async fn api_version_layer(request: Request, next: Next) -> Response {
    let shape = requested_shape(&request);
    let mut response = next.run(request).await;
    if shape == Shape::Legacy {
        return response;
    }
    response.headers_mut().insert(API_VERSION_HEADER, HeaderValue::from_static(API_VERSION_2024_01_01));
    let Some(error) = response.extensions().get::<AuthError>().cloned() else {
        return response;
    };
    let body = error.body(Shape::Versioned).to_string();
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_as_gotrue_renders_them() {
        let err = AuthError::invalid_credentials();
        assert_eq!(
            err.body(Shape::Legacy),
            json!({"code": 400, "error_code": "invalid_credentials", "msg": "Invalid login credentials"})
        );
        assert_eq!(
            err.body(Shape::Versioned),
            json!({"code": "invalid_credentials", "message": "Invalid login credentials"})
        );
        let weak = AuthError::weak_password("Password should be at least 6 characters.", vec!["length"]);
        assert_eq!(weak.body(Shape::Legacy)["weak_password"], json!({"reasons": ["length"]}));
        assert_eq!(weak.body(Shape::Versioned)["weak_password"], json!({"reasons": ["length"]}));
        let oauth = AuthError::oauth("invalid_request", "refresh_token required");
        assert_eq!(oauth.body(Shape::Versioned), oauth.body(Shape::Legacy));
    }

    #[test]
    fn the_version_header_picks_the_shape() {
        let with = |v: &str| Request::builder().header("x-supabase-api-version", v).body(Body::empty()).expect("req");
        assert_eq!(requested_shape(&with("2024-01-01")), Shape::Versioned);
        assert_eq!(requested_shape(&with("2026-03-01")), Shape::Versioned);
        assert_eq!(requested_shape(&with("2023-12-31")), Shape::Legacy);
        assert_eq!(requested_shape(&with("garbage")), Shape::Legacy);
        assert_eq!(requested_shape(&Request::new(Body::empty())), Shape::Legacy);
    }
}

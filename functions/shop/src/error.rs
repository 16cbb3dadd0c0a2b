//! The one error type of the API and its JSON envelope:
//! `{"error": {"code": "invalid_query", "message": "…", "fields": {"sort": "…"}}}`.
//! Codes are stable and machine-readable; messages follow the request's language; internal
//! failures are logged with their cause chain and answered opaquely.

use std::collections::BTreeMap;

use axum::{
    extract::rejection::{JsonRejection, QueryRejection},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::lang::Lang;

/// A message in both of the shop's languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub id: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(id: &'static str, en: &'static str) -> Text {
        Text { id, en }
    }

    pub fn in_lang(self, lang: Lang) -> &'static str {
        lang.pick(self.id, self.en)
    }
}

/// What was wrong with each offending field, in the order found.
pub type FieldErrors = Vec<(String, Text)>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Query string parameters that are missing, malformed or out of range.
    #[error("invalid query: {0:?}")]
    InvalidQuery(FieldErrors),
    /// A JSON body that could not be read, or whose fields are invalid.
    #[error("invalid body: {0:?}")]
    InvalidBody(FieldErrors),
    /// No valid access token where one is needed, or one that is invalid.
    #[error("unauthorized: {}", .0.en)]
    Unauthorized(Text),
    /// Signed in, but without the role this needs.
    #[error("forbidden: {}", .0.en)]
    Forbidden(Text),
    /// The Auth server's signing keys could not be fetched, so no token can be checked.
    #[error("auth unavailable")]
    AuthUnavailable,
    #[error("not found: {}", .0.en)]
    NotFound(Text),
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A well-formed request the shop cannot carry out now: sold out, too many unpaid
    /// orders, the payment gateway unreachable… `code` is stable; `fields` names the input
    /// the buyer can change, if any.
    #[error("refused: {code}")]
    Refused { status: StatusCode, code: &'static str, message: Text, fields: FieldErrors },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The envelope every non-2xx answer of the API carries.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable, machine-readable: `invalid_query`, `invalid_body`, `unauthorized`, `forbidden`,
    /// `not_found`, `method_not_allowed`, `auth_unavailable`, `internal`, and the refusals of
    /// checkout (`product_unavailable`, `sold_out`, `too_many_unpaid_orders`,
    /// `payment_unavailable`, `order_not_found`).
    #[schema(example = "invalid_query")]
    pub code: &'static str,
    /// For people, in the language of the request's `Accept-Language` (Indonesian by default).
    pub message: &'static str,
    /// The offending fields and what is wrong with each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, &'static str>>,
}

impl ApiError {
    pub fn refused(status: StatusCode, code: &'static str, message: Text) -> ApiError {
        ApiError::Refused { status, code, message, fields: Vec::new() }
    }

    pub fn invalid_query(field: impl Into<String>, problem: Text) -> ApiError {
        ApiError::InvalidQuery(vec![(field.into(), problem)])
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidQuery(_) | ApiError::InvalidBody(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::AuthUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Refused { status, .. } => *status,
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn envelope(&self, lang: Lang) -> ErrorEnvelope {
        let fields = |errors: &FieldErrors| {
            Some(errors.iter().map(|(field, text)| (field.clone(), text.in_lang(lang))).collect())
        };
        let (code, message, fields) = match self {
            ApiError::InvalidQuery(errors) => (
                "invalid_query",
                lang.pick(
                    "Parameter pencarian tidak valid. Periksa isian yang ditandai.",
                    "Some search parameters are invalid. Check the marked fields.",
                ),
                fields(errors),
            ),
            ApiError::InvalidBody(errors) => (
                "invalid_body",
                lang.pick(
                    "Data yang dikirim tidak valid. Periksa isian yang ditandai.",
                    "The submitted data is invalid. Check the marked fields.",
                ),
                fields(errors),
            ),
            ApiError::Unauthorized(why) => ("unauthorized", why.in_lang(lang), None),
            ApiError::Forbidden(why) => ("forbidden", why.in_lang(lang), None),
            ApiError::AuthUnavailable => (
                "auth_unavailable",
                lang.pick(
                    "Layanan masuk sedang tidak dapat dihubungi. Coba lagi sebentar lagi.",
                    "The sign-in service cannot be reached right now. Try again in a moment.",
                ),
                None,
            ),
            ApiError::NotFound(what) => ("not_found", what.in_lang(lang), None),
            ApiError::MethodNotAllowed => (
                "method_not_allowed",
                lang.pick("Metode HTTP ini tidak didukung di alamat ini.", "This HTTP method is not supported here."),
                None,
            ),
            ApiError::Refused { code, message, fields: offending, .. } => {
                (*code, message.in_lang(lang), if offending.is_empty() { None } else { fields(offending) })
            }
            ApiError::Database(_) | ApiError::Internal(_) => (
                "internal",
                lang.pick(
                    "Terjadi gangguan di server kami. Coba lagi sebentar lagi; jika berlanjut, hubungi admin.",
                    "Something went wrong on our side. Try again in a moment; if it persists, contact the admin.",
                ),
                None,
            ),
        };
        ErrorEnvelope { error: ErrorBody { code, message, fields } }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Database(_) | ApiError::Internal(_) = &self {
            tracing::error!(error = ?anyhow_chain(&self), "request failed");
        }
        let status = self.status();
        let mut response = (status, Json(self.envelope(Lang::current()))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            // RFC 6750: tell the client which scheme to use.
            response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

fn anyhow_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        ApiError::InvalidBody(vec![(
            "body".into(),
            match rejection {
                JsonRejection::MissingJsonContentType(_) => Text::new(
                    "Kirim data sebagai JSON (Content-Type: application/json).",
                    "Send the data as JSON (Content-Type: application/json).",
                ),
                _ => Text::new("Data JSON tidak dapat dibaca.", "The JSON data could not be read."),
            },
        )])
    }
}

impl From<QueryRejection> for ApiError {
    fn from(_: QueryRejection) -> ApiError {
        ApiError::invalid_query(
            "query",
            Text::new("Parameter tidak dapat dibaca.", "The parameters could not be read."),
        )
    }
}

/// The answer for a known path asked with a method it does not take.
pub async fn api_method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// The answer for paths under `/api` that match no endpoint.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound(Text::new("Alamat API ini tidak ada.", "This API address does not exist."))
}

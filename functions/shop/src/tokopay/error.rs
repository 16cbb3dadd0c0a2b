//! What can go wrong when talking to Tokopay, in the three kinds a caller acts on.

/// Messages never contain the secret or a request URL.
#[derive(Debug, thiserror::Error)]
pub enum TokopayError {
    /// No usable answer after every attempt (connect error, timeout, 5xx, 429). Retrying
    /// later is safe.
    #[error("tokopay unreachable: {0}")]
    Unreachable(String),
    /// Tokopay answered, but refused (status != "Success" or no data object). `raw` is the
    /// whole body.
    #[error("tokopay refused: {message}")]
    Refused { message: String, raw: serde_json::Value },
    /// An answer that could not be read (not JSON, missing trx_id/qr_string…).
    #[error("tokopay answered something unreadable: {0}")]
    Malformed(String),
}

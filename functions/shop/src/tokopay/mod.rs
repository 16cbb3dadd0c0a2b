//! The Tokopay (tokopay.id) client: QRIS invoices with the advanced `POST /v1/order`, the
//! payment state by repeating the simple `GET /v1/order` with the same `ref_id`, and the
//! webhook signature. The wire format is the one in `shared/TOKOPAY.md`.
//!
//! Both calls are safe to retry: Tokopay answers a repeated `reff_id` with the existing
//! order, so the client retries connect errors, timeouts, 5xx and 429 with the same
//! `reff_id`. The secret never leaves this module in an error, a log line or `Debug`.

mod check_status;
mod client;
mod config;
mod create_order;
mod error;
mod values;

pub use check_status::{PaymentState, StatusReport};
pub use client::TokopayClient;
pub use config::TokopayConfig;
pub use create_order::{CreateOrder, CreatedOrder, OrderItem};
pub use error::TokopayError;
pub use values::{is_paid_status, lenient_i64};

//! The Tokopay client (`shop::tokopay`) against the simulator (`ruangpremium::tokopay_sim`)
//! over real HTTP on 127.0.0.1: Tokopay's wire format, idempotent creation, payment states,
//! expiry, failures and timeouts, webhooks, and the QRIS payload.

mod create;
mod failures;
mod pay_page;
mod qr;
mod status;
mod webhooks;

use chrono::{DateTime, Duration, Utc};
use shop::tokopay::{CreateOrder, OrderItem};

/// A fresh reff_id in the shop's format (`^[A-Z0-9-]{1,40}$`).
pub fn reff_id() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string().to_uppercase();
    format!("RP{}-1", &id[..12])
}

/// An order for `amount` that expires at `expires_at`.
pub fn order(reff_id: &str, amount: i64, expires_at: DateTime<Utc>) -> CreateOrder<'_> {
    CreateOrder {
        reff_id,
        amount,
        customer_name: "Budi Santoso",
        customer_email: "budi@example.com",
        customer_phone: "+6281234567890",
        expires_at,
        redirect_url: Some("http://127.0.0.1:8080/invoice/42"),
        items: vec![OrderItem {
            product_code: "NETFLIX-1M".to_owned(),
            name: "Netflix 1 bulan".to_owned(),
            price: amount,
        }],
    }
}

/// An order for `amount` that expires in 15 minutes.
pub fn order_15min(reff_id: &str, amount: i64) -> CreateOrder<'_> {
    order(reff_id, amount, Utc::now() + Duration::minutes(15))
}

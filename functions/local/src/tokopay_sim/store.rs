//! The simulator's memory: orders by `reff_id`, the switches, request counters; fees,
//! Tokopay-style ids and the JSON views of an order.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use rand::Rng;
use serde_json::{json, Value};

use super::{qris, SimConfig};

/// The channels the simulated account has enabled, with their limits (Rp).
pub(super) const CHANNELS: [(&str, i64, i64); 2] = [("QRIS", 100, 15_000_000), ("QRISREALTIME", 100, 10_000_000)];

#[derive(Default)]
pub(super) struct State {
    pub orders: HashMap<String, Order>,
    /// trx_id → reff_id.
    pub by_trx: HashMap<String, String>,
    pub switches: Switches,
    pub counters: Counters,
    pub next_seq: u64,
}

impl State {
    pub fn by_trx_mut(&mut self, trx_id: &str) -> Option<&mut Order> {
        let reff_id = self.by_trx.get(trx_id)?;
        self.orders.get_mut(reff_id)
    }

    pub fn by_trx(&self, trx_id: &str) -> Option<&Order> {
        self.orders.get(self.by_trx.get(trx_id)?)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) enum StatusSwitch {
    #[default]
    Ok,
    Fail,
    Timeout,
    Unpaid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) enum CreateSwitch {
    #[default]
    Ok,
    Fail,
    Timeout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(super) enum FeeBearer {
    #[default]
    Customer,
    Merchant,
}

#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Switches {
    pub status_check: StatusSwitch,
    pub create: CreateSwitch,
    pub latency_ms: u64,
    pub fee: FeeBearer,
}

impl Switches {
    pub fn view(&self, counters: &Counters) -> Value {
        json!({
            "status_check": match self.status_check {
                StatusSwitch::Ok => "ok", StatusSwitch::Fail => "fail",
                StatusSwitch::Timeout => "timeout", StatusSwitch::Unpaid => "unpaid",
            },
            "create": match self.create { CreateSwitch::Ok => "ok", CreateSwitch::Fail => "fail", CreateSwitch::Timeout => "timeout" },
            "latency_ms": self.latency_ms,
            "fee": match self.fee { FeeBearer::Customer => "customer", FeeBearer::Merchant => "merchant" },
            "requests": {"create": counters.create, "status_check": counters.status_check},
        })
    }
}

/// Requests received, whatever became of them (failed and timed-out ones included).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Counters {
    /// `POST /v1/order`.
    pub create: u64,
    /// `GET /v1/order` (simple create and status check).
    pub status_check: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhookMode {
    /// One Success webhook.
    Normal,
    /// Success, then a Completed one.
    Completed,
    /// The same Success webhook three times at once.
    Duplicate,
    /// Held back until `POST /tokopay-sim/orders/{trx_id}/webhook`.
    Late,
    /// No webhook.
    None,
}

impl WebhookMode {
    pub fn parse(value: &str) -> Option<WebhookMode> {
        Some(match value.trim().to_ascii_lowercase().as_str() {
            "normal" => WebhookMode::Normal,
            "completed" => WebhookMode::Completed,
            "duplicate" => WebhookMode::Duplicate,
            "late" => WebhookMode::Late,
            "none" => WebhookMode::None,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookMode::Normal => "normal",
            WebhookMode::Completed => "completed",
            WebhookMode::Duplicate => "duplicate",
            WebhookMode::Late => "late",
            WebhookMode::None => "none",
        }
    }
}

/// One webhook delivery attempt and what the receiver answered.
#[derive(Clone, Debug)]
pub(super) struct Delivery {
    /// The `status` the webhook carried: `Success` or `Completed`.
    pub status: String,
    /// 1–3 within its series.
    pub attempt: u32,
    pub at: DateTime<Utc>,
    pub http_status: Option<u16>,
    /// The receiver answered `{"status": true}`.
    pub accepted: bool,
    /// The start of the answer, or why there was none.
    pub answer: String,
}

#[derive(Clone, Debug)]
pub(super) struct Order {
    pub trx_id: String,
    pub reff_id: String,
    pub channel: String,
    pub amount: i64,
    pub total_bayar: i64,
    pub total_diterima: i64,
    pub customer_name: String,
    pub customer_email: String,
    pub customer_phone: String,
    pub redirect_url: Option<String>,
    pub items: Value,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub qr_string: String,
    /// `advanced` (POST) or `simple` (GET).
    pub created_via: &'static str,
    /// Create calls that found this order already there.
    pub repeats: u64,
    /// `GET /v1/order` calls for this existing `ref_id`.
    pub status_checks: u64,
    pub webhook_mode: Option<WebhookMode>,
    pub webhook_held: bool,
    pub deliveries: Vec<Delivery>,
}

/// What a new order needs.
pub(super) struct NewOrder {
    pub reff_id: String,
    pub channel: String,
    pub amount: i64,
    pub customer_name: String,
    pub customer_email: String,
    pub customer_phone: String,
    pub redirect_url: Option<String>,
    pub items: Value,
    pub expires_at: DateTime<Utc>,
    pub created_via: &'static str,
}

impl Order {
    pub fn new(config: &SimConfig, new: NewOrder, seq: u64, fee_bearer: FeeBearer, now: DateTime<Utc>) -> Order {
        let trx_id = trx_id(now, seq);
        let fee = fee(&new.channel, new.amount);
        let (total_bayar, total_diterima) = match fee_bearer {
            FeeBearer::Customer => (new.amount + fee, new.amount),
            FeeBearer::Merchant => (new.amount, new.amount - fee),
        };
        let qr_string = qris::dynamic_payload(&qris::DynamicQris {
            merchant_name: &config.merchant_name,
            merchant_id: &config.merchant_id,
            nmid: &nmid(&config.merchant_id),
            city: "JAKARTA",
            postal_code: "12190",
            amount: total_bayar,
            bill_number: &trx_id,
            reference: &new.reff_id,
        });
        Order {
            trx_id,
            reff_id: new.reff_id,
            channel: new.channel,
            amount: new.amount,
            total_bayar,
            total_diterima,
            customer_name: new.customer_name,
            customer_email: new.customer_email,
            customer_phone: new.customer_phone,
            redirect_url: new.redirect_url,
            items: new.items,
            created_at: now,
            expires_at: new.expires_at,
            paid_at: None,
            qr_string,
            created_via: new.created_via,
            repeats: 0,
            status_checks: 0,
            webhook_mode: None,
            webhook_held: false,
            deliveries: Vec::new(),
        }
    }

    /// `Success` once paid, `Expired` once past `expires_at` unpaid, else `Unpaid`.
    pub fn status(&self, now: DateTime<Utc>) -> &'static str {
        if self.paid_at.is_some() {
            "Success"
        } else if now >= self.expires_at {
            "Expired"
        } else {
            "Unpaid"
        }
    }

    pub fn pay_url(&self, config: &SimConfig) -> String {
        format!("{}/tokopay-sim/pay/{}", config.public_base(), self.trx_id)
    }

    pub fn qr_link(&self, config: &SimConfig) -> String {
        format!("{}/tokopay-sim/qr/{}.svg", config.public_base(), self.trx_id)
    }

    /// `data` of a create (or status) answer, as Tokopay shapes it for QRIS.
    pub fn api_data(&self, config: &SimConfig, status: Option<&str>) -> Value {
        let mut data = json!({
            "trx_id": self.trx_id,
            "pay_url": self.pay_url(config),
            "qr_link": self.qr_link(config),
            "qr_string": self.qr_string,
            "total_bayar": self.total_bayar,
            "total_diterima": self.total_diterima,
            "panduan_pembayaran": GUIDE,
            "other": "",
        });
        if let (Some(status), Some(map)) = (status, data.as_object_mut()) {
            map.insert("status".to_owned(), json!(status));
        }
        data
    }

    /// The simulator's whole view of the order, for tests and the developer.
    pub fn view(&self, config: &SimConfig, now: DateTime<Utc>) -> Value {
        json!({
            "trx_id": self.trx_id,
            "reff_id": self.reff_id,
            "status": self.status(now),
            "channel": self.channel,
            "amount": self.amount,
            "total_bayar": self.total_bayar,
            "total_diterima": self.total_diterima,
            "customer_name": self.customer_name,
            "customer_email": self.customer_email,
            "customer_phone": self.customer_phone,
            "redirect_url": self.redirect_url,
            "items": self.items,
            "created_at": self.created_at.to_rfc3339(),
            "expires_at": self.expires_at.to_rfc3339(),
            "paid_at": self.paid_at.map(|t| t.to_rfc3339()),
            "created_via": self.created_via,
            "repeats": self.repeats,
            "status_checks": self.status_checks,
            "pay_url": self.pay_url(config),
            "qr_link": self.qr_link(config),
            "qr_string": self.qr_string,
            "webhook": {
                "mode": self.webhook_mode.map(WebhookMode::as_str),
                "held": self.webhook_held,
                "deliveries": self.deliveries.iter().map(|d| json!({
                    "status": d.status,
                    "attempt": d.attempt,
                    "at": d.at.to_rfc3339(),
                    "http_status": d.http_status,
                    "accepted": d.accepted,
                    "answer": d.answer,
                })).collect::<Vec<_>>(),
            },
        })
    }
}

const GUIDE: &str = "<p>1. Buka aplikasi e-wallet atau mobile banking yang mendukung QRIS.</p>\
<p>2. Pindai kode QR di atas.</p><p>3. Periksa nama merchant dan nominal, lalu konfirmasi pembayaran.</p>\
<p>4. Simpan bukti pembayaran.</p>";

/// Tokopay's published QRIS fees: QRIS Rp100 + 0.7%, QRISREALTIME 1.7%, rounded up.
pub(super) fn fee(channel: &str, amount: i64) -> i64 {
    let percent = |per_mille: i64| (amount * per_mille + 999) / 1000;
    match channel {
        "QRISREALTIME" => percent(17),
        _ => 100 + percent(7),
    }
}

/// `TP` + yymmdd (WIB) + 4 letters + 6 digits, like `TP240318QNTS006830`.
fn trx_id(now: DateTime<Utc>, seq: u64) -> String {
    let mut rng = rand::thread_rng();
    let letters: String = (0..4).map(|_| char::from(b'A' + rng.gen_range(0..26u8))).collect();
    format!("TP{}{letters}{:06}", now.with_timezone(&wib()).format("%y%m%d"), seq % 1_000_000)
}

/// A national merchant id (`ID` + 13 digits) derived from the merchant id.
fn nmid(merchant_id: &str) -> String {
    let hash = merchant_id.bytes().fold(0x811c_9dc5u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0193));
    format!("ID10{:011}", hash % 100_000_000_000)
}

/// Western Indonesia Time (UTC+7), Tokopay's clock.
pub(super) fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"))
}

/// `YYYY-MM-DD HH:MM:SS` in WIB, as in Tokopay's webhooks.
pub(super) fn wib_timestamp(at: DateTime<Utc>) -> String {
    at.with_timezone(&wib()).format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn fees_follow_tokopays_table_rounded_up() {
        assert_eq!(fee("QRIS", 10_000), 170);
        assert_eq!(fee("QRIS", 150_000), 1_150);
        assert_eq!(fee("QRIS", 151), 102);
        // The docs' webhook sample: 68,931 paid, 67,759 received.
        assert_eq!(68_931 - fee("QRISREALTIME", 68_931), 67_759);
        assert_eq!(fee("QRISREALTIME", 100), 2);
    }

    #[test]
    fn trx_ids_look_like_tokopays() {
        let at = Utc.with_ymd_and_hms(2026, 11, 25, 18, 30, 0).single().expect("a time");
        let id = trx_id(at, 42);
        assert_eq!(id.len(), 18, "{id}");
        assert!(id.starts_with("TP261126"), "WIB date: {id}");
        assert!(id[8..12].chars().all(|c| c.is_ascii_uppercase()), "{id}");
        assert_eq!(&id[12..], "000042");
        assert_eq!(wib_timestamp(at), "2026-11-26 01:30:00");
    }
}

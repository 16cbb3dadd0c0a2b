//! Paying an order and telling the shop, as Tokopay does (shared/TOKOPAY.md §5): a JSON
//! POST to the webhook URL, accepted only when the answer is JSON `{"status": true}`,
//! otherwise sent again, 3 attempts in all, `webhook_retry_interval` apart. Sending runs on
//! spawned tasks; every attempt is recorded on the order.

use chrono::Utc;
use serde_json::{json, Value};

use super::{
    store::{wib_timestamp, Delivery, WebhookMode},
    Simulator,
};

/// Attempts per webhook, the first included.
const ATTEMPTS: u32 = 3;
/// How much of the receiver's answer a delivery record keeps.
const ANSWER_CHARS: usize = 300;

/// Why an order cannot be paid (or its webhook resent).
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    NotFound,
    Expired,
    AlreadyPaid,
    NotPaid,
}

impl Simulator {
    /// Marks the order paid and sends its webhooks the `mode` way. Returns the order's view.
    pub(super) fn pay(&self, trx_id: &str, mode: WebhookMode) -> Result<Value, Refusal> {
        let now = Utc::now();
        let view = {
            let mut state = self.state();
            let order = state.by_trx_mut(trx_id).ok_or(Refusal::NotFound)?;
            match order.status(now) {
                "Success" => return Err(Refusal::AlreadyPaid),
                "Expired" => return Err(Refusal::Expired),
                _ => {}
            }
            order.paid_at = Some(now);
            order.webhook_mode = Some(mode);
            order.webhook_held = mode == WebhookMode::Late;
            tracing::info!(trx_id, reff_id = %order.reff_id, webhook = mode.as_str(), "tokopay-sim: order paid");
            order.view(self.config(), now)
        };
        match mode {
            WebhookMode::Normal => self.spawn_series(trx_id, "Success"),
            WebhookMode::Completed => {
                let (sim, trx) = (self.clone(), trx_id.to_owned());
                tokio::spawn(async move {
                    sim.deliver_series(&trx, "Success").await;
                    sim.deliver_series(&trx, "Completed").await;
                });
            }
            WebhookMode::Duplicate => {
                for _ in 0..3 {
                    self.spawn_series(trx_id, "Success");
                }
            }
            WebhookMode::Late | WebhookMode::None => {}
        }
        Ok(view)
    }

    /// Sends the paid webhook now (a `late` one, or once more), with `status`.
    pub(super) fn resend(&self, trx_id: &str, status: &str) -> Result<Value, Refusal> {
        let view = {
            let mut state = self.state();
            let order = state.by_trx_mut(trx_id).ok_or(Refusal::NotFound)?;
            if order.paid_at.is_none() {
                return Err(Refusal::NotPaid);
            }
            order.webhook_held = false;
            order.view(self.config(), Utc::now())
        };
        self.spawn_series(trx_id, status);
        Ok(view)
    }

    /// Starts one delivery series of `status` for an order.
    fn spawn_series(&self, trx_id: &str, status: &str) {
        let (sim, trx, status) = (self.clone(), trx_id.to_owned(), status.to_owned());
        tokio::spawn(async move { sim.deliver_series(&trx, &status).await });
    }

    /// Up to `ATTEMPTS` deliveries of one webhook, until one is accepted.
    async fn deliver_series(&self, trx_id: &str, status: &str) {
        let url = self.config().webhook_url.clone();
        for attempt in 1..=ATTEMPTS {
            let Some(body) = self.webhook_body(trx_id, status) else { return };
            let (http_status, accepted, answer) = if url.is_empty() {
                (None, false, "no webhook_url configured".to_owned())
            } else {
                self.post(&url, &body).await
            };
            tracing::info!(trx_id, status, attempt, http_status, accepted, "tokopay-sim: webhook sent");
            if let Some(order) = self.state().by_trx_mut(trx_id) {
                order.deliveries.push(Delivery {
                    status: status.to_owned(),
                    attempt,
                    at: Utc::now(),
                    http_status,
                    accepted,
                    answer,
                });
            }
            if accepted || url.is_empty() {
                return;
            }
            if attempt < ATTEMPTS {
                tokio::time::sleep(self.config().webhook_retry_interval).await;
            }
        }
    }

    async fn post(&self, url: &str, body: &Value) -> (Option<u16>, bool, String) {
        match self.inner.http.post(url).json(body).send().await {
            Ok(response) => {
                let code = response.status().as_u16();
                let text = response.text().await.unwrap_or_default();
                let accepted =
                    serde_json::from_str::<Value>(&text).is_ok_and(|v| v.get("status") == Some(&json!(true)));
                (Some(code), accepted, text.chars().take(ANSWER_CHARS).collect())
            }
            Err(err) => (None, false, err.without_url().to_string()),
        }
    }

    /// The body Tokopay sends (§5), from the order as it is now.
    fn webhook_body(&self, trx_id: &str, status: &str) -> Option<Value> {
        let state = self.state();
        let order = state.by_trx(trx_id)?;
        let config = self.config();
        Some(json!({
            "reference": order.trx_id,
            "reff_id": order.reff_id,
            "status": status,
            "signature": self.signature(&order.reff_id),
            "data": {
                "merchant_id": config.merchant_id,
                "payment_channel": order.channel,
                "total_dibayar": order.total_bayar,
                "total_diterima": order.total_diterima,
                "customer_name": order.customer_name,
                "customer_email": order.customer_email,
                "customer_phone": order.customer_phone,
                "created_at": wib_timestamp(order.created_at),
                "updated_at": wib_timestamp(order.paid_at.unwrap_or(order.created_at)),
            },
        }))
    }
}

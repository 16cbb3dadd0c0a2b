//! The payment state of an order: Tokopay has no status endpoint, so the simple
//! `GET {base}/v1/order?merchant=&secret=&ref_id=&nominal=&metode=` is repeated with the
//! existing `ref_id`. The state is `data.status`; the top-level `status` only says the call
//! worked (it is "Success" for an unpaid order too).

use serde_json::Value;

use super::{client::success_data, create_order::text, is_paid_status, lenient_i64, TokopayClient, TokopayError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentState {
    /// "Unpaid" (or "Pending").
    Unpaid,
    /// "Success" | "Completed" | "Paid", case-insensitive.
    Paid,
    Expired,
    Failed,
    /// Any other word, as Tokopay wrote it.
    Other(String),
}

impl PaymentState {
    pub fn parse(status: &str) -> PaymentState {
        let word = status.trim();
        if is_paid_status(word) {
            PaymentState::Paid
        } else if word.eq_ignore_ascii_case("unpaid") || word.eq_ignore_ascii_case("pending") {
            PaymentState::Unpaid
        } else if word.eq_ignore_ascii_case("expired") {
            PaymentState::Expired
        } else if word.eq_ignore_ascii_case("failed") {
            PaymentState::Failed
        } else {
            PaymentState::Other(word.to_owned())
        }
    }
}

/// What the status call said; `raw` is the whole body.
#[derive(Debug, Clone)]
pub struct StatusReport {
    pub state: PaymentState,
    pub trx_id: Option<String>,
    pub total_bayar: Option<i64>,
    pub total_diterima: Option<i64>,
    pub raw: Value,
}

impl TokopayClient {
    /// The payment state of the order `reff_id` created for `amount`. Retried like
    /// `create_order`. An answer without `data.status` is `Malformed`.
    pub async fn check_status(&self, reff_id: &str, amount: i64) -> Result<StatusReport, TokopayError> {
        let config = self.config();
        let nominal = amount.to_string();
        let query = [
            ("merchant", config.merchant_id.as_str()),
            ("secret", config.secret.expose()),
            ("ref_id", reff_id),
            ("nominal", nominal.as_str()),
            ("metode", config.channel.as_str()),
        ];
        let url = self.order_url();
        let result = self
            .call("check_status", reff_id, || self.http().get(&url).query(&query))
            .await
            .and_then(|b| read_status(&b));
        match &result {
            Ok(report) => tracing::debug!(reff_id, state = ?report.state, "tokopay status checked"),
            Err(err) => tracing::debug!(reff_id, error = %err, "tokopay status unknown"),
        }
        result
    }
}

fn read_status(body: &Value) -> Result<StatusReport, TokopayError> {
    let data = success_data(body)?;
    let status = data
        .get("status")
        .and_then(Value::as_str)
        .ok_or_else(|| TokopayError::Malformed("the status answer has no data.status".to_owned()))?;
    Ok(StatusReport {
        state: PaymentState::parse(status),
        trx_id: text(data, "trx_id"),
        total_bayar: data.get("total_bayar").and_then(lenient_i64),
        total_diterima: data.get("total_diterima").and_then(lenient_i64),
        raw: body.clone(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_state_comes_from_data_status_not_the_envelope() {
        let unpaid = read_status(&json!({"status": "Success", "data": {"status": "Unpaid", "trx_id": "TP1",
            "total_bayar": "10170", "total_diterima": 10000}}))
        .expect("readable");
        assert_eq!(unpaid.state, PaymentState::Unpaid);
        assert_eq!(unpaid.trx_id.as_deref(), Some("TP1"));
        assert_eq!((unpaid.total_bayar, unpaid.total_diterima), (Some(10170), Some(10000)));
        let missing = read_status(&json!({"status": "Success", "data": {"trx_id": "TP1"}}));
        assert!(matches!(missing, Err(TokopayError::Malformed(m)) if m.contains("data.status")));
        let refused = read_status(&json!({"status": 0, "rc": 401, "error_msg": "Secret salah"}));
        assert!(matches!(refused, Err(TokopayError::Refused { .. })));
    }

    #[test]
    fn payment_states_are_read_case_insensitively() {
        assert_eq!(PaymentState::parse("Success"), PaymentState::Paid);
        assert_eq!(PaymentState::parse("completed"), PaymentState::Paid);
        assert_eq!(PaymentState::parse("PAID"), PaymentState::Paid);
        assert_eq!(PaymentState::parse("Unpaid"), PaymentState::Unpaid);
        assert_eq!(PaymentState::parse("pending"), PaymentState::Unpaid);
        assert_eq!(PaymentState::parse(" Expired "), PaymentState::Expired);
        assert_eq!(PaymentState::parse("FAILED"), PaymentState::Failed);
        assert_eq!(PaymentState::parse("Proses Callback"), PaymentState::Other("Proses Callback".to_owned()));
    }
}

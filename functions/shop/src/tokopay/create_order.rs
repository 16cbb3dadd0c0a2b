//! Creating a QRIS invoice: the advanced `POST {base}/v1/order` with a signed JSON body.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::{
    client::{success_data, TokopayClient},
    lenient_i64, TokopayError,
};

/// One payment attempt to create. `reff_id` is ours and unique per attempt.
#[derive(Debug, Clone)]
pub struct CreateOrder<'a> {
    pub reff_id: &'a str,
    pub amount: i64,
    pub customer_name: &'a str,
    pub customer_email: &'a str,
    pub customer_phone: &'a str,
    /// Sent as `expired_ts` (Unix seconds).
    pub expires_at: DateTime<Utc>,
    pub redirect_url: Option<&'a str>,
    pub items: Vec<OrderItem>,
}

#[derive(Debug, Clone)]
pub struct OrderItem {
    pub product_code: String,
    pub name: String,
    pub price: i64,
}

/// What Tokopay answered; `raw` is the whole body, to be stored as it came.
#[derive(Debug, Clone)]
pub struct CreatedOrder {
    pub trx_id: String,
    pub pay_url: Option<String>,
    pub qr_link: Option<String>,
    pub qr_string: String,
    pub total_bayar: i64,
    pub total_diterima: i64,
    pub raw: Value,
}

impl TokopayClient {
    /// Advanced `POST {base}/v1/order`. Retried with the SAME reff_id (Tokopay returns the
    /// existing order for a repeated one). Success only when the top-level status is
    /// "Success" and `data` holds `trx_id` and `qr_string`.
    pub async fn create_order(&self, order: &CreateOrder<'_>) -> Result<CreatedOrder, TokopayError> {
        let body = self.create_body(order);
        let url = self.order_url();
        let result = self
            .call("create_order", order.reff_id, || self.http().post(&url).json(&body))
            .await
            .and_then(|answer| read_created(&answer));
        match &result {
            Ok(created) => tracing::debug!(reff_id = order.reff_id, trx_id = %created.trx_id, "tokopay order created"),
            Err(err) => tracing::debug!(reff_id = order.reff_id, error = %err, "tokopay order not created"),
        }
        result
    }

    fn create_body(&self, order: &CreateOrder<'_>) -> Value {
        let config = self.config();
        let items: Vec<Value> = order
            .items
            .iter()
            .map(|item| json!({"product_code": item.product_code, "name": item.name, "price": item.price}))
            .collect();
        let mut body = json!({
            "merchant_id": config.merchant_id,
            "kode_channel": config.channel,
            "reff_id": order.reff_id,
            "amount": order.amount,
            "customer_name": order.customer_name,
            "customer_email": order.customer_email,
            "customer_phone": order.customer_phone,
            "expired_ts": order.expires_at.timestamp(),
            "signature": self.signature(order.reff_id),
            "items": items,
        });
        if let (Some(url), Some(map)) = (order.redirect_url, body.as_object_mut()) {
            map.insert("redirect_url".to_owned(), Value::String(url.to_owned()));
        }
        body
    }
}

fn read_created(body: &Value) -> Result<CreatedOrder, TokopayError> {
    let data = success_data(body)?;
    let missing = |field: &str| TokopayError::Malformed(format!("the created order has no {field}"));
    Ok(CreatedOrder {
        trx_id: text(data, "trx_id").ok_or_else(|| missing("trx_id"))?,
        pay_url: text(data, "pay_url"),
        qr_link: text(data, "qr_link"),
        qr_string: text(data, "qr_string").ok_or_else(|| missing("qr_string"))?,
        total_bayar: data.get("total_bayar").and_then(lenient_i64).ok_or_else(|| missing("total_bayar"))?,
        total_diterima: data.get("total_diterima").and_then(lenient_i64).ok_or_else(|| missing("total_diterima"))?,
        raw: body.clone(),
    })
}

/// A non-blank string field, trimmed.
pub(super) fn text(data: &Map<String, Value>, field: &str) -> Option<String> {
    data.get(field).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_order_reads_integer_or_string_totals() {
        let body = json!({"status": "Success", "data": {
            "trx_id": "TP240318QNTS006830", "pay_url": "https://pay.tokopay.id/TP240318QNTS006830",
            "qr_link": "", "qr_string": "000201", "total_bayar": "10170", "total_diterima": 10000,
            "panduan_pembayaran": "<p>1.</p>", "other": ""}});
        let created = read_created(&body).expect("readable");
        assert_eq!(created.trx_id, "TP240318QNTS006830");
        assert_eq!(created.pay_url.as_deref(), Some("https://pay.tokopay.id/TP240318QNTS006830"));
        assert_eq!(created.qr_link, None);
        assert_eq!(created.qr_string, "000201");
        assert_eq!((created.total_bayar, created.total_diterima), (10170, 10000));
        assert_eq!(created.raw, body);
    }

    #[test]
    fn a_created_order_without_trx_id_qr_string_or_totals_is_malformed() {
        let full = json!({"trx_id": "TP1", "qr_string": "000201", "total_bayar": 1, "total_diterima": 1});
        for field in ["trx_id", "qr_string", "total_bayar", "total_diterima"] {
            let mut data = full.clone();
            data.as_object_mut().expect("object").remove(field);
            let err = read_created(&json!({"status": "Success", "data": data})).expect_err("malformed");
            assert!(matches!(&err, TokopayError::Malformed(m) if m.contains(field)), "{field}: {err:?}");
        }
        let mut bad_total = full.clone();
        bad_total["total_bayar"] = json!("sepuluh ribu");
        assert!(matches!(
            read_created(&json!({"status": "Success", "data": bad_total})),
            Err(TokopayError::Malformed(_))
        ));
    }
}

//! Tokopay's payment callback, treated as a hint (shared/TOKOPAY.md §5, §8).
//!
//! The request is stored before anything else. Then, in order: the source address (when
//! an allowlist is configured), the `reff_id`'s shape, the signature (constant time, with
//! our own merchant id), the merchant, the payment by exact `reff_id`, `reference` equal
//! to the stored `trx_id`, both totals equal to the stored ones, and a paid status. The
//! signature is the same static value as the create call's, so none of that proves
//! payment: Tokopay is asked for the order's status, and only a confirmed paid status with
//! matching totals marks the payment and its order paid, with one conditional update
//! (`private.mark_payment_paid`), so repeats and replays change nothing.
//!
//! Answers: `{"status": true}` (200) once recorded, duplicates included; `{"status":
//! false}` with 400 for anything rejected, whatever the reason (kept only in the log);
//! `{"status": false}` with 503 when the status check could not be made, so that Tokopay
//! calls again (the sweep reconciles as well).

use std::net::IpAddr;

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::{
    checkout::ClientIp,
    tokopay::{is_paid_status, lenient_i64, PaymentState},
    AppState,
};

/// What became of one call.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Marked paid by this call: `paid`, `late_paid` or `needs_attention`.
    Marked(String),
    Duplicate,
    /// A status that does not mean paid.
    Ignored(&'static str),
    Rejected(&'static str),
    /// Tokopay could not confirm now; it should call again.
    Retry,
}

pub async fn tokopay_webhook(
    State(state): State<AppState>,
    ClientIp(peer): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let db = &state.db;
    let log_id: i64 = match db
        .query_scalar(
            "insert into public.tokopay_webhooks (remote_addr, headers, body) values ($1::inet, $2, $3) returning id",
        )
        .bind(peer.map(|ip| ip.to_string()))
        .bind(header_json(&headers))
        .bind(&body[..])
        .fetch_one(db.pool())
        .await
    {
        Ok(id) => id,
        Err(err) => {
            tracing::error!(error = %err, "tokopay webhook: could not store the request");
            return answer(StatusCode::INTERNAL_SERVER_ERROR, false);
        }
    };

    let (outcome, reff_id, payment_id) = match handle(&state, peer, &body).await {
        Ok(result) => result,
        Err(err) => {
            tracing::error!(webhook = log_id, error = %err, "tokopay webhook: failed");
            return answer(StatusCode::INTERNAL_SERVER_ERROR, false);
        }
    };
    let (name, reason) = match &outcome {
        Outcome::Marked(how) => (how.as_str(), None),
        Outcome::Duplicate => ("duplicate", None),
        Outcome::Ignored(status) => ("ignored", Some(*status)),
        Outcome::Rejected(why) => ("rejected", Some(*why)),
        Outcome::Retry => ("retry", Some("status_check_unavailable")),
    };
    if let Err(err) = db
        .query(
            "update public.tokopay_webhooks set outcome = $2, reason = $3, reff_id = $4, payment_id = $5, handled_at = now()
             where id = $1",
        )
        .bind(log_id)
        .bind(name)
        .bind(reason)
        .bind(reff_id.as_deref())
        .bind(payment_id)
        .execute(db.pool())
        .await
    {
        tracing::error!(webhook = log_id, error = %err, "tokopay webhook: could not record the outcome");
    }
    match outcome {
        Outcome::Rejected(why) => {
            tracing::warn!(webhook = log_id, reason = why, "tokopay webhook rejected");
            answer(StatusCode::BAD_REQUEST, false)
        }
        Outcome::Retry => answer(StatusCode::SERVICE_UNAVAILABLE, false),
        Outcome::Marked(how) => {
            tracing::info!(webhook = log_id, reff_id = reff_id.as_deref(), outcome = %how, "payment confirmed");
            if matches!(how.as_str(), "paid" | "late_paid") {
                // Deliver now, within the inline budget; the sweep runs whatever is left.
                if let Some(payment) = payment_id {
                    deliver_now(&state, payment).await;
                }
            }
            answer(StatusCode::OK, true)
        }
        Outcome::Duplicate | Outcome::Ignored(_) => answer(StatusCode::OK, true),
    }
}

async fn deliver_now(state: &AppState, payment_id: Uuid) {
    let db = &state.db;
    match db
        .query_scalar::<Uuid>("select order_id from public.payments where id = $1")
        .bind(payment_id)
        .fetch_one(db.pool())
        .await
    {
        Ok(order_id) => {
            crate::fulfillment::run_for_order(state, order_id).await;
        }
        Err(err) => tracing::warn!(error = %err, "could not find the paid order; the sweep will deliver it"),
    }
}

fn answer(status: StatusCode, ok: bool) -> Response {
    (status, Json(json!({ "status": ok }))).into_response()
}

/// The request's headers as JSON, without credentials that a proxy might add.
fn header_json(headers: &HeaderMap) -> Value {
    let mut map = Map::new();
    for (name, value) in headers {
        if matches!(name.as_str(), "authorization" | "cookie" | "proxy-authorization") {
            continue;
        }
        map.insert(name.as_str().to_owned(), Value::String(String::from_utf8_lossy(value.as_bytes()).into_owned()));
    }
    Value::Object(map)
}

#[derive(sqlx::FromRow)]
struct StoredPayment {
    id: Uuid,
    amount: i64,
    trx_id: Option<String>,
    total_bayar: Option<i64>,
    total_diterima: Option<i64>,
    status: crate::orders::PaymentStatus,
}

type Handled = (Outcome, Option<String>, Option<Uuid>);

async fn handle(state: &AppState, peer: Option<IpAddr>, body: &[u8]) -> Result<Handled, sqlx::Error> {
    let allowed = &state.tokopay.config().webhook_allowed_ips;
    if !allowed.is_empty() && !peer.is_some_and(|ip| allowed.contains(&ip)) {
        return Ok((Outcome::Rejected("source_not_allowed"), None, None));
    }
    let Ok(Value::Object(payload)) = serde_json::from_slice::<Value>(body) else {
        return Ok((Outcome::Rejected("not_json"), None, None));
    };
    let text = |key: &str| payload.get(key).and_then(Value::as_str).map(str::trim);
    let Some(reff_id) = text("reff_id").filter(|r| valid_reff_id(r)) else {
        return Ok((Outcome::Rejected("bad_reff_id"), None, None));
    };
    let reff = Some(reff_id.to_owned());
    if !state.tokopay.verify_signature(reff_id, text("signature").unwrap_or_default()) {
        return Ok((Outcome::Rejected("bad_signature"), reff, None));
    }
    let data = payload.get("data").and_then(Value::as_object);
    let field = |key: &str| data.and_then(|d| d.get(key));
    if let Some(merchant) = field("merchant_id").and_then(Value::as_str) {
        if merchant.trim() != state.tokopay.config().merchant_id {
            return Ok((Outcome::Rejected("merchant_mismatch"), reff, None));
        }
    }
    let db = &state.db;
    let stored: Option<StoredPayment> = db
        .query_as(
            "select id, amount, trx_id, total_bayar, total_diterima, status from public.payments where reff_id = $1",
        )
        .bind(reff_id)
        .fetch_optional(db.pool())
        .await?;
    let Some(payment) = stored else { return Ok((Outcome::Rejected("unknown_reff_id"), reff, None)) };
    let pid = Some(payment.id);
    if payment.trx_id.is_none() || text("reference") != payment.trx_id.as_deref() {
        return Ok((Outcome::Rejected("reference_mismatch"), reff, pid));
    }
    if field("total_dibayar").and_then(lenient_i64) != payment.total_bayar
        || field("total_diterima").and_then(lenient_i64) != payment.total_diterima
    {
        return Ok((Outcome::Rejected("amount_mismatch"), reff, pid));
    }
    let status = text("status").unwrap_or_default();
    if !is_paid_status(status) {
        return Ok((Outcome::Ignored("status_not_paid"), reff, pid));
    }
    if payment.status == crate::orders::PaymentStatus::Paid {
        return Ok((Outcome::Duplicate, reff, pid));
    }

    // The webhook is only a hint: ask Tokopay.
    let report = match state.tokopay.check_status(reff_id, payment.amount).await {
        Ok(report) => report,
        Err(err) => {
            tracing::warn!(%reff_id, error = %err, "tokopay status check failed; asking for a retry");
            return Ok((Outcome::Retry, reff, pid));
        }
    };
    if report.state != PaymentState::Paid {
        return Ok((Outcome::Rejected("status_check_not_paid"), reff, pid));
    }
    if !super::confirms(&report, payment.trx_id.as_deref(), payment.total_bayar, payment.total_diterima) {
        return Ok((Outcome::Rejected("status_check_mismatch"), reff, pid));
    }
    let how: String =
        db.query_scalar("select private.mark_payment_paid($1)").bind(payment.id).fetch_one(db.pool()).await?;
    Ok((if how == "duplicate" { Outcome::Duplicate } else { Outcome::Marked(how) }, reff, pid))
}

/// Our `reff_id`s: upper-case letters, digits and dashes, at most 40 (an exact lookup key;
/// anything else, such as an MD5 length-extension suffix, is refused before any lookup).
fn valid_reff_id(reff_id: &str) -> bool {
    (1..=40).contains(&reff_id.len())
        && reff_id.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::valid_reff_id;

    #[test]
    fn reff_ids() {
        assert!(valid_reff_id("RP2611267K3M9Q-1"));
        for bad in ["", "rp261126", "RP 1", "RP\u{80}", &"A".repeat(41), "RP-1\0"] {
            assert!(!valid_reff_id(bad), "{bad:?}");
        }
    }
}

//! The gateway: `POST /v1/order` (advanced create, signed) and `GET /v1/order` (simple
//! create, and the status check for an existing `ref_id`). Refusals are HTTP 200 with
//! Tokopay's `{"status":0,"rc":…,"error_msg":…}`; the `fail` switch gives HTTP 500.

use std::{collections::HashMap, time::Duration};

use axum::{
    body::Bytes,
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::{
    store::{CreateSwitch, NewOrder, Order, StatusSwitch, CHANNELS},
    Simulator,
};

/// How long the `timeout` switch holds an answer: far beyond any client's patience.
const HANG: Duration = Duration::from_secs(120);
/// Without `expired_ts` (or with 0), an order lives 24 hours.
const DEFAULT_TTL_HOURS: i64 = 24;

/// Tokopay's refusal: `{"status":0,"rc":…,"error_msg":…}` (HTTP 200).
struct Refuse {
    rc: u16,
    message: String,
}

fn refuse(rc: u16, message: &str) -> Refuse {
    Refuse { rc, message: message.to_owned() }
}

impl IntoResponse for Refuse {
    fn into_response(self) -> Response {
        Json(json!({"status": 0, "rc": self.rc, "error_msg": self.message})).into_response()
    }
}

fn server_error() -> Response {
    let body =
        json!({"status": 0, "rc": 500, "error_msg": "Terjadi kesalahan pada server, silakan coba lagi (simulasi)"});
    (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}

fn success(data: Value) -> Response {
    Json(json!({"status": "Success", "data": data})).into_response()
}

/// `POST /tokopay-sim/v1/order`.
pub(super) async fn create_order(State(sim): State<Simulator>, body: Bytes) -> Response {
    let switches = {
        let mut state = sim.state();
        state.counters.create += 1;
        state.switches
    };
    tokio::time::sleep(Duration::from_millis(switches.latency_ms)).await;
    match switches.create {
        CreateSwitch::Ok => {}
        CreateSwitch::Fail => return server_error(),
        CreateSwitch::Timeout => tokio::time::sleep(HANG).await,
    }
    let Ok(Value::Object(request)) = serde_json::from_slice::<Value>(&body) else {
        return refuse(400, "Body harus berupa JSON").into_response();
    };
    match read_advanced(&sim, &request) {
        Ok(new) => create_or_existing(&sim, new),
        Err(refusal) => refusal.into_response(),
    }
}

/// The advanced create's fields, checked in the order a gateway would.
fn read_advanced(sim: &Simulator, request: &Map<String, Value>) -> Result<NewOrder, Refuse> {
    let config = sim.config();
    let text = |field: &str| request.get(field).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let required =
        |field: &str| text(field).map(str::to_owned).ok_or_else(|| refuse(400, &format!("{field} wajib diisi")));
    if text("merchant_id") != Some(config.merchant_id.as_str()) {
        return Err(refuse(401, "Merchant tidak ditemukan"));
    }
    let reff_id = required("reff_id")?;
    if text("signature").map(str::to_ascii_lowercase) != Some(sim.signature(&reff_id)) {
        return Err(refuse(401, "Signature tidak valid"));
    }
    let channel = channel(text("kode_channel"))?;
    let amount = match request.get("amount") {
        Some(Value::Number(n)) => n.as_i64().ok_or_else(|| refuse(400, "amount harus bilangan bulat"))?,
        Some(_) => return Err(refuse(400, "amount harus bilangan bulat")),
        None => return Err(refuse(400, "amount wajib diisi")),
    };
    check_amount(&channel, amount)?;
    let expires_at = match request.get("expired_ts") {
        None | Some(Value::Null) => default_expiry(),
        Some(value) => match value.as_i64() {
            Some(0) => default_expiry(),
            Some(ts) => DateTime::from_timestamp(ts, 0).ok_or_else(|| refuse(400, "expired_ts tidak valid"))?,
            None => return Err(refuse(400, "expired_ts harus unix timestamp (detik)")),
        },
    };
    Ok(NewOrder {
        reff_id,
        channel,
        amount,
        customer_name: required("customer_name")?,
        customer_email: required("customer_email")?,
        customer_phone: required("customer_phone")?,
        redirect_url: text("redirect_url").map(str::to_owned),
        items: request.get("items").cloned().unwrap_or(Value::Array(Vec::new())),
        expires_at,
        created_via: "advanced",
    })
}

fn channel(code: Option<&str>) -> Result<String, Refuse> {
    let code = code.ok_or_else(|| refuse(400, "kode_channel wajib diisi"))?;
    CHANNELS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(c, _, _)| (*c).to_owned())
        .ok_or_else(|| refuse(400, "Kode channel tidak valid atau tidak aktif"))
}

fn check_amount(channel: &str, amount: i64) -> Result<(), Refuse> {
    let (_, min, max) = CHANNELS.iter().find(|(c, _, _)| *c == channel).copied().unwrap_or(("", 100, 10_000_000));
    if amount < min {
        return Err(refuse(400, &format!("Nominal minimal Rp{min}")));
    }
    if amount > max {
        return Err(refuse(400, &format!("Nominal maksimal Rp{max}")));
    }
    Ok(())
}

fn default_expiry() -> DateTime<Utc> {
    Utc::now() + chrono::Duration::hours(DEFAULT_TTL_HOURS)
}

/// A repeated `reff_id` gets the existing order (with its status), never a new one.
fn create_or_existing(sim: &Simulator, new: NewOrder) -> Response {
    let now = Utc::now();
    let mut state = sim.state();
    if let Some(existing) = state.orders.get_mut(&new.reff_id) {
        existing.repeats += 1;
        return success(existing.api_data(sim.config(), Some(existing.status(now))));
    }
    state.next_seq += 1;
    let simple = new.created_via == "simple";
    let order = Order::new(sim.config(), new, state.next_seq, state.switches.fee, now);
    let data = order.api_data(sim.config(), simple.then_some("Unpaid"));
    tracing::info!(trx_id = %order.trx_id, reff_id = %order.reff_id, total_bayar = order.total_bayar, "tokopay-sim: order created");
    state.by_trx.insert(order.trx_id.clone(), order.reff_id.clone());
    state.orders.insert(order.reff_id.clone(), order);
    success(data)
}

/// `GET /tokopay-sim/v1/order?merchant=&secret=&ref_id=&nominal=&metode=`.
pub(super) async fn simple_order(
    State(sim): State<Simulator>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let switches = {
        let mut state = sim.state();
        state.counters.status_check += 1;
        state.switches
    };
    tokio::time::sleep(Duration::from_millis(switches.latency_ms)).await;
    match switches.status_check {
        StatusSwitch::Ok | StatusSwitch::Unpaid => {}
        StatusSwitch::Fail => return server_error(),
        StatusSwitch::Timeout => tokio::time::sleep(HANG).await,
    }
    let config = sim.config();
    let param = |name: &str| query.get(name).map(|s| s.trim()).filter(|s| !s.is_empty());
    if param("merchant") != Some(config.merchant_id.as_str()) || query.get("secret") != Some(&config.secret) {
        return refuse(401, "Merchant atau secret tidak valid").into_response();
    }
    let Some(ref_id) = param("ref_id") else { return refuse(400, "ref_id wajib diisi").into_response() };
    {
        let now = Utc::now();
        let mut state = sim.state();
        if let Some(order) = state.orders.get_mut(ref_id) {
            order.status_checks += 1;
            let status = if switches.status_check == StatusSwitch::Unpaid { "Unpaid" } else { order.status(now) };
            return success(order.api_data(config, Some(status)));
        }
    }
    let channel = match channel(param("metode")) {
        Ok(channel) => channel,
        Err(refusal) => return refusal.into_response(),
    };
    let Some(amount) = param("nominal").and_then(|n| n.parse::<i64>().ok()) else {
        return refuse(400, "nominal harus bilangan bulat").into_response();
    };
    if let Err(refusal) = check_amount(&channel, amount) {
        return refusal.into_response();
    }
    create_or_existing(
        &sim,
        NewOrder {
            reff_id: ref_id.to_owned(),
            channel,
            amount,
            customer_name: String::new(),
            customer_email: String::new(),
            customer_phone: String::new(),
            redirect_url: None,
            items: Value::Array(Vec::new()),
            expires_at: default_expiry(),
            created_via: "simple",
        },
    )
}

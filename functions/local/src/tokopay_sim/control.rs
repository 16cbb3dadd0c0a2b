//! JSON controls for tests and the developer: pay an order, (re)send its webhook, look at
//! an order, and the global switches (failures, timeouts, latency, who bears the fee).

use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use chrono::Utc;
use serde_json::{json, Value};

use super::{
    store::{CreateSwitch, FeeBearer, StatusSwitch, WebhookMode},
    webhook::Refusal,
    Simulator,
};

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({"error": message}))).into_response()
}

fn refused(refusal: Refusal) -> Response {
    match refusal {
        Refusal::NotFound => error(StatusCode::NOT_FOUND, "no such order"),
        Refusal::Expired => error(StatusCode::CONFLICT, "the order has expired"),
        Refusal::AlreadyPaid => error(StatusCode::CONFLICT, "the order is already paid"),
        Refusal::NotPaid => error(StatusCode::CONFLICT, "the order is not paid"),
    }
}

/// An optional JSON object body: empty is `{}`.
fn object(body: &Bytes) -> Option<serde_json::Map<String, Value>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Some(serde_json::Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

fn not_an_object() -> Response {
    error(StatusCode::BAD_REQUEST, "the body must be a JSON object")
}

/// `POST /tokopay-sim/orders/{trx_id}/pay` `{"webhook": "normal|none|duplicate|completed|late"}`.
pub(super) async fn pay(State(sim): State<Simulator>, Path(trx_id): Path<String>, body: Bytes) -> Response {
    let Some(body) = object(&body) else { return not_an_object() };
    let mode = match body.get("webhook") {
        None | Some(Value::Null) => WebhookMode::Normal,
        Some(value) => match value.as_str().and_then(WebhookMode::parse) {
            Some(mode) => mode,
            None => {
                return error(StatusCode::BAD_REQUEST, "webhook must be normal, none, duplicate, completed or late")
            }
        },
    };
    match sim.pay(&trx_id, mode) {
        Ok(view) => Json(view).into_response(),
        Err(refusal) => refused(refusal),
    }
}

/// `POST /tokopay-sim/orders/{trx_id}/expire`: the invoice runs out now, as if its
/// `expired_ts` had passed: the status says `Expired` and the pay page refuses it.
pub(super) async fn expire(State(sim): State<Simulator>, Path(trx_id): Path<String>) -> Response {
    let now = Utc::now();
    let mut state = sim.state();
    let Some(order) = state.by_trx_mut(&trx_id) else { return refused(Refusal::NotFound) };
    if order.paid_at.is_some() {
        return refused(Refusal::AlreadyPaid);
    }
    order.expires_at = order.expires_at.min(now);
    tracing::info!(trx_id, reff_id = %order.reff_id, "tokopay-sim: invoice expired by the control");
    Json(order.view(sim.config(), now)).into_response()
}

/// `POST /tokopay-sim/orders/{trx_id}/webhook` `{"status": "Success|Completed"}`.
pub(super) async fn resend_webhook(State(sim): State<Simulator>, Path(trx_id): Path<String>, body: Bytes) -> Response {
    let Some(body) = object(&body) else { return not_an_object() };
    let status = match body.get("status") {
        None | Some(Value::Null) => "Success",
        Some(Value::String(s)) if s == "Success" || s == "Completed" => s.as_str(),
        Some(_) => return error(StatusCode::BAD_REQUEST, "status must be Success or Completed"),
    };
    match sim.resend(&trx_id, status) {
        Ok(view) => Json(view).into_response(),
        Err(refusal) => refused(refusal),
    }
}

/// `GET /tokopay-sim/orders?reff_id=` (or `?trx_id=`): one order; with neither, all of them.
pub(super) async fn orders(State(sim): State<Simulator>, Query(query): Query<HashMap<String, String>>) -> Response {
    let now = Utc::now();
    let state = sim.state();
    let found = match (query.get("reff_id"), query.get("trx_id")) {
        (Some(reff_id), _) => state.orders.get(reff_id.trim()),
        (None, Some(trx_id)) => state.by_trx(trx_id.trim()),
        (None, None) => {
            let mut all: Vec<_> = state.orders.values().collect();
            all.sort_by_key(|order| std::cmp::Reverse(order.created_at));
            let views: Vec<Value> = all.iter().map(|order| order.view(sim.config(), now)).collect();
            return Json(json!({"orders": views})).into_response();
        }
    };
    match found {
        Some(order) => Json(order.view(sim.config(), now)).into_response(),
        None => error(StatusCode::NOT_FOUND, "no such order"),
    }
}

/// `GET /tokopay-sim/control`: the switches and request counters.
pub(super) async fn show_switches(State(sim): State<Simulator>) -> Response {
    let state = sim.state();
    Json(state.switches.view(&state.counters)).into_response()
}

/// `POST /tokopay-sim/control`: sets the switches given, leaves the others.
pub(super) async fn set_switches(State(sim): State<Simulator>, body: Bytes) -> Response {
    let Some(body) = object(&body) else { return not_an_object() };
    let mut switches = sim.state().switches;
    for (key, value) in &body {
        let word = value.as_str().map(str::trim).unwrap_or_default();
        let ok = match key.as_str() {
            "status_check" => match word {
                "ok" => Some(StatusSwitch::Ok),
                "fail" => Some(StatusSwitch::Fail),
                "timeout" => Some(StatusSwitch::Timeout),
                "unpaid" => Some(StatusSwitch::Unpaid),
                _ => None,
            }
            .map(|s| switches.status_check = s),
            "create" => match word {
                "ok" => Some(CreateSwitch::Ok),
                "fail" => Some(CreateSwitch::Fail),
                "timeout" => Some(CreateSwitch::Timeout),
                _ => None,
            }
            .map(|s| switches.create = s),
            "latency_ms" => value.as_u64().filter(|ms| *ms <= 600_000).map(|ms| switches.latency_ms = ms),
            "fee" => match word {
                "customer" => Some(FeeBearer::Customer),
                "merchant" => Some(FeeBearer::Merchant),
                _ => None,
            }
            .map(|f| switches.fee = f),
            _ => return error(StatusCode::BAD_REQUEST, &format!("unknown switch {key:?}")),
        };
        if ok.is_none() {
            return error(StatusCode::BAD_REQUEST, &format!("{key} cannot be {value}"));
        }
    }
    let mut state = sim.state();
    state.switches = switches;
    tracing::info!(switches = ?state.switches, "tokopay-sim: switches set");
    Json(state.switches.view(&state.counters)).into_response()
}

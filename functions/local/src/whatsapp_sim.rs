//! A stand-in for a Fonnte-style WhatsApp gateway on the local stack, so that
//! `ruangpremium dev` sends the shop's WhatsApp messages through the production code path
//! (`WHATSAPP_GATEWAY_URL=http://127.0.0.1:<port>/whatsapp-sim/send`). Local only.
//!
//! `POST /whatsapp-sim/send`, the gateway's wire format: a form with `target` (the number,
//! digits only, e.g. `6281234567890`) and `message`, the header `Authorization: <token>`
//! (`WHATSAPP_GATEWAY_TOKEN`, generated into the data directory's secrets). The answer is
//! always HTTP 200 with JSON, as the real gateway's: `{"status": true, "detail": "success!
//! message in queue", "id": ["…"], "process": "pending", "target": ["…"]}`, or
//! `{"status": false, "reason": "…"}`. Each accepted message goes to the local mailbox
//! (`/mailbox`) with kind `whatsapp` and the number (`+62…`) as its address.

use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap},
    routing::post,
    Json, Router,
};
use serde_json::{json, Value};
use sqlx::PgPool;

use crate::mailbox::{self, NewMessage};

/// Where the simulator listens, on the dev server's port.
pub const SEND_PATH: &str = "/whatsapp-sim/send";

#[derive(Clone)]
struct Sim {
    pool: PgPool,
    token: String,
}

/// `POST /whatsapp-sim/send`, accepting `token` only.
pub fn router(pool: PgPool, token: String) -> Router {
    Router::new().route(SEND_PATH, post(send)).with_state(Sim { pool, token })
}

async fn send(State(sim): State<Sim>, headers: HeaderMap, body: Bytes) -> Json<Value> {
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if sim.token.is_empty() || !constant_time_eq(given.trim().as_bytes(), sim.token.as_bytes()) {
        return refuse("token invalid");
    }
    let mut target = None;
    let mut message = None;
    for (key, value) in url::form_urlencoded::parse(&body) {
        match key.as_ref() {
            "target" => target = Some(value.trim().to_owned()),
            "message" => message = Some(value.into_owned()),
            _ => {}
        }
    }
    let Some(target) = target.filter(|t| (8..=16).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())) else {
        return refuse("invalid target");
    };
    let Some(message) = message.filter(|m| !m.trim().is_empty()) else {
        return refuse("message required");
    };
    // The gateway's default country code: a leading 0 is Indonesia's trunk prefix.
    let number = match target.strip_prefix('0') {
        Some(national) => format!("+62{national}"),
        None => format!("+{target}"),
    };
    let delivered = mailbox::deliver(
        &sim.pool,
        NewMessage {
            to: number,
            subject: headline(&message),
            text: message,
            html: String::new(),
            kind: "whatsapp".to_owned(),
            data: json!({"channel": "whatsapp", "target": target}),
        },
    )
    .await;
    match delivered {
        Ok(id) => Json(json!({
            "detail": "success! message in queue",
            "id": [id.to_string()],
            "process": "pending",
            "status": true,
            "target": [target],
        })),
        Err(err) => {
            tracing::error!(error = %err, "WhatsApp simulator: the mailbox refused a message");
            refuse("server error")
        }
    }
}

fn refuse(reason: &str) -> Json<Value> {
    Json(json!({"status": false, "reason": reason}))
}

/// The message's first line without WhatsApp's markup, for the mailbox's subject column.
fn headline(message: &str) -> String {
    let first = message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    let plain: String = first.chars().filter(|c| !matches!(c, '*' | '_' | '~')).collect();
    let mut short: String = plain.chars().take(80).collect();
    if plain.chars().count() > 80 {
        short.push('…');
    }
    if short.is_empty() {
        "WhatsApp".to_owned()
    } else {
        short
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_is_the_first_line_without_markup() {
        assert_eq!(headline("*RuangPremium*\nPesanan siap"), "RuangPremium");
        assert_eq!(headline("\n\n  _hai_  "), "hai");
        assert_eq!(headline(""), "WhatsApp");
        assert_eq!(headline(&"x".repeat(100)).chars().count(), 81);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd") && !constant_time_eq(b"ab", b"abc"));
    }
}

//! WhatsApp through a Fonnte-style gateway, the API most Indonesian gateways copy:
//! `POST <WHATSAPP_GATEWAY_URL>` with the form `target=<number without +>&message=<text>`
//! and the header `Authorization: <token>`; the answer is JSON,
//! `{"status": true, "detail": …, "id": […]}` or `{"status": false, "reason": …}`, often
//! with HTTP 200 either way.

use serde_json::Value;

use super::config::WhatsAppSettings;

/// How much of an unexpected answer an error quotes.
const SNIPPET_CHARS: usize = 200;

/// Sends `message` to `number` (`+628…` or `628…`). The error is text for `last_error`;
/// the caller scrubs secrets from it.
pub(super) async fn send(
    http: &reqwest::Client,
    settings: &WhatsAppSettings,
    number: &str,
    message: &str,
) -> Result<(), String> {
    let target = number.trim_start_matches('+');
    let response = http
        .post(&settings.url)
        .header(reqwest::header::AUTHORIZATION, settings.token.expose())
        .form(&[("target", target), ("message", message)])
        .send()
        .await
        .map_err(|e| {
            // reqwest's text names the URL; ours has no credentials in it, but say only what failed.
            let what = if e.is_timeout() {
                "timed out"
            } else if e.is_connect() {
                "could not connect"
            } else {
                "request failed"
            };
            format!("WhatsApp gateway: {what}")
        })?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    let snippet: String = body.chars().take(SNIPPET_CHARS).collect();
    if !status.is_success() {
        return Err(format!("WhatsApp gateway answered HTTP {}: {snippet}", status.as_u16()));
    }
    let answer: Value = serde_json::from_str(&body)
        .map_err(|_| format!("WhatsApp gateway answered something that is not JSON: {snippet}"))?;
    let accepted = match answer.get("status") {
        Some(Value::Bool(ok)) => *ok,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    if accepted {
        return Ok(());
    }
    let reason = answer
        .get("reason")
        .or_else(|| answer.get("detail"))
        .map(|r| r.as_str().map(str::to_owned).unwrap_or_else(|| r.to_string()))
        .unwrap_or_else(|| snippet.clone());
    Err(format!("WhatsApp gateway refused the message: {}", reason.chars().take(SNIPPET_CHARS).collect::<String>()))
}

//! The local mailbox: mail "sent" by the local stack (the Auth server's confirmation and
//! recovery mails, and the shop's notifications: emails through the local SMTP receiver,
//! `smtp_sink`, WhatsApp messages through the gateway simulator, `whatsapp_sim`) is
//! written to `mailbox.messages` (sql/local/03_mailbox.sql) and shown at `/mailbox`;
//! nothing leaves the machine.
//!
//! * `GET /mailbox` — a page for people (Bahasa Indonesia), newest first, links clickable;
//!   WhatsApp messages are marked as such, addressed to a number.
//! * `GET /mailbox/messages?to=<email or +62 number>` — JSON for tests and browser tests:
//!   `{"messages": [{"id", "to", "channel", "subject", "kind", "text", "html", "links", "otp",
//!   "created_at"}]}`, newest first; `channel` is `email` or `whatsapp`; `otp` is the
//!   one-time code the mail carries, or null.

use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Response},
    routing::get,
    Json, Router,
};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::PgPool;

/// A mail to deliver.
#[derive(Clone, Debug)]
pub struct NewMessage {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// What kind of mail: `signup`, `recovery`, `email_change`, …
    pub kind: String,
    /// Machine-readable extras: `{"otp": "123456"}` for mails with a code.
    pub data: Value,
}

/// Puts the mail in the mailbox; returns its id.
pub async fn deliver(pool: &PgPool, message: NewMessage) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
        "insert into mailbox.messages (to_address, subject, text_body, html_body, kind, data)
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(&message.to)
    .bind(&message.subject)
    .bind(&message.text)
    .bind(&message.html)
    .bind(&message.kind)
    .bind(&message.data)
    .fetch_one(pool)
    .await?;
    tracing::info!(to = %message.to, kind = %message.kind, id, "mail delivered to the local mailbox (/mailbox)");
    Ok(id)
}

/// `/mailbox` and `/mailbox/messages`, over a pool that may read `mailbox.messages`.
pub fn router(pool: PgPool) -> Router {
    Router::new().route("/mailbox", get(page)).route("/mailbox/messages", get(messages)).with_state(pool)
}

#[derive(Deserialize)]
struct Filter {
    to: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    created_at: DateTime<Utc>,
    to_address: String,
    subject: String,
    text_body: String,
    html_body: String,
    kind: String,
    data: Value,
}

const LIMIT: i64 = 200;

async fn fetch(pool: &PgPool, to: Option<&str>) -> Result<Vec<Row>, sqlx::Error> {
    let to = to.map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty());
    sqlx::query_as(
        "select id, created_at, to_address, subject, text_body, html_body, kind, data from mailbox.messages
         where $1::text is null or lower(to_address) = $1 order by id desc limit $2",
    )
    .bind(to)
    .bind(LIMIT)
    .fetch_all(pool)
    .await
}

async fn messages(State(pool): State<PgPool>, Query(filter): Query<Filter>) -> Response {
    match fetch(&pool, filter.to.as_deref()).await {
        Ok(rows) => {
            let messages: Vec<Value> = rows
                .iter()
                .map(|row| {
                    json!({
                        "id": row.id,
                        "to": row.to_address,
                        "channel": if is_whatsapp(row) { "whatsapp" } else { "email" },
                        "subject": row.subject,
                        "kind": row.kind,
                        "text": row.text_body,
                        "html": row.html_body,
                        "links": links(&row.text_body),
                        "otp": row.data.get("otp").and_then(Value::as_str),
                        "created_at": row.created_at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                    })
                })
                .collect();
            Json(json!({ "messages": messages })).into_response()
        }
        Err(err) => unavailable(err),
    }
}

async fn page(State(pool): State<PgPool>, Query(filter): Query<Filter>) -> Response {
    match fetch(&pool, filter.to.as_deref()).await {
        Ok(rows) => {
            let mut response = Html(render_page(&rows, filter.to.as_deref())).into_response();
            response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
            response
        }
        Err(err) => unavailable(err),
    }
}

fn unavailable(err: sqlx::Error) -> Response {
    tracing::error!(error = %err, "mailbox: cannot read mailbox.messages");
    (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"error": "mailbox_unavailable"}))).into_response()
}

/// The http(s) links of a text, in order, without trailing punctuation.
pub fn links(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter_map(|word| word.find("http://").or_else(|| word.find("https://")).map(|at| &word[at..]))
        .map(|link| link.trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '"', '\'']).to_owned())
        .filter(|link| link.len() > "https://".len())
        .collect()
}

/// The kind of a mail, for people.
fn kind_label(kind: &str) -> &str {
    match kind {
        "signup" => "konfirmasi pendaftaran",
        "recovery" => "reset kata sandi",
        "email_change" => "ganti email",
        "notification" => "notifikasi pesanan",
        "whatsapp" => "WhatsApp",
        other => other,
    }
}

fn is_whatsapp(row: &Row) -> bool {
    row.kind == "whatsapp"
}

fn wib(time: DateTime<Utc>) -> String {
    const WIB_SECONDS: i32 = 7 * 3600;
    match FixedOffset::east_opt(WIB_SECONDS) {
        Some(offset) => format!("{} WIB", time.with_timezone(&offset).format("%d/%m/%Y %H:%M:%S")),
        None => time.format("%d/%m/%Y %H:%M:%S UTC").to_string(),
    }
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The text escaped, its links made clickable.
fn linkify(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            match links(word).first() {
                Some(link) if word.contains(link.as_str()) => {
                    let (before, rest) = word.split_at(word.find(link.as_str()).unwrap_or(0));
                    let after = &rest[link.len()..];
                    let href = escape_html(link);
                    out.push_str(&escape_html(before));
                    out.push_str(&format!(r#"<a href="{href}" target="_blank" rel="noopener">{href}</a>"#));
                    out.push_str(&escape_html(after));
                }
                _ => out.push_str(&escape_html(word)),
            }
        }
    }
    out
}

fn render_page(rows: &[Row], to: Option<&str>) -> String {
    let mut items = String::new();
    for row in rows {
        let otp = row
            .data
            .get("otp")
            .and_then(Value::as_str)
            .map(|otp| format!(r#"<p class="otp">Kode: <strong>{}</strong></p>"#, escape_html(otp)))
            .unwrap_or_default();
        let whatsapp = is_whatsapp(row);
        items.push_str(&format!(
            r#"<article id="pesan-{id}"{class}>
  <header><h2>{subject}</h2><span class="kind">{kind}</span></header>
  <p class="meta">{channel} <a href="/mailbox?to={to_q}">{to}</a> · {time}</p>
  {otp}<pre>{body}</pre>
</article>
"#,
            id = row.id,
            class = if whatsapp { r#" class="wa""# } else { "" },
            channel = if whatsapp { "WhatsApp ke nomor" } else { "Email untuk" },
            subject = escape_html(&row.subject),
            kind = escape_html(kind_label(&row.kind)),
            to_q = url::form_urlencoded::byte_serialize(row.to_address.as_bytes()).collect::<String>(),
            to = escape_html(&row.to_address),
            time = wib(row.created_at),
            body = linkify(&row.text_body),
        ));
    }
    if rows.is_empty() {
        items.push_str(r#"<p class="empty">Belum ada pesan. Daftar, minta reset kata sandi atau beli sesuatu, lalu email dan pesan WhatsApp-nya muncul di sini.</p>"#);
    }
    let filter = match to {
        Some(to) => {
            format!(r#"<p class="filter">Hanya untuk {} · <a href="/mailbox">tampilkan semua</a></p>"#, escape_html(to))
        }
        None => String::new(),
    };
    format!(
        r#"<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="10">
<title>Kotak Masuk Lokal · RuangPremium</title>
<style>
  :root {{ color-scheme: dark; }}
  body {{ margin: 0; background: #0a0a0b; color: #e7e5e4; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }}
  main {{ max-width: 860px; margin: 0 auto; padding: 24px 16px 64px; }}
  h1 {{ color: #d4af37; font-size: 1.6rem; margin: 0 0 4px; }}
  .lead {{ color: #a8a29e; margin: 0 0 24px; }}
  article {{ background: #141416; border: 1px solid #26262b; border-left: 3px solid #7c3aed; border-radius: 10px; padding: 16px 18px; margin: 0 0 16px; }}
  article header {{ display: flex; gap: 12px; align-items: baseline; justify-content: space-between; }}
  h2 {{ font-size: 1.05rem; margin: 0; color: #fafaf9; }}
  .kind {{ font-size: .75rem; color: #c4b5fd; border: 1px solid #7c3aed; border-radius: 999px; padding: 1px 8px; white-space: nowrap; }}
  article.wa {{ border-left-color: #25d366; }}
  .wa .kind {{ color: #86efac; border-color: #25d366; }}
  .meta {{ color: #a8a29e; font-size: .85rem; margin: 4px 0 12px; }}
  .otp {{ margin: 0 0 12px; }} .otp strong {{ color: #d4af37; font-size: 1.3rem; letter-spacing: .2em; }}
  pre {{ white-space: pre-wrap; word-break: break-word; font: inherit; margin: 0; color: #d6d3d1; }}
  a {{ color: #d4af37; }} a:hover {{ color: #f0cf5a; }}
  .empty, .filter {{ color: #a8a29e; }}
</style>
</head>
<body>
<main>
<h1>Kotak Masuk Lokal</h1>
<p class="lead">Email dan pesan WhatsApp yang dikirim RuangPremium di komputer ini (tidak ada yang keluar). Terbaru di atas; halaman ini menyegarkan diri tiap 10 detik.</p>
{filter}
{items}
</main>
</body>
</html>
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_without_trailing_punctuation() {
        let text = "Buka: http://localhost:8080/auth/v1/verify?token=ab&type=recovery.\n(https://x.example/a), lain";
        assert_eq!(
            links(text),
            vec!["http://localhost:8080/auth/v1/verify?token=ab&type=recovery", "https://x.example/a"]
        );
        assert!(links("tidak ada tautan").is_empty());
    }

    #[test]
    fn whatsapp_messages_show_as_whatsapp_to_a_number_next_to_emails() {
        let row = |id: i64, to: &str, kind: &str| Row {
            id,
            created_at: Utc::now(),
            to_address: to.to_owned(),
            subject: format!("subject {id}"),
            text_body: "Status: http://localhost:1/track/t".to_owned(),
            html_body: String::new(),
            kind: kind.to_owned(),
            data: json!({}),
        };
        let page =
            render_page(&[row(2, "+6281234567890", "whatsapp"), row(1, "budi@example.com", "notification")], None);
        assert!(page.contains(r#"<article id="pesan-2" class="wa">"#), "{page}");
        assert!(
            page.contains(r#"WhatsApp ke nomor <a href="/mailbox?to=%2B6281234567890">+6281234567890</a>"#),
            "{page}"
        );
        assert!(page.contains(r#"<article id="pesan-1">"#) && page.contains("Email untuk <a"), "{page}");
        assert!(page.contains("notifikasi pesanan"), "{page}");
    }

    #[test]
    fn bodies_are_escaped_and_links_clickable() {
        let html = linkify("<b>hai</b> http://localhost:1/a?b=1&c=2");
        assert!(html.starts_with("&lt;b&gt;hai&lt;/b&gt; <a href=\"http://localhost:1/a?b=1&amp;c=2\""), "{html}");
    }
}

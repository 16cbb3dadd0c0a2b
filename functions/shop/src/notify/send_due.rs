//! Sending what is due. One short transaction gives back the messages of senders that died
//! (their lease ran out) and claims up to `limit` due messages under this worker's lease
//! (`FOR UPDATE SKIP LOCKED`, so any number of senders run side by side and never claim
//! the same row); then each is sent outside any transaction and its outcome recorded only
//! while this worker still holds it, so a sender that outlived its lease (a zombie) cannot
//! overwrite what another recorded since.
//!
//! Delivery is at least once: a sender that dies after the server accepted a message but
//! before recording it leaves it to be sent again when its lease runs out. Each claimed
//! message's lease lasts until its turn in the batch could have ended (its position times
//! the longest one send may take, plus a margin), so a sender that dies early gives back
//! the rest of its batch early. A caller that cancels `send_due` (a timeout around it)
//! gives back at once the messages not yet started; the one in flight keeps its lease.

use std::{collections::HashMap, time::Duration};

use anyhow::Context;
use uuid::Uuid;

use super::{
    email,
    templates::{self, Audience, Channel, Contacts, Event, OrderFacts},
    whatsapp,
};
use crate::{crypto::SecretSlot, AppState};

/// What a sender holds beyond the time its messages may take.
const LEASE_MARGIN: Duration = Duration::from_secs(30);
/// Most messages one call claims.
const MAX_LIMIT: i64 = 500;
/// A failed message waits 30 s after its first failure, doubling (±10%), at most an hour
/// (`crate::backoff`): 8 attempts span about an hour before it is dead.
pub const BASE_BACKOFF: Duration = Duration::from_secs(30);
pub const MAX_BACKOFF: Duration = Duration::from_secs(3600);

#[derive(sqlx::FromRow)]
struct Claimed {
    id: i64,
    /// Its turn in this batch, from 1.
    position: i64,
    order_id: Option<Uuid>,
    event: String,
    audience: String,
    channel: String,
    recipient: Option<String>,
    attempts: i32,
    max_attempts: i32,
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: Uuid,
    number: String,
    product_name: String,
    buyer_name: String,
    buyer_email: String,
    buyer_whatsapp: String,
    status: String,
    attention_reason: Option<String>,
    tracking_token_ciphertext: Vec<u8>,
}

enum Outcome {
    Sent,
    Skipped(String),
    Failed(String),
}

/// Sends up to `limit` due messages as `worker` (a name unique to this process, e.g.
/// `sweep-<uuid>`), after giving back the messages of senders whose lease ran out. Returns
/// how many messages it handled (sent, skipped or failed): a caller drains the outbox by
/// calling again while that equals `limit`. Errors are the database's; a failed send is
/// recorded on its message, retried later with backoff, and after `max_attempts` left
/// `dead` with its last error.
pub async fn send_due(state: &AppState, worker: &str, limit: i64) -> Result<usize, anyhow::Error> {
    let limit = limit.clamp(1, MAX_LIMIT);
    let per_message = per_message_limit(state.config.notify.timeout);
    let mut claimed = claim(state, worker, limit, per_message).await?;
    if claimed.is_empty() {
        return Ok(0);
    }
    claimed.sort_by_key(|m| m.position);
    let mut unstarted =
        GiveBack { state: state.clone(), worker: worker.to_owned(), ids: claimed.iter().map(|m| m.id).collect() };
    let orders = load_orders(state, &claimed).await?;
    let http = reqwest::Client::builder()
        .timeout(state.config.notify.timeout)
        .connect_timeout(state.config.notify.timeout)
        // A redirect is not part of a gateway's API; following one would resend the token.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("RuangPremium/", env!("CARGO_PKG_VERSION")))
        .build()
        .context("building the HTTP client")?;
    for message in &claimed {
        unstarted.ids.retain(|id| *id != message.id);
        let order = message.order_id.and_then(|id| orders.get(&id));
        let outcome = match tokio::time::timeout(per_message, deliver(state, &http, message, order)).await {
            Ok(outcome) => outcome,
            Err(_) => Outcome::Failed(format!("no answer within {} s", per_message.as_secs())),
        };
        record(state, worker, message, outcome).await?;
    }
    Ok(claimed.len())
}

/// One send may take its timeout, and a little more for lettre's several round trips.
fn per_message_limit(timeout: Duration) -> Duration {
    timeout * 2 + Duration::from_secs(5)
}

/// The claimed messages that this call has not started when it ends early (an error, or
/// the caller dropped its future): given back to the queue at once, untouched, rather than
/// at the end of their leases.
struct GiveBack {
    state: AppState,
    worker: String,
    ids: Vec<i64>,
}

impl Drop for GiveBack {
    fn drop(&mut self) {
        if self.ids.is_empty() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        let (state, worker, ids) =
            (self.state.clone(), std::mem::take(&mut self.worker), std::mem::take(&mut self.ids));
        runtime.spawn(async move {
            let given_back = state
                .db
                .query(
                    "update public.notifications set status = 'queued', locked_by = null, locked_until = null
                     where id = any($1) and locked_by = $2 and status = 'sending'",
                )
                .bind(&ids)
                .bind(&worker)
                .execute(state.db.pool())
                .await;
            match given_back {
                Ok(done) => {
                    tracing::info!(worker, given_back = done.rows_affected(), "unsent notifications given back")
                }
                Err(err) => {
                    tracing::warn!(worker, error = %err, "could not give notifications back; their leases will")
                }
            }
        });
    }
}

async fn claim(
    state: &AppState,
    worker: &str,
    limit: i64,
    per_message: Duration,
) -> Result<Vec<Claimed>, anyhow::Error> {
    let mut tx = state.db.pool().begin().await.context("claiming notifications")?;
    let recovered = state
        .db
        .query(
            "with expired as (
               select id from public.notifications
               where status = 'sending' and locked_until < now()
               order by locked_until
               limit 500
               for update skip locked
             )
             update public.notifications n
             set attempts = n.attempts + 1,
                 status = case when n.attempts + 1 >= n.max_attempts then 'dead' else 'queued' end,
                 next_attempt_at = now(),
                 last_error = left('Its sender (' || n.locked_by || ') stopped before recording the outcome, '
                   || 'so it may have gone out already.', 2000),
                 locked_by = null,
                 locked_until = null
             from expired
             where n.id = expired.id",
        )
        .execute(&mut *tx)
        .await
        .context("recovering expired notification leases")?
        .rows_affected();
    if recovered > 0 {
        tracing::warn!(recovered, "notifications whose sender stopped were queued again");
    }
    let claimed: Vec<Claimed> = state
        .db
        .query_as(
            "with locked as (
               select id, next_attempt_at from public.notifications
               where status = 'queued' and next_attempt_at <= now()
               order by next_attempt_at, id
               limit $1
               for update skip locked
             ), due as (
               select id, row_number() over (order by next_attempt_at, id) as position from locked
             )
             update public.notifications n
             set status = 'sending', locked_by = $2,
                 locked_until = now() + make_interval(secs => $3 * due.position + $4)
             from due
             where n.id = due.id
             returning n.id, due.position, n.order_id, n.event, n.audience, n.channel, n.recipient, n.attempts,
                       n.max_attempts",
        )
        .bind(limit)
        .bind(worker)
        .bind(per_message.as_secs_f64())
        .bind(LEASE_MARGIN.as_secs_f64())
        .fetch_all(&mut *tx)
        .await
        .context("claiming due notifications")?;
    tx.commit().await.context("claiming notifications")?;
    Ok(claimed)
}

async fn load_orders(state: &AppState, claimed: &[Claimed]) -> Result<HashMap<Uuid, OrderRow>, anyhow::Error> {
    let ids: Vec<Uuid> = claimed.iter().filter_map(|m| m.order_id).collect();
    let rows: Vec<OrderRow> = state
        .db
        .query_as(
            "select id, number, product_name, buyer_name, buyer_email, buyer_whatsapp, status::text as status,
                    attention_reason, tracking_token_ciphertext
             from public.orders where id = any($1)",
        )
        .bind(&ids)
        .fetch_all(state.db.pool())
        .await
        .context("loading the orders of the notifications")?;
    Ok(rows.into_iter().map(|row| (row.id, row)).collect())
}

async fn deliver(state: &AppState, http: &reqwest::Client, message: &Claimed, order: Option<&OrderRow>) -> Outcome {
    let notify = &state.config.notify;
    let (Some(event), Some(audience), Some(channel)) =
        (Event::parse(&message.event), Audience::parse(&message.audience), Channel::parse(&message.channel))
    else {
        return Outcome::Skipped("this sender does not know this kind of message".into());
    };
    let Some(order) = order else {
        return Outcome::Skipped("the message is about no order this sender knows".into());
    };
    if event != Event::Delivered && order.status == "delivered" {
        return Outcome::Skipped("the order was delivered before this message went out".into());
    }
    match channel {
        Channel::Email if notify.smtp.is_none() => return Outcome::Skipped("email is off: SMTP_URL is not set".into()),
        Channel::WhatsApp if notify.whatsapp.is_none() => {
            return Outcome::Skipped("WhatsApp is off: WHATSAPP_GATEWAY_URL is not set".into())
        }
        _ => {}
    }
    let recipient = match (audience, channel) {
        (Audience::Buyer, _) => message.recipient.clone(),
        (Audience::Admin, Channel::Email) => notify.admin_email.clone(),
        (Audience::Admin, Channel::WhatsApp) => notify.admin_whatsapp.clone(),
    };
    let Some(recipient) = recipient else {
        let missing = if channel == Channel::Email { "ADMIN_EMAIL" } else { "ADMIN_WHATSAPP" };
        return Outcome::Skipped(format!("no recipient: {missing} is not set"));
    };
    let tracking_url = match audience {
        Audience::Admin => String::new(),
        Audience::Buyer => {
            let Some(shop) = &notify.shop_public_url else {
                return Outcome::Skipped(
                    "SHOP_PUBLIC_URL is not set, and the buyer's messages exist to carry the tracking link".into(),
                );
            };
            match tracking_token(state, order) {
                Ok(token) => format!("{shop}/track/{token}"),
                Err(err) => return Outcome::Failed(err),
            }
        }
    };
    let facts = OrderFacts {
        number: &order.number,
        product_name: &order.product_name,
        buyer_name: &order.buyer_name,
        buyer_email: &order.buyer_email,
        buyer_whatsapp: &order.buyer_whatsapp,
        attention_reason: order.attention_reason.as_deref(),
        tracking_url: &tracking_url,
    };
    let contacts = Contacts {
        support_email: notify.support_email.as_deref(),
        support_whatsapp: notify.support_whatsapp.as_deref(),
        shop_url: notify.shop_public_url.as_deref(),
    };
    let sent = match (channel, &notify.smtp, &notify.whatsapp) {
        (Channel::Email, Some(smtp), _) => {
            let mail = templates::email(event, audience, &facts, &contacts);
            let name = (audience == Audience::Buyer).then_some(order.buyer_name.as_str());
            email::send(smtp, notify.timeout, &recipient, name, &mail).await
        }
        (Channel::WhatsApp, _, Some(gateway)) => {
            let text = templates::whatsapp(event, audience, &facts, &contacts);
            whatsapp::send(http, gateway, &recipient, &text).await
        }
        _ => Err("the channel is not configured".into()),
    };
    match sent {
        Ok(()) => Outcome::Sent,
        Err(err) => Outcome::Failed(scrub(&err, &notify.secrets())),
    }
}

/// The order's tracking token, decrypted (it is bound to its order's row).
fn tracking_token(state: &AppState, order: &OrderRow) -> Result<String, String> {
    let slot = SecretSlot { table: "orders", column: "tracking_token_ciphertext", row_id: order.id };
    let plain = state
        .config
        .keyring
        .decrypt(&order.tracking_token_ciphertext, slot)
        .map_err(|e| format!("the tracking token of order {} does not decrypt: {e}", order.number))?;
    String::from_utf8(plain.to_vec()).map_err(|_| format!("the tracking token of order {} is not text", order.number))
}

/// Records the outcome, if `worker` still holds the message.
async fn record(state: &AppState, worker: &str, message: &Claimed, outcome: Outcome) -> Result<(), anyhow::Error> {
    let updated = match &outcome {
        Outcome::Sent => {
            state
                .db
                .query(
                    "update public.notifications
                     set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null,
                         locked_by = null, locked_until = null
                     where id = $1 and locked_by = $2 and status = 'sending'",
                )
                .bind(message.id)
                .bind(worker)
                .execute(state.db.pool())
                .await
        }
        Outcome::Skipped(reason) => {
            state
                .db
                .query(
                    "update public.notifications
                     set status = 'skipped', last_error = left($3, 2000), locked_by = null, locked_until = null
                     where id = $1 and locked_by = $2 and status = 'sending'",
                )
                .bind(message.id)
                .bind(worker)
                .bind(reason)
                .execute(state.db.pool())
                .await
        }
        Outcome::Failed(error) => {
            let failures = message.attempts.saturating_add(1);
            let dead = failures >= message.max_attempts;
            state
                .db
                .query(
                    "update public.notifications
                     set attempts = attempts + 1,
                         status = $3,
                         next_attempt_at = case when $3 = 'dead' then next_attempt_at
                                                else now() + make_interval(secs => $4) end,
                         last_error = left($5, 2000), locked_by = null, locked_until = null
                     where id = $1 and locked_by = $2 and status = 'sending'",
                )
                .bind(message.id)
                .bind(worker)
                .bind(if dead { "dead" } else { "queued" })
                .bind(crate::backoff::delay(failures.max(1) as u32, BASE_BACKOFF, MAX_BACKOFF).as_secs_f64())
                .bind(error)
                .execute(state.db.pool())
                .await
        }
    }
    .with_context(|| format!("recording the outcome of notification {}", message.id))?
    .rows_affected();
    let (id, event, audience, channel) = (message.id, &message.event, &message.audience, &message.channel);
    if updated == 0 {
        tracing::warn!(
            id,
            worker,
            "notification: the lease ran out before the outcome was recorded; another sender has it"
        );
        return Ok(());
    }
    match outcome {
        Outcome::Sent => tracing::info!(id, %event, %audience, %channel, "notification sent"),
        Outcome::Skipped(reason) => tracing::info!(id, %event, %audience, %channel, %reason, "notification skipped"),
        Outcome::Failed(error) if message.attempts + 1 >= message.max_attempts => {
            tracing::error!(id, %event, %audience, %channel, %error, "notification failed for the last time: dead")
        }
        Outcome::Failed(error) => {
            tracing::warn!(id, %event, %audience, %channel, %error, "notification failed; it will be tried again")
        }
    }
    Ok(())
}

/// `text` with every secret replaced by `***`, longest first (the SMTP URL holds its password).
fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut secrets: Vec<&str> = secrets.iter().copied().filter(|s| s.len() >= 3).collect();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    secrets.into_iter().fold(text.to_owned(), |text, secret| text.replace(secret, "***"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_every_secret_and_the_url_before_its_password() {
        let url = "smtps://mailer:hunter2@smtp.example.com:465";
        let text = format!("failed at {url}: 535 bad password hunter2; token fonnte-t0k3n");
        let clean = scrub(&text, &["hunter2", url, "fonnte-t0k3n", ""]);
        assert_eq!(clean, "failed at ***: 535 bad password ***; token ***");
    }

    #[test]
    fn the_lease_outlasts_every_claimed_message() {
        assert_eq!(per_message_limit(Duration::from_secs(15)), Duration::from_secs(35));
    }
}

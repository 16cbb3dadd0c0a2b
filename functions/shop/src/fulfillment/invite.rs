//! The INVITE job: take a pool account (`private.begin_invitation`: active, not cooling
//! down, quota left today in WIB, a seat, least recently used, quota counted), commit, call
//! the provider's adapter outside any transaction (renewing the lease meanwhile), then
//! record the answer (`private.finish_invitation`), which delivers the order, hands it to
//! the team, retries later, cools the account down and moves on, or gives up.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::{
    providers::{self, AccountCredentials, InviteOutcome, InviteRequest, ProviderError},
    queue::{self, Job},
    runner::{retry_later, Ran},
};
use crate::{backoff, crypto::SecretSlot, AppState};

/// How often, and how far apart, a job asks again for an account that is locked by
/// another worker for a moment.
const BUSY_TRIES: u32 = 50;
const BUSY_PAUSE: Duration = Duration::from_millis(20);

#[derive(sqlx::FromRow)]
struct Begun {
    outcome: String,
    invitation_id: Option<Uuid>,
    account_id: Option<Uuid>,
    attempt: Option<i32>,
}

#[derive(sqlx::FromRow)]
struct Context {
    order_number: String,
    target: Value,
    provider_id: Uuid,
    provider_slug: String,
    adapter: String,
    config_ciphertext: Option<Vec<u8>>,
    plan: String,
    account_label: String,
    credentials_ciphertext: Vec<u8>,
}

pub(crate) async fn run(state: &AppState, job: &Job, worker: &str) -> anyhow::Result<Ran> {
    let db = &state.db;
    let mut begun: Begun;
    let mut tries = 0;
    loop {
        begun = db
            .query_as("select * from private.begin_invitation($1, $2)")
            .bind(job.id)
            .bind(worker)
            .fetch_one(db.pool())
            .await?;
        // Every account that could take it is locked by another worker for a moment:
        // ask again shortly rather than spend one of the job's attempts.
        tries += 1;
        if begun.outcome != "busy" || tries >= BUSY_TRIES {
            break;
        }
        tokio::time::sleep(BUSY_PAUSE.mul_f64(0.5 + rand::random::<f64>())).await;
    }
    let (invitation_id, account_id) = match (begun.outcome.as_str(), begun.invitation_id, begun.account_id) {
        ("started" | "resumed", Some(invitation), Some(account)) => (invitation, account),
        ("already_delivered", _, _) => {
            queue::complete(db, &[job.id], worker).await?;
            return Ok(Ran::AlreadyDone);
        }
        ("no_account" | "busy", _, _) => {
            let error = "No pool account of this plan can take an invitation now (quota, seats or cooldown).";
            return Ok(retry_later(state, job, worker, error).await);
        }
        _ => return Ok(Ran::LostLease),
    };
    let order_id = job.order_id.ok_or_else(|| anyhow::anyhow!("an invite job without an order"))?;
    let context: Context = db
        .query_as(
            "select o.number as order_number, o.target, pr.id as provider_id, pr.slug as provider_slug, pr.adapter,
                    pr.config_ciphertext, p.provider_plan as plan, a.label as account_label, a.credentials_ciphertext
             from public.orders o
             join public.products p on p.id = o.product_id
             join public.providers pr on pr.id = p.provider_id
             join public.provider_accounts a on a.id = $2
             where o.id = $1",
        )
        .bind(order_id)
        .bind(account_id)
        .fetch_one(db.pool())
        .await?;

    let keyring = &state.config.keyring;
    let settings: Value = match &context.config_ciphertext {
        None => Value::Object(Default::default()),
        Some(ciphertext) => {
            let slot = SecretSlot { table: "providers", column: "config_ciphertext", row_id: context.provider_id };
            let plain = keyring.decrypt(ciphertext, slot)?;
            serde_json::from_slice(&plain).map_err(|_| anyhow::anyhow!("the provider's settings are not JSON"))?
        }
    };
    let slot = SecretSlot { table: "provider_accounts", column: "credentials_ciphertext", row_id: account_id };
    let plain = keyring.decrypt(&context.credentials_ciphertext, slot)?;
    let credentials = Zeroizing::new(std::str::from_utf8(&plain)?.to_owned());
    let adapter = providers::build(&context.adapter, &settings).map_err(|e| anyhow::anyhow!(e))?;
    let request = InviteRequest {
        invitation_id,
        order_id,
        order_number: &context.order_number,
        provider_slug: &context.provider_slug,
        plan: &context.plan,
        target: &context.target,
        attempt: begun.attempt.unwrap_or(1).max(1) as u32,
        account: AccountCredentials { id: account_id, label: &context.account_label, credentials: &credentials },
    };
    let lease = state.config.fulfillment.lease;
    let answer = queue::with_heartbeat(db, job.id, worker, lease, adapter.invite(&request)).await;

    let fulfillment = &state.config.fulfillment;
    let mut finish = Finish::default();
    match &answer {
        Ok(InviteOutcome::Sent { reference, note }) => {
            finish.result = "sent";
            finish.reference = reference.clone();
            finish.note = note.clone();
        }
        Ok(InviteOutcome::AwaitingAdmin) => {
            finish.result = "awaiting_team";
            let minutes = providers::manual::expected_minutes(&settings);
            finish.expected_by = Some(Utc::now() + chrono::Duration::minutes(i64::from(minutes)));
        }
        Err(ProviderError::Retry { reason, retry_after }) => {
            finish.result = "retry";
            finish.error = Some(reason.clone());
            let own = backoff::delay(job.attempts.max(1) as u32, fulfillment.retry_base, fulfillment.retry_cap);
            finish.delay = retry_after.map_or(own, |asked| asked.max(own));
        }
        Err(ProviderError::Account { reason }) => {
            finish.result = "account";
            finish.error = Some(reason.clone());
            // The cooldown after the n-th failure in a row, for every n up to parking; the
            // database picks n itself, so failures that overlap still count one by one.
            finish.cooldown_seconds = (1..=fulfillment.park_after.max(1) as u32)
                .map(|n| backoff::delay(n, fulfillment.cooldown_base, fulfillment.cooldown_cap).as_secs_f64())
                .collect();
        }
        Err(ProviderError::Permanent { reason }) => {
            finish.result = "permanent";
            finish.error = Some(reason.clone());
        }
        Err(ProviderError::Unsupported) => {
            finish.result = "permanent";
            finish.error = Some(format!("the {} adapter cannot send invitations", adapter.name()));
        }
    }
    let outcome: String = db
        .query_scalar("select private.finish_invitation($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(job.id)
        .bind(worker)
        .bind(invitation_id)
        .bind(finish.result)
        .bind(finish.reference.as_deref())
        .bind(finish.note.as_deref())
        .bind(finish.error.as_deref())
        .bind(finish.delay.as_secs_f64())
        .bind(&finish.cooldown_seconds)
        .bind(fulfillment.park_after)
        .bind(finish.expected_by)
        .fetch_one(db.pool())
        .await?;
    if let Some(error) = &finish.error {
        tracing::warn!(job = job.id, account = %account_id, result = finish.result, error, "invitation failed");
    }
    Ok(match outcome.as_str() {
        "succeeded" => Ran::Delivered,
        "waiting" => Ran::Waiting,
        "retry" => Ran::Retry,
        "dead" => Ran::Dead,
        _ => Ran::LostLease,
    })
}

#[derive(Default)]
struct Finish {
    result: &'static str,
    reference: Option<String>,
    note: Option<String>,
    error: Option<String>,
    delay: Duration,
    cooldown_seconds: Vec<f64>,
    expected_by: Option<DateTime<Utc>>,
}

//! The `simulated` adapter, for local runs, the demo and tests: no provider is called, and the
//! outcome is chosen by the tag in the local part of the target's email (`target["email"]`,
//! the part after `+`, case-insensitive), so every path of the job can be shown:
//!
//! | email                  | `invite`                                                        |
//! |------------------------|-----------------------------------------------------------------|
//! | `budi@contoh.id`       | `Sent`, reference `SIM-<first 8 hex of invitation_id>`, a note   |
//! | `budi+retry@contoh.id` | `Retry` on attempts 1 and 2, then `Sent`                         |
//! | `budi+account@…`       | `Account` on attempt 1 (the job moves to another account), then `Sent` |
//! | `budi+fail@…`          | `Permanent`: "the provider refused this address"                |
//! | `budi+slow@…`          | sleeps `slow_ms` (1500 by default), then `Sent`                  |
//! | `budi+manual@…`        | `AwaitingAdmin`                                                 |
//! | `budi+pending@…`       | `Sent`; `check` then says `Pending` for ever                     |
//!
//! Any other tag (`budi+belanja@…`) is an ordinary address: `Sent`. No email in the target is
//! `Permanent`. `check` is `Pending` without a reference or for `+pending`, else `Accepted`;
//! `revoke` succeeds. The adapter keeps no state: the same request always gets the same answer.
//!
//! Settings, all optional: `{"latency_ms": 0, "slow_ms": 1500, "expected_minutes": 60}`;
//! `latency_ms` (0–60000) is waited at the start of every call.

use std::time::Duration;

use serde_json::Value;

use super::{
    manual, settings_number, settings_object, InviteOutcome, InviteRequest, InviteState, ProviderAdapter, ProviderError,
};

/// How long `+slow` waits when the settings say nothing.
pub const DEFAULT_SLOW_MS: u64 = 1500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulated {
    latency: Duration,
    slow: Duration,
}

/// What the target's tag asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Normal,
    Retry,
    Account,
    Fail,
    Slow,
    Manual,
    Pending,
}

impl Scenario {
    /// The scenario of `target["email"]`, or `None` when there is no email.
    fn of(target: &Value) -> Option<Scenario> {
        let email = target.get("email")?.as_str()?.trim();
        let (local, _domain) = email.rsplit_once('@')?;
        let tag = local.split('+').nth(1).unwrap_or_default().to_ascii_lowercase();
        Some(match tag.as_str() {
            "retry" => Scenario::Retry,
            "account" => Scenario::Account,
            "fail" => Scenario::Fail,
            "slow" => Scenario::Slow,
            "manual" => Scenario::Manual,
            "pending" => Scenario::Pending,
            _ => Scenario::Normal,
        })
    }
}

impl Simulated {
    pub fn from_settings(settings: &Value) -> Result<Simulated, String> {
        let settings = settings_object(settings, &["latency_ms", "slow_ms", manual::EXPECTED_MINUTES_KEY])?;
        manual::parse_expected_minutes(&settings)?;
        Ok(Simulated {
            latency: Duration::from_millis(settings_number(&settings, "latency_ms", 0, 0..=60_000)?),
            slow: Duration::from_millis(settings_number(&settings, "slow_ms", DEFAULT_SLOW_MS, 0..=120_000)?),
        })
    }

    async fn wait(&self, duration: Duration) {
        if !duration.is_zero() {
            tokio::time::sleep(duration).await;
        }
    }
}

/// The reference a sent invitation gets: `SIM-` and the first 8 hex digits of its id, so a
/// repeated call answers the same.
pub fn reference(request: &InviteRequest<'_>) -> String {
    let id = request.invitation_id.simple().to_string();
    format!("SIM-{}", id[..8].to_ascii_uppercase())
}

fn sent(request: &InviteRequest<'_>) -> InviteOutcome {
    let email = request.target.get("email").and_then(Value::as_str).unwrap_or_default().trim();
    InviteOutcome::Sent {
        reference: Some(reference(request)),
        note: Some(format!("Cek kotak masuk {email} (juga folder Spam) dan terima undangan bergabung ke timnya.")),
    }
}

#[async_trait::async_trait]
impl ProviderAdapter for Simulated {
    fn name(&self) -> &'static str {
        "simulated"
    }

    async fn invite(&self, request: &InviteRequest<'_>) -> Result<InviteOutcome, ProviderError> {
        self.wait(self.latency).await;
        let Some(scenario) = Scenario::of(request.target) else {
            return Err(ProviderError::Permanent { reason: "the target has no email address".to_owned() });
        };
        match scenario {
            Scenario::Retry if request.attempt <= 2 => Err(ProviderError::Retry {
                reason: format!("simulated temporary failure (+retry, attempt {} of 2)", request.attempt),
                retry_after: None,
            }),
            Scenario::Account if request.attempt == 1 => Err(ProviderError::Account {
                reason: "simulated account problem: the team has no free seat (+account)".to_owned(),
            }),
            Scenario::Fail => Err(ProviderError::Permanent {
                reason: "the provider refused this address (simulated +fail)".to_owned(),
            }),
            Scenario::Slow => {
                self.wait(self.slow).await;
                Ok(sent(request))
            }
            Scenario::Manual => Ok(InviteOutcome::AwaitingAdmin),
            Scenario::Normal | Scenario::Retry | Scenario::Account | Scenario::Pending => Ok(sent(request)),
        }
    }

    async fn check(&self, request: &InviteRequest<'_>, reference: Option<&str>) -> Result<InviteState, ProviderError> {
        self.wait(self.latency).await;
        Ok(match (Scenario::of(request.target), reference) {
            (Some(Scenario::Pending), _) | (_, None) => InviteState::Pending,
            (_, Some(_)) => InviteState::Accepted,
        })
    }

    async fn revoke(&self, _request: &InviteRequest<'_>, _reference: Option<&str>) -> Result<(), ProviderError> {
        self.wait(self.latency).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use serde_json::json;

    use super::*;
    use crate::fulfillment::providers::TestInvite;

    fn adapter(settings: Value) -> Simulated {
        Simulated::from_settings(&settings).expect("valid settings")
    }

    async fn invite(email: &str, attempt: u32) -> Result<InviteOutcome, ProviderError> {
        let invite = TestInvite::to(email).attempt(attempt);
        adapter(json!({})).invite(&invite.request()).await
    }

    #[tokio::test]
    async fn an_untagged_address_is_sent_with_a_stable_reference_and_a_note() {
        let invite = TestInvite::to("budi@contoh.id");
        let expected = format!("SIM-{}", &invite.invitation_id.simple().to_string()[..8].to_ascii_uppercase());
        let outcome = adapter(json!({})).invite(&invite.request()).await;
        assert_eq!(
            outcome,
            Ok(InviteOutcome::Sent {
                reference: Some(expected.clone()),
                note: Some(
                    "Cek kotak masuk budi@contoh.id (juga folder Spam) dan terima undangan bergabung ke timnya."
                        .to_owned()
                ),
            })
        );
        let again = adapter(json!({})).invite(&invite.request()).await;
        assert_eq!(again, outcome, "the same invitation gets the same answer");
        assert_eq!(expected.len(), 12);
    }

    #[tokio::test]
    async fn retry_fails_twice_then_sends() {
        for attempt in [1, 2] {
            let outcome = invite("budi+retry@contoh.id", attempt).await;
            assert!(matches!(outcome, Err(ProviderError::Retry { retry_after: None, .. })), "{attempt}: {outcome:?}");
        }
        assert!(matches!(invite("budi+retry@contoh.id", 3).await, Ok(InviteOutcome::Sent { .. })));
    }

    #[tokio::test]
    async fn account_fails_on_the_first_attempt_only() {
        assert!(matches!(invite("budi+account@contoh.id", 1).await, Err(ProviderError::Account { .. })));
        assert!(matches!(invite("budi+account@contoh.id", 2).await, Ok(InviteOutcome::Sent { .. })));
    }

    #[tokio::test]
    async fn fail_is_permanent_on_every_attempt() {
        for attempt in [1, 2, 5] {
            assert_eq!(
                invite("budi+fail@contoh.id", attempt).await,
                Err(ProviderError::Permanent {
                    reason: "the provider refused this address (simulated +fail)".to_owned()
                })
            );
        }
    }

    #[tokio::test]
    async fn manual_waits_for_the_admin() {
        assert_eq!(invite("budi+manual@contoh.id", 1).await, Ok(InviteOutcome::AwaitingAdmin));
    }

    #[tokio::test]
    async fn tags_are_case_insensitive_and_unknown_tags_are_ordinary_addresses() {
        assert!(matches!(invite("Budi+FAIL@Contoh.id", 1).await, Err(ProviderError::Permanent { .. })));
        assert!(matches!(invite("budi+belanja@contoh.id", 1).await, Ok(InviteOutcome::Sent { .. })));
        assert!(matches!(invite("budi+retry+x@contoh.id", 1).await, Err(ProviderError::Retry { .. })));
    }

    #[tokio::test]
    async fn a_target_without_an_email_is_permanent() {
        let mut invite = TestInvite::to("x@contoh.id");
        for target in [json!({}), json!({"email": 42}), json!({"email": "no-at-sign"})] {
            invite.target = target;
            let outcome = adapter(json!({})).invite(&invite.request()).await;
            assert!(matches!(outcome, Err(ProviderError::Permanent { .. })), "{outcome:?}");
        }
    }

    #[tokio::test]
    async fn slow_waits_slow_ms_and_latency_delays_every_call() {
        let invite = TestInvite::to("budi+slow@contoh.id");
        let started = Instant::now();
        let outcome = adapter(json!({"slow_ms": 120})).invite(&invite.request()).await;
        assert!(matches!(outcome, Ok(InviteOutcome::Sent { .. })));
        assert!(started.elapsed() >= Duration::from_millis(120));

        let slow = adapter(json!({"latency_ms": 80}));
        let plain = TestInvite::to("budi@contoh.id");
        let started = Instant::now();
        let _ = slow.invite(&plain.request()).await;
        let _ = slow.check(&plain.request(), None).await;
        let _ = slow.revoke(&plain.request(), None).await;
        assert!(started.elapsed() >= Duration::from_millis(240));
    }

    #[tokio::test]
    async fn check_is_pending_without_a_reference_or_for_pending_and_revoke_succeeds() {
        let simulated = adapter(json!({}));
        let plain = TestInvite::to("budi@contoh.id");
        assert_eq!(simulated.check(&plain.request(), None).await, Ok(InviteState::Pending));
        assert_eq!(simulated.check(&plain.request(), Some("SIM-1")).await, Ok(InviteState::Accepted));
        let pending = TestInvite::to("budi+pending@contoh.id");
        assert!(matches!(simulated.invite(&pending.request()).await, Ok(InviteOutcome::Sent { .. })));
        assert_eq!(simulated.check(&pending.request(), Some("SIM-1")).await, Ok(InviteState::Pending));
        assert_eq!(simulated.revoke(&plain.request(), Some("SIM-1")).await, Ok(()));
    }

    #[test]
    fn settings_are_checked() {
        assert_eq!(
            Simulated::from_settings(&json!({})),
            Ok(Simulated { latency: Duration::ZERO, slow: Duration::from_millis(1500) })
        );
        assert_eq!(
            Simulated::from_settings(&json!({"latency_ms": 60_001})),
            Err("latency_ms must be a whole number from 0 to 60000".to_owned())
        );
        assert_eq!(
            Simulated::from_settings(&json!({"slow_ms": "fast"})),
            Err("slow_ms must be a whole number from 0 to 120000".to_owned())
        );
        assert!(Simulated::from_settings(&json!({"expected_minutes": 0})).is_err());
        assert!(Simulated::from_settings(&json!({"expected_minutes": 30, "latency_ms": 5})).is_ok());
        assert!(Simulated::from_settings(&json!({"latency": 5})).is_err());
    }
}

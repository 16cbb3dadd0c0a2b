//! The `manual` adapter: a person sends the invitation. `invite` only says so
//! ([`InviteOutcome::AwaitingAdmin`]); the job then waits for an admin to confirm that the
//! invitation went out, and the buyer sees "being processed by our team" with the expected
//! time.
//!
//! Settings: `{"expected_minutes": 60}`, optional: how long the buyer should expect to wait,
//! 1 to 10080 minutes (a week), 60 when absent. The other adapters accept the same setting
//! for the times they too answer `AwaitingAdmin` (the http endpoint's `pending_admin`, the
//! simulated `+manual` tag), so [`expected_minutes`] reads it from any provider's settings.

use serde_json::{Map, Value};

use super::{settings_number, settings_object, InviteOutcome, InviteRequest, ProviderAdapter, ProviderError};

/// What the buyer is told to expect when a provider's settings say nothing.
pub const DEFAULT_EXPECTED_MINUTES: u32 = 60;
/// A week: the longest wait a setting may promise.
pub const MAX_EXPECTED_MINUTES: u32 = 10_080;
/// The setting's key, in every adapter's settings.
pub const EXPECTED_MINUTES_KEY: &str = "expected_minutes";

/// The minutes the buyer should expect to wait for an admin, from any adapter's settings:
/// their `expected_minutes` when it is valid, else [`DEFAULT_EXPECTED_MINUTES`]. Never fails,
/// so the job can always tell the buyer something ([`super::build`] has already refused an
/// invalid value).
pub fn expected_minutes(settings: &Value) -> u32 {
    settings.as_object().and_then(|map| parse_expected_minutes(map).ok()).unwrap_or(DEFAULT_EXPECTED_MINUTES)
}

/// `expected_minutes` of a settings object, checked; the default when absent.
pub(super) fn parse_expected_minutes(settings: &Map<String, Value>) -> Result<u32, String> {
    let minutes = settings_number(
        settings,
        EXPECTED_MINUTES_KEY,
        u64::from(DEFAULT_EXPECTED_MINUTES),
        1..=u64::from(MAX_EXPECTED_MINUTES),
    )?;
    Ok(u32::try_from(minutes).unwrap_or(DEFAULT_EXPECTED_MINUTES))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manual {
    expected_minutes: u32,
}

impl Manual {
    pub fn from_settings(settings: &Value) -> Result<Manual, String> {
        let settings = settings_object(settings, &[EXPECTED_MINUTES_KEY])?;
        Ok(Manual { expected_minutes: parse_expected_minutes(&settings)? })
    }

    /// How long the buyer should expect to wait for the admin, in minutes.
    pub fn expected_minutes(&self) -> u32 {
        self.expected_minutes
    }
}

#[async_trait::async_trait]
impl ProviderAdapter for Manual {
    fn name(&self) -> &'static str {
        "manual"
    }

    /// Always waits for the admin: nothing is sent from here, so calling it again is harmless.
    async fn invite(&self, _request: &InviteRequest<'_>) -> Result<InviteOutcome, ProviderError> {
        Ok(InviteOutcome::AwaitingAdmin)
    }

    // `check` and `revoke` keep the trait's `Unsupported`: only the admin knows, and the admin
    // takes a seat back by hand.
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::fulfillment::providers::TestInvite;

    #[test]
    fn expected_minutes_defaults_to_an_hour() {
        assert_eq!(expected_minutes(&json!({})), 60);
        assert_eq!(expected_minutes(&Value::Null), 60);
        assert_eq!(Manual::from_settings(&json!({})).map(|m| m.expected_minutes()), Ok(60));
        assert_eq!(Manual::from_settings(&Value::Null).map(|m| m.expected_minutes()), Ok(60));
    }

    #[test]
    fn expected_minutes_reads_the_setting_of_any_adapter() {
        assert_eq!(expected_minutes(&json!({"expected_minutes": 1})), 1);
        assert_eq!(expected_minutes(&json!({"expected_minutes": 10080})), 10_080);
        assert_eq!(expected_minutes(&json!({"url": "https://x.example", "expected_minutes": 240})), 240);
        assert_eq!(Manual::from_settings(&json!({"expected_minutes": 15})).map(|m| m.expected_minutes()), Ok(15));
    }

    #[test]
    fn expected_minutes_outside_a_week_is_refused_and_read_as_the_default() {
        for bad in [json!(0), json!(10_081), json!(-5), json!(1.5), json!("60"), json!(null)] {
            let settings = json!({ "expected_minutes": bad });
            assert_eq!(
                Manual::from_settings(&settings),
                Err("expected_minutes must be a whole number from 1 to 10080".to_owned()),
                "{settings}"
            );
            assert_eq!(expected_minutes(&settings), 60, "{settings}");
        }
    }

    #[test]
    fn unknown_settings_are_refused() {
        let err = Manual::from_settings(&json!({"expected_minute": 30})).err().unwrap_or_default();
        assert!(err.starts_with("unknown setting \"expected_minute\""), "{err}");
    }

    #[tokio::test]
    async fn invite_waits_for_the_admin_every_time_and_cannot_check_or_revoke() {
        let invite = TestInvite::to("budi@contoh.id");
        let request = invite.request();
        let manual = Manual::from_settings(&json!({})).expect("empty settings are valid");
        assert_eq!(manual.invite(&request).await, Ok(InviteOutcome::AwaitingAdmin));
        assert_eq!(manual.invite(&request).await, Ok(InviteOutcome::AwaitingAdmin));
        assert_eq!(manual.check(&request, None).await, Err(ProviderError::Unsupported));
        assert_eq!(manual.revoke(&request, None).await, Err(ProviderError::Unsupported));
    }
}

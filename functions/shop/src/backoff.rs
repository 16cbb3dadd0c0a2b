//! Exponential backoff with jitter, for everything that is tried again: fulfillment jobs,
//! cooling pool accounts, notifications. The n-th failure waits `base × 2^(n-1)`, capped,
//! then moved by up to ±10% (River's jitter), so that many failing together (a provider or
//! gateway outage) do not all come back at the same instant.

use std::time::Duration;

use rand::Rng;

/// How far jitter moves a delay either way.
pub const JITTER: f64 = 0.10;

/// The un-jittered delay after the `failures`-th failure in a row (1 = the first): `base ×
/// 2^(failures-1)`, at most `cap`.
pub fn nominal(failures: u32, base: Duration, cap: Duration) -> Duration {
    let exponent = failures.saturating_sub(1).min(30);
    base.saturating_mul(1u32 << exponent).min(cap)
}

/// The delay after the `failures`-th failure: [`nominal`] times a factor drawn from
/// `1 ± JITTER` (`unit` in `[0, 1)`, from the caller's random source).
pub fn with_jitter(failures: u32, base: Duration, cap: Duration, unit: f64) -> Duration {
    let factor = 1.0 - JITTER + 2.0 * JITTER * unit.clamp(0.0, 1.0);
    nominal(failures, base, cap).mul_f64(factor)
}

/// [`with_jitter`] with the thread's random source.
pub fn delay(failures: u32, base: Duration, cap: Duration) -> Duration {
    with_jitter(failures, base, cap, rand::thread_rng().gen::<f64>())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Duration = Duration::from_secs(5);
    const CAP: Duration = Duration::from_secs(3600);

    #[test]
    fn doubles_then_stops_at_the_cap() {
        let seconds: Vec<u64> = (1..=12).map(|n| nominal(n, BASE, CAP).as_secs()).collect();
        assert_eq!(seconds, [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]);
        assert_eq!(nominal(0, BASE, CAP), BASE, "0 failures counts as the first");
        assert_eq!(nominal(u32::MAX, BASE, CAP), CAP, "no overflow");
    }

    /// Property: for many random draws, every delay is within ±10% of its nominal value,
    /// never above cap × 1.1, and the nominal sequence never decreases.
    #[test]
    fn jitter_stays_within_ten_percent_and_the_cap_holds() {
        let mut rng = rand::thread_rng();
        for _ in 0..20_000 {
            let base = Duration::from_millis(rng.gen_range(1..=60_000));
            let cap = base * rng.gen_range(1..=5_000);
            let failures = rng.gen_range(1..=64);
            let unit: f64 = rng.gen();
            let nominal_delay = nominal(failures, base, cap);
            let jittered = with_jitter(failures, base, cap, unit);
            let low = nominal_delay.mul_f64(1.0 - JITTER);
            let high = nominal_delay.mul_f64(1.0 + JITTER);
            assert!(jittered >= low && jittered <= high, "{jittered:?} outside {low:?}..{high:?}");
            assert!(jittered <= cap.mul_f64(1.0 + JITTER));
            assert!(nominal(failures + 1, base, cap) >= nominal_delay, "monotone");
        }
        assert_eq!(with_jitter(1, BASE, CAP, 0.0), BASE.mul_f64(0.9));
        assert_eq!(with_jitter(1, BASE, CAP, 1.0), BASE.mul_f64(1.1));
    }
}

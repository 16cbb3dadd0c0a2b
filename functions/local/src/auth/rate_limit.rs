//! Request limits with GoTrue's answers: 429 `over_request_rate_limit` "Request rate limit
//! reached" for requests, `over_email_send_rate_limit` for mail (with "For security
//! purposes, you can only request this after N seconds." when one address was mailed too
//! recently). Kept in memory: token buckets per (kind, key), where the key is the client
//! IP or the normalised address. Limits apply whether or not an address has an account,
//! so a 429 reveals nothing about who is registered.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{Mutex, MutexGuard, PoisonError},
    time::{Duration, Instant},
};

use super::{config::RateLimits, errors::AuthError};

const FIVE_MINUTES: Duration = Duration::from_secs(300);
const ONE_HOUR: Duration = Duration::from_secs(3600);
/// Past this many remembered keys, full buckets are forgotten.
const PRUNE_ABOVE: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    SignInSignUpPerIp,
    SignInPerEmail,
    EmailSentPerIp,
    TokenRefreshPerIp,
    VerifyPerIp,
}

#[derive(Debug)]
pub struct RateLimiter {
    limits: RateLimits,
    buckets: Mutex<HashMap<(Limit, String), Bucket>>,
    last_mail: Mutex<HashMap<String, Instant>>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl RateLimiter {
    pub fn new(limits: RateLimits) -> RateLimiter {
        RateLimiter { limits, buckets: Mutex::default(), last_mail: Mutex::default() }
    }

    pub fn per_ip(&self, limit: Limit, ip: IpAddr) -> Result<(), AuthError> {
        self.take(limit, &ip.to_string())
    }

    pub fn per_email(&self, limit: Limit, email: &str) -> Result<(), AuthError> {
        self.take(limit, email)
    }

    fn take(&self, limit: Limit, key: &str) -> Result<(), AuthError> {
        let (capacity, window) = self.capacity(limit);
        if capacity == 0 {
            return Ok(());
        }
        let capacity = f64::from(capacity);
        let now = Instant::now();
        let mut buckets = lock(&self.buckets);
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, bucket| {
                bucket.tokens + now.duration_since(bucket.updated).as_secs_f64() * capacity / window.as_secs_f64()
                    < capacity
            });
        }
        let bucket = buckets.entry((limit, key.to_owned())).or_insert(Bucket { tokens: capacity, updated: now });
        let refill = now.duration_since(bucket.updated).as_secs_f64() * capacity / window.as_secs_f64();
        bucket.tokens = (bucket.tokens + refill).min(capacity);
        bucket.updated = now;
        if bucket.tokens < 1.0 {
            return Err(match limit {
                Limit::EmailSentPerIp => AuthError::too_many("over_email_send_rate_limit", "Email rate limit exceeded"),
                _ => AuthError::too_many("over_request_rate_limit", "Request rate limit reached"),
            });
        }
        bucket.tokens -= 1.0;
        Ok(())
    }

    fn capacity(&self, limit: Limit) -> (u32, Duration) {
        let l = &self.limits;
        match limit {
            Limit::SignInSignUpPerIp => (l.sign_in_sign_ups_per_ip, FIVE_MINUTES),
            Limit::SignInPerEmail => (l.sign_in_per_email, FIVE_MINUTES),
            Limit::EmailSentPerIp => (l.email_sent_per_ip, ONE_HOUR),
            Limit::TokenRefreshPerIp => (l.token_refresh_per_ip, FIVE_MINUTES),
            Limit::VerifyPerIp => (l.verify_per_ip, FIVE_MINUTES),
        }
    }

    /// A mail to `email` may go out: the last one was long enough ago (and this one is
    /// counted from now on).
    pub fn mail_to(&self, email: &str) -> Result<(), AuthError> {
        let interval = self.limits.email_interval;
        if interval.is_zero() {
            return Ok(());
        }
        let now = Instant::now();
        let mut last_mail = lock(&self.last_mail);
        if last_mail.len() > PRUNE_ABOVE {
            last_mail.retain(|_, sent| now.duration_since(*sent) < interval);
        }
        if let Some(sent) = last_mail.get(email) {
            let elapsed = now.duration_since(*sent);
            if elapsed < interval {
                let wait = (interval - elapsed).as_secs_f64().ceil().max(1.0);
                return Err(AuthError::too_many(
                    "over_email_send_rate_limit",
                    format!("For security purposes, you can only request this after {wait} seconds."),
                ));
            }
        }
        last_mail.insert(email.to_owned(), now);
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    #[test]
    fn a_bucket_empties_and_other_keys_are_independent() {
        let limiter = RateLimiter::new(RateLimits { sign_in_sign_ups_per_ip: 3, ..RateLimits::default() });
        let a = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        let b = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        for _ in 0..3 {
            assert!(limiter.per_ip(Limit::SignInSignUpPerIp, a).is_ok());
        }
        let err = limiter.per_ip(Limit::SignInSignUpPerIp, a).expect_err("4th");
        assert_eq!((err.status().as_u16(), err.code()), (429, "over_request_rate_limit"));
        assert!(limiter.per_ip(Limit::SignInSignUpPerIp, b).is_ok());
        assert!(limiter.per_ip(Limit::VerifyPerIp, a).is_ok());
    }

    #[test]
    fn zero_switches_a_limit_off() {
        let limiter = RateLimiter::new(RateLimits::default().without_ip_limits());
        for _ in 0..1000 {
            assert!(limiter.per_ip(Limit::SignInSignUpPerIp, IpAddr::V4(Ipv4Addr::LOCALHOST)).is_ok());
        }
    }

    #[test]
    fn one_address_is_mailed_at_most_once_per_interval() {
        let limiter = RateLimiter::new(RateLimits::default());
        assert!(limiter.mail_to("a@example.com").is_ok());
        let err = limiter.mail_to("a@example.com").expect_err("too soon");
        assert_eq!(err.code(), "over_email_send_rate_limit");
        assert_eq!(err.message(), "For security purposes, you can only request this after 60 seconds.");
        assert!(limiter.mail_to("b@example.com").is_ok());
    }
}

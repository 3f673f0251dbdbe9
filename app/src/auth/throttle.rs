//! Brute-force protection for sign-in: attempts are limited per client address and per
//! account (governor's keyed GCRA limiters). The address is the TCP peer; a forwarded
//! header is not trusted, since no proxy is configured.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// Attempts one address may make in a burst, then one more every 3 seconds.
const PER_ADDRESS_BURST: u32 = 20;
const PER_ADDRESS_PERIOD: Duration = Duration::from_secs(3);
/// Attempts on one account in a burst, then one more every 3 minutes.
const PER_ACCOUNT_BURST: u32 = 5;
const PER_ACCOUNT_PERIOD: Duration = Duration::from_secs(180);

pub struct LoginThrottle {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    per_account: DefaultKeyedRateLimiter<String>,
}

fn quota(period: Duration, burst: u32) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(period)
        .map(|q| q.allow_burst(burst))
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle {
            per_address: RateLimiter::keyed(quota(PER_ADDRESS_PERIOD, PER_ADDRESS_BURST)),
            per_account: RateLimiter::keyed(quota(PER_ACCOUNT_PERIOD, PER_ACCOUNT_BURST)),
        }
    }
}

impl LoginThrottle {
    /// `Err(wait)` when this attempt must be refused; `wait` is how long until the
    /// next one is allowed.
    pub fn check(&self, address: IpAddr, account: &str) -> Result<(), Duration> {
        let now = DefaultClock::default().now();
        self.per_address
            .check_key(&address)
            .map_err(|not_until| not_until.wait_time_from(now))?;
        self.per_account
            .check_key(&account.to_owned())
            .map_err(|not_until| not_until.wait_time_from(now))
    }

    /// Forgets keys whose limits have recovered, so memory stays bounded.
    pub fn tidy(&self) {
        self.per_address.retain_recent();
        self.per_account.retain_recent();
    }
}

/// The same limits for the forms that send a letter to an address (registration,
/// password reset), so nobody can flood an inbox or probe addresses quickly.
#[derive(Default)]
pub struct MailThrottle(pub LoginThrottle);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_throttled_after_its_burst_and_others_are_not() {
        let throttle = LoginThrottle::default();
        let ip: IpAddr = [127, 0, 0, 1].into();
        for _ in 0..PER_ACCOUNT_BURST {
            assert!(throttle.check(ip, "a@example.org").is_ok());
        }
        let wait = throttle.check(ip, "a@example.org").unwrap_err();
        assert!(wait > Duration::from_secs(60));
        assert!(throttle.check(ip, "b@example.org").is_ok());
    }

    #[test]
    fn an_address_is_throttled_across_accounts() {
        let throttle = LoginThrottle::default();
        let ip: IpAddr = [10, 0, 0, 1].into();
        for i in 0..PER_ADDRESS_BURST {
            assert!(throttle.check(ip, &format!("u{i}@example.org")).is_ok());
        }
        assert!(throttle.check(ip, "another@example.org").is_err());
        assert!(throttle
            .check([10, 0, 0, 2].into(), "another@example.org")
            .is_ok());
    }
}

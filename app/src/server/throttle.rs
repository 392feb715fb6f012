//! Login rate limiting: a few attempts a minute per account and per client address,
//! so passwords cannot be guessed online. Counts every attempt, successful or not.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

pub struct LoginThrottle {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginThrottle {
    /// `per_account` attempts a minute for one e-mail address and `per_address` for one
    /// client address (an office behind one NAT shares that budget, so it is larger).
    pub fn new(per_account: NonZeroU32, per_address: NonZeroU32) -> Self {
        Self {
            per_account: RateLimiter::keyed(Quota::per_minute(per_account)),
            per_address: RateLimiter::keyed(Quota::per_minute(per_address)),
        }
    }

    /// Whether one more attempt is allowed now; records the attempt when it is.
    pub fn allow(&self, email: &str, address: Option<IpAddr>) -> bool {
        let address_ok = address.is_none_or(|ip| self.per_address.check_key(&ip).is_ok());
        let account_ok = self.per_account.check_key(&email.to_lowercase()).is_ok();
        address_ok && account_ok
    }

    /// Forgets keys whose budget is full again, keeping memory bounded.
    pub fn prune(&self) {
        self.per_account.retain_recent();
        self.per_address.retain_recent();
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        const FIVE: NonZeroU32 = NonZeroU32::new(5).expect("non-zero");
        const THIRTY: NonZeroU32 = NonZeroU32::new(30).expect("non-zero");
        Self::new(FIVE, THIRTY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_attempt_on_one_account_within_a_minute_is_refused() {
        let throttle = LoginThrottle::default();
        for _ in 0..5 {
            assert!(throttle.allow("a@example.jp", None));
        }
        assert!(!throttle.allow("A@example.jp", None));
        assert!(throttle.allow("b@example.jp", None));
    }
}

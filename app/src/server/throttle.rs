//! Login rate limiting: a few attempts a minute per account and per client address,
//! so passwords cannot be guessed online. Counts every attempt, successful or not.

use super::clock::Clock;
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

/// The limiter reads our [`Clock`], so a test decides when time passes.
#[derive(Clone)]
struct LimiterClock(Clock);

impl governor::clock::Clock for LimiterClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

type Limiter<K> = RateLimiter<K, DashMapStateStore<K>, LimiterClock, NoOpMiddleware<Duration>>;

pub struct LoginThrottle {
    per_account: Limiter<String>,
    per_address: Limiter<IpAddr>,
}

impl LoginThrottle {
    /// `per_account` attempts a minute for one e-mail address and `per_address` for one
    /// client address (an office behind one NAT shares that budget, so it is larger).
    pub fn new(per_account: NonZeroU32, per_address: NonZeroU32, clock: Clock) -> Self {
        let clock = LimiterClock(clock);
        Self {
            per_account: RateLimiter::dashmap_with_clock(
                Quota::per_minute(per_account),
                clock.clone(),
            ),
            per_address: RateLimiter::dashmap_with_clock(Quota::per_minute(per_address), clock),
        }
    }

    /// The office's limits: 5 attempts a minute per account, 30 per client address.
    pub fn with_clock(clock: Clock) -> Self {
        const FIVE: NonZeroU32 = NonZeroU32::new(5).expect("non-zero");
        const THIRTY: NonZeroU32 = NonZeroU32::new(30).expect("non-zero");
        Self::new(FIVE, THIRTY, clock)
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

/// Wrong personal links: an address that tries many tokens that do not exist is
/// guessing. Past the budget it is refused every link, right or wrong, until the budget
/// refills, so guessing cannot go on at full speed. Right links never use the budget: a
/// company behind a shared address is not slowed down by its colleagues' answers.
pub struct LinkThrottle {
    clock: Clock,
    wrong_per_address: Limiter<IpAddr>,
    /// Addresses over budget, and until when (on the limiter's clock).
    blocked: Mutex<HashMap<IpAddr, Duration>>,
}

impl LinkThrottle {
    /// `per_minute` wrong links a minute per client address.
    pub fn new(per_minute: NonZeroU32, clock: Clock) -> Self {
        Self {
            wrong_per_address: RateLimiter::dashmap_with_clock(
                Quota::per_minute(per_minute),
                LimiterClock(clock.clone()),
            ),
            clock,
            blocked: Mutex::new(HashMap::new()),
        }
    }

    /// The office's limit: 20 wrong links a minute per address (someone retyping a link
    /// from paper makes a few mistakes, not twenty).
    pub fn with_clock(clock: Clock) -> Self {
        const TWENTY: NonZeroU32 = NonZeroU32::new(20).expect("non-zero");
        Self::new(TWENTY, clock)
    }

    fn blocked(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Duration>> {
        // A panic while holding the lock leaves a valid map: keep using it.
        self.blocked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether this address may try a link now.
    pub fn may_try(&self, address: Option<IpAddr>) -> bool {
        let Some(ip) = address else { return true };
        let now = self.clock.elapsed();
        let mut blocked = self.blocked();
        match blocked.get(&ip) {
            Some(until) if *until > now => false,
            Some(_) => {
                blocked.remove(&ip);
                true
            }
            None => true,
        }
    }

    /// Counts one wrong link from this address; returns whether it was still within the
    /// budget.
    pub fn wrong(&self, address: Option<IpAddr>) -> bool {
        let Some(ip) = address else { return true };
        match self.wrong_per_address.check_key(&ip) {
            Ok(()) => true,
            Err(not_until) => {
                let until = not_until.earliest_possible();
                self.blocked().insert(ip, until);
                false
            }
        }
    }

    /// Forgets addresses whose budget is full again.
    pub fn prune(&self) {
        self.wrong_per_address.retain_recent();
        let now = self.clock.elapsed();
        self.blocked().retain(|_, until| *until > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn the_sixth_attempt_on_one_account_within_a_minute_is_refused() {
        let clock = Clock::manual(Utc::now());
        let throttle = LoginThrottle::with_clock(clock.clone());
        for _ in 0..5 {
            assert!(throttle.allow("a@example.jp", None));
        }
        assert!(!throttle.allow("A@example.jp", None));
        assert!(throttle.allow("b@example.jp", None));
    }

    #[test]
    fn an_account_gets_one_attempt_back_every_twelve_seconds() {
        let clock = Clock::manual(Utc::now());
        let throttle = LoginThrottle::with_clock(clock.clone());
        for _ in 0..5 {
            assert!(throttle.allow("a@example.jp", None));
        }
        clock.advance(Duration::from_secs(11));
        assert!(!throttle.allow("a@example.jp", None), "not yet");
        clock.advance(Duration::from_secs(1));
        assert!(throttle.allow("a@example.jp", None), "one attempt back");
        assert!(!throttle.allow("a@example.jp", None), "only one");
    }

    #[test]
    fn one_address_may_try_thirty_times_a_minute_across_accounts() {
        let throttle = LoginThrottle::with_clock(Clock::manual(Utc::now()));
        let office = Some(IpAddr::from([192, 0, 2, 1]));
        for n in 0..30 {
            assert!(throttle.allow(&format!("user{n}@example.jp"), office));
        }
        assert!(!throttle.allow("someone@example.jp", office));
        assert!(throttle.allow("someone@example.jp", Some(IpAddr::from([192, 0, 2, 2]))));
    }

    #[test]
    fn an_address_guessing_links_is_stopped_until_its_budget_refills() {
        let clock = Clock::manual(Utc::now());
        let throttle = LinkThrottle::new(NonZeroU32::new(3).expect("non-zero"), clock.clone());
        let guesser = Some(IpAddr::from([198, 51, 100, 7]));
        for _ in 0..3 {
            assert!(throttle.may_try(guesser));
            assert!(throttle.wrong(guesser));
        }
        assert!(
            !throttle.wrong(guesser),
            "the fourth wrong link is over budget"
        );
        assert!(!throttle.may_try(guesser), "and now every link is refused");
        assert!(throttle.may_try(Some(IpAddr::from([198, 51, 100, 8]))));
        clock.advance(Duration::from_secs(20));
        assert!(
            throttle.may_try(guesser),
            "a third of a minute later, one more try"
        );
    }
}

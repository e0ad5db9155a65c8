//! Client-side rate limiting: one limiter per action, shared by every task
//! that uses the client, so that callers wait instead of burning requests on
//! `RequestLimitExceeded`.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// Which rate each action is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RateLimit {
    /// No client-side limit (the default).
    #[default]
    Off,
    /// Each action's documented rate (`rate_limit_per_second` in its spec);
    /// actions without one are not limited.
    Spec,
    /// This many requests per second for every action.
    PerSecond(u32),
}

/// Evenly spaced slots per action (the generic cell rate algorithm): a burst of
/// up to one second's worth, then one slot every `1 / rate`.
#[derive(Debug, Default)]
pub(crate) struct Limiter {
    next_free: Mutex<HashMap<String, Instant>>,
}

impl Limiter {
    /// Reserves a slot for the action and returns how long to wait for it, or
    /// `None` when the wait would pass `deadline` (nothing is reserved then).
    pub(crate) fn reserve(&self, key: &str, per_second: u32, now: Instant, deadline: Instant) -> Option<Duration> {
        let per_second = per_second.max(1);
        let interval = Duration::from_secs(1) / per_second;
        let burst = interval * (per_second - 1);
        let mut slots = self.next_free.lock().unwrap_or_else(PoisonError::into_inner);
        let theoretical = slots.get(key).copied().unwrap_or(now).max(now);
        let start = theoretical.checked_sub(burst).unwrap_or(now).max(now);
        if start > deadline {
            return None;
        }
        match slots.get_mut(key) {
            Some(slot) => *slot = theoretical + interval,
            None => {
                slots.insert(key.to_string(), theoretical + interval);
            }
        }
        Some(start - now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_per_second_allows_a_burst_then_spaces_calls() {
        let limiter = Limiter::default();
        let start = Instant::now();
        let far = start + Duration::from_secs(60);
        let key = "tcsas/DescribeMNPMAUMetricCard";
        // A second's worth goes at once.
        for _ in 0..20 {
            assert_eq!(limiter.reserve(key, 20, start, far), Some(Duration::ZERO));
        }
        // Then one every 50 ms.
        assert_eq!(limiter.reserve(key, 20, start, far), Some(Duration::from_millis(50)));
        assert_eq!(limiter.reserve(key, 20, start, far), Some(Duration::from_millis(100)));
        // Other actions have their own limiter.
        assert_eq!(limiter.reserve("tcsas/Other", 20, start, far), Some(Duration::ZERO));
        // Over 3 s, at most 20 + 60 calls get a slot.
        let mut granted = 22;
        while limiter
            .reserve(key, 20, start, start + Duration::from_secs(3))
            .is_some()
        {
            granted += 1;
        }
        assert_eq!(granted, 80);
    }

    #[test]
    fn a_wait_past_the_deadline_is_refused_and_reserves_nothing() {
        let limiter = Limiter::default();
        let now = Instant::now();
        let key = "s/a";
        assert_eq!(limiter.reserve(key, 1, now, now), Some(Duration::ZERO));
        assert_eq!(limiter.reserve(key, 1, now, now + Duration::from_millis(10)), None);
        assert_eq!(
            limiter.reserve(key, 1, now, now + Duration::from_secs(5)),
            Some(Duration::from_secs(1))
        );
    }
}

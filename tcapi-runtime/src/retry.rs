//! Retries: which failures are worth another attempt, and how long to wait.

use std::time::Duration;

use crate::error::{ErrorKind, Failure};

/// How a client retries failed calls. Set it per client with
/// [`ClientBuilder::retry_policy`](crate::ClientBuilder::retry_policy), or per
/// call with [`CallOptions`](crate::CallOptions).
///
/// The default: up to 3 attempts, exponential backoff from 100 ms with full
/// jitter, at most 2 s between attempts, and 60 s for the whole call.
///
/// What is retried:
/// - `RequestLimitExceeded` and its sub-codes, and `InternalError`;
/// - HTTP 502, 503 and 504 without a Tencent Cloud envelope;
/// - a connection that failed before any byte of the request was sent;
/// - for idempotent actions only (their request has a `ClientToken` member), a
///   failure after the request may have reached the server: a reset or a timeout.
///
/// Each attempt is signed anew with a fresh timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    total_deadline: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
            total_deadline: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries: one attempt, within the default deadline.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Sets the number of attempts, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the delay before the first retry; each later one doubles it, up to the maximum.
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Sets the longest wait between two attempts.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets the time the whole call may take, attempts, waits and rate limiting included.
    pub fn with_total_deadline(mut self, deadline: Duration) -> Self {
        self.total_deadline = deadline;
        self
    }

    /// The number of attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The time the whole call may take.
    pub fn total_deadline(&self) -> Duration {
        self.total_deadline
    }

    /// The wait before retry number `retry` (0 for the first retry): full jitter,
    /// a uniform draw between zero and the capped exponential delay.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let cap = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.min(31)))
            .min(self.max_delay);
        let nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(if nanos == 0 { 0 } else { fastrand::u64(0..=nanos) })
    }
}

/// A service error code that says "try again".
pub(crate) fn retryable_code(code: &str) -> bool {
    code == "RequestLimitExceeded" || code.starts_with("RequestLimitExceeded.") || code == "InternalError"
}

/// Whether a failure without a service envelope is worth another attempt.
pub(crate) fn retryable_failure(failure: &Failure, idempotent: bool) -> bool {
    match failure.kind {
        // Nothing reached the server (a refused or timed-out connect): always safe.
        ErrorKind::Transport | ErrorKind::Timeout if !failure.maybe_sent => true,
        // The server may have acted on it: only when a ClientToken makes a repeat harmless.
        ErrorKind::Transport | ErrorKind::Timeout => idempotent,
        // A gateway's own error page: the service never answered.
        ErrorKind::HttpStatus => matches!(failure.status, Some(502..=504)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_capped_and_jittered() {
        let policy = RetryPolicy::default();
        for retry in 0..40 {
            let cap = Duration::from_millis(100)
                .saturating_mul(1 << retry.min(20))
                .min(Duration::from_secs(2));
            assert!(policy.backoff(retry) <= cap);
        }
        assert_eq!(
            RetryPolicy::default().with_base_delay(Duration::ZERO).backoff(3),
            Duration::ZERO
        );
        assert_eq!(RetryPolicy::none().max_attempts(), 1);
        assert_eq!(RetryPolicy::default().with_max_attempts(0).max_attempts(), 1);
    }

    #[test]
    fn which_failures_are_retried() {
        let mut connect_timeout = Failure::new(ErrorKind::Timeout, "connect");
        connect_timeout.maybe_sent = false;
        assert!(retryable_failure(&connect_timeout, false), "nothing was sent");
        let read_timeout = Failure::new(ErrorKind::Timeout, "read");
        assert!(!retryable_failure(&read_timeout, false));
        assert!(retryable_failure(&read_timeout, true), "a ClientToken makes it safe");
        assert!(retryable_failure(
            &Failure::new(ErrorKind::HttpStatus, "").with_status(503),
            false
        ));
        assert!(!retryable_failure(
            &Failure::new(ErrorKind::HttpStatus, "").with_status(500),
            false
        ));
        assert!(!retryable_failure(
            &Failure::new(ErrorKind::MalformedResponse, ""),
            true
        ));
    }

    #[test]
    fn which_codes_are_retried() {
        assert!(retryable_code("RequestLimitExceeded"));
        assert!(retryable_code("RequestLimitExceeded.UinLimitExceeded"));
        assert!(retryable_code("InternalError"));
        assert!(!retryable_code("InvalidParameter"));
        assert!(!retryable_code("RequestLimitExceededX"));
    }
}

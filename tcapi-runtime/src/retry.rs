//! Retries: which failures are worth another attempt, and how long to wait.

use std::time::Duration;

use crate::error::{ErrorKind, Failure};

/// How a client retries failed calls. Set it per client with
/// [`ClientBuilder::retry`](crate::ClientBuilder::retry), or per
/// call with [`CallOptions`](crate::CallOptions).
///
/// The default: up to 3 attempts, exponential backoff from 100 ms with full
/// jitter, at most 2 s between attempts, and 60 s for the whole call.
///
/// What is retried, by one rule:
/// - for every action, a failure that cannot have reached the service: a
///   connection that failed before any byte of the request was sent, and
///   `RequestLimitExceeded` and its sub-codes (the service refused to act);
/// - for idempotent actions only, a failure that may have reached the service:
///   `InternalError`, a reset or a timeout after the request was sent, and an
///   HTTP 500, 502, 503 or 504 without a Tencent Cloud envelope.
///
/// An action is idempotent when its request has a `ClientToken` member (the
/// client fills it in), or its name says it reads (`Describe*`, `Get*`,
/// `List*`, `Query*`, `Inquire*`/`Inquiry*`, `Check*`); a spec's `idempotent`
/// extension marks any action either way. See [`crate::ActionInfo::idempotent`].
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

/// Whether a service error code calls for another attempt. A refusal to act
/// (`RequestLimitExceeded*`) always does; `InternalError` may have acted, so
/// only an idempotent action is sent again.
pub(crate) fn retryable_code(code: &str, idempotent: bool) -> bool {
    let refused = code == "RequestLimitExceeded" || code.starts_with("RequestLimitExceeded.");
    refused || (code == "InternalError" && idempotent)
}

/// Whether a failure without a service envelope calls for another attempt:
/// always when nothing was sent, and for an idempotent action when the request
/// may have reached the service.
pub(crate) fn retryable_failure(failure: &Failure, idempotent: bool) -> bool {
    match failure.kind {
        ErrorKind::Transport | ErrorKind::Timeout if !failure.maybe_sent => true,
        ErrorKind::Transport | ErrorKind::Timeout => idempotent,
        // An error page from the service's side: the request was sent, and may have acted.
        ErrorKind::HttpStatus => idempotent && matches!(failure.status, Some(500 | 502..=504)),
        _ => false,
    }
}

/// The read-only name prefixes that make an action idempotent. The generator
/// (`tcapi-codegen`'s `idempotency.rs`) applies its copy to spec actions, the
/// common client this one to names it is given; a test in `tests/` keeps the
/// two equal.
pub const READ_ONLY_PREFIXES: &[&str] = &["Describe", "Get", "List", "Query", "Inquire", "Inquiry", "Check"];

/// Whether an action's name says it only reads.
pub(crate) fn reads_only(action: &str) -> bool {
    READ_ONLY_PREFIXES.iter().any(|prefix| action.starts_with(prefix))
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
        let page = |status| Failure::new(ErrorKind::HttpStatus, "").with_status(status);
        assert!(retryable_failure(&page(503), true));
        assert!(retryable_failure(&page(500), true));
        assert!(
            !retryable_failure(&page(503), false),
            "the request reached the service's side"
        );
        assert!(!retryable_failure(&page(501), true));
        assert!(!retryable_failure(
            &Failure::new(ErrorKind::MalformedResponse, ""),
            true
        ));
    }

    #[test]
    fn which_codes_are_retried() {
        for idempotent in [false, true] {
            assert!(retryable_code("RequestLimitExceeded", idempotent));
            assert!(retryable_code("RequestLimitExceeded.UinLimitExceeded", idempotent));
            assert!(!retryable_code("InvalidParameter", idempotent));
            assert!(!retryable_code("RequestLimitExceededX", idempotent));
        }
        assert!(retryable_code("InternalError", true));
        assert!(!retryable_code("InternalError", false), "it may have acted");
    }

    #[test]
    fn read_only_names() {
        for name in [
            "DescribeInstances",
            "GetX",
            "ListY",
            "QueryZ",
            "InquirePrice",
            "InquiryPrice",
            "CheckIt",
        ] {
            assert!(reads_only(name), "{name}");
        }
        for name in ["RunInstances", "CreateX", "ModifyY", "DeleteZ", "describeLower"] {
            assert!(!reads_only(name), "{name}");
        }
    }
}

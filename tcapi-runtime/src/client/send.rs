//! The retry and deadline loop around attempts: rate limit, credentials,
//! attempt, classify, back off.

use std::sync::Arc;

use tokio::time::Instant;
use tracing::Instrument;

use super::prepare::Prepared;
use super::{Client, Reply, Sent, Target};
use crate::credentials::Credentials;
use crate::decode::{envelope, Outcome};
use crate::error::{ErrorKind, Failure};
use crate::options::CallOptions;
use crate::ratelimit::RateLimit;
use crate::retry::{retryable_code, retryable_failure};

/// Why a reply calls for another attempt, if it does: a retryable service code,
/// or a 5xx error page (see [`crate::RetryPolicy`] for the rule).
fn retry_reason(reply: &Reply, idempotent: bool) -> Option<String> {
    // A 200 can only call for a retry through a service error, whose envelope
    // has an `"Error"` key: skip parsing the body of every success twice.
    if !reply.may_hold_error {
        return None;
    }
    match envelope(reply.status, &reply.body) {
        Ok(Outcome::Service { code, .. }) if retryable_code(&code, idempotent) => Some(code),
        Ok(_) => None,
        Err(failure) if retryable_failure(&failure, idempotent) => Some(failure.summary()),
        Err(_) => None,
    }
}

/// Ends a call with the last attempt's own outcome, or `otherwise` when none was sent.
fn finish(
    last: Option<Result<Reply, Failure>>,
    otherwise: Failure,
    attempts: u32,
    history: Vec<String>,
) -> Result<Sent, (Failure, u32, Vec<String>)> {
    match last {
        Some(Ok(reply)) => {
            record_request_id(&reply, attempts, !tracing::Span::current().is_disabled());
            Ok(Sent {
                reply,
                attempts,
                history,
            })
        }
        Some(Err(failure)) => Err((failure, attempts, history)),
        None => Err((otherwise, attempts, history)),
    }
}

/// Why a call ends when its total deadline has passed.
fn deadline_passed() -> Failure {
    Failure::new(ErrorKind::Timeout, "the call's total deadline passed")
}

/// An instant further than any deadline, for deadlines too long to add.
fn far_future() -> Instant {
    Instant::now() + std::time::Duration::from_secs(60 * 60 * 24 * 365 * 30)
}

/// Puts the final RequestId on the call's span and closes the call with an
/// event that carries it, when anything listens (`traced`).
fn record_request_id(reply: &Reply, attempts: u32, traced: bool) {
    if !traced {
        return;
    }
    let span = tracing::Span::current();
    if let Some(id) = crate::decode::request_id(&reply.body) {
        span.record("request_id", id.as_str());
    }
    tracing::debug!(status = reply.status, attempts, "tcapi call answered");
}

impl Client {
    /// Sends with retries and rate limiting. Not generic, so it is compiled once
    /// for all actions. Returns the final reply (which may hold a service error),
    /// or the failure of the last attempt; either way, why each attempt failed.
    pub(crate) async fn send(
        &self,
        target: &Target<'_>,
        body: &[u8],
        options: &CallOptions,
    ) -> Result<Sent, (Failure, u32, Vec<String>)> {
        let settings = &*self.settings;
        let prepared = self.prepare(options).map_err(|failure| (failure, 0, Vec::new()))?;
        let (policy, attempt_timeout) = (prepared.retry, prepared.timeout);
        let span = tracing::debug_span!(
            "tcapi.call",
            service = target.service,
            action = target.action,
            region = settings.region.as_deref().unwrap_or(""),
            request_id = tracing::field::Empty,
        );
        let traced = !span.is_disabled();
        async move {
            let started = Instant::now();
            // A deadline too far to represent is no deadline.
            let deadline = started.checked_add(policy.total_deadline()).unwrap_or_else(far_future);
            let mut history = Vec::new();
            let mut attempts = 0;
            // The outcome of the last attempt actually sent.
            let mut last: Option<Result<Reply, Failure>> = None;
            // Read once per attempt: clock reads add up on a fast call.
            let mut now = started;
            loop {
                if let Some(per_second) = self.rate_for(target) {
                    let key = format!("{}/{}", target.service, target.action);
                    match settings.limiter.reserve(&key, per_second, now, deadline) {
                        Some(wait) if wait.is_zero() => {}
                        Some(wait) => {
                            tokio::time::sleep(wait).await;
                            now = Instant::now();
                        }
                        None => {
                            let message =
                                format!("the rate limit of {per_second}/s has no free slot before the call's deadline");
                            return finish(last, Failure::new(ErrorKind::RateLimited, message), attempts, history);
                        }
                    }
                }
                let mut remaining = deadline.saturating_duration_since(now);
                if remaining.is_zero() {
                    return finish(last, deadline_passed(), attempts, history);
                }
                // Fetched for each attempt: a refresh may have replaced them since the last one.
                let (credentials, waited) = match self.credentials(&prepared).await {
                    Ok(fetched) => fetched,
                    Err(failure) => return finish(None, failure, attempts, history),
                };
                if waited {
                    // A refresh may have taken a while: the attempt's time starts after it.
                    now = Instant::now();
                    remaining = deadline.saturating_duration_since(now);
                    if remaining.is_zero() {
                        return finish(last, deadline_passed(), attempts, history);
                    }
                }
                attempts += 1;
                let result = self
                    .attempt(
                        target,
                        &prepared,
                        credentials.as_deref(),
                        body,
                        now,
                        now.checked_add(attempt_timeout.min(remaining)).unwrap_or(deadline),
                    )
                    .instrument(tracing::debug_span!("tcapi.attempt", attempt = attempts))
                    .await;
                let (reason, retryable, outcome) = match result {
                    Ok(reply) => match retry_reason(&reply, target.idempotent) {
                        None => {
                            record_request_id(&reply, attempts, traced);
                            return Ok(Sent {
                                reply,
                                attempts,
                                history,
                            });
                        }
                        Some(reason) => (reason, true, Ok(reply)),
                    },
                    Err(failure) => {
                        let retryable = retryable_failure(&failure, target.idempotent);
                        (failure.summary(), retryable, Err(failure))
                    }
                };
                tracing::debug!(
                    attempt = attempts,
                    reason = reason.as_str(),
                    retryable,
                    "tcapi attempt failed"
                );
                history.push(reason);
                last = Some(outcome);
                let delay = policy.backoff(attempts - 1);
                let out_of_time = deadline.saturating_duration_since(Instant::now()) <= delay;
                if !retryable || attempts >= policy.max_attempts() || out_of_time {
                    return finish(last, deadline_passed(), attempts, history);
                }
                tokio::time::sleep(delay).await;
                now = Instant::now();
            }
        }
        .instrument(span)
        .await
    }

    /// whether getting them may have waited for a refresh.
    async fn credentials(&self, prepared: &Prepared<'_>) -> Result<(Option<Arc<Credentials>>, bool), Failure> {
        if prepared.unsigned {
            return Ok((None, false));
        }
        let cache = self.settings.credentials.as_ref().ok_or_else(|| {
            Failure::new(
                ErrorKind::Config,
                "no credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or give the builder Credentials or a provider",
            )
        })?;
        if let Some(credentials) = cache.fresh() {
            return Ok((Some(credentials), false));
        }
        // Boxed: a refresh is rare, and its future would make every call's larger.
        match Box::pin(cache.get()).await {
            Ok(credentials) => Ok((Some(credentials), true)),
            Err(error) => {
                let message = error.to_string();
                Err(Failure::new(ErrorKind::Credentials, message).with_source(error))
            }
        }
    }

    /// The rate this action is held to, if any.
    fn rate_for(&self, target: &Target<'_>) -> Option<u32> {
        match self.settings.rate_limit {
            RateLimit::Off => None,
            RateLimit::Spec => target.rate_limit_per_second,
            RateLimit::PerSecond(n) => Some(n),
        }
    }
}

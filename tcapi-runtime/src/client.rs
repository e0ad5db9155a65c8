//! The one generic call path that every generated method goes through.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderName, HeaderValue};
use tokio::time::Instant;
use zeroize::Zeroizing;

use tracing::Instrument;

use crate::action::{Action, ActionInfo};
use crate::config::{ClientBuilder, Language};
use crate::credentials::Credentials;
use crate::decode::{decode_knowing, envelope, may_hold_error, Outcome};
use crate::endpoint::{Endpoint, UrlCache};
use crate::error::{ConfigError, Error, ErrorKind, Failure};
pub use crate::options::CallOptions;
use crate::options::{extra_header, request_client, ContentType};
use crate::provider::CredentialsCache;
use crate::ratelimit::{Limiter, RateLimit};
use crate::retry::{retryable_code, retryable_failure, RetryPolicy};
use crate::sign::{self, SigningInput};
use crate::transport::RequestHead;

/// The default Content-Type of every call, signed as sent.
pub const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A configured, cheaply cloneable client. One client serves every service and action.
#[derive(Clone)]
pub struct Client {
    settings: Arc<Settings>,
}

/// The HTTP stack chosen by [`crate::Transport`].
pub(crate) enum Engine {
    Inline(crate::transport::InlinePool),
    Reqwest(reqwest::Client),
}

pub(crate) struct Settings {
    pub(crate) engine: Engine,
    pub(crate) signing_keys: SigningKeyCache,
    pub(crate) credentials: Option<CredentialsCache>,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Endpoint,
    pub(crate) urls: UrlCache,
    pub(crate) language: Language,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) request_client: HeaderValue,
    pub(crate) content_type: ContentType,
    pub(crate) max_response_bytes: usize,
    pub(crate) timeout: std::time::Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) rate_limit: RateLimit,
    pub(crate) limiter: Limiter,
}

/// The raw answer to one request.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    /// What [`may_hold_error`] says of it: asked once, for the retry decision and for decoding.
    pub(crate) may_hold_error: bool,
}

impl Reply {
    fn new(status: u16, body: Vec<u8>) -> Reply {
        let may_hold_error = may_hold_error(status, &body);
        Reply {
            status,
            body,
            may_hold_error,
        }
    }

    /// The value of a success, or the service's error, or a typed error about the body.
    pub(crate) fn decode<T: serde::de::DeserializeOwned, C: crate::action::ErrorCode>(
        &self,
        action: Cow<'static, str>,
    ) -> Result<T, Error<C>> {
        decode_knowing(action, self.status, &self.body, self.may_hold_error)
    }
}

/// The final reply of a call, and why earlier attempts failed.
pub(crate) struct Sent {
    pub(crate) reply: Reply,
    pub(crate) attempts: u32,
    pub(crate) history: Vec<String>,
}

/// What a call is sent to. Generated methods fill it from their [`ActionInfo`];
/// the common client from its arguments.
pub(crate) struct Target<'a> {
    pub(crate) service: &'a str,
    pub(crate) version: &'a str,
    pub(crate) action: &'a str,
    /// The spec's host; `None` for calls without a spec.
    pub(crate) spec_host: Option<&'a str>,
    pub(crate) idempotent: bool,
    pub(crate) rate_limit_per_second: Option<u32>,
}

impl<'a> From<&'a ActionInfo> for Target<'a> {
    fn from(info: &'a ActionInfo) -> Self {
        Target {
            service: info.service.name,
            version: info.service.version,
            action: info.name,
            spec_host: Some(info.service.host),
            idempotent: info.idempotent,
            rate_limit_per_second: info.rate_limit_per_second,
        }
    }
}

/// The client's options with the call's laid over them, checked once per call.
struct Prepared<'a> {
    language: Language,
    headers: Cow<'a, [(HeaderName, HeaderValue)]>,
    request_client: Cow<'a, HeaderValue>,
    unsigned: bool,
    content_type: ContentType,
}

/// The request's JSON. An idempotent action gets a random `ClientToken` when the
/// caller left it empty, so that every attempt carries the same token.
pub(crate) fn request_body<A: serde::Serialize>(request: &A, idempotent: bool) -> Result<Vec<u8>, Failure> {
    let fail = |e: serde_json::Error| Failure::new(ErrorKind::Request, format!("cannot serialize the request: {e}"));
    if !idempotent {
        // Most requests fit: one allocation instead of growing from serde_json's 128 bytes.
        let mut body = Vec::with_capacity(256);
        serde_json::to_writer(&mut body, request).map_err(fail)?;
        return Ok(body);
    }
    let mut value = serde_json::to_value(request).map_err(fail)?;
    if let serde_json::Value::Object(map) = &mut value {
        let missing = map
            .get("ClientToken")
            .and_then(|t| t.as_str())
            .is_none_or(str::is_empty);
        if missing {
            map.insert("ClientToken".into(), serde_json::Value::String(client_token()));
        }
    }
    serde_json::to_vec(&value).map_err(fail)
}

/// A random UUID (version 4), as Tencent's SDKs make ClientTokens.
fn client_token() -> String {
    let (high, low) = (fastrand::u64(..), fastrand::u64(..));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0x0fff,
        (low >> 48) & 0x3fff | 0x8000,
        low & 0xffff_ffff_ffff
    )
}

/// Why a reply calls for another attempt, if it does: a retryable service code,
/// or a gateway's 502/503/504 page.
fn retry_reason(reply: &Reply, idempotent: bool) -> Option<String> {
    // A 200 can only call for a retry through a service error, whose envelope
    // has an `"Error"` key: skip parsing the body of every success twice.
    if !reply.may_hold_error {
        return None;
    }
    match envelope(reply.status, &reply.body) {
        Ok(Outcome::Service { code, .. }) if retryable_code(&code) => Some(code),
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
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `TENCENTCLOUD_*` environment variables, with
    /// credentials from the [`crate::DefaultCredentialsChain`] when the environment has none.
    pub fn from_env() -> Result<Client, ConfigError> {
        ClientBuilder::default().from_env()?.build()
    }

    pub(crate) fn from_settings(settings: Settings) -> Client {
        Client {
            settings: Arc::new(settings),
        }
    }

    /// Whether the client has a source of credentials to sign with.
    pub fn has_credentials(&self) -> bool {
        self.settings.credentials.is_some()
    }

    /// Calls an action: serializes the request, signs it, sends it, retries what
    /// the client's [`RetryPolicy`] allows, and decodes the response or the
    /// service's error.
    pub async fn call<A: Action>(&self, request: &A) -> Result<A::Output, Error<A::ErrorCode>> {
        self.call_with(request, &CallOptions::default()).await
    }

    /// [`Client::call`] with options for this call only.
    pub async fn call_with<A: Action>(
        &self,
        request: &A,
        options: &CallOptions,
    ) -> Result<A::Output, Error<A::ErrorCode>> {
        let body = request_body(request, A::INFO.idempotent).map_err(|failure| Error::other(A::INFO.name, failure))?;
        match self.send(&Target::from(&A::INFO), &body, options).await {
            Ok(sent) => sent
                .reply
                .decode::<A::Output, A::ErrorCode>(Cow::Borrowed(A::INFO.name))
                .map_err(|e| e.with_attempts(sent.attempts, sent.history)),
            Err((failure, attempts, history)) => {
                Err(Error::other(A::INFO.name, failure).with_attempts(attempts, history))
            }
        }
    }

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
        let policy = options.retry.unwrap_or(settings.retry);
        let attempt_timeout = options.timeout.unwrap_or(settings.timeout);
        let prepared = self.prepare(options).map_err(|failure| (failure, 0, Vec::new()))?;
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
                            return finish(last, Failure::new(ErrorKind::Timeout, message), attempts, history);
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

    /// Lays the call's options over the client's, and checks them.
    fn prepare<'o>(&'o self, options: &'o CallOptions) -> Result<Prepared<'o>, Failure> {
        let settings = &*self.settings;
        let invalid = |message: String| Failure::new(ErrorKind::Request, message);
        // Most calls add no header: borrow the client's instead of copying them per call.
        let headers = if options.headers.is_empty() {
            Cow::Borrowed(settings.headers.as_slice())
        } else {
            let mut call_headers = Vec::with_capacity(options.headers.len());
            for (name, value) in &options.headers {
                call_headers.push(extra_header(name, value).map_err(invalid)?);
            }
            // A call's header replaces the client's of the same name.
            let mut headers: Vec<(HeaderName, HeaderValue)> = settings
                .headers
                .iter()
                .filter(|(name, _)| !call_headers.iter().any(|(own, _)| own == name))
                .cloned()
                .collect();
            headers.extend(call_headers);
            Cow::Owned(headers)
        };
        let request_client = match &options.request_client_suffix {
            Some(suffix) => Cow::Owned(request_client(Some(suffix)).map_err(invalid)?),
            None => Cow::Borrowed(&settings.request_client),
        };
        Ok(Prepared {
            language: options.language.unwrap_or(settings.language),
            headers,
            request_client,
            unsigned: options.unsigned,
            content_type: options.content_type.unwrap_or(settings.content_type),
        })
    }

    /// The credentials to sign with, or `None` for an unsigned call; and
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

    /// One signed request and its whole response body, by `deadline`.
    async fn attempt(
        &self,
        target: &Target<'_>,
        prepared: &Prepared<'_>,
        credentials: Option<&Credentials>,
        body: &[u8],
        started: Instant,
        deadline: Instant,
    ) -> Result<Reply, Failure> {
        let settings = &*self.settings;
        let signed = self.sign_request(target, prepared, credentials, body)?;
        let head = RequestHead {
            host: &signed.host,
            content_type: prepared.content_type.as_str(),
            authorization: &signed.authorization,
            action: target.action,
            version: target.version,
            timestamp: signed.timestamp,
            language: prepared.language.as_str(),
            request_client: &prepared.request_client,
            region: settings.region.as_deref(),
            token: credentials.and_then(Credentials::token),
            extra: &prepared.headers,
        };
        let (status, received) = match &settings.engine {
            Engine::Inline(pool) => {
                pool.exchange(&signed.url, &head, body, settings.max_response_bytes, started, deadline)
                    .await?
            }
            Engine::Reqwest(http) => {
                let headers = head.header_map().map_err(|what| {
                    Failure::new(ErrorKind::Request, format!("the {what} cannot be sent in a header"))
                })?;
                let request = http
                    .post(signed.url.into_owned())
                    .headers(headers)
                    .body(body.to_vec())
                    .timeout(deadline.saturating_duration_since(started));
                // Boxed: reqwest's future is large, and every call's future would carry its size.
                Box::pin(read_reqwest(request, settings.max_response_bytes)).await?
            }
        };
        tracing::debug!(
            status,
            request_bytes = body.len(),
            response_bytes = received.len(),
            elapsed_us = started.elapsed().as_micros() as u64,
            "tcapi response received"
        );
        Ok(Reply::new(status, received))
    }

    /// Where a request goes, and its signed Authorization value.
    fn sign_request<'s>(
        &'s self,
        target: &Target<'_>,
        prepared: &Prepared<'_>,
        credentials: Option<&Credentials>,
        body: &[u8],
    ) -> Result<Signed<'s>, Failure> {
        let settings = &*self.settings;
        let region = settings.region.as_deref();
        let (url, host) = match (
            &settings.endpoint,
            settings.endpoint.host(target.service, target.spec_host, region),
        ) {
            (Endpoint::Fixed { url, host }, _) => (Cow::Borrowed(url), Cow::Borrowed(host.as_str())),
            (_, Some(host)) => {
                let url = settings
                    .urls
                    .https(&host)
                    .map_err(|e| Failure::new(ErrorKind::Config, e))?;
                (Cow::Owned(url), Cow::Owned(host))
            }
            (_, None) => return Err(Failure::new(ErrorKind::Config, "the endpoint gives no host")),
        };
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .map_err(|_| Failure::new(ErrorKind::Config, "the system clock is before 1970"))?;
        let authorization = match credentials {
            None => Cow::Borrowed("SKIP"),
            Some(credentials) => {
                let key = settings
                    .signing_keys
                    .get(credentials.secret_key(), timestamp, target.service);
                Cow::Owned(sign::sign_with_prepared_key(
                    &SigningInput {
                        method: "POST",
                        host: &host,
                        query: "",
                        content_type: prepared.content_type.as_str(),
                        extra_headers: &[("x-tc-action", target.action)],
                        payload: body,
                        timestamp,
                        service: target.service,
                    },
                    credentials.secret_id(),
                    &key,
                ))
            }
        };
        Ok(Signed {
            url,
            host,
            authorization,
            timestamp,
        })
    }
}

/// A request's destination and signature, borrowed by its [`RequestHead`].
struct Signed<'s> {
    url: Cow<'s, reqwest::Url>,
    host: Cow<'s, str>,
    authorization: Cow<'static, str>,
    timestamp: u64,
}

/// Sends through reqwest and reads the whole body, within the cap.
async fn read_reqwest(request: reqwest::RequestBuilder, max_response_bytes: usize) -> Result<(u16, Vec<u8>), Failure> {
    let mut response = request.send().await.map_err(transport_failure)?;
    let status = response.status().as_u16();
    let mut received = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(transport_failure)? {
        if received.len() + chunk.len() > max_response_bytes {
            let message = format!("the response body is larger than the {max_response_bytes} byte cap");
            return Err(Failure::new(ErrorKind::MalformedResponse, message).with_status(status));
        }
        received.extend_from_slice(&chunk);
    }
    Ok((status, received))
}

/// Derived signing keys, which depend only on (secret key, UTC date, service):
/// deriving one costs three HMACs, so each is made once a day.
#[derive(Default)]
pub(crate) struct SigningKeyCache {
    entries: Mutex<Vec<CachedKey>>,
}

struct CachedKey {
    secret_key: Zeroizing<String>,
    /// Days since 1970 (UTC): the key's date.
    day: u64,
    service: String,
    key: sign::SigningKey,
}

/// Enough for every service a process talks to; older entries are dropped first.
const MAX_CACHED_KEYS: usize = 16;

impl SigningKeyCache {
    /// The prepared signing key for the UTC date of `timestamp`.
    fn get(&self, secret_key: &str, timestamp: u64, service: &str) -> sign::SigningKey {
        let day = timestamp / 86_400;
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hit) = entries
            .iter()
            .find(|e| e.day == day && e.service == service && e.secret_key.as_str() == secret_key)
        {
            return hit.key.clone();
        }
        let key = sign::SigningKey::derive(secret_key, &sign::utc_date(timestamp), service);
        // Yesterday's keys are useless: drop them, and keep the cache bounded.
        entries.retain(|e| e.day == day);
        if entries.len() >= MAX_CACHED_KEYS {
            entries.remove(0);
        }
        entries.push(CachedKey {
            secret_key: Zeroizing::new(secret_key.to_string()),
            day,
            service: service.to_string(),
            key: key.clone(),
        });
        key
    }
}

fn transport_failure(error: reqwest::Error) -> Failure {
    let kind = if error.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Transport
    };
    let maybe_sent = !error.is_connect();
    let message = if error.is_connect() {
        "could not connect".to_string()
    } else if error.is_timeout() {
        "no complete response within the client's timeout".to_string()
    } else {
        "the connection failed".to_string()
    };
    // reqwest's error carries the URL only, never headers, so it holds no secret.
    let mut failure = Failure::new(kind, message).with_source(error.without_url());
    failure.maybe_sent = maybe_sent;
    failure
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &*self.settings;
        f.debug_struct("Client")
            .field("credentials", &s.credentials.as_ref().map(CredentialsCache::provider))
            .field("region", &s.region)
            .field("endpoint", &s.endpoint)
            .field("language", &s.language)
            .finish_non_exhaustive()
    }
}

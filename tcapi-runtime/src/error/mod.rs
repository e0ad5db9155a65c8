//! Errors. Each action's methods return an [`ActionError`] typed by its
//! error-code enum; every one converts with `From` into the untyped [`Error`],
//! so `?` works across actions. Both are opaque: inspect them through `kind()`,
//! `code()` and friends, so that kinds can be added later.

mod failure;
mod untyped;

pub(crate) use failure::Failure;

pub use untyped::Error;

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

use crate::action::{ErrorCode, RawCode};

/// What went wrong, broadly. New kinds may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The service answered with an error envelope; see [`Error::service_error`].
    Service,
    /// The request could not be sent or the response not received (connect, reset, TLS).
    Transport,
    /// An attempt took longer than its timeout, or the call its total deadline.
    Timeout,
    /// The client's own rate limit ([`crate::RateLimit`]) has no free slot before
    /// the call's deadline, so the call was not sent.
    RateLimited,
    /// A non-200 HTTP status with a body that is not a Tencent Cloud envelope.
    HttpStatus,
    /// The body is not valid JSON, or its `Response` does not fit the response type.
    MalformedResponse,
    /// Valid JSON without a `Response` object.
    MissingResponse,
    /// The request could not be built: an argument cannot be serialized or sent.
    Request,
    /// The client is not configured to make the call (no credentials, bad endpoint).
    Config,
    /// A credentials provider failed: a source of the chain is present but broken,
    /// or temporary credentials could not be fetched or refreshed.
    Credentials,
}

impl ErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ErrorKind::Service => "service error",
            ErrorKind::Transport => "transport failure",
            ErrorKind::Timeout => "timed out",
            ErrorKind::RateLimited => "rate limited by the client",
            ErrorKind::HttpStatus => "unexpected HTTP status",
            ErrorKind::MalformedResponse => "malformed response",
            ErrorKind::MissingResponse => "response has no `Response` object",
            ErrorKind::Request => "invalid request",
            ErrorKind::Config => "configuration error",
            ErrorKind::Credentials => "no usable credentials",
        }
    }
}

/// The error envelope of a failed call: `{"Response":{"Error":{"Code","Message"},"RequestId"}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError<C> {
    code: C,
    message: String,
    request_id: String,
}

impl<C: ErrorCode> ServiceError<C> {
    pub(crate) fn new(code: &str, message: String, request_id: String) -> Self {
        ServiceError {
            code: C::from_code(code),
            message,
            request_id,
        }
    }

    /// The typed code: one of the action's documented codes, or `Other` with the text.
    pub fn code(&self) -> &C {
        &self.code
    }

    /// The code as sent, e.g. `FailedOperation.PackageAlreadyExpired`.
    pub fn code_str(&self) -> &str {
        self.code.as_str()
    }

    /// The service's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The RequestId, which Tencent support asks for.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }
}

enum Repr<C> {
    Service(ServiceError<C>),
    Other(Failure),
}

/// The error of one call of an action. `C` is the action's error-code enum.
///
/// It converts into the untyped [`Error`] with `?` or [`ActionError::into_untyped`].
pub struct ActionError<C> {
    action: Cow<'static, str>,
    repr: Box<Repr<C>>,
    attempts: u32,
    /// Why each failed attempt failed, in order, when there was more than one attempt.
    history: Vec<String>,
}

impl<C: ErrorCode> ActionError<C> {
    pub(crate) fn service(action: impl Into<Cow<'static, str>>, error: ServiceError<C>) -> Self {
        ActionError {
            action: action.into(),
            repr: Box::new(Repr::Service(error)),
            attempts: 1,
            history: Vec::new(),
        }
    }

    pub(crate) fn other(action: impl Into<Cow<'static, str>>, failure: Failure) -> Self {
        ActionError {
            action: action.into(),
            repr: Box::new(Repr::Other(failure)),
            attempts: 1,
            history: Vec::new(),
        }
    }

    /// Keeps `request_id` (the header's) when the body gave none.
    pub(crate) fn or_request_id(mut self, request_id: Option<&str>) -> Self {
        match &mut *self.repr {
            Repr::Service(error) if error.request_id.is_empty() => {
                error.request_id = request_id.unwrap_or_default().to_string();
            }
            Repr::Other(failure) if failure.request_id.is_none() => {
                failure.request_id = request_id.map(str::to_string);
            }
            _ => {}
        }
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32, history: Vec<String>) -> Self {
        self.attempts = attempts;
        self.history = history;
        self
    }

    /// How many requests the call sent (0 when it failed before sending, for example on the rate limit).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Why each failed attempt failed, in order (empty after a single attempt).
    pub fn attempt_history(&self) -> &[String] {
        if self.attempts > 1 {
            &self.history
        } else {
            &[]
        }
    }

    /// The broad kind of failure.
    pub fn kind(&self) -> ErrorKind {
        match &*self.repr {
            Repr::Service(_) => ErrorKind::Service,
            Repr::Other(failure) => failure.kind,
        }
    }

    /// The service's error envelope, when the service answered with one.
    pub fn service_error(&self) -> Option<&ServiceError<C>> {
        match &*self.repr {
            Repr::Service(error) => Some(error),
            Repr::Other(_) => None,
        }
    }

    /// The typed error code, when the service answered with one.
    pub fn code(&self) -> Option<&C> {
        self.service_error().map(ServiceError::code)
    }

    /// The error code as sent, when the service answered with one.
    pub fn code_str(&self) -> Option<&str> {
        self.service_error().map(ServiceError::code_str)
    }

    /// The service's message, or what went wrong on our side.
    pub fn message(&self) -> &str {
        match &*self.repr {
            Repr::Service(error) => &error.message,
            Repr::Other(failure) => &failure.message,
        }
    }

    /// The same error with the code as text, to mix with other actions' errors.
    pub fn into_untyped(self) -> Error {
        let repr = match *self.repr {
            Repr::Service(error) => Repr::Service(ServiceError {
                code: RawCode(error.code.as_str().to_string()),
                message: error.message,
                request_id: error.request_id,
            }),
            Repr::Other(failure) => Repr::Other(failure),
        };
        Error::new(ActionError {
            action: self.action,
            repr: Box::new(repr),
            attempts: self.attempts,
            history: self.history,
        })
    }

    /// The RequestId, whenever the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match &*self.repr {
            Repr::Service(error) => Some(&error.request_id),
            Repr::Other(failure) => failure.request_id.as_deref(),
        }
    }

    /// The HTTP status, for errors about the response.
    pub fn http_status(&self) -> Option<u16> {
        match &*self.repr {
            Repr::Service(_) => None,
            Repr::Other(failure) => failure.status,
        }
    }

    /// The action that failed.
    pub fn action(&self) -> &str {
        &self.action
    }
}

impl<C: ErrorCode> fmt::Display for ActionError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_outcome(f)?;
        if self.attempts > 1 {
            write!(f, "; after {} attempts", self.attempts)?;
            for (i, reason) in self.history.iter().enumerate() {
                write!(f, "{} {}) {reason}", if i == 0 { ":" } else { ";" }, i + 1)?;
            }
        }
        Ok(())
    }
}

impl<C: ErrorCode> ActionError<C> {
    fn fmt_outcome(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.repr {
            Repr::Service(e) => write!(
                f,
                "{} failed: {}: {} (RequestId: {})",
                self.action,
                e.code.as_str(),
                e.message,
                e.request_id
            ),
            Repr::Other(failure) => {
                write!(f, "{} failed: {}", self.action, failure.kind.describe())?;
                if let Some(status) = failure.status {
                    write!(f, " (HTTP {status})")?;
                }
                if !failure.message.is_empty() {
                    write!(f, ": {}", failure.message)?;
                }
                if let Some(id) = &failure.request_id {
                    write!(f, " (RequestId: {id})")?;
                }
                Ok(())
            }
        }
    }
}

impl<C: ErrorCode> fmt::Debug for ActionError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ActionError");
        s.field("action", &self.action)
            .field("kind", &self.kind())
            .field("attempts", &self.attempts)
            .field("history", &self.history);
        match &*self.repr {
            Repr::Service(e) => s
                .field("code", &e.code)
                .field("message", &e.message)
                .field("request_id", &e.request_id),
            Repr::Other(failure) => s
                .field("message", &failure.message)
                .field("status", &failure.status)
                .field("request_id", &failure.request_id)
                .field("source", &failure.source),
        };
        s.finish()
    }
}

impl<C: ErrorCode> StdError for ActionError<C> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &*self.repr {
            Repr::Other(Failure {
                source: Some(source), ..
            }) => Some(&**source as &(dyn StdError + 'static)),
            _ => None,
        }
    }
}

/// A client that cannot be built as configured: a bad endpoint, region or credential.
/// The message never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid tcapi configuration: {}", self.message)
    }
}

impl StdError for ConfigError {}

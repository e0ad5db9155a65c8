//! The untyped error: any action's error, with its code as text.

use std::error::Error as StdError;
use std::fmt;

use super::{ActionError, ErrorKind, ServiceError};
use crate::action::{ErrorCode, RawCode};

/// The error of any call, with the error code as text. Every [`ActionError`]
/// converts into it with `From`, so a function that calls several actions can
/// return `Result<_, tcapi_runtime::Error>` and use `?` on each.
///
/// It keeps everything the typed error has: the kind, the code, the message,
/// the RequestId, the attempts and their history.
pub struct Error {
    inner: ActionError<RawCode>,
}

impl Error {
    pub(crate) fn new(inner: ActionError<RawCode>) -> Error {
        Error { inner }
    }

    /// The broad kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind()
    }

    /// The error code as sent, when the service answered with one.
    pub fn code(&self) -> Option<&str> {
        self.inner.code_str()
    }

    /// The service's message, or what went wrong on our side.
    pub fn message(&self) -> &str {
        self.inner.message()
    }

    /// The service's error envelope, when the service answered with one.
    pub fn service_error(&self) -> Option<&ServiceError<RawCode>> {
        self.inner.service_error()
    }

    /// The RequestId, whenever the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id()
    }

    /// How many requests the call sent.
    pub fn attempts(&self) -> u32 {
        self.inner.attempts()
    }

    /// Why each failed attempt failed, in order (empty after a single attempt).
    pub fn attempt_history(&self) -> &[String] {
        self.inner.attempt_history()
    }

    /// The HTTP status, for errors about the response.
    pub fn http_status(&self) -> Option<u16> {
        self.inner.http_status()
    }

    /// The action that failed.
    pub fn action(&self) -> &str {
        self.inner.action()
    }
}

impl<C: ErrorCode> From<ActionError<C>> for Error {
    fn from(error: ActionError<C>) -> Error {
        error.into_untyped()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.inner, f)
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner.source()
    }
}

//! Everything but a service error, as the runtime carries it before it becomes an error.

use std::error::Error as StdError;

use super::ErrorKind;

/// Everything but a service error: a kind, a message, and what we know of the response.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) kind: ErrorKind,
    /// For transport failures: whether the request may have reached the server.
    pub(crate) maybe_sent: bool,
    pub(crate) message: String,
    pub(crate) status: Option<u16>,
    pub(crate) request_id: Option<String>,
    pub(crate) source: Option<Box<dyn StdError + Send + Sync>>,
}

impl Failure {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Failure {
            kind,
            maybe_sent: true,
            message: message.into(),
            status: None,
            request_id: None,
            source: None,
        }
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub(crate) fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    pub(crate) fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// One line for an attempt's history: the kind, status and cause.
    pub(crate) fn summary(&self) -> String {
        let mut out = self.kind.describe().to_string();
        if let Some(status) = self.status {
            out.push_str(&format!(" (HTTP {status})"));
        }
        if !self.message.is_empty() && self.kind != ErrorKind::HttpStatus {
            out.push_str(": ");
            out.push_str(&self.message);
        }
        // The innermost cause says what happened on the wire ("connection reset by peer").
        let mut cause: Option<&(dyn StdError + 'static)> =
            self.source.as_deref().map(|s| s as &(dyn StdError + 'static));
        let mut innermost = None;
        while let Some(error) = cause {
            innermost = Some(error);
            cause = error.source();
        }
        if let Some(error) = innermost {
            out.push_str(&format!(" ({error})"));
        }
        out
    }
}

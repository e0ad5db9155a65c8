//! Request options, one type for the client's defaults and each call's own:
//! retry policy, attempt timeout, language, extra headers, the
//! `X-TC-RequestClient` suffix, unsigned requests and the content type.

use std::borrow::Cow;
use std::time::Duration;

use http::header::{HeaderName, HeaderValue};

use crate::config::{Language, DEFAULT_TIMEOUT};
use crate::retry::RetryPolicy;

/// The `Content-Type` of a request, signed as sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ContentType {
    /// `application/json; charset=utf-8`, as in Tencent's TC3 documentation (the default).
    #[default]
    JsonUtf8,
    /// `application/json`, what the official Go and Python SDKs send.
    Json,
}

impl ContentType {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentType::JsonUtf8 => "application/json; charset=utf-8",
            ContentType::Json => "application/json",
        }
    }
}

/// The first part of every `X-TC-RequestClient`.
pub const REQUEST_CLIENT: &str = concat!("tcapi-rust/", env!("CARGO_PKG_VERSION"));
/// The longest `X-TC-RequestClient` the API accepts.
const MAX_REQUEST_CLIENT: usize = 128;

/// Headers the client sets itself: an extra header cannot replace them.
const RESERVED_HEADERS: &[&str] = &[
    "authorization",
    "host",
    "content-type",
    "content-length",
    "transfer-encoding",
    "connection",
    "x-tc-action",
    "x-tc-version",
    "x-tc-timestamp",
    "x-tc-region",
    "x-tc-token",
    "x-tc-language",
    "x-tc-requestclient",
];

/// `tcapi-rust/<version>`, plus `; <suffix>` when there is one. The suffix is
/// checked as the SDKs check theirs: `[0-9a-zA-Z-_ ,;.]`, and the whole value
/// at most 128 characters.
pub(crate) fn request_client(suffix: Option<&str>) -> Result<HeaderValue, String> {
    let Some(suffix) = suffix.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(HeaderValue::from_static(REQUEST_CLIENT));
    };
    if let Some(bad) = suffix
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_ ,;.".contains(*c)))
    {
        return Err(format!(
            "the X-TC-RequestClient suffix has {bad:?}; use only letters, digits and `-_ ,;.`"
        ));
    }
    let value = format!("{REQUEST_CLIENT}; {suffix}");
    if value.len() > MAX_REQUEST_CLIENT {
        return Err(format!(
            "the X-TC-RequestClient value would be {} characters; the API accepts at most {MAX_REQUEST_CLIENT}",
            value.len()
        ));
    }
    HeaderValue::from_str(&value).map_err(|e| e.to_string())
}

/// Checks an extra header: a valid name that the client does not set itself,
/// and a value that can travel in a header.
pub(crate) fn extra_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let parsed = HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("`{name}` is not a header name"))?;
    if RESERVED_HEADERS.contains(&parsed.as_str()) {
        return Err(format!(
            "the client sets `{name}` itself; use the client's or the call's option for it instead"
        ));
    }
    // The value is not echoed: it may be a secret of the caller's.
    let value = HeaderValue::from_str(value)
        .map_err(|_| format!("the value of header `{name}` has a character that cannot be sent in a header"))?;
    Ok((parsed, value))
}

/// Request options: the client's defaults ([`crate::ClientBuilder::options`]
/// and its setters) and one call's own ([`crate::Client::call_with`]). What a
/// call leaves unset comes from the client; what the client leaves unset, from
/// the built-in defaults. Both are checked by the same code: a client's when
/// it is built, a call's when it is made.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// The retry policy for this call.
    pub retry: Option<RetryPolicy>,
    /// The timeout of each attempt of this call.
    pub timeout: Option<std::time::Duration>,
    /// The language of service messages for this call.
    pub language: Option<Language>,
    /// Extra headers (e.g. `X-TC-TraceId`). Not signed. A call's header replaces
    /// the client's of the same name; the headers the client sets itself cannot be replaced.
    pub headers: Vec<(String, String)>,
    /// A suffix for this call's `X-TC-RequestClient`, instead of the client's.
    pub request_client_suffix: Option<String>,
    /// Sends `Authorization: SKIP` and no token: for the few actions that take
    /// unsigned calls, such as STS `AssumeRoleWithWebIdentity`.
    pub unsigned: bool,
    /// The content type of this call.
    pub content_type: Option<ContentType>,
}

impl CallOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// Uses this retry policy for the call.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Uses this timeout for each attempt of the call.
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Uses this language for the call's service messages.
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Adds a header to the call, e.g. `X-TC-TraceId`. Checked when the call is made.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Appends `; <suffix>` to this call's `X-TC-RequestClient`.
    pub fn request_client_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.request_client_suffix = Some(suffix.into());
        self
    }

    /// Sends the call unsigned (`Authorization: SKIP`).
    pub fn unsigned(mut self) -> Self {
        self.unsigned = true;
        self
    }

    /// Uses this content type for the call.
    pub fn content_type(mut self, content_type: ContentType) -> Self {
        self.content_type = Some(content_type);
        self
    }
}

/// Request options after checking, with every default filled in: what an
/// attempt is sent with.
#[derive(Clone)]
pub(crate) struct Resolved {
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    pub(crate) language: Language,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) request_client: HeaderValue,
    pub(crate) unsigned: bool,
    pub(crate) content_type: ContentType,
}

impl Resolved {
    /// The built-in defaults, under every client's and call's options.
    pub(crate) fn builtin() -> Resolved {
        Resolved {
            retry: RetryPolicy::default(),
            timeout: DEFAULT_TIMEOUT,
            language: Language::default(),
            headers: Vec::new(),
            request_client: HeaderValue::from_static(REQUEST_CLIENT),
            unsigned: false,
            content_type: ContentType::default(),
        }
    }

    /// These options with `over`'s laid over them, checked. Borrows when
    /// `over` sets nothing, as most calls do.
    pub(crate) fn layer<'a>(&'a self, over: &CallOptions) -> Result<Cow<'a, Resolved>, String> {
        if *over == CallOptions::default() {
            return Ok(Cow::Borrowed(self));
        }
        let mut headers = Vec::with_capacity(self.headers.len() + over.headers.len());
        for (name, value) in &over.headers {
            headers.push(extra_header(name, value)?);
        }
        // A header of `over` replaces one of the same name here.
        let kept = self
            .headers
            .iter()
            .filter(|(name, _)| !headers.iter().any(|(own, _)| own == name));
        let mut merged: Vec<(HeaderName, HeaderValue)> = kept.cloned().collect();
        merged.append(&mut headers);
        let request_client = match &over.request_client_suffix {
            Some(suffix) => request_client(Some(suffix))?,
            None => self.request_client.clone(),
        };
        Ok(Cow::Owned(Resolved {
            retry: over.retry.unwrap_or(self.retry),
            timeout: over.timeout.unwrap_or(self.timeout),
            language: over.language.unwrap_or(self.language),
            headers: merged,
            request_client,
            unsigned: self.unsigned || over.unsigned,
            content_type: over.content_type.unwrap_or(self.content_type),
        }))
    }
}

impl std::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values may be the caller's secrets: show the names only.
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("language", &self.language)
            .field("headers", &header_names)
            .field("request_client_suffix", &self.request_client_suffix)
            .field("unsigned", &self.unsigned)
            .field("content_type", &self.content_type)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_client_suffixes_are_checked_as_the_sdks_do() {
        assert_eq!(
            request_client(None).ok(),
            Some(HeaderValue::from_static(REQUEST_CLIENT))
        );
        let value = request_client(Some("billing-job 1.2")).expect("valid");
        assert_eq!(
            value.to_str().ok(),
            Some(format!("{REQUEST_CLIENT}; billing-job 1.2").as_str())
        );
        assert!(request_client(Some("slash/not-allowed")).is_err());
        assert!(request_client(Some(&"x".repeat(120))).is_err());
    }

    #[test]
    fn extra_headers_cannot_replace_the_clients() {
        assert!(extra_header("X-TC-TraceId", "abc").is_ok());
        assert!(extra_header("Authorization", "x").is_err());
        assert!(extra_header("x-tc-token", "x").is_err());
        assert!(extra_header("bad name", "x").is_err());
        let error = extra_header("X-Secret", "line\nbreak").expect_err("refused");
        assert!(!error.contains("line"), "{error}");
    }
}

//! Request options, set per client and per call: language, extra headers, the
//! `X-TC-RequestClient` suffix, unsigned requests and the content type.

use reqwest::header::{HeaderName, HeaderValue};

use crate::config::Language;
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

/// Options for one call, over the client's own.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// The retry policy for this call.
    pub retry: Option<RetryPolicy>,
    /// The timeout of each attempt of this call.
    pub timeout: Option<std::time::Duration>,
    /// The language of service messages for this call.
    pub language: Option<Language>,
    /// Extra headers for this call, after the client's (e.g. `X-TC-TraceId`). Not signed.
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

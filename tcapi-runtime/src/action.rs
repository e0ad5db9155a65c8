//! The contract between generated code and the one generic call path.

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A service version, as the spec describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The short name, e.g. `tcsas`: the TC3 credential scope's service.
    pub name: &'static str,
    /// The API version, e.g. `2025-01-06`, sent as `X-TC-Version`.
    pub version: &'static str,
    /// The default host, e.g. `tcsas.intl.tencentcloudapi.com`.
    pub host: &'static str,
}

/// One API action. The derive implements it on each request type; users call
/// actions through the generated methods or [`crate::Client::call`].
pub trait Action: Serialize + Send + Sync {
    /// The response type (the content of `Response`).
    type Output: DeserializeOwned + Send;
    /// The action's error-code enum.
    type ErrorCode: ErrorCode;
    /// The service this action belongs to.
    const SERVICE: &'static ServiceInfo;
    /// The wire name, sent as `X-TC-Action`.
    const NAME: &'static str;
    /// The documented rate limit in requests per second, when the spec gives one.
    const RATE_LIMIT_PER_SECOND: Option<u32>;
}

/// An error-code enum: each documented code is a variant, and any other code is kept as text.
pub trait ErrorCode: Debug + Clone + PartialEq + Send + Sync + 'static {
    /// The variant for a code as sent by the service.
    fn from_code(code: &str) -> Self;
    /// The code as sent by the service.
    fn as_str(&self) -> &str;
}

/// An error code kept as text, for calls that have no typed codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RawCode(pub String);

impl ErrorCode for RawCode {
    fn from_code(code: &str) -> Self {
        RawCode(code.to_string())
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

/// A deriving struct's spec, as compiled in. The mock server serves it.
pub trait ApiSpec {
    /// The spec files, as `(path, JSON text)`.
    const SPEC_SOURCES: &'static [(&'static str, &'static str)];
}

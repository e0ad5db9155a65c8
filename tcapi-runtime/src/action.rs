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

impl ServiceInfo {
    /// Describes one action of this service.
    pub const fn action(self, name: &'static str) -> ActionInfo {
        ActionInfo {
            service: self,
            name,
            rate_limit_per_second: None,
            client_token: false,
            idempotent: false,
        }
    }
}

impl ActionInfo {
    /// Adds the documented rate limit.
    pub const fn with_rate_limit(mut self, per_second: u32) -> ActionInfo {
        self.rate_limit_per_second = Some(per_second);
        self
    }

    /// Marks the request as having a `ClientToken` member, which the client
    /// fills in once per call when the caller leaves it empty.
    pub const fn with_client_token(mut self) -> ActionInfo {
        self.client_token = true;
        self
    }

    /// Marks the action idempotent: a request that may have reached the server
    /// can be sent again (see the README's retry rule).
    pub const fn idempotent(mut self) -> ActionInfo {
        self.idempotent = true;
        self
    }
}

/// What the runtime needs to know of an action to send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionInfo {
    /// The service it belongs to.
    pub service: ServiceInfo,
    /// The wire name, sent as `X-TC-Action`.
    pub name: &'static str,
    /// The documented rate limit in requests per second, when the spec gives one.
    pub rate_limit_per_second: Option<u32>,
    /// Whether the request has a `ClientToken` member to fill in.
    pub client_token: bool,
    /// Whether a repeat is harmless: the spec says so, or the request has a
    /// `ClientToken`, or the name only reads (`Describe*`, `Get*`, ...).
    pub idempotent: bool,
}

/// One API action. The derive implements it on each request type; users call
/// actions through the generated methods or [`crate::Client::call`].
pub trait Action: Serialize + Send + Sync {
    /// The response type (the content of `Response`).
    type Output: DeserializeOwned + Send;
    /// The action's error-code enum.
    type ErrorCode: ErrorCode;
    /// The service, name and rate limit.
    const INFO: ActionInfo;
}

/// An error-code enum: each documented code is a variant, and any other code is kept as text.
///
/// Generated enums implement it with a hidden derive, from their variants.
pub trait ErrorCode: Debug + Clone + PartialEq + Send + Sync + 'static {
    /// The documented codes and their variants.
    const CODES: &'static [(&'static str, Self)];

    /// The variant for a code that is not documented.
    fn other(code: &str) -> Self;

    /// The text of an undocumented code, or `None` for a documented one.
    fn as_other(&self) -> Option<&str>;

    /// The variant for a code as sent by the service.
    fn from_code(code: &str) -> Self {
        Self::CODES
            .iter()
            .find(|(text, _)| *text == code)
            .map(|(_, variant)| variant.clone())
            .unwrap_or_else(|| Self::other(code))
    }

    /// The code as sent by the service.
    fn as_str(&self) -> &str {
        match self.as_other() {
            Some(code) => code,
            None => Self::CODES
                .iter()
                .find(|(_, variant)| variant == self)
                .map_or("", |(text, _)| text),
        }
    }
}

/// An error code kept as text, for calls that have no typed codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RawCode(pub String);

impl ErrorCode for RawCode {
    const CODES: &'static [(&'static str, Self)] = &[];

    fn other(code: &str) -> Self {
        RawCode(code.to_string())
    }

    fn as_other(&self) -> Option<&str> {
        Some(&self.0)
    }
}

/// A deriving struct's spec, as compiled in. The mock server serves it.
pub trait ApiSpec {
    /// The spec files, as `(path, JSON text)`.
    const SPEC_SOURCES: &'static [(&'static str, &'static str)];

    /// The layer of each of [`ApiSpec::SPEC_SOURCES`]: 0 for a shipped
    /// service's files, 1 for the `spec = "..."` files beside it, whose
    /// `"overrides": true` wins over the catalog's. Empty means all 0.
    const SPEC_LAYERS: &'static [usize] = &[];

    /// Calls `visitor.visit::<Request>()` for every generated action, in name order.
    fn visit_actions<V: ActionVisitor>(visitor: &mut V);
}

/// Visits the actions of a derived client, by type: see [`ApiSpec::visit_actions`].
/// Useful for checks over a whole service, such as decoding every example response.
pub trait ActionVisitor {
    /// Called once per action.
    fn visit<A: Action>(&mut self);
}

/// What the derive's client field must be. Implemented for [`Client`](crate::Client) only.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "the client field of a `#[derive(TcApi)]` struct must be a `tcapi_runtime::Client`, not `{Self}`",
    label = "this must be `tcapi_runtime::Client`"
)]
pub trait ClientField {
    /// The client.
    fn client(&self) -> &crate::Client;
}

impl ClientField for crate::Client {
    fn client(&self) -> &crate::Client {
        self
    }
}

/// The derive's client field, as a [`Client`](crate::Client): fails at the field's type otherwise.
#[doc(hidden)]
pub fn client_field<C: ClientField>(field: &C) -> &crate::Client {
    field.client()
}

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

    /// Marks the action idempotent: its request carries a `ClientToken`, so a
    /// request that may have reached the server can be sent again.
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
    /// Whether a repeat is harmless: the request has a `ClientToken` member.
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
/// Generated enums implement it through [`error_codes!`](crate::error_codes), from a table.
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

/// Declares an action's error-code enum, its [`ErrorCode`] table and its error
/// alias. The derive emits one call per action; it is not meant to be written by hand.
#[doc(hidden)]
#[macro_export]
macro_rules! error_codes {
    (
        $(#[$doc:meta])* $name:ident, $(#[$alias_doc:meta])* $alias:ident,
        { $($(#[$variant_doc:meta])* $code:literal => $variant:ident,)* }
    ) => {
        $(#[$doc])*
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash)]
        pub enum $name {
            $($(#[$variant_doc])* $variant,)*
            /// Any other code, such as a common one (`AuthFailure.SignatureFailure`), as sent.
            Other(::std::string::String),
        }

        impl $crate::ErrorCode for $name {
            const CODES: &'static [(&'static str, Self)] = &[$(($code, Self::$variant)),*];

            fn other(code: &str) -> Self {
                Self::Other(::std::borrow::ToOwned::to_owned(code))
            }

            fn as_other(&self) -> ::std::option::Option<&str> {
                match self {
                    Self::Other(code) => ::std::option::Option::Some(code),
                    _ => ::std::option::Option::None,
                }
            }
        }

        $(#[$alias_doc])*
        pub type $alias = $crate::Error<$name>;
    };
}

/// Implements [`Action`] for generated request types, one line per action:
/// `"Name" Request => Response, ErrorCode;`, with `@ 20` before the `;` for a
/// rate limit and `idempotent = true` after it for a request with a
/// `ClientToken`. Expects a `SERVICE` constant and an `errors` module in scope. The derive emits it; it
/// is not meant to be written by hand.
#[doc(hidden)]
#[macro_export]
macro_rules! actions {
    ($($name:literal $request:ident => $response:ident, $code:ident $(@ $rate:literal)? $(idempotent = $idempotent:literal)?;)*) => {
        $(
            impl $crate::Action for $request {
                type Output = $response;
                type ErrorCode = errors::$code;
                const INFO: $crate::ActionInfo = $crate::ActionInfo {
                    $(idempotent: $idempotent,)?
                    ..SERVICE.action($name)$(.with_rate_limit($rate))?
                };
            }
        )*

        /// Visits every action of this module; see `ApiSpec::visit_actions`.
        #[doc(hidden)]
        pub fn __visit_actions<V: $crate::ActionVisitor>(visitor: &mut V) {
            $(visitor.visit::<$request>();)*
        }
    };
}

/// One async method per action on the deriving struct, each a call of
/// [`Client::call`](crate::Client::call) through the struct's client field.
/// The derive emits it; it is not meant to be written by hand.
#[doc(hidden)]
#[macro_export]
macro_rules! action_methods {
    ($client:tt, $module:ident; $($(#[$doc:meta])* $method:ident($request:ident) -> $response:ident, $error:ident;)*) => {
        $(
            $(#[$doc])*
            pub async fn $method(
                &self,
                request: &$module::$request,
            ) -> ::std::result::Result<$module::$response, $module::errors::$error> {
                $crate::Client::call(&self.$client, request).await
            }
        )*
    };
}

/// A deriving struct's spec, as compiled in. The mock server serves it.
pub trait ApiSpec {
    /// The spec files, as `(path, JSON text)`.
    const SPEC_SOURCES: &'static [(&'static str, &'static str)];

    /// Calls `visitor.visit::<Request>()` for every generated action, in name order.
    fn visit_actions<V: ActionVisitor>(visitor: &mut V);
}

/// Visits the actions of a derived client, by type: see [`ApiSpec::visit_actions`].
/// Useful for checks over a whole service, such as decoding every example response.
pub trait ActionVisitor {
    /// Called once per action.
    fn visit<A: Action>(&mut self);
}

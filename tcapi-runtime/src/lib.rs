//! The runtime of tcapi: typed, signed, async Tencent Cloud API 3.0 clients.
//!
//! Derive a client from a spec, then call it:
//!
//! ```text
//! use tcapi_runtime::{Client, TcApi};
//!
//! #[derive(TcApi)]
//! #[tcapi(service = "tcsas")] // or `spec = "path"` for specs of your own
//! pub struct Tcsas {
//!     client: Client,
//! }
//! ```
//!
//! The derive generates request, response and model types in a module named
//! after the struct (`tcsas::DescribeMNPMAUMetricCardRequest`), an error-code
//! enum per action, and one async method per action. Every method goes through
//! [`Client::call`], which signs with TC3-HMAC-SHA256 ([`sign`]), sends over
//! HTTP/1.1 (hyper, with rustls and the system's roots, through a proxy when
//! the environment names one), and decodes the envelope into a value or an [`Error`].
//!
//! Actions that page their results (`Offset`/`Limit` or `PageNumber`/`PageSize`
//! with a total and one list) also get `<method>_pages` and `<method>_items`:
//! [`Pages`] and [`Items`], [`futures_core::Stream`]s that send one call per page
//! (see [`pages`]).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod action;
#[cfg(feature = "blocking")]
pub mod blocking;
pub mod builder;
mod client;
mod common;
mod config;
mod credentials;
mod decode;
mod endpoint;
pub use decode::decode_response;
mod error;
mod lenient;
#[cfg(feature = "mock")]
pub mod mock;
mod model;
mod options;
pub mod pages;
mod provider;
mod ratelimit;
mod retry;
pub mod sign;
mod transport;

pub use action::{Action, ActionInfo, ActionVisitor, ApiSpec, ErrorCode, RawCode, ServiceInfo};
pub use client::{CallOptions, Client, CONTENT_TYPE};
pub use config::{
    ClientBuilder, Language, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, ENV_ENDPOINT,
    ENV_REGION,
};
pub use credentials::{Credentials, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_TOKEN};
pub use endpoint::DEFAULT_ROOT_DOMAIN;
pub use error::{ActionError, ConfigError, Error, ErrorKind, ServiceError};
pub use options::{ContentType, REQUEST_CLIENT};
pub use pages::{Items, PageCursor, PageInt, PageParts, PageStyle, Paged, Pages};
pub use provider::{
    AssumeRoleProvider, CredentialsError, CredentialsFuture, CvmRoleProvider, DefaultCredentialsChain, ProfileProvider,
    ProvideCredentials, WebIdentityProvider, DEFAULT_METADATA_ENDPOINT, DEFAULT_STS_ENDPOINT, DEFAULT_STS_REGION,
    ENV_CREDENTIALS_FILE, ENV_METADATA_ENDPOINT, ENV_PROFILE, ENV_ROLE_ARN, ENV_ROLE_SESSION_NAME, ENV_TKE_PROVIDER_ID,
    ENV_TKE_REGION, ENV_TKE_ROLE_ARN, ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
};
pub use ratelimit::RateLimit;
pub use retry::RetryPolicy;
pub use tcapi_macros::TcApi;
pub use transport::{HttpSettings, TlsRoots};

/// Items the generated code uses. Not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::action::client_field;
    pub use crate::model::{deserialize_model, Model};
    pub use crate::retry::READ_ONLY_PREFIXES;
    pub use serde;
    pub use serde_json;

    /// The hidden derives, apart from the traits of the same names, so that
    /// a generated module can import them short and a spec type named
    /// `Model` still fits beside them.
    pub mod derive {
        pub use tcapi_macros::{Blank, ErrorCode, Model};
    }
}

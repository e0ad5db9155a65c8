//! Where credentials come from: the [`ProvideCredentials`] trait, the sources
//! Tencent's SDKs read, and the [`DefaultCredentialsChain`] over them.
//!
//! The client caches what a provider returns and asks again only when
//! temporary credentials near their expiry (see `cache.rs`).

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::credentials::Credentials;
use crate::transport::HttpSettings;

mod cache;
mod chain;
mod cvm;
mod profile;
mod sts;

pub(crate) use cache::CredentialsCache;
pub use chain::{DefaultCredentialsChain, ENV_METADATA_ENDPOINT};
pub use cvm::{CvmRoleProvider, DEFAULT_METADATA_ENDPOINT};
pub use profile::{ProfileProvider, ENV_CREDENTIALS_FILE, ENV_PROFILE};
pub use sts::{
    AssumeRoleProvider, WebIdentityProvider, DEFAULT_STS_ENDPOINT, DEFAULT_STS_REGION, ENV_ROLE_ARN,
    ENV_ROLE_SESSION_NAME, ENV_TKE_PROVIDER_ID, ENV_TKE_REGION, ENV_TKE_ROLE_ARN, ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
};

/// The future a provider returns.
pub type CredentialsFuture<'a> = Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials. The client calls it for its first call, then again
/// whenever the credentials it returned near their [`Credentials::expires_at`];
/// concurrent calls share one refresh.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Fetches credentials.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;

    /// Called by the client this provider is given to, when it is built, with
    /// the client's HTTP settings: a provider that calls a service (STS) sends
    /// with them, so that it trusts the same roots, goes through the same proxy
    /// and keeps the same timeouts. The first client's settings win. By
    /// default, ignored.
    fn use_client_http(&self, http: &HttpSettings) {
        let _ = http;
    }
}

/// Long-term keys are their own provider.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// Why a provider gave no credentials. It names the source and never shows a secret.
#[derive(Debug)]
pub struct CredentialsError {
    source_name: &'static str,
    message: String,
    cause: Option<Box<dyn StdError + Send + Sync>>,
}

impl CredentialsError {
    /// An error of the source `source_name` (e.g. `"profile file"`).
    pub fn new(source_name: &'static str, message: impl Into<String>) -> Self {
        CredentialsError {
            source_name,
            message: message.into(),
            cause: None,
        }
    }

    /// Adds the underlying error.
    pub fn with_cause(mut self, cause: impl StdError + Send + Sync + 'static) -> Self {
        self.cause = Some(Box::new(cause));
        self
    }

    /// The source that failed, e.g. `"CVM instance role"`.
    pub fn source_name(&self) -> &'static str {
        self.source_name
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source_name, self.message)
    }
}

impl StdError for CredentialsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.cause.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}

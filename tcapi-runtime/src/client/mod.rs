//! The one generic call path that every generated method goes through: the
//! public [`Client`], and the files of its call: option layering, the retry and
//! deadline loop, one attempt, the request body, and the signing-key cache.

mod attempt;
mod body;
mod prepare;
mod reply;
mod send;
mod signing_keys;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use crate::action::Action;
use crate::config::ClientBuilder;
use crate::endpoint::Endpoint;
use crate::error::{ActionError, ConfigError};
pub use crate::options::CallOptions;
use crate::options::Resolved;
use crate::provider::CredentialsCache;
use crate::ratelimit::{Limiter, RateLimit};

pub(crate) use body::request_body;
pub(crate) use reply::{Reply, Sent, Target};
pub(crate) use signing_keys::SigningKeyCache;

/// The default Content-Type of every call, signed as sent.
pub const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A configured, cheaply cloneable client. One client serves every service and action.
#[derive(Clone)]
pub struct Client {
    settings: Arc<Settings>,
}

pub(crate) struct Settings {
    /// Shared with the client's STS client, if it has one.
    pub(crate) http: Arc<crate::transport::HttpClient>,
    pub(crate) signing_keys: SigningKeyCache,
    pub(crate) credentials: Option<CredentialsCache>,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Endpoint,
    /// The client's request options, checked, over the built-in defaults.
    pub(crate) defaults: Resolved,
    pub(crate) max_response_bytes: usize,
    pub(crate) rate_limit: RateLimit,
    pub(crate) limiter: Limiter,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `TENCENTCLOUD_*` environment variables, with
    /// credentials from the [`crate::DefaultCredentialsChain`] when the environment has none.
    pub fn from_env() -> Result<Client, ConfigError> {
        ClientBuilder::default().from_env()?.build()
    }

    pub(crate) fn from_settings(settings: Settings) -> Client {
        Client {
            settings: Arc::new(settings),
        }
    }

    /// Whether the client has a source of credentials to sign with.
    pub fn has_credentials(&self) -> bool {
        self.settings.credentials.is_some()
    }

    /// Calls an action: serializes the request, signs it, sends it, retries what
    /// the client's [`RetryPolicy`] allows, and decodes the response or the
    /// service's error.
    pub async fn call<A: Action>(&self, request: &A) -> Result<A::Output, ActionError<A::ErrorCode>> {
        self.call_with(request, &CallOptions::default()).await
    }

    /// [`Client::call`] with options for this call only.
    pub async fn call_with<A: Action>(
        &self,
        request: &A,
        options: &CallOptions,
    ) -> Result<A::Output, ActionError<A::ErrorCode>> {
        let body =
            request_body(request, A::INFO.client_token).map_err(|failure| ActionError::other(A::INFO.name, failure))?;
        match self.send(&Target::from(&A::INFO), &body, options).await {
            Ok(sent) => sent
                .reply
                .decode::<A::Output, A::ErrorCode>(Cow::Borrowed(A::INFO.name))
                .map_err(|e| e.with_attempts(sent.attempts, sent.history)),
            Err((failure, attempts, history)) => {
                Err(ActionError::other(A::INFO.name, failure).with_attempts(attempts, history))
            }
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &*self.settings;
        f.debug_struct("Client")
            .field("credentials", &s.credentials.as_ref().map(CredentialsCache::provider))
            .field("region", &s.region)
            .field("endpoint", &s.endpoint)
            .field("language", &s.defaults.language)
            .finish_non_exhaustive()
    }
}

//! The default chain: environment → profile file → CVM role → STS AssumeRole → TKE OIDC.
//!
//! A source that is absent passes to the next; a source that is present but
//! broken stops the chain with its error, so that a typo never silently
//! switches accounts. Steps 1–3 find a key; when `TENCENTCLOUD_ROLE_ARN` is set,
//! step 4 exchanges that key for the role's credentials. Step 5 needs no key.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use tokio::sync::OnceCell;

use super::cvm::CvmRoleProvider;
use super::profile::ProfileProvider;
use super::sts::{
    AssumeRoleProvider, WebIdentityProvider, ENV_ROLE_ARN, ENV_ROLE_SESSION_NAME, ENV_TKE_PROVIDER_ID, ENV_TKE_REGION,
    ENV_TKE_ROLE_ARN, ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
};
use super::{CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::credentials::{env_var, Credentials};
use crate::error::ConfigError;
use crate::transport::HttpSettings;

/// Environment variable of the metadata service's `…/latest/meta-data/` URL
/// (a tcapi extension, so that tests and sandboxes can point at a fake).
pub const ENV_METADATA_ENDPOINT: &str = "TENCENTCLOUD_METADATA_ENDPOINT";

/// Where the chain reads variables: the process, or a fixed set (for tests).
#[derive(Clone, Default)]
pub(crate) enum Env {
    #[default]
    Process,
    Fixed(Arc<HashMap<String, String>>),
}

impl Env {
    pub(crate) fn var(&self, name: &str) -> Result<Option<String>, ConfigError> {
        match self {
            Env::Process => env_var(name),
            Env::Fixed(vars) => Ok(vars.get(name).filter(|v| !v.trim().is_empty()).cloned()),
        }
    }
}

/// The default chain of credential sources, in the order of the official SDKs,
/// plus STS AssumeRole. The first call resolves which source applies; refreshes
/// then ask that source again.
#[derive(Clone, Default)]
pub struct DefaultCredentialsChain {
    env: Env,
    metadata_endpoint: Option<String>,
    sts_endpoint: Option<String>,
    /// The client's HTTP settings, for the STS providers the chain makes.
    http: Arc<OnceLock<HttpSettings>>,
    resolved: Arc<OnceCell<Arc<dyn ProvideCredentials>>>,
}

impl fmt::Debug for DefaultCredentialsChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultCredentialsChain")
            .field("resolved", &self.resolved.get())
            .finish_non_exhaustive()
    }
}

const CHAIN: &str = "default credentials chain";

impl DefaultCredentialsChain {
    /// The chain over the process's environment and the real metadata service and STS.
    pub fn new() -> Self {
        DefaultCredentialsChain::default()
    }

    /// Reads these variables instead of the process's environment (`HOME` included).
    pub fn with_vars<K: Into<String>, V: Into<String>>(mut self, vars: impl IntoIterator<Item = (K, V)>) -> Self {
        let vars = vars.into_iter().map(|(k, v)| (k.into(), v.into())).collect();
        self.env = Env::Fixed(Arc::new(vars));
        self
    }

    /// Asks this metadata service (`…/latest/meta-data/`) for the CVM role.
    pub fn metadata_endpoint(mut self, url: impl Into<String>) -> Self {
        self.metadata_endpoint = Some(url.into());
        self
    }

    /// Sends STS calls (AssumeRole, AssumeRoleWithWebIdentity) to this endpoint.
    pub fn sts_endpoint(mut self, url: impl Into<String>) -> Self {
        self.sts_endpoint = Some(url.into());
        self
    }

    fn var(&self, name: &str) -> Result<Option<String>, CredentialsError> {
        self.env
            .var(name)
            .map_err(|e| CredentialsError::new("environment", e.to_string()))
    }

    /// Walks the chain and returns the first source that applies, or `Ok(None)`
    /// when every source is absent. Nothing is fetched over the network but the
    /// CVM metadata probe. The chain (and its clones) then keep using that source.
    pub async fn find_source(&self) -> Result<Option<Arc<dyn ProvideCredentials>>, CredentialsError> {
        if let Some(source) = self.resolved.get() {
            return Ok(Some(Arc::clone(source)));
        }
        let found = self.walk().await?;
        if let Some(source) = &found {
            // A concurrent walk may have won; either answer is the same source.
            let _ = self.resolved.set(Arc::clone(source));
        }
        Ok(found)
    }

    async fn walk(&self) -> Result<Option<Arc<dyn ProvideCredentials>>, CredentialsError> {
        let key = self.find_key().await?;
        if let Some(role_arn) = self.var(ENV_ROLE_ARN)? {
            let Some(base) = key else {
                return Err(CredentialsError::new(
                    "STS AssumeRole",
                    format!("{ENV_ROLE_ARN} is set, but no key to sign AssumeRole with was found in the environment, a profile file or a CVM role"),
                ));
            };
            let mut provider = AssumeRoleProvider::from_arc(base, role_arn, self.var(ENV_ROLE_SESSION_NAME)?);
            if let Some(endpoint) = &self.sts_endpoint {
                provider = provider.endpoint(endpoint.as_str());
            }
            if let Some(http) = self.http.get() {
                provider.use_client_http(http);
            }
            return Ok(Some(Arc::new(provider)));
        }
        if key.is_some() {
            return Ok(key);
        }
        Ok(self.web_identity()?.map(|p| Arc::new(p) as Arc<dyn ProvideCredentials>))
    }

    /// Steps 1–3: a key from the environment, a profile file or the CVM role.
    /// The CVM probe is skipped when TKE OIDC is configured: on a TKE node the
    /// metadata service would hand a pod the node's role instead of its own.
    async fn find_key(&self) -> Result<Option<Arc<dyn ProvideCredentials>>, CredentialsError> {
        let from_env = Credentials::from_vars(&|name| self.env.var(name))
            .map_err(|e| CredentialsError::new("environment", e.to_string()))?;
        if let Some(credentials) = from_env {
            return Ok(Some(Arc::new(credentials)));
        }
        if let Some(profile) = ProfileProvider::from_env(&self.env)? {
            // Read now, so that a broken file stops the chain here.
            return Ok(Some(Arc::new(profile.load()?)));
        }
        if self.var(ENV_TKE_WEB_IDENTITY_TOKEN_FILE)?.is_some() || self.var(ENV_TKE_ROLE_ARN)?.is_some() {
            return Ok(None);
        }
        let url = match &self.metadata_endpoint {
            Some(url) => Some(url.clone()),
            None => self.var(ENV_METADATA_ENDPOINT)?,
        };
        let metadata = match url {
            Some(url) => CvmRoleProvider::with_endpoint(url),
            None => CvmRoleProvider::new(),
        };
        if metadata.role().await?.is_some() {
            return Ok(Some(Arc::new(metadata)));
        }
        Ok(None)
    }

    /// Step 5: TKE OIDC, when its variables are set. Some but not all set is an error.
    fn web_identity(&self) -> Result<Option<WebIdentityProvider>, CredentialsError> {
        let names = [
            ENV_TKE_REGION,
            ENV_TKE_PROVIDER_ID,
            ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
            ENV_TKE_ROLE_ARN,
        ];
        let mut values = Vec::with_capacity(names.len());
        for name in names {
            values.push(self.var(name)?);
        }
        if values.iter().all(Option::is_none) {
            return Ok(None);
        }
        let missing: Vec<&str> = names
            .iter()
            .zip(&values)
            .filter(|(_, v)| v.is_none())
            .map(|(name, _)| *name)
            .collect();
        let [Some(region), Some(provider_id), Some(token_file), Some(role_arn)] =
            <[Option<String>; 4]>::try_from(values).unwrap_or_default()
        else {
            return Err(CredentialsError::new(
                "TKE OIDC",
                format!("{} must be set too", missing.join(", ")),
            ));
        };
        let mut provider = WebIdentityProvider::new(region, provider_id, PathBuf::from(token_file), role_arn);
        if let Some(endpoint) = &self.sts_endpoint {
            provider = provider.endpoint(endpoint.as_str());
        }
        if let Some(http) = self.http.get() {
            provider.use_client_http(http);
        }
        Ok(Some(provider))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let source = self.find_source().await?.ok_or_else(|| {
            CredentialsError::new(
                CHAIN,
                "no credentials found: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, write ~/.tencentcloud/credentials, or run on a CVM with a role or in TKE with OIDC",
            )
        })?;
        source.provide_credentials().await
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }

    /// Kept for the STS providers the chain makes when it resolves.
    fn use_client_http(&self, http: &HttpSettings) {
        let _ = self.http.set(http.clone());
        if let Some(source) = self.resolved.get() {
            source.use_client_http(http);
        }
    }
}

//! Temporary credentials from STS: AssumeRole (signed with a key) and
//! AssumeRoleWithWebIdentity (TKE OIDC, unsigned). Both go through the common
//! client, so they share the signing, error and retry path of every call.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::cvm::{secret, temporary};
use super::{CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::action::RawCode;
use crate::client::{CallOptions, Client, Target};
use crate::credentials::Credentials;
use crate::error::ErrorKind;
use crate::transport::HttpSettings;

/// The STS endpoint the official SDKs use.
pub const DEFAULT_STS_ENDPOINT: &str = "https://sts.tencentcloudapi.com";
/// The region the official SDKs send to STS.
pub const DEFAULT_STS_REGION: &str = "ap-guangzhou";
/// Environment variable of the role to assume with the chain's key.
pub const ENV_ROLE_ARN: &str = "TENCENTCLOUD_ROLE_ARN";
/// Environment variable of the session name of that role.
pub const ENV_ROLE_SESSION_NAME: &str = "TENCENTCLOUD_ROLE_SESSION_NAME";
/// TKE OIDC: the region sent to STS.
pub const ENV_TKE_REGION: &str = "TKE_REGION";
/// TKE OIDC: the identity provider.
pub const ENV_TKE_PROVIDER_ID: &str = "TKE_PROVIDER_ID";
/// TKE OIDC: the file holding the pod's web identity token, re-read on each refresh.
pub const ENV_TKE_WEB_IDENTITY_TOKEN_FILE: &str = "TKE_WEB_IDENTITY_TOKEN_FILE";
/// TKE OIDC: the role to assume.
pub const ENV_TKE_ROLE_ARN: &str = "TKE_ROLE_ARN";

const STS: &str = "sts";
const STS_VERSION: &str = "2018-08-13";
/// The official SDKs' default lifetime of assumed-role credentials.
const DEFAULT_DURATION_SECS: u32 = 7200;

#[derive(Deserialize)]
struct StsAnswer {
    #[serde(rename = "Credentials")]
    credentials: StsCredentials,
    #[serde(rename = "ExpiredTime")]
    expired_time: u64,
}

/// The secret parts are zeroed when dropped.
#[derive(Deserialize)]
struct StsCredentials {
    #[serde(rename = "Token", deserialize_with = "secret")]
    token: Zeroizing<String>,
    #[serde(rename = "TmpSecretId")]
    secret_id: String,
    #[serde(rename = "TmpSecretKey", deserialize_with = "secret")]
    secret_key: Zeroizing<String>,
}

/// The request of AssumeRole and AssumeRoleWithWebIdentity: the web identity
/// fields only for the latter.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StsRequest<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    provider_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    web_identity_token: Option<&'a str>,
    role_arn: &'a str,
    role_session_name: &'a str,
    duration_seconds: u32,
}

/// Where and how to reach STS; shared by both providers.
#[derive(Debug, Clone)]
struct StsTarget {
    endpoint: String,
    region: String,
    duration_secs: u32,
    session_name: String,
    /// The HTTP settings of the client this provider serves: its roots,
    /// proxy, connections and timeouts.
    http: OnceLock<HttpSettings>,
    /// Built at the first exchange, then reused with its connections.
    client: OnceLock<Client>,
}

impl StsTarget {
    fn new(session_name: Option<String>) -> Self {
        StsTarget {
            endpoint: DEFAULT_STS_ENDPOINT.to_string(),
            region: DEFAULT_STS_REGION.to_string(),
            duration_secs: DEFAULT_DURATION_SECS,
            session_name: session_name.unwrap_or_else(default_session_name),
            http: OnceLock::new(),
            client: OnceLock::new(),
        }
    }

    /// Sends one STS action, signed with `credentials` when there are some,
    /// and turns its answer into credentials.
    async fn exchange(
        &self,
        source: &'static str,
        credentials: Option<&Arc<dyn ProvideCredentials>>,
        action: &'static str,
        request: &StsRequest<'_>,
        options: &CallOptions,
    ) -> Result<Credentials, CredentialsError> {
        let client = match self.client.get() {
            Some(client) => client,
            None => {
                let client = self.client(source, credentials.cloned())?;
                self.client.get_or_init(|| client)
            }
        };
        // The request may hold a web identity token, and the answer holds the
        // temporary key: both buffers are zeroed when done.
        // Sized up front, so that no outgrown copy is freed unzeroed.
        let mut body = Zeroizing::new(Vec::with_capacity(
            512 + request.web_identity_token.map_or(0, str::len) + request.role_arn.len(),
        ));
        serde_json::to_writer(&mut *body, request)
            .map_err(|e| CredentialsError::new(source, format!("cannot write the STS {action} request: {e}")))?;
        let target = Target {
            service: STS,
            version: STS_VERSION,
            action,
            spec_host: None,
            idempotent: false,
            rate_limit_per_second: None,
        };
        let answer = match client.send(&target, &body, options).await {
            Ok(mut sent) => {
                let decoded = sent.reply.decode::<StsAnswer, RawCode>(Cow::Borrowed(action));
                sent.reply.body.zeroize();
                decoded.map_err(|e| e.with_attempts(sent.attempts, sent.history))
            }
            Err((failure, attempts, history)) => {
                Err(crate::error::ActionError::other(action, failure).with_attempts(attempts, history))
            }
        };
        let parsed = answer.map_err(|e| {
            // A service error is safe to show; a malformed answer might hold part of a token, so it is not quoted.
            let detail = match e.service_error() {
                Some(service) => format!(
                    "{}: {} (RequestId {})",
                    service.code_str(),
                    service.message(),
                    service.request_id()
                ),
                None => match e.kind() {
                    ErrorKind::MalformedResponse | ErrorKind::MissingResponse | ErrorKind::HttpStatus => {
                        format!(
                            "an answer that is not a valid envelope (HTTP {})",
                            e.http_status().unwrap_or(0)
                        )
                    }
                    _ => e.to_string(),
                },
            };
            CredentialsError::new(source, format!("STS {action} failed: {detail}"))
        })?;
        let StsAnswer {
            credentials,
            expired_time,
        } = parsed;
        temporary(
            source,
            credentials.secret_id,
            credentials.secret_key,
            credentials.token,
            expired_time,
        )
    }

    fn client(
        &self,
        source: &'static str,
        credentials: Option<Arc<dyn ProvideCredentials>>,
    ) -> Result<Client, CredentialsError> {
        let mut builder = Client::builder()
            .endpoint(self.endpoint.as_str())
            .region(self.region.as_str());
        if let Some(http) = self.http.get() {
            builder = builder.http_settings(http.clone());
        }
        if let Some(provider) = credentials {
            builder = builder.credentials_provider_arc(provider);
        }
        builder
            .build()
            .map_err(|e| CredentialsError::new(source, format!("cannot reach STS: {e}")))
    }
}

/// `tcapi-rust-<unix seconds>`, unique enough to tell sessions apart in CloudAudit.
fn default_session_name() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("tcapi-rust-{now}")
}

/// Assumes a CAM role with STS `AssumeRole`, signed with another provider's key.
#[derive(Debug)]
pub struct AssumeRoleProvider {
    base: Arc<dyn ProvideCredentials>,
    role_arn: String,
    target: StsTarget,
}

const ASSUME_ROLE: &str = "STS AssumeRole";

impl AssumeRoleProvider {
    /// Assumes `role_arn` with the key `base` gives. The session name defaults
    /// to `tcapi-rust-<unix seconds>`.
    pub fn new(base: impl ProvideCredentials + 'static, role_arn: impl Into<String>) -> Self {
        AssumeRoleProvider::from_arc(Arc::new(base), role_arn.into(), None)
    }

    pub(crate) fn from_arc(base: Arc<dyn ProvideCredentials>, role_arn: String, session_name: Option<String>) -> Self {
        AssumeRoleProvider {
            base,
            role_arn,
            target: StsTarget::new(session_name),
        }
    }

    /// Sets the session name.
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.target.session_name = name.into();
        self
    }

    /// Sets the lifetime asked for (1 to 43200 s; default 7200).
    pub fn duration_secs(mut self, secs: u32) -> Self {
        self.target.duration_secs = secs;
        self
    }

    /// Sends to another STS endpoint, e.g. the loopback mock in tests.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.target.endpoint = url.into();
        self
    }

    /// Sets the region sent to STS (default `ap-guangzhou`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.target.region = region.into();
        self
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let request = StsRequest {
            provider_id: None,
            web_identity_token: None,
            role_arn: &self.role_arn,
            role_session_name: &self.target.session_name,
            duration_seconds: self.target.duration_secs,
        };
        self.target
            .exchange(
                ASSUME_ROLE,
                Some(&self.base),
                "AssumeRole",
                &request,
                &CallOptions::new(),
            )
            .await
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }

    /// STS is reached as the client reaches the API; the key's provider gets them too.
    fn use_client_http(&self, http: &HttpSettings) {
        let _ = self.target.http.set(http.clone());
        self.base.use_client_http(http);
    }
}

/// TKE OIDC: exchanges the pod's web identity token for a role's credentials
/// with STS `AssumeRoleWithWebIdentity`, an unsigned call (`Authorization: SKIP`).
#[derive(Debug)]
pub struct WebIdentityProvider {
    provider_id: String,
    token_file: PathBuf,
    role_arn: String,
    target: StsTarget,
}

const WEB_IDENTITY: &str = "TKE OIDC";

impl WebIdentityProvider {
    /// Uses `region` (from `TKE_REGION`; the official Go SDK ignores it, we do not),
    /// the identity provider, the token file and the role.
    pub fn new(
        region: impl Into<String>,
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
    ) -> Self {
        let mut target = StsTarget::new(None);
        target.region = region.into();
        WebIdentityProvider {
            provider_id: provider_id.into(),
            token_file: token_file.into(),
            role_arn: role_arn.into(),
            target,
        }
    }

    /// Sets the session name (default `tcapi-rust-<unix seconds>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.target.session_name = name.into();
        self
    }

    /// Sets the lifetime asked for (default 7200 s).
    pub fn duration_secs(mut self, secs: u32) -> Self {
        self.target.duration_secs = secs;
        self
    }

    /// Sends to another STS endpoint, e.g. the loopback mock in tests.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.target.endpoint = url.into();
        self
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        // Kubernetes rotates the token file: read it anew each time.
        let token = std::fs::read_to_string(&self.token_file).map_err(|e| {
            let shown = self.token_file.display();
            CredentialsError::new(
                WEB_IDENTITY,
                format!("cannot read the web identity token file {shown}: {e}"),
            )
        })?;
        let token = zeroize::Zeroizing::new(token);
        if token.trim().is_empty() {
            let shown = self.token_file.display();
            return Err(CredentialsError::new(
                WEB_IDENTITY,
                format!("the web identity token file {shown} is empty"),
            ));
        }
        let request = StsRequest {
            provider_id: Some(&self.provider_id),
            web_identity_token: Some(token.trim()),
            role_arn: &self.role_arn,
            role_session_name: &self.target.session_name,
            duration_seconds: self.target.duration_secs,
        };
        self.target
            .exchange(
                WEB_IDENTITY,
                None,
                "AssumeRoleWithWebIdentity",
                &request,
                &CallOptions::new().unsigned(),
            )
            .await
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }

    fn use_client_http(&self, http: &HttpSettings) {
        let _ = self.target.http.set(http.clone());
    }
}

//! The CVM instance role, from the instance metadata service.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::{CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::credentials::Credentials;

/// The metadata service of a CVM instance.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com/latest/meta-data/";

/// Off a CVM, the metadata host does not answer: give up fast, because the
/// chain then tries its next source.
const METADATA_TIMEOUT: Duration = Duration::from_secs(1);

const SOURCE: &str = "CVM instance role";

/// Temporary credentials of the role bound to this CVM instance.
#[derive(Debug, Clone)]
pub struct CvmRoleProvider {
    base: String,
    http: Option<reqwest::Client>,
}

#[derive(Deserialize)]
struct RoleCredentials {
    #[serde(rename = "TmpSecretId")]
    secret_id: String,
    #[serde(rename = "TmpSecretKey")]
    secret_key: String,
    #[serde(rename = "Token")]
    token: String,
    #[serde(rename = "ExpiredTime")]
    expired_time: u64,
    #[serde(rename = "Code")]
    code: Option<String>,
}

impl Default for CvmRoleProvider {
    fn default() -> Self {
        CvmRoleProvider::with_endpoint(DEFAULT_METADATA_ENDPOINT)
    }
}

impl CvmRoleProvider {
    /// Reads the role from `http://metadata.tencentyun.com/latest/meta-data/`.
    pub fn new() -> Self {
        CvmRoleProvider::default()
    }

    /// Reads the role from another metadata service, e.g. a loopback fake in tests.
    /// `url` is the `…/latest/meta-data/` prefix.
    pub fn with_endpoint(url: impl Into<String>) -> Self {
        let mut base = url.into();
        if !base.ends_with('/') {
            base.push('/');
        }
        // No proxy: the metadata service is only reachable from the instance itself.
        let http = reqwest::Client::builder()
            .timeout(METADATA_TIMEOUT)
            .connect_timeout(METADATA_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .ok();
        CvmRoleProvider { base, http }
    }

    fn http(&self) -> Result<&reqwest::Client, CredentialsError> {
        self.http
            .as_ref()
            .ok_or_else(|| CredentialsError::new(SOURCE, "cannot build an HTTP client"))
    }

    /// The role bound to the instance: `Ok(None)` when no metadata service
    /// answers or it says no role is bound (404).
    pub async fn role(&self) -> Result<Option<String>, CredentialsError> {
        let url = format!("{}cam/security-credentials/", self.base);
        let response = match self.http()?.get(&url).send().await {
            Ok(response) => response,
            // Not on a CVM (or its metadata service is down): the source is absent.
            Err(_) => return Ok(None),
        };
        let status = response.status().as_u16();
        if status == 404 {
            return Ok(None);
        }
        let text = read_text(response, status).await?;
        let role = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
        if role.is_empty() {
            return Ok(None);
        }
        if !role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.+=,@".contains(&b))
        {
            return Err(CredentialsError::new(
                SOURCE,
                "the metadata service returned a role name with unexpected characters",
            ));
        }
        Ok(Some(role.to_string()))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let role = self
            .role()
            .await?
            .ok_or_else(|| CredentialsError::new(SOURCE, format!("no role is bound (asked {})", self.base)))?;
        let url = format!("{}cam/security-credentials/{role}", self.base);
        let response = self.http()?.get(&url).send().await.map_err(|e| {
            CredentialsError::new(SOURCE, format!("cannot read the credentials of role {role}"))
                .with_cause(e.without_url())
        })?;
        let status = response.status().as_u16();
        let text = read_text(response, status).await?;
        let parsed: RoleCredentials = serde_json::from_str(&text).map_err(|e| {
            CredentialsError::new(
                SOURCE,
                format!("the credentials of role {role} are not the expected JSON: {e}"),
            )
        })?;
        if parsed.code.as_deref().is_some_and(|code| code != "Success") {
            return Err(CredentialsError::new(
                SOURCE,
                format!("the metadata service refused the credentials of role {role}"),
            ));
        }
        temporary(
            SOURCE,
            parsed.secret_id,
            parsed.secret_key,
            parsed.token,
            parsed.expired_time,
        )
    }
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// The body of a 200 metadata answer, or an error naming the status.
async fn read_text(response: reqwest::Response, status: u16) -> Result<String, CredentialsError> {
    if status != 200 {
        return Err(CredentialsError::new(
            SOURCE,
            format!("the metadata service answered HTTP {status}"),
        ));
    }
    response.text().await.map_err(|e| {
        CredentialsError::new(SOURCE, "the metadata service's answer was cut off").with_cause(e.without_url())
    })
}

/// Temporary credentials from their parts, checked like any others.
pub(crate) fn temporary(
    source: &'static str,
    secret_id: String,
    secret_key: String,
    token: String,
    expired_time: u64,
) -> Result<Credentials, CredentialsError> {
    let invalid =
        |e: crate::ConfigError| CredentialsError::new(source, format!("the temporary credentials are unusable: {e}"));
    let expires_at = UNIX_EPOCH
        .checked_add(Duration::from_secs(expired_time))
        .ok_or_else(|| CredentialsError::new(source, "the temporary credentials' expiry time is out of range"))?;
    if expires_at <= SystemTime::now() {
        return Err(CredentialsError::new(
            source,
            "the temporary credentials have already expired; check the clock",
        ));
    }
    Ok(Credentials::new(secret_id, secret_key)
        .and_then(|c| c.with_token(token))
        .map_err(invalid)?
        .with_expiry(expires_at))
}

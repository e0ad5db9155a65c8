//! The CVM instance role, from the instance metadata service.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::Full;
use serde::{Deserialize, Deserializer};
use tokio::time::Instant;
use zeroize::Zeroizing;

use super::{CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::credentials::Credentials;
use crate::error::{ErrorKind, Failure};
use crate::transport::{HttpClient, Origin};

/// The metadata service of a CVM instance.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com/latest/meta-data/";

/// Off a CVM, the metadata host does not answer: give up fast, because the
/// chain then tries its next source.
const METADATA_TIMEOUT: Duration = Duration::from_secs(1);
/// More than any metadata answer.
const MAX_METADATA_BYTES: usize = 64 * 1024;

const SOURCE: &str = "CVM instance role";

/// Temporary credentials of the role bound to this CVM instance.
#[derive(Debug, Clone)]
pub struct CvmRoleProvider {
    base: String,
    http: Arc<HttpClient>,
}

#[derive(Deserialize)]
struct RoleCredentials {
    #[serde(rename = "TmpSecretId")]
    secret_id: String,
    #[serde(rename = "TmpSecretKey", deserialize_with = "secret")]
    secret_key: Zeroizing<String>,
    #[serde(rename = "Token", deserialize_with = "secret")]
    token: Zeroizing<String>,
    #[serde(rename = "ExpiredTime")]
    expired_time: u64,
    #[serde(rename = "Code")]
    code: Option<String>,
}

/// A secret string, held so that it is zeroed when dropped.
pub(crate) fn secret<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Zeroizing<String>, D::Error> {
    String::deserialize(deserializer).map(Zeroizing::new)
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
        let http = Arc::new(HttpClient::direct(METADATA_TIMEOUT));
        CvmRoleProvider { base, http }
    }

    /// A GET of `<base><path>`: the status and the body, or why there is none.
    async fn get(&self, path: &str) -> Result<(u16, Zeroizing<Vec<u8>>), Failure> {
        let url = format!("{}{path}", self.base);
        let (origin, path_and_query) = Origin::split_url(&url)
            .map_err(|e| Failure::new(ErrorKind::Config, format!("the metadata URL has {e}")))?;
        let host = origin.authority().into_owned();
        let make = || {
            http::Request::get(path_and_query.as_str())
                .header(http::header::HOST, host.as_str())
                .body(Full::new(Bytes::new()))
                .map_err(|e| Failure::new(ErrorKind::Config, format!("the metadata URL is unusable: {e}")))
        };
        let now = Instant::now();
        let answer = self
            .http
            .send(&origin, &make, true, MAX_METADATA_BYTES, now, now + METADATA_TIMEOUT)
            .await?;
        Ok((answer.status, Zeroizing::new(answer.body)))
    }

    /// The role bound to the instance: `Ok(None)` when no metadata service
    /// answers or it says no role is bound (404).
    pub async fn role(&self) -> Result<Option<String>, CredentialsError> {
        let (status, body) = match self.get("cam/security-credentials/").await {
            Ok(answer) => answer,
            // Not on a CVM (or its metadata service is down): the source is absent.
            Err(_) => return Ok(None),
        };
        if status == 404 {
            return Ok(None);
        }
        let text = text_of(status, &body)?;
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
        // The body holds the temporary key and token: it is zeroed when dropped.
        let (status, body) = self
            .get(&format!("cam/security-credentials/{role}"))
            .await
            .map_err(|e| {
                CredentialsError::new(
                    SOURCE,
                    format!("cannot read the credentials of role {role}: {}", e.summary()),
                )
            })?;
        text_of(status, &body)?;
        let parsed: RoleCredentials = serde_json::from_slice(&body).map_err(|e| {
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
        let RoleCredentials {
            secret_id,
            secret_key,
            token,
            expired_time,
            ..
        } = parsed;
        temporary(SOURCE, secret_id, secret_key, token, expired_time)
    }
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// The text of a 200 metadata answer, or an error naming the status.
fn text_of(status: u16, body: &[u8]) -> Result<&str, CredentialsError> {
    if status != 200 {
        return Err(CredentialsError::new(
            SOURCE,
            format!("the metadata service answered HTTP {status}"),
        ));
    }
    std::str::from_utf8(body).map_err(|_| CredentialsError::new(SOURCE, "the metadata service's answer is not text"))
}

/// Temporary credentials from their parts, checked like any others.
pub(crate) fn temporary(
    source: &'static str,
    secret_id: String,
    mut secret_key: Zeroizing<String>,
    mut token: Zeroizing<String>,
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
    // Moved, not copied: the strings' memory passes to the credentials, which zero it in turn.
    Ok(Credentials::new(secret_id, std::mem::take(&mut *secret_key))
        .and_then(|c| c.with_token(std::mem::take(&mut *token)))
        .map_err(invalid)?
        .with_expiry(expires_at))
}

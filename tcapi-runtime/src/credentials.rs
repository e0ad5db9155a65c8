//! API keys. The secret key and token never reach Debug, Display or errors.

use std::fmt;
use std::time::SystemTime;

use zeroize::Zeroizing;

use crate::error::ConfigError;

/// Environment variable of the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable of the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable of the session token of temporary credentials.
pub const ENV_TOKEN: &str = "TENCENTCLOUD_TOKEN";

/// A secret string: its Debug shows only that it is there, and its memory is
/// zeroed when it is dropped.
#[derive(Clone, PartialEq, Eq)]
struct Secret(Zeroizing<String>);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A SecretId and SecretKey, and the token of temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    secret_id: String,
    secret_key: Secret,
    token: Option<Secret>,
    expires_at: Option<SystemTime>,
}

impl Credentials {
    /// Long-term credentials.
    ///
    /// Fails when a value is empty or holds characters that cannot travel in an
    /// HTTP header; the error never shows the key.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Result<Self, ConfigError> {
        let secret_id = secret_id.into();
        // Wrapped at once, so that a refused key is zeroed too.
        let secret_key = Zeroizing::new(secret_key.into());
        check_value("SecretId", &secret_id)?;
        check_value("SecretKey", &secret_key)?;
        Ok(Credentials {
            secret_id,
            secret_key: Secret(secret_key),
            token: None,
            expires_at: None,
        })
    }

    /// Adds the session token of temporary credentials, sent as `X-TC-Token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Result<Self, ConfigError> {
        let token = Zeroizing::new(token.into());
        check_value("token", &token)?;
        self.token = Some(Secret(token));
        Ok(self)
    }

    /// Marks the credentials as temporary: the client asks its provider for new
    /// ones before this instant.
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// When temporary credentials expire; `None` for long-term keys.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Reads `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and, if set,
    /// `TENCENTCLOUD_TOKEN`. `Ok(None)` when neither id nor key is set; an error
    /// when only one is, or a value is unusable.
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        Credentials::from_vars(&|name| env_var(name))
    }

    /// [`Credentials::from_env`] over any variable lookup, so that the chain can be tested without touching the process's environment.
    pub(crate) fn from_vars(
        var: &dyn Fn(&str) -> Result<Option<String>, ConfigError>,
    ) -> Result<Option<Self>, ConfigError> {
        let id = var(ENV_SECRET_ID)?;
        let key = var(ENV_SECRET_KEY)?;
        let credentials = match (id, key) {
            (None, None) if var(ENV_TOKEN)?.is_some() => {
                return Err(ConfigError::new(format!(
                    "{ENV_TOKEN} is set but {ENV_SECRET_ID} and {ENV_SECRET_KEY} are not; a token needs its key pair"
                )))
            }
            (None, None) => return Ok(None),
            (Some(id), Some(key)) => Credentials::new(id, key)?,
            (Some(_), None) => {
                return Err(ConfigError::new(format!(
                    "{ENV_SECRET_ID} is set but {ENV_SECRET_KEY} is not; set both"
                )))
            }
            (None, Some(_)) => {
                return Err(ConfigError::new(format!(
                    "{ENV_SECRET_KEY} is set but {ENV_SECRET_ID} is not; set both"
                )))
            }
        };
        match var(ENV_TOKEN)? {
            Some(token) => credentials.with_token(token).map(Some),
            None => Ok(Some(credentials)),
        }
    }

    /// The SecretId (an identifier, not a secret).
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The SecretKey. Crate-private, so that no caller can print it.
    pub(crate) fn secret_key(&self) -> &str {
        &self.secret_key.0
    }

    pub(crate) fn token(&self) -> Option<&str> {
        self.token.as_ref().map(|t| t.0.as_str())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &self.secret_key)
            .field("token", &self.token)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Reads an environment variable; empty counts as unset.
pub(crate) fn env_var(name: &str) -> Result<Option<String>, ConfigError> {
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(ConfigError::new(format!("{name} is not valid UTF-8"))),
    }
}

/// A credential value must be non-empty visible ASCII, because it travels in headers.
fn check_value(what: &str, value: &str) -> Result<(), ConfigError> {
    if value.is_empty() {
        return Err(ConfigError::new(format!("the {what} is empty")));
    }
    if let Some(position) = value.bytes().position(|b| !b.is_ascii_graphic()) {
        return Err(ConfigError::new(format!(
            "the {what} has a space, control or non-ASCII character at byte {position}; check for a stray newline or quote"
        )));
    }
    if what == "SecretId" && value.contains([',', '/']) {
        return Err(ConfigError::new("the SecretId cannot contain ',' or '/'"));
    }
    Ok(())
}

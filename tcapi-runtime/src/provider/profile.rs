//! The credentials file of Tencent's CLI and SDKs: an ini file with
//! `[default]` `secret_id` / `secret_key`.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::chain::Env;
use super::{CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::credentials::Credentials;

/// Environment variable of the credentials file's path.
pub const ENV_CREDENTIALS_FILE: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
/// Environment variable of the profile (section) to read; `default` when unset.
pub const ENV_PROFILE: &str = "TENCENTCLOUD_PROFILE";

const SOURCE: &str = "profile file";

/// Reads one profile of a credentials file.
#[derive(Debug, Clone)]
pub struct ProfileProvider {
    path: PathBuf,
    profile: String,
}

impl ProfileProvider {
    /// Reads profile `profile` of the file at `path`.
    pub fn new(path: impl Into<PathBuf>, profile: impl Into<String>) -> Self {
        ProfileProvider {
            path: path.into(),
            profile: profile.into(),
        }
    }

    /// The file and profile the chain would read: `$TENCENTCLOUD_CREDENTIALS_FILE`,
    /// else `~/.tencentcloud/credentials`, else (as the Python SDK does)
    /// `/etc/tencentcloud/credentials`. `Ok(None)` when there is no such file.
    pub(crate) fn from_env(env: &Env) -> Result<Option<Self>, CredentialsError> {
        let var = |name| env.var(name).map_err(|e| CredentialsError::new(SOURCE, e.to_string()));
        let named = var(ENV_PROFILE)?;
        let profile = named.clone().unwrap_or_else(|| "default".to_string());
        if let Some(path) = var(ENV_CREDENTIALS_FILE)? {
            // Named explicitly: a missing file is a mistake, not an absence.
            return Ok(Some(ProfileProvider::new(path, profile)));
        }
        let home = var("HOME")?.map(|home| Path::new(&home).join(".tencentcloud/credentials"));
        let candidates = home.into_iter().chain([PathBuf::from("/etc/tencentcloud/credentials")]);
        for path in candidates {
            if path.is_file() {
                return Ok(Some(ProfileProvider::new(path, profile)));
            }
        }
        match named {
            // A profile was asked for by name: its absence is a mistake, not a reason to move on.
            Some(name) => Err(CredentialsError::new(
                SOURCE,
                format!("{ENV_PROFILE} is {name:?}, but there is no credentials file (~/.tencentcloud/credentials or {ENV_CREDENTIALS_FILE})"),
            )),
            None => Ok(None),
        }
    }

    /// Reads the file. Every problem is an error that names the file, and the
    /// line when it is about one; no value is ever shown.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let shown = self.path.display();
        // Zeroized on drop: the file holds the secret key. `fs::read` sizes its
        // buffer from the file's length, so no grown-out copy is left behind.
        let bytes = Zeroizing::new(
            std::fs::read(&self.path)
                .map_err(|e| CredentialsError::new(SOURCE, format!("cannot read {shown}: {e}")).with_cause(e))?,
        );
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| CredentialsError::new(SOURCE, format!("{shown} is not UTF-8 text")))?;
        let section = find_section(text, &self.profile).map_err(|line| {
            CredentialsError::new(SOURCE, format!("{shown}:{line}: expected `[profile]` or `key = value`"))
        })?;
        let Some(entries) = section else {
            return Err(CredentialsError::new(
                SOURCE,
                format!(
                    "{shown} has no [{}] profile; add it or set {ENV_PROFILE} to one it has",
                    self.profile
                ),
            ));
        };
        let get = |key: &str| entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        let (Some(id), Some(key)) = (get("secret_id"), get("secret_key")) else {
            return Err(CredentialsError::new(
                SOURCE,
                format!("[{}] of {shown} needs both secret_id and secret_key", self.profile),
            ));
        };
        let invalid =
            |e: crate::ConfigError| CredentialsError::new(SOURCE, format!("[{}] of {shown}: {e}", self.profile));
        let credentials = Credentials::new(id, key).map_err(invalid)?;
        match get("token") {
            Some(token) => credentials.with_token(token).map_err(invalid),
            None => Ok(credentials),
        }
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// The `key = value` pairs of `[profile]`, `Ok(None)` when it is absent, or the
/// 1-based number of a line that is not ini.
fn find_section<'t>(text: &'t str, profile: &str) -> Result<Option<Vec<(&'t str, &'t str)>>, usize> {
    let mut current: Option<&str> = None;
    let mut found: Option<Vec<(&str, &str)>> = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.trim());
            if current == Some(profile) {
                found.get_or_insert_with(Vec::new);
            }
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(index + 1);
        };
        if current == Some(profile) {
            let value = value.trim();
            let unquoted = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            found.get_or_insert_with(Vec::new).push((key.trim(), unquoted));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_keys_comments_and_quotes() {
        let text = "# c\n[default]\nsecret_id = AKID1\nsecret_key=\"k1\"\n\n[prod]\n; c\nsecret_id=AKID2\n";
        assert_eq!(
            find_section(text, "default"),
            Ok(Some(vec![("secret_id", "AKID1"), ("secret_key", "k1")]))
        );
        assert_eq!(find_section(text, "prod"), Ok(Some(vec![("secret_id", "AKID2")])));
        assert_eq!(find_section(text, "missing"), Ok(None));
        assert_eq!(find_section("[default]\nnot ini\n", "default"), Err(2));
    }
}

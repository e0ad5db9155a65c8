//! The mock's STS and CVM metadata service: both hand out temporary
//! credentials that the mock then accepts, with their token, until they expire.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};

use super::{lock, Refusal, State};

/// A key pair the mock accepts, and the token that must come with it.
#[derive(Clone)]
pub(super) struct MockKey {
    pub(super) secret_key: String,
    pub(super) token: Option<String>,
    pub(super) expires_at: Option<u64>,
}

/// The metadata path that lists the instance's role.
pub(super) const METADATA_ROLES: &str = "/latest/meta-data/cam/security-credentials/";

/// The STS version the official SDKs call.
const STS_VERSION: &str = "2018-08-13";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl State {
    /// Issues a new temporary key pair, valid for `lifetime` seconds (or the
    /// builder's override), and accepts it from now on.
    fn issue(&self, lifetime: u64) -> (String, String, String, u64) {
        let n = self.counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let lifetime = self.issued_lifetime.unwrap_or(lifetime);
        let expires_at = now() + lifetime;
        let (id, key, token) = (
            format!("AKIDmocktmp{n:016x}"),
            format!("mock-tmp-key-{n:016x}"),
            format!("mock-token-{n:016x}"),
        );
        lock(&self.keys).insert(
            id.clone(),
            MockKey {
                secret_key: key.clone(),
                token: Some(token.clone()),
                expires_at: Some(expires_at),
            },
        );
        (id, key, token, expires_at)
    }

    /// The answer of the fake CVM metadata service to a GET, if the path is one of its.
    pub(super) fn metadata(&self, path: &str) -> Option<(u16, String)> {
        let rest = path.strip_prefix(METADATA_ROLES)?;
        let Some(role) = &self.cvm_role else {
            return Some((404, "Not Found".to_string()));
        };
        if rest.is_empty() {
            return Some((200, role.clone()));
        }
        if rest != role {
            return Some((404, "Not Found".to_string()));
        }
        let (id, key, token, expires_at) = self.issue(7200);
        let body = json!({
            "TmpSecretId": id,
            "TmpSecretKey": key,
            "Token": token,
            "ExpiredTime": expires_at,
            "Expiration": format!("{expires_at}"),
            "Code": "Success",
        });
        Some((200, body.to_string()))
    }

    /// Answers an STS action: `AssumeRole` signed, or `AssumeRoleWithWebIdentity` unsigned.
    pub(super) fn sts(
        &self,
        action: &str,
        version: &str,
        signed: bool,
        headers: &HashMap<String, String>,
        body: &Value,
    ) -> Result<Map<String, Value>, Refusal> {
        let required: &[&str] = match (action, signed) {
            ("AssumeRole", true) => &["RoleArn", "RoleSessionName"],
            ("AssumeRoleWithWebIdentity", false) => &["ProviderId", "WebIdentityToken", "RoleArn", "RoleSessionName"],
            ("AssumeRoleWithWebIdentity", true) | ("AssumeRole", false) => {
                return Err(Refusal::new(
                    "AuthFailure.SignatureFailure",
                    format!(
                        "{action} must be sent {}.",
                        if signed {
                            "unsigned (Authorization: SKIP)"
                        } else {
                            "signed"
                        }
                    ),
                ))
            }
            (_, false) => {
                return Err(Refusal::new(
                    "AuthFailure.SignatureFailure",
                    "Only STS AssumeRoleWithWebIdentity takes unsigned calls (Authorization: SKIP).",
                ))
            }
            _ => {
                return Err(Refusal::new(
                    "InvalidAction",
                    format!("The action `{action}` of `sts` is not served here."),
                ))
            }
        };
        if version != STS_VERSION {
            return Err(Refusal::new(
                "NoSuchVersion",
                format!("The API version `{version}` of `sts` does not exist."),
            ));
        }
        for name in required {
            if body.get(*name).and_then(Value::as_str).is_none_or(str::is_empty) {
                return Err(Refusal::new(
                    "MissingParameter",
                    format!("The parameter `{name}` is missing."),
                ));
            }
        }
        if headers.get("x-tc-region").is_none_or(|r| r.is_empty()) {
            return Err(Refusal::new(
                "MissingParameter",
                "The request is missing the X-TC-Region header.",
            ));
        }
        let duration = match body.get("DurationSeconds") {
            None => 7200,
            Some(value) => match value.as_u64() {
                Some(secs @ 1..=43200) => secs,
                _ => {
                    return Err(Refusal::new(
                        "InvalidParameterValue",
                        "DurationSeconds must be an integer from 1 to 43200.",
                    ))
                }
            },
        };
        let (id, key, token, expires_at) = self.issue(duration);
        let answer = json!({
            "Credentials": { "Token": token, "TmpSecretId": id, "TmpSecretKey": key },
            "ExpiredTime": expires_at,
            "Expiration": format!("{expires_at}"),
        });
        Ok(match answer {
            Value::Object(map) => map,
            _ => Map::new(),
        })
    }
}

/// Checks the token that must come with a temporary key, and its expiry.
pub(super) fn check_token(key: &MockKey, headers: &HashMap<String, String>) -> Result<(), Refusal> {
    let Some(expected) = &key.token else {
        return Ok(());
    };
    if key.expires_at.is_some_and(|at| now() >= at) {
        return Err(Refusal::new(
            "AuthFailure.TokenFailure",
            "The temporary credentials have expired.",
        ));
    }
    match headers.get("x-tc-token") {
        Some(token) if token == expected => Ok(()),
        _ => Err(Refusal::new(
            "AuthFailure.TokenFailure",
            "The X-TC-Token header is missing or does not belong to this SecretId.",
        )),
    }
}

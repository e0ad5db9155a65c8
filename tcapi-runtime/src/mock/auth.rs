//! Verifying a TC3 signature, as Tencent's gateway does.

use std::collections::HashMap;

use crate::sign::{self, SigningInput};

use super::sts::MockKey;
use super::Refusal;

fn fail(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal::new(code, message)
}

/// The request as received, with header names in lower case.
pub(super) struct Received<'a> {
    pub(super) method: &'a str,
    pub(super) query: &'a str,
    pub(super) headers: &'a HashMap<String, String>,
    pub(super) body: &'a [u8],
}

/// The parsed `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
struct Authorization<'a> {
    secret_id: &'a str,
    date: &'a str,
    service: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Option<Authorization<'_>> {
    let rest = value.strip_prefix(sign::ALGORITHM)?.trim_start();
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (key, val) = part.trim().split_once('=')?;
        match key {
            "Credential" => credential = Some(val),
            "SignedHeaders" => signed_headers = Some(val),
            "Signature" => signature = Some(val),
            _ => return None,
        }
    }
    let mut scope = credential?.split('/');
    let auth = Authorization {
        secret_id: scope.next()?,
        date: scope.next()?,
        service: scope.next()?,
        signed_headers: signed_headers?,
        signature: signature?,
    };
    (scope.next()? == "tc3_request" && scope.next().is_none()).then_some(auth)
}

/// Checks the signature and returns the credential scope's service and the key that signed.
pub(super) fn verify(
    request: &Received<'_>,
    keys: &HashMap<String, MockKey>,
    now: u64,
) -> Result<(String, MockKey), Refusal> {
    let header = |name: &str| request.headers.get(name).map(String::as_str);
    let authorization = header("authorization")
        .ok_or_else(|| fail("AuthFailure.SignatureFailure", "The Authorization header is missing."))?;
    let auth = parse_authorization(authorization).ok_or_else(|| {
        fail(
            "AuthFailure.SignatureFailure",
            "The Authorization header is not a TC3-HMAC-SHA256 authorization.",
        )
    })?;
    let key = keys.get(auth.secret_id).ok_or_else(|| {
        fail(
            "AuthFailure.SecretIdNotFound",
            "The SecretId is not found, please ensure that your SecretId is correct.",
        )
    })?;
    let timestamp: u64 = header("x-tc-timestamp")
        .and_then(|t| t.trim().parse().ok())
        .ok_or_else(|| {
            fail(
                "MissingParameter",
                "The request is missing a valid X-TC-Timestamp header.",
            )
        })?;
    if timestamp.abs_diff(now) > 300 {
        return Err(fail(
            "AuthFailure.SignatureExpire",
            format!("Signature expired: the timestamp {timestamp} is more than 5 minutes from the server time {now}."),
        ));
    }
    if auth.date != sign::utc_date(timestamp) {
        return Err(fail(
            "AuthFailure.SignatureFailure",
            "The credential date is not the UTC date of X-TC-Timestamp.",
        ));
    }
    let names: Vec<&str> = auth.signed_headers.split(';').collect();
    if names.first() != Some(&"content-type") || names.get(1) != Some(&"host") {
        return Err(fail(
            "AuthFailure.SignatureFailure",
            "SignedHeaders must start with content-type;host.",
        ));
    }
    let mut extra = Vec::new();
    for name in &names[2..] {
        let value = header(name).ok_or_else(|| {
            fail(
                "AuthFailure.SignatureFailure",
                format!("The signed header {name} is missing."),
            )
        })?;
        extra.push((*name, value));
    }
    if !names[2..].windows(2).all(|w| w[0] < w[1]) || names[2..].iter().any(|n| *n <= "host") {
        return Err(fail("AuthFailure.SignatureFailure", "SignedHeaders must be sorted."));
    }
    let input = SigningInput {
        method: request.method,
        host: header("host").unwrap_or(""),
        query: request.query,
        content_type: header("content-type").unwrap_or(""),
        extra_headers: &extra,
        payload: request.body,
        timestamp,
        service: auth.service,
    };
    let canonical = sign::canonical_request(&input);
    let to_sign = sign::string_to_sign(timestamp, auth.service, &canonical);
    let expected = sign::signature(
        &sign::SigningKey::derive(&key.secret_key, auth.date, auth.service),
        &to_sign,
    );
    if !constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
        return Err(fail(
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated. Please check your signature is correct.",
        ));
    }
    Ok((auth.service.to_string(), key.clone()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

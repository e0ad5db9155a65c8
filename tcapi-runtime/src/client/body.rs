//! The request's JSON, with a `ClientToken` filled in where the action has one.

use crate::error::{ErrorKind, Failure};

/// The request's JSON. When the action has a `ClientToken` member that the
/// caller left empty, a random one is filled in, so that every attempt carries
/// the same token.
pub(crate) fn request_body<A: serde::Serialize>(request: &A, client_token: bool) -> Result<Vec<u8>, Failure> {
    let fail = |e: serde_json::Error| Failure::new(ErrorKind::Request, format!("cannot serialize the request: {e}"));
    if !client_token {
        // Most requests fit: one allocation instead of growing from serde_json's 128 bytes.
        let mut body = Vec::with_capacity(256);
        serde_json::to_writer(&mut body, request).map_err(fail)?;
        return Ok(body);
    }
    let mut value = serde_json::to_value(request).map_err(fail)?;
    if let serde_json::Value::Object(map) = &mut value {
        let missing = map
            .get("ClientToken")
            .and_then(|t| t.as_str())
            .is_none_or(str::is_empty);
        if missing {
            map.insert("ClientToken".into(), serde_json::Value::String(random_client_token()));
        }
    }
    serde_json::to_vec(&value).map_err(fail)
}

/// A random UUID (version 4), as Tencent's SDKs make ClientTokens.
fn random_client_token() -> String {
    let (high, low) = (fastrand::u64(..), fastrand::u64(..));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0x0fff,
        (low >> 48) & 0x3fff | 0x8000,
        low & 0xffff_ffff_ffff
    )
}

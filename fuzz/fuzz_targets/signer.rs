//! The TC3 signer never panics on any header values or body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tcapi_runtime::sign::{self, SigningInput, SigningKey};

fuzz_target!(|data: &[u8]| {
    // Split the input into fields at 0xff bytes; lossy text keeps every byte in play.
    let mut parts = data.split(|b| *b == 0xff);
    let mut next = || String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let (method, host, query, content_type, action, service, id, key) =
        (next(), next(), next(), next(), next(), next(), next(), next());
    let payload = parts.next().unwrap_or_default();
    let timestamp = data.iter().fold(0u64, |acc, b| acc.wrapping_mul(31).wrapping_add(u64::from(*b)));
    let extra = [("x-tc-action", action.as_str())];
    let input = SigningInput {
        method: &method,
        host: &host,
        query: &query,
        content_type: &content_type,
        extra_headers: &extra,
        payload,
        timestamp,
        service: &service,
    };
    let key = SigningKey::derive(&key, &sign::utc_date(timestamp), &service);
    let header = sign::sign(&input, &id, &key).authorization;
    assert!(header.starts_with("TC3-HMAC-SHA256"));
});

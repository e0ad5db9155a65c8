//! Stage 1: the canonical request.

use sha2::{Digest, Sha256};

use super::SigningInput;

/// The canonical request: method, path, query, the signed headers (a line
/// each, then a blank line), their names, and the payload's hash.
pub fn canonical_request(input: &SigningInput<'_>) -> String {
    let mut headers = String::with_capacity(128);
    for (name, value) in input.headers() {
        headers.push_str(name);
        headers.push(':');
        push_header_value(&mut headers, value);
        headers.push('\n');
    }
    let payload_hash = format!("{:x}", Sha256::digest(input.payload));
    [
        input.method,
        "/",
        input.query,
        &headers,
        &signed_headers(input),
        &payload_hash,
    ]
    .join("\n")
}

/// The names of the signed headers, in order: `content-type;host[;extra…]`.
pub fn signed_headers(input: &SigningInput<'_>) -> String {
    let names: Vec<&str> = input.headers().map(|(name, _)| name).collect();
    names.join(";")
}

/// Appends a header value as TC3 signs it: trimmed, lower-cased.
fn push_header_value(out: &mut String, value: &str) {
    let start = out.len();
    out.push_str(value.trim());
    out[start..].make_ascii_lowercase();
}

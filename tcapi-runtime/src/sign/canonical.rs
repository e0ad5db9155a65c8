//! Stage 1: the canonical request.

use sha2::{Digest, Sha256};

use super::SigningInput;

/// The canonical request: method, path, query, the signed headers and the
/// payload's hash, one to a line.
pub fn canonical_request(input: &SigningInput<'_>) -> String {
    let mut headers = String::new();
    for (name, value) in input.headers() {
        headers.push_str(name);
        headers.push(':');
        headers.push_str(&header_value(value));
        headers.push('\n');
    }
    format!(
        "{method}\n/\n{query}\n{headers}\n{signed}\n{payload}",
        method = input.method,
        query = input.query,
        signed = signed_headers(input),
        payload = hex::encode(Sha256::digest(input.payload)),
    )
}

/// The names of the signed headers, in order: `content-type;host[;extra…]`.
pub fn signed_headers(input: &SigningInput<'_>) -> String {
    let names: Vec<&str> = input.headers().map(|(name, _)| name).collect();
    names.join(";")
}

/// A header value as TC3 signs it: trimmed, lower-cased.
fn header_value(value: &str) -> String {
    value.trim().to_ascii_lowercase()
}

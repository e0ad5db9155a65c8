//! Stage 2: the string to sign.

use sha2::{Digest, Sha256};

use super::{utc_date, ALGORITHM};

/// The string to sign: the algorithm, the time, the credential scope and the
/// canonical request's hash, one to a line.
pub fn string_to_sign(timestamp: u64, service: &str, canonical_request: &str) -> String {
    [
        ALGORITHM,
        &timestamp.to_string(),
        &credential_scope(timestamp, service),
        &format!("{:x}", Sha256::digest(canonical_request)),
    ]
    .join("\n")
}

/// `date/service/tc3_request`, with the UTC date of `timestamp`.
pub(super) fn credential_scope(timestamp: u64, service: &str) -> String {
    [&utc_date(timestamp), service, "tc3_request"].join("/")
}

//! Stage 4: the Authorization header value.

use super::string_to_sign::credential_scope;
use super::ALGORITHM;

/// The Authorization value: who signed, for which scope, over which headers, and the signature.
pub fn authorization(secret_id: &str, timestamp: u64, service: &str, signed_headers: &str, signature: &str) -> String {
    [
        ALGORITHM,
        " Credential=",
        secret_id,
        "/",
        &credential_scope(timestamp, service),
        ", SignedHeaders=",
        signed_headers,
        ", Signature=",
        signature,
    ]
    .concat()
}

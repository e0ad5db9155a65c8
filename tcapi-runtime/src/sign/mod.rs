//! TC3-HMAC-SHA256, stage by stage.
//!
//! Each stage is a public function, so that tests check it against Tencent's
//! published intermediate values and a failure names the stage:
//!
//! 1. [`canonical_request`], which lists the [`signed_headers`];
//! 2. [`string_to_sign`];
//! 3. [`SigningKey::derive`], then [`signature`];
//! 4. [`authorization`], the header value.
//!
//! [`sign`] runs them in turn and returns the headers to send.

mod authorization;
mod canonical;
mod date;
mod key;
mod string_to_sign;

use std::fmt;

pub use authorization::authorization;
pub use canonical::{canonical_request, signed_headers};
pub use date::utc_date;
pub use key::{signature, SigningKey};
pub use string_to_sign::string_to_sign;

/// The algorithm name that starts the string to sign and the Authorization header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// What is signed: the request exactly as it is sent.
#[derive(Debug, Clone, Copy)]
pub struct SigningInput<'a> {
    /// `POST` or `GET`.
    pub method: &'a str,
    /// The Host header as sent, with the port when there is one.
    pub host: &'a str,
    /// The query string as sent (empty for POST).
    pub query: &'a str,
    /// The Content-Type header as sent, charset included.
    pub content_type: &'a str,
    /// Extra headers to sign, beyond content-type and host: `(name, value)`.
    /// Names must be lower-case and sort after `host` (`x-tc-action`).
    pub extra_headers: &'a [(&'a str, &'a str)],
    /// The exact body bytes.
    pub payload: &'a [u8],
    /// Unix seconds, the same value as `X-TC-Timestamp`.
    pub timestamp: u64,
    /// The credential scope's service: the spec's short name, never the host.
    pub service: &'a str,
}

impl<'a> SigningInput<'a> {
    /// Every signed header, in the order they are signed.
    fn headers(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        [("content-type", self.content_type), ("host", self.host)]
            .into_iter()
            .chain(self.extra_headers.iter().copied())
    }
}

/// The headers that carry a signature; send them with the request as they are.
#[derive(Clone)]
pub struct SignedHeaders {
    /// The `Authorization` value.
    pub authorization: String,
    /// The `X-TC-Timestamp` value: the signed time, in Unix seconds.
    pub timestamp: String,
}

impl SignedHeaders {
    /// `(name, value)` of each header.
    pub fn headers(&self) -> [(&'static str, &str); 2] {
        [
            ("Authorization", &self.authorization),
            ("X-TC-Timestamp", &self.timestamp),
        ]
    }
}

/// Shows the time, never the signature: a replay within five minutes would pass.
impl fmt::Debug for SignedHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedHeaders")
            .field("timestamp", &self.timestamp)
            .finish_non_exhaustive()
    }
}

/// Signs `input` for `secret_id`: every stage, in turn.
///
/// `key` must be derived for the UTC date of `input.timestamp` and for
/// `input.service`, or the server refuses the signature. It depends on nothing
/// else, so callers derive it once a day and keep it.
pub fn sign(input: &SigningInput<'_>, secret_id: &str, key: &SigningKey) -> SignedHeaders {
    let canonical = canonical_request(input);
    let to_sign = string_to_sign(input.timestamp, input.service, &canonical);
    let signature = signature(key, &to_sign);
    SignedHeaders {
        authorization: authorization(
            secret_id,
            input.timestamp,
            input.service,
            &signed_headers(input),
            &signature,
        ),
        timestamp: input.timestamp.to_string(),
    }
}

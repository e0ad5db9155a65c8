//! TC3-HMAC-SHA256, stage by stage.
//!
//! Each stage is a public function so that tests can check it against
//! Tencent's published intermediate values, and a failure names the stage.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The algorithm name that starts the string to sign and the Authorization header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

type HmacSha256 = Hmac<Sha256>;

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

/// The signed-headers list, sorted: `content-type;host[;extra…]`.
pub fn signed_headers(input: &SigningInput<'_>) -> String {
    let mut names = String::from("content-type;host");
    for (name, _) in input.extra_headers {
        names.push(';');
        names.push_str(name);
    }
    names
}

/// Stage 1: the canonical request.
pub fn canonical_request(input: &SigningInput<'_>) -> String {
    let mut out = String::with_capacity(256);
    out.push_str(input.method);
    out.push_str("\n/\n");
    out.push_str(input.query);
    out.push('\n');
    push_header(&mut out, "content-type", input.content_type);
    push_header(&mut out, "host", input.host);
    for (name, value) in input.extra_headers {
        push_header(&mut out, name, value);
    }
    out.push('\n');
    out.push_str(&signed_headers(input));
    out.push('\n');
    out.push_str(&hex::encode(Sha256::digest(input.payload)));
    out
}

fn push_header(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push(':');
    out.push_str(&value.trim().to_ascii_lowercase());
    out.push('\n');
}

/// Stage 2: the string to sign, over the canonical request.
pub fn string_to_sign(timestamp: u64, service: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{timestamp}\n{}/{service}/tc3_request\n{}",
        utc_date(timestamp),
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    )
}

/// Stage 3a: the signing key, derived from the secret key, date and service.
pub fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac(&k_date, service.as_bytes());
    hmac(&k_service, b"tc3_request")
}

/// Stage 3b: the hex signature of the string to sign.
pub fn signature(signing_key: &[u8; 32], string_to_sign: &str) -> String {
    hex::encode(hmac(signing_key, string_to_sign.as_bytes()))
}

/// Stage 4: the Authorization header value.
pub fn authorization(secret_id: &str, timestamp: u64, service: &str, signed_headers: &str, signature: &str) -> String {
    format!(
        "{ALGORITHM} Credential={secret_id}/{}/{service}/tc3_request, SignedHeaders={signed_headers}, Signature={signature}",
        utc_date(timestamp)
    )
}

/// All stages: the Authorization header for `input`, signed with the given key pair.
pub fn sign(input: &SigningInput<'_>, secret_id: &str, secret_key: &str) -> String {
    let canonical = canonical_request(input);
    let to_sign = string_to_sign(input.timestamp, input.service, &canonical);
    let key = signing_key(secret_key, &utc_date(input.timestamp), input.service);
    authorization(secret_id, input.timestamp, input.service, &signed_headers(input), &signature(&key, &to_sign))
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The UTC calendar date (`YYYY-MM-DD`) of a Unix timestamp.
///
/// The credential scope must use the date of `X-TC-Timestamp` in UTC; local
/// time breaks signatures around midnight.
pub fn utc_date(timestamp: u64) -> String {
    let days = (timestamp / 86_400) as i64;
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// well-known algorithm, in eras of 400 years).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_around_boundaries() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_767_225_599), "2025-12-31");
        assert_eq!(utc_date(1_767_225_600), "2026-01-01");
    }
}

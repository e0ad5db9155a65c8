//! TC3-HMAC-SHA256, stage by stage.
//!
//! Each stage is a public function so that tests can check it against
//! Tencent's published intermediate values, and a failure names the stage.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

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
    let mut out = Vec::with_capacity(256);
    write_canonical_request(input, &mut |bytes| out.extend_from_slice(bytes));
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the canonical request in pieces, so that signing can hash it
/// without building it. The one definition behind [`canonical_request`] and [`sign`].
fn write_canonical_request(input: &SigningInput<'_>, out: &mut dyn FnMut(&[u8])) {
    out(input.method.as_bytes());
    out(b"\n/\n");
    out(input.query.as_bytes());
    out(b"\n");
    write_header(out, "content-type", input.content_type);
    write_header(out, "host", input.host);
    for (name, value) in input.extra_headers {
        write_header(out, name, value);
    }
    out(b"\ncontent-type;host");
    for (name, _) in input.extra_headers {
        out(b";");
        out(name.as_bytes());
    }
    out(b"\n");
    let mut digest = [0u8; 64];
    hex_into(&Sha256::digest(input.payload), &mut digest);
    out(&digest);
}

fn write_header(out: &mut dyn FnMut(&[u8]), name: &str, value: &str) {
    out(name.as_bytes());
    out(b":");
    // Lower-case the value through a small buffer instead of allocating.
    let mut buffer = [0u8; 64];
    for chunk in value.trim().as_bytes().chunks(buffer.len()) {
        let lowered = &mut buffer[..chunk.len()];
        lowered.copy_from_slice(chunk);
        lowered.make_ascii_lowercase();
        out(lowered);
    }
    out(b"\n");
}

fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (byte, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
}

/// Stage 2: the string to sign, over the canonical request.
pub fn string_to_sign(timestamp: u64, service: &str, canonical_request: &str) -> String {
    let mut out = Vec::with_capacity(128);
    let hash: [u8; 32] = Sha256::digest(canonical_request.as_bytes()).into();
    write_string_to_sign(
        &mut |bytes| out.extend_from_slice(bytes),
        timestamp,
        &date_bytes(timestamp),
        service,
        &hash,
    );
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the string to sign in pieces; the one definition behind [`string_to_sign`] and [`sign`].
fn write_string_to_sign(
    out: &mut dyn FnMut(&[u8]),
    timestamp: u64,
    date: &[u8; 10],
    service: &str,
    canonical_hash: &[u8; 32],
) {
    let mut hash_hex = [0u8; 64];
    hex_into(canonical_hash, &mut hash_hex);
    out(ALGORITHM.as_bytes());
    out(b"\n");
    out(itoa(timestamp, &mut [0u8; 20]).as_bytes());
    out(b"\n");
    out(date);
    out(b"/");
    out(service.as_bytes());
    out(b"/tc3_request\n");
    out(&hash_hex);
}

fn itoa(mut n: u64, buffer: &mut [u8; 20]) -> &str {
    let mut i = buffer.len();
    loop {
        i -= 1;
        buffer[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buffer[i..]).unwrap_or_default()
}

/// Stage 3a: the signing key, derived from the secret key, date and service.
pub fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    // The intermediate keys are as secret as the key itself: zero them when done.
    let mut tc3_key = Zeroizing::new(Vec::with_capacity(3 + secret_key.len()));
    tc3_key.extend_from_slice(b"TC3");
    tc3_key.extend_from_slice(secret_key.as_bytes());
    let k_date = Zeroizing::new(hmac(&tc3_key, date.as_bytes()));
    let k_service = Zeroizing::new(hmac(&*k_date, service.as_bytes()));
    hmac(&*k_service, b"tc3_request")
}

/// Stage 3b: the hex signature of the string to sign.
pub fn signature(signing_key: &[u8; 32], string_to_sign: &str) -> String {
    let mut out = [0u8; 64];
    hex_into(&hmac(signing_key, string_to_sign.as_bytes()), &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Stage 4: the Authorization header value.
pub fn authorization(secret_id: &str, timestamp: u64, service: &str, signed_headers: &str, signature: &str) -> String {
    let date = date_bytes(timestamp);
    let date = std::str::from_utf8(&date).unwrap_or_default();
    let mut out = String::with_capacity(96 + secret_id.len() + service.len() + signed_headers.len());
    for piece in [
        ALGORITHM,
        " Credential=",
        secret_id,
        "/",
        date,
        "/",
        service,
        "/tc3_request, SignedHeaders=",
        signed_headers,
        ", Signature=",
        signature,
    ] {
        out.push_str(piece);
    }
    out
}

/// All stages: the Authorization header for `input`, signed with the given key pair.
pub fn sign(input: &SigningInput<'_>, secret_id: &str, secret_key: &str) -> String {
    let key = signing_key(secret_key, &utc_date(input.timestamp), input.service);
    sign_with_key(input, secret_id, &key)
}

/// All stages with a signing key derived earlier by [`signing_key`]. The key
/// depends only on the secret key, the date and the service, so callers cache it for the day.
pub fn sign_with_key(input: &SigningInput<'_>, secret_id: &str, signing_key: &[u8; 32]) -> String {
    let mut hasher = Sha256::new();
    write_canonical_request(input, &mut |bytes| hasher.update(bytes));
    let canonical_hash: [u8; 32] = hasher.finalize().into();
    let mut mac = keyed_mac(signing_key);
    let date = date_bytes(input.timestamp);
    write_string_to_sign(
        &mut |bytes| mac.update(bytes),
        input.timestamp,
        &date,
        input.service,
        &canonical_hash,
    );
    let mut signature = [0u8; 64];
    hex_into(&mac.finalize().into_bytes(), &mut signature);
    authorization(
        secret_id,
        input.timestamp,
        input.service,
        &signed_headers(input),
        std::str::from_utf8(&signature).unwrap_or_default(),
    )
}

fn keyed_mac(key: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = keyed_mac(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The UTC calendar date (`YYYY-MM-DD`) of a Unix timestamp.
///
/// The credential scope must use the date of `X-TC-Timestamp` in UTC; local
/// time breaks signatures around midnight.
pub fn utc_date(timestamp: u64) -> String {
    String::from_utf8_lossy(&date_bytes(timestamp)).into_owned()
}

/// [`utc_date`] without allocating. Years past 9999 print modulo 10000, which no signature will see.
fn date_bytes(timestamp: u64) -> [u8; 10] {
    let (year, month, day) = civil_from_days((timestamp / 86_400) as i64);
    let digit = |n: i64| b'0' + n.rem_euclid(10) as u8;
    let year = year.rem_euclid(10_000);
    let (month, day) = (i64::from(month), i64::from(day));
    [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ]
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
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
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

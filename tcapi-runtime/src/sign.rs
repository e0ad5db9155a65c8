//! TC3-HMAC-SHA256, stage by stage.
//!
//! Each stage is a public function so that tests can check it against
//! Tencent's published intermediate values, and a failure names the stage.
//!
//! The hot path, [`sign_with_prepared_key`], computes the same stages without
//! building them: the canonical request and the string to sign are written
//! through stack buffers straight into SHA-256 and HMAC, and the HMAC is keyed
//! once per [`SigningKey`] instead of once per request. What remains is mostly
//! the SHA-256 blocks the protocol needs (eleven for a typical request) and
//! one allocation, for the header.

use std::fmt;

use hmac::digest::Update;
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
    let mut names = Vec::with_capacity(signed_headers_len(input));
    push_signed_headers(&mut names, input);
    into_string(names)
}

fn signed_headers_len(input: &SigningInput<'_>) -> usize {
    SIGNED_ALWAYS.len()
        + input
            .extra_headers
            .iter()
            .map(|(name, _)| 1 + name.len())
            .sum::<usize>()
}

fn push_signed_headers(out: &mut Vec<u8>, input: &SigningInput<'_>) {
    out.extend_from_slice(SIGNED_ALWAYS.as_bytes());
    for (name, _) in input.extra_headers {
        out.push(b';');
        out.extend_from_slice(name.as_bytes());
    }
}

/// Text built from `str` pieces and ASCII, checked once as a whole: cheaper
/// than checking each ASCII piece on its way into a `String`.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The headers every request signs, in order.
const SIGNED_ALWAYS: &str = "content-type;host";

/// Stage 1: the canonical request.
pub fn canonical_request(input: &SigningInput<'_>) -> String {
    let mut out = Vec::with_capacity(256);
    write_canonical_head(input, &mut out);
    out.put(&hex(&Sha256::digest(input.payload).into()));
    String::from_utf8_lossy(&out).into_owned()
}

/// Where the stages write their text: a `Vec` for the public stage functions,
/// a [`HashSink`] when signing. Generic rather than `dyn`, so that each writer is
/// compiled for its sink and the many short writes inline to copies.
trait Sink {
    /// Appends `bytes`.
    fn put(&mut self, bytes: &[u8]);
    /// Appends `bytes` with ASCII letters lower-cased.
    fn put_lowercase(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn put_lowercase(&mut self, bytes: &[u8]) {
        let start = self.len();
        self.extend_from_slice(bytes);
        self[start..].make_ascii_lowercase();
    }
}

/// Feeds a hash through a (stack) buffer, so that it sees one large update
/// instead of one per piece: each `update` of SHA-256 and HMAC has a fixed
/// cost well above that of a short copy.
struct HashSink<'a, H: Update> {
    hasher: &'a mut H,
    buffer: &'a mut [u8],
    len: usize,
}

impl<'a, H: Update> HashSink<'a, H> {
    fn new(hasher: &'a mut H, buffer: &'a mut [u8]) -> Self {
        HashSink { hasher, buffer, len: 0 }
    }

    /// Room for `n` more bytes, flushing first when there is not; `false` when `n` can never fit.
    #[inline]
    fn make_room(&mut self, n: usize) -> bool {
        if n > self.buffer.len() - self.len {
            self.flush();
        }
        n <= self.buffer.len()
    }

    fn flush(&mut self) {
        self.hasher.update(&self.buffer[..self.len]);
        self.len = 0;
    }

    /// Hands the rest of the buffer to the hash.
    fn finish(mut self) {
        self.flush();
    }
}

impl<H: Update> Sink for HashSink<'_, H> {
    // Inlined so that the many short constant pieces become plain stores.
    #[inline(always)]
    fn put(&mut self, bytes: &[u8]) {
        if self.make_room(bytes.len()) {
            let end = self.len + bytes.len();
            self.buffer[self.len..end].copy_from_slice(bytes);
            self.len = end;
        } else {
            self.hasher.update(bytes);
        }
    }

    fn put_lowercase(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(self.buffer.len()) {
            self.make_room(chunk.len());
            let end = self.len + chunk.len();
            lowercase_into(&mut self.buffer[self.len..end], chunk);
            self.len = end;
        }
    }
}

/// Copies `from` into `to` (of the same length) with ASCII letters
/// lower-cased, sixteen bytes at a time in a form that compiles to vector
/// instructions: this runs on every header value of every request, where a
/// byte loop costs several instructions a byte.
fn lowercase_into(to: &mut [u8], from: &[u8]) {
    const LANES: usize = 16;
    let len = from.len().min(to.len());
    if len < LANES {
        for (to, from) in to.iter_mut().zip(from) {
            *to = from.to_ascii_lowercase();
        }
        return;
    }
    let mut start = 0;
    loop {
        // The last lanes may overlap the ones before: lower-casing twice is harmless.
        let at = start.min(len - LANES);
        let mut lanes = [0u8; LANES];
        lanes.copy_from_slice(&from[at..at + LANES]);
        for byte in &mut lanes {
            *byte |= u8::from(byte.is_ascii_uppercase()) << 5;
        }
        to[at..at + LANES].copy_from_slice(&lanes);
        start += LANES;
        if start >= len {
            return;
        }
    }
}

/// Writes the canonical request up to the hex hash of the payload, which comes
/// last, so that signing can hash it without building it. The one definition
/// behind [`canonical_request`] and [`sign`].
fn write_canonical_head(input: &SigningInput<'_>, out: &mut impl Sink) {
    out.put(input.method.as_bytes());
    out.put(b"\n/\n");
    out.put(input.query.as_bytes());
    out.put(b"\n");
    write_header(out, "content-type", input.content_type);
    write_header(out, "host", input.host);
    for (name, value) in input.extra_headers {
        write_header(out, name, value);
    }
    out.put(b"\n");
    out.put(SIGNED_ALWAYS.as_bytes());
    for (name, _) in input.extra_headers {
        out.put(b";");
        out.put(name.as_bytes());
    }
    out.put(b"\n");
}

fn write_header(out: &mut impl Sink, name: &str, value: &str) {
    out.put(name.as_bytes());
    out.put(b":");
    out.put_lowercase(trim(value).as_bytes());
    out.put(b"\n");
}

/// `str::trim`, quicker in the usual case of a value that starts and ends with
/// a visible ASCII character (every ASCII whitespace is at most `' '`).
fn trim(value: &str) -> &str {
    let visible = |byte: &u8| (b'!'..=b'~').contains(byte);
    match (value.as_bytes().first(), value.as_bytes().last()) {
        (Some(first), Some(last)) if visible(first) && visible(last) => value,
        _ => value.trim(),
    }
}

/// Lower-case hex of a 32-byte digest, written so that the compiler turns
/// it into a few vector operations rather than a loop over bytes.
fn hex(bytes: &[u8; 32]) -> [u8; 64] {
    // `'0' + n`, or `'a' + n - 10` when the nibble `n` is past 9, without a branch.
    fn digit(n: u8) -> u8 {
        let past_nine = 0u8.wrapping_sub(9u8.wrapping_sub(n) >> 7);
        n + b'0' + (past_nine & (b'a' - b'0' - 10))
    }
    let mut high = [0u8; 32];
    let mut low = [0u8; 32];
    for ((high, low), byte) in high.iter_mut().zip(&mut low).zip(bytes) {
        *high = digit(byte >> 4);
        *low = digit(byte & 0x0f);
    }
    let mut out = [0u8; 64];
    for ((pair, high), low) in out.chunks_exact_mut(2).zip(high).zip(low) {
        pair[0] = high;
        pair[1] = low;
    }
    out
}

/// The text of bytes this module wrote as ASCII (hex digits, a date).
fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Stage 2: the string to sign, over the canonical request.
pub fn string_to_sign(timestamp: u64, service: &str, canonical_request: &str) -> String {
    let mut out = Vec::with_capacity(128);
    let hash: [u8; 32] = Sha256::digest(canonical_request.as_bytes()).into();
    write_string_to_sign(&mut out, timestamp, &date_bytes(timestamp), service, &hash);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the string to sign; the one definition behind [`string_to_sign`] and [`sign`].
fn write_string_to_sign(
    out: &mut impl Sink,
    timestamp: u64,
    date: &[u8; 10],
    service: &str,
    canonical_hash: &[u8; 32],
) {
    out.put(ALGORITHM.as_bytes());
    out.put(b"\n");
    out.put(itoa(timestamp, &mut [0u8; 20]));
    out.put(b"\n");
    out.put(date);
    out.put(b"/");
    out.put(service.as_bytes());
    out.put(b"/tc3_request\n");
    out.put(&hex(canonical_hash));
}

/// The decimal digits of `n`, two at a time.
fn itoa(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut i = buffer.len();
    while n >= 100 {
        i -= 2;
        buffer[i..i + 2].copy_from_slice(&decimal_pair(n % 100));
        n /= 100;
    }
    if n >= 10 {
        i -= 2;
        buffer[i..i + 2].copy_from_slice(&decimal_pair(n));
    } else {
        i -= 1;
        buffer[i] = b'0' + n as u8;
    }
    &buffer[i..]
}

/// The two decimal digits of `n % 100`, from a table.
fn decimal_pair(n: u64) -> [u8; 2] {
    const PAIRS: &[u8; 200] = b"\
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let at = 2 * (n % 100) as usize;
    [PAIRS[at], PAIRS[at + 1]]
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
    ascii(&hex(&hmac(signing_key, string_to_sign.as_bytes()))).to_string()
}

/// Stage 4: the Authorization header value.
pub fn authorization(secret_id: &str, timestamp: u64, service: &str, signed_headers: &str, signature: &str) -> String {
    let mut out = Vec::with_capacity(authorization_len(
        secret_id,
        service,
        signed_headers.len(),
        signature.len(),
    ));
    push_credential(&mut out, secret_id, &date_bytes(timestamp), service);
    out.extend_from_slice(signed_headers.as_bytes());
    out.extend_from_slice(b", Signature=");
    out.extend_from_slice(signature.as_bytes());
    into_string(out)
}

/// The length of the Authorization header value, so that it is built in one allocation.
fn authorization_len(secret_id: &str, service: &str, signed_headers: usize, signature: usize) -> usize {
    const FIXED: usize = ALGORITHM.len()
        + " Credential=".len()
        + "/YYYY-MM-DD/".len()
        + "/tc3_request, SignedHeaders=".len()
        + ", Signature=".len();
    FIXED + secret_id.len() + service.len() + signed_headers + signature
}

/// The header up to its signed-headers list.
fn push_credential(out: &mut Vec<u8>, secret_id: &str, date: &[u8; 10], service: &str) {
    out.extend_from_slice(ALGORITHM.as_bytes());
    out.extend_from_slice(b" Credential=");
    out.extend_from_slice(secret_id.as_bytes());
    out.push(b'/');
    out.extend_from_slice(date);
    out.push(b'/');
    out.extend_from_slice(service.as_bytes());
    out.extend_from_slice(b"/tc3_request, SignedHeaders=");
}

/// All stages: the Authorization header for `input`, signed with the given key pair.
///
/// Derives the signing key on every call; callers that sign often keep a
/// [`SigningKey`] and call [`sign_with_prepared_key`].
pub fn sign(input: &SigningInput<'_>, secret_id: &str, secret_key: &str) -> String {
    let key = SigningKey::derive(secret_key, ascii(&date_bytes(input.timestamp)), input.service);
    sign_with_prepared_key(input, secret_id, &key)
}

/// All stages with a signing key derived earlier by [`signing_key`]. The key
/// depends only on the secret key, the date and the service, so callers cache it for the day.
///
/// Keys the HMAC on every call (two SHA-256 blocks); [`sign_with_prepared_key`] does not.
pub fn sign_with_key(input: &SigningInput<'_>, secret_id: &str, signing_key: &[u8; 32]) -> String {
    sign_with_mac(input, secret_id, keyed_mac(signing_key))
}

/// All stages with a [`SigningKey`] prepared earlier: the fast path, for
/// callers that cache the key per (secret key, UTC date, service).
///
/// The key must have been derived for the UTC date of `input.timestamp` and
/// for `input.service`, or the server rejects the signature.
pub fn sign_with_prepared_key(input: &SigningInput<'_>, secret_id: &str, key: &SigningKey) -> String {
    sign_with_mac(input, secret_id, key.mac.clone())
}

/// Stages 1 to 4 with the HMAC already keyed by the signing key.
fn sign_with_mac(input: &SigningInput<'_>, secret_id: &str, mut mac: HmacSha256) -> String {
    // The canonical request ends with the payload's hash. One hasher serves
    // both, through `finalize_reset`: `finalize` would first copy it.
    let mut hasher = Sha256::new();
    Update::update(&mut hasher, input.payload);
    let payload_hash: [u8; 32] = hasher.finalize_reset().into();
    // A typical canonical request is about 220 bytes, a string to sign about 120;
    // longer ones still sign, in more than one update.
    let mut buffer = [0u8; 384];
    let mut sink = HashSink::new(&mut hasher, &mut buffer);
    write_canonical_head(input, &mut sink);
    sink.put(&hex(&payload_hash));
    sink.finish();
    let canonical_hash: [u8; 32] = hasher.finalize_reset().into();

    let date = date_bytes(input.timestamp);
    let mut out = Vec::with_capacity(authorization_len(
        secret_id,
        input.service,
        signed_headers_len(input),
        2 * canonical_hash.len(),
    ));
    push_credential(&mut out, secret_id, &date, input.service);
    push_signed_headers(&mut out, input);
    out.extend_from_slice(b", Signature=");

    let mut sink = HashSink::new(&mut mac, &mut buffer);
    write_string_to_sign(&mut sink, input.timestamp, &date, input.service, &canonical_hash);
    sink.finish();
    out.extend_from_slice(&hex(&mac.finalize().into_bytes().into()));
    into_string(out)
}

/// A signing key ready to sign: the HMAC-SHA256 state keyed with the key that
/// [`signing_key`] derives, so that each signature starts from a copy of it
/// instead of keying the HMAC again.
///
/// It depends only on the secret key, the UTC date and the service, so a caller
/// derives one per (secret key, date, service) and keeps it for the day.
///
/// Its `Debug` shows no key material. The derived key bytes and the
/// intermediate keys are zeroed once the HMAC is keyed; the keyed HMAC state
/// itself (the SHA-256 states after the inner and outer pads, in this value
/// and in each clone) is not, nor are the padded key blocks `hmac` builds on
/// the stack while keying, because `hmac`/`sha2` 0.10 do not implement
/// `Zeroize`. That state lets whoever reads it sign for this date and service
/// only, never reveals the secret key, and is what makes a signature two
/// SHA-256 blocks cheaper.
#[derive(Clone)]
pub struct SigningKey {
    mac: HmacSha256,
}

impl SigningKey {
    /// Derives the key for `secret_key`, the UTC `date` (`YYYY-MM-DD`, see
    /// [`utc_date`]) and `service`: the same key as [`signing_key`], prepared.
    pub fn derive(secret_key: &str, date: &str, service: &str) -> Self {
        Self::from_bytes(&Zeroizing::new(signing_key(secret_key, date, service)))
    }

    /// Prepares a key already derived by [`signing_key`].
    pub fn from_bytes(signing_key: &[u8; 32]) -> Self {
        SigningKey {
            mac: keyed_mac(signing_key),
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey").finish_non_exhaustive()
    }
}

fn keyed_mac(key: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    match <HmacSha256 as Mac>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = keyed_mac(key);
    Mac::update(&mut mac, data);
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
    let (year, month, day) = civil_from_days(timestamp / 86_400);
    let year = year % 10_000;
    let [y0, y1] = decimal_pair(year / 100);
    let [y2, y3] = decimal_pair(year % 100);
    let [m0, m1] = decimal_pair(month);
    let [d0, d1] = decimal_pair(day);
    [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// well-known algorithm, in eras of 400 years). Unsigned, since a Unix
/// timestamp here is: division by a constant is then cheaper.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dates_around_boundaries() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_767_225_599), "2025-12-31");
        assert_eq!(utc_date(1_767_225_600), "2026-01-01");
    }

    const SEED_BODY: &str = r#"{"SourceMonth":202511,"DataType":1,"PlatformId":"T04398WY9481762VZTT","TargetMonth":202512,"ApplicationId":"ApplicationId","MNPId":"mp1vd81ntbitj9k2","MNPTeamId":9432130281}"#;
    const SEED_SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

    fn seed_input<'a>(extra: &'a [(&'a str, &'a str)]) -> SigningInput<'a> {
        SigningInput {
            method: "POST",
            host: "tcsas.intl.tencentcloudapi.com",
            query: "",
            content_type: "application/json; charset=utf-8",
            extra_headers: extra,
            payload: SEED_BODY.as_bytes(),
            timestamp: 1_764_593_542,
            service: "tcsas",
        }
    }

    /// The header built from the public stage functions, one after the other: the reference for the fast paths.
    fn stage_by_stage(input: &SigningInput<'_>, secret_id: &str, secret_key: &str) -> String {
        let canonical = canonical_request(input);
        let to_sign = string_to_sign(input.timestamp, input.service, &canonical);
        let key = signing_key(secret_key, &utc_date(input.timestamp), input.service);
        let signature = signature(&key, &to_sign);
        authorization(
            secret_id,
            input.timestamp,
            input.service,
            &signed_headers(input),
            &signature,
        )
    }

    /// Every way to sign, which must all agree.
    fn all_ways(input: &SigningInput<'_>, secret_id: &str, secret_key: &str) -> [String; 4] {
        let date = utc_date(input.timestamp);
        let raw = signing_key(secret_key, &date, input.service);
        [
            sign(input, secret_id, secret_key),
            sign_with_key(input, secret_id, &raw),
            sign_with_prepared_key(input, secret_id, &SigningKey::derive(secret_key, &date, input.service)),
            sign_with_prepared_key(input, secret_id, &SigningKey::from_bytes(&raw)),
        ]
    }

    #[test]
    fn seed_request_signs_the_same_every_way() {
        let extra = [("x-tc-action", "describemnpmaumetriccard")];
        let input = seed_input(&extra);
        // Computed independently, with Python's hmac and hashlib.
        let expected = "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2025-12-01/tcsas/tc3_request, \
            SignedHeaders=content-type;host;x-tc-action, \
            Signature=227385e2b7091b3cba0939bb59c4a07f7fd53f9fb5105721bbd9b989b77708ee";
        assert_eq!(stage_by_stage(&input, "AKIDEXAMPLE", SEED_SECRET_KEY), expected);
        for (way, header) in all_ways(&input, "AKIDEXAMPLE", SEED_SECRET_KEY).iter().enumerate() {
            assert_eq!(header, expected, "way {way}");
            assert_eq!(
                header.len(),
                header.capacity(),
                "way {way}: the header is allocated once, to size"
            );
        }
    }

    /// The official vectors in `tests/data/tc3.json`. `tests/signing.rs` checks
    /// every stage and [`sign`] against them; this checks the other ways to sign.
    #[test]
    fn prepared_key_matches_official_vectors() {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../tests/data/tc3.json")).expect("tc3.json is JSON");
        let cases = json["cases"].as_array().expect("tc3.json has `cases`");
        assert!(!cases.is_empty());
        for case in cases {
            let field = |key: &str| case[key].as_str().unwrap_or_else(|| panic!("tc3.json: `{key}`"));
            let action = field("action").to_ascii_lowercase();
            let extra: Vec<(&str, &str)> = field("signed_headers")
                .split(';')
                .skip(2)
                .map(|name| (name, action.as_str()))
                .collect();
            let input = SigningInput {
                method: field("method"),
                host: field("host"),
                query: field("query"),
                content_type: field("content_type"),
                extra_headers: &extra,
                payload: field("payload").as_bytes(),
                timestamp: case["timestamp"].as_u64().expect("tc3.json: `timestamp`"),
                service: field("service"),
            };
            let ways = all_ways(&input, field("secret_id"), field("secret_key"));
            // Way 0 is `sign`, which the integration test checks.
            for (way, header) in ways.iter().enumerate().skip(1) {
                assert_eq!(header, field("authorization"), "case {}, way {way}", field("name"));
            }
        }
    }

    #[test]
    fn signing_key_debug_shows_no_key_material() {
        let key = SigningKey::derive(SEED_SECRET_KEY, "2025-12-01", "tcsas");
        assert_eq!(format!("{key:?}"), "SigningKey { .. }");
        assert_eq!(format!("{key:#?}"), "SigningKey { .. }");
    }

    #[test]
    fn long_requests_sign_through_several_buffer_flushes() {
        // Longer than both stack buffers, in the query, a header value and the service.
        let query = "Q=".repeat(300);
        let value = format!("  {}  ", "Value-".repeat(200));
        let service = "s".repeat(500);
        let extra = [("x-tc-action", value.as_str()), ("x-tc-zz", "Z")];
        let input = SigningInput {
            query: &query,
            service: &service,
            ..seed_input(&extra)
        };
        let expected = stage_by_stage(&input, "AKID", "secret");
        for (way, header) in all_ways(&input, "AKID", "secret").iter().enumerate() {
            assert_eq!(header, &expected, "way {way}");
        }
    }

    /// Howard Hinnant's `civil_from_days` as it was, in signed arithmetic.
    fn civil_from_days_signed(days: i64) -> (i64, i64, i64) {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(month <= 2), month, day)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// The fast paths equal the stage functions composed, for any input:
        /// odd and long values, upper case, whitespace, non-ASCII text, several extra headers.
        #[test]
        fn every_way_to_sign_agrees(
            method in "(POST|GET|[A-Za-z]{0,8})",
            host in "[ \\tA-Za-z0-9.:-]{0,80}",
            query in ".{0,600}",
            content_type in "( ?[ -~]{0,60} ?|.{0,60})",
            extra in proptest::collection::vec(("x-tc-[a-z]{1,12}", "[ \\t]?[ -~\\u{e9}\\u{3000}]{0,420}[ \\t]?"), 0..4),
            payload in proptest::collection::vec(any::<u8>(), 0..600),
            timestamp in any::<u64>(),
            service in "[a-z]{0,300}",
            secret_id in "[ -~]{0,40}",
            secret_key in ".{0,80}",
        ) {
            let extra: Vec<(&str, &str)> = extra.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let input = SigningInput {
                method: &method,
                host: &host,
                query: &query,
                content_type: &content_type,
                extra_headers: &extra,
                payload: &payload,
                timestamp,
                service: &service,
            };
            let expected = stage_by_stage(&input, &secret_id, &secret_key);
            for header in all_ways(&input, &secret_id, &secret_key) {
                prop_assert_eq!(&header, &expected);
            }
        }

        #[test]
        fn lowercase_into_is_to_ascii_lowercase(from in proptest::collection::vec(any::<u8>(), 0..80)) {
            let mut to = vec![0u8; from.len()];
            lowercase_into(&mut to, &from);
            prop_assert_eq!(to, from.to_ascii_lowercase());
        }

        #[test]
        fn trim_is_str_trim(value in "[ \\t\\n\\u{b}\\u{c}\\r\\u{85}\\u{a0}\\u{3000}a-zA-Z~!]{0,12}") {
            prop_assert_eq!(trim(&value), value.trim());
        }

        #[test]
        fn hex_is_lower_hex(bytes in any::<[u8; 32]>()) {
            let expected: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let hex = hex(&bytes);
            prop_assert_eq!(ascii(&hex), expected);
        }

        #[test]
        fn itoa_is_to_string(n in prop_oneof![any::<u64>(), 0..1000u64, Just(u64::MAX)]) {
            let mut buffer = [0u8; 20];
            prop_assert_eq!(ascii(itoa(n, &mut buffer)), n.to_string());
        }

        #[test]
        fn date_matches_signed_arithmetic(timestamp in prop_oneof![any::<u64>(), 0..4_102_444_800u64, Just(u64::MAX)]) {
            let (year, month, day) = civil_from_days_signed((timestamp / 86_400) as i64);
            let expected = format!("{:04}-{month:02}-{day:02}", year.rem_euclid(10_000));
            prop_assert_eq!(utc_date(timestamp), expected);
        }
    }
}

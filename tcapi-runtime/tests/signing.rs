//! TC3-HMAC-SHA256 against Tencent's published examples, stage by stage, so a
//! failure names the stage; and property tests of what the signer does with any input.

use proptest::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tcapi_runtime::sign::{self, SigningInput, SigningKey};

#[path = "common/seed.rs"]
mod seed;
use seed::{seed_input, SEED_SECRET_KEY};

struct Case {
    name: String,
    value: Value,
}

impl Case {
    fn str(&self, key: &str) -> &str {
        self.value[key]
            .as_str()
            .unwrap_or_else(|| panic!("case {}: `{key}` is not a string", self.name))
    }
}

/// The official vectors, which the repo keeps in `tests/data/tc3.json`.
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/tc3.json");

fn cases() -> Vec<Case> {
    let path = VECTORS;
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read the TC3 vectors at {path}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cases = json["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{path}: no `cases` list"));
    assert_eq!(cases.len(), 4, "the vector file should hold four cases");
    cases
        .iter()
        .map(|c| Case {
            name: c["name"].as_str().unwrap_or("?").to_string(),
            value: c.clone(),
        })
        .collect()
}

/// Runs `check` on every case with its signing input.
fn each_case(check: impl Fn(&Case, &SigningInput<'_>)) {
    for case in cases() {
        let action_lower = case.str("action").to_ascii_lowercase();
        let extra: Vec<(&str, &str)> = case
            .str("signed_headers")
            .split(';')
            .skip(2)
            .map(|name| {
                assert_eq!(name, "x-tc-action", "case {}: unexpected signed header", case.name);
                (name, action_lower.as_str())
            })
            .collect();
        let input = SigningInput {
            method: case.str("method"),
            host: case.str("host"),
            query: case.str("query"),
            content_type: case.str("content_type"),
            extra_headers: &extra,
            payload: case.str("payload").as_bytes(),
            timestamp: case.value["timestamp"]
                .as_u64()
                .unwrap_or_else(|| panic!("case {}: timestamp", case.name)),
            service: case.str("service"),
        };
        check(&case, &input);
    }
}

/// The key a case signs with.
fn key_of(case: &Case, input: &SigningInput<'_>) -> SigningKey {
    SigningKey::derive(case.str("secret_key"), &sign::utc_date(input.timestamp), input.service)
}

#[test]
fn stage_1_canonical_request() {
    each_case(|case, input| {
        assert_eq!(
            sign::canonical_request(input),
            case.str("canonical_request"),
            "canonical request of case {}",
            case.name
        );
    });
}

#[test]
fn stage_1b_signed_headers() {
    each_case(|case, input| {
        assert_eq!(
            sign::signed_headers(input),
            case.str("signed_headers"),
            "signed headers of case {}",
            case.name
        );
    });
}

#[test]
fn stage_2_string_to_sign() {
    each_case(|case, input| {
        let to_sign = sign::string_to_sign(input.timestamp, input.service, case.str("canonical_request"));
        assert_eq!(
            to_sign,
            case.str("string_to_sign"),
            "string to sign of case {}",
            case.name
        );
    });
}

#[test]
fn stage_3_signature() {
    each_case(|case, input| {
        assert_eq!(
            sign::signature(&key_of(case, input), case.str("string_to_sign")),
            case.str("signature"),
            "signature of case {}",
            case.name
        );
    });
}

#[test]
fn stage_4_authorization_header() {
    each_case(|case, input| {
        let header = sign::authorization(
            case.str("secret_id"),
            input.timestamp,
            input.service,
            case.str("signed_headers"),
            case.str("signature"),
        );
        assert_eq!(
            header,
            case.str("authorization"),
            "Authorization header of case {}",
            case.name
        );
    });
}

#[test]
fn all_stages_together() {
    each_case(|case, input| {
        let signed = sign::sign(input, case.str("secret_id"), &key_of(case, input));
        let timestamp = input.timestamp.to_string();
        assert_eq!(
            signed.headers(),
            [
                ("Authorization", case.str("authorization")),
                ("X-TC-Timestamp", timestamp.as_str()),
            ],
            "case {}",
            case.name
        );
    });
}

#[test]
fn seed_request_signs_as_python_does() {
    let input = seed_input();
    let key = SigningKey::derive(SEED_SECRET_KEY, "2025-12-01", "tcsas");
    // Computed independently, with Python's hmac and hashlib.
    assert_eq!(
        sign::sign(&input, "AKIDEXAMPLE", &key).authorization,
        "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2025-12-01/tcsas/tc3_request, \
         SignedHeaders=content-type;host;x-tc-action, \
         Signature=227385e2b7091b3cba0939bb59c4a07f7fd53f9fb5105721bbd9b989b77708ee"
    );
}

#[test]
fn date_is_utc_date_of_timestamp() {
    // One second before and at UTC midnight: the scope's date flips exactly there.
    assert_eq!(sign::utc_date(1_551_139_199), "2019-02-25");
    assert_eq!(sign::utc_date(1_551_139_200), "2019-02-26");
}

#[test]
fn debug_shows_no_key_and_no_signature() {
    let key = SigningKey::derive(SEED_SECRET_KEY, "2025-12-01", "tcsas");
    assert_eq!(format!("{key:?}"), "SigningKey { .. }");
    assert_eq!(format!("{key:#?}"), "SigningKey { .. }");
    let input = SigningInput {
        method: "POST",
        host: "h",
        query: "",
        content_type: "c",
        extra_headers: &[],
        payload: b"{}",
        timestamp: 1_764_593_542,
        service: "tcsas",
    };
    let signed = sign::sign(&input, "AKIDEXAMPLE", &key);
    assert_eq!(
        format!("{signed:?}"),
        r#"SignedHeaders { timestamp: "1764593542", .. }"#
    );
}

/// A header value as sent: printable text, maybe padded with blanks.
fn header_value() -> impl Strategy<Value = String> {
    "[ \\t]{0,2}[ -~\\u{e9}\\u{3000}]{0,60}[ \\t]{0,2}"
}

/// Signed extra headers: distinct lower-case names after `host`, in order.
fn extra_headers() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map("x-tc-[a-z]{1,12}", header_value(), 0..4).prop_map(|map| map.into_iter().collect())
}

fn input<'a>(
    content_type: &'a str,
    host: &'a str,
    extra: &'a [(&'a str, &'a str)],
    payload: &'a [u8],
    timestamp: u64,
) -> SigningInput<'a> {
    SigningInput {
        method: "POST",
        host,
        query: "",
        content_type,
        extra_headers: extra,
        payload,
        timestamp,
        service: "cvm",
    }
}

fn borrowed(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_input_signs_without_panic(
        method in ".{0,8}",
        host in ".{0,40}",
        query in ".{0,40}",
        content_type in ".{0,40}",
        action in ".{0,40}",
        payload in proptest::collection::vec(any::<u8>(), 0..512),
        timestamp in any::<u64>(),
        service in ".{0,16}",
        secret_id in ".{0,40}",
        secret_key in ".{0,40}",
    ) {
        let extra = [("x-tc-action", action.as_str())];
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
        let key = SigningKey::derive(&secret_key, &sign::utc_date(timestamp), &service);
        let header = sign::sign(&input, &secret_id, &key).authorization;
        prop_assert!(header.starts_with("TC3-HMAC-SHA256 Credential="));
        prop_assert_eq!(header.rsplit("Signature=").next().map(str::len), Some(64));
    }

    /// The canonical request lists every signed header on its own line, value
    /// trimmed and lower-cased, then the names, then the payload's hash.
    #[test]
    fn canonical_headers_are_trimmed_lowercased_and_in_order(
        content_type in header_value(),
        host in header_value(),
        extra in extra_headers(),
        payload in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let extra = borrowed(&extra);
        let input = input(&content_type, &host, &extra, &payload, 1_551_113_065);
        let mut expected = String::from("POST\n/\n\n");
        let mut names = vec!["content-type", "host"];
        expected += &format!("content-type:{}\nhost:{}\n", content_type.trim().to_ascii_lowercase(), host.trim().to_ascii_lowercase());
        for (name, value) in &extra {
            expected += &format!("{name}:{}\n", value.trim().to_ascii_lowercase());
            names.push(name);
        }
        let signed = names.join(";");
        let hash: String = Sha256::digest(&payload).iter().map(|b| format!("{b:02x}")).collect();
        expected += &format!("\n{signed}\n{hash}");
        prop_assert_eq!(sign::canonical_request(&input), expected);
        prop_assert_eq!(sign::signed_headers(&input), signed);
    }

    /// Blanks around a header value and its letter case are not signed: a
    /// proxy that trims or lower-cases values does not break the signature.
    #[test]
    fn padding_and_case_of_values_do_not_change_the_signature(
        content_type in header_value(),
        extra in extra_headers(),
        pad in "[ \\t]{1,3}",
    ) {
        let key = SigningKey::derive("secret", "2019-02-25", "cvm");
        let sent = borrowed(&extra);
        let canonical: Vec<(String, String)> = extra
            .iter()
            .map(|(n, v)| (n.clone(), format!("{pad}{}{pad}", v.to_ascii_uppercase())))
            .collect();
        let altered = borrowed(&canonical);
        let content_type_altered = format!("{pad}{}", content_type.to_ascii_uppercase());
        let a = sign::sign(&input(&content_type, "h", &sent, b"{}", 1_551_113_065), "id", &key);
        let b = sign::sign(&input(&content_type_altered, "h", &altered, b"{}", 1_551_113_065), "id", &key);
        prop_assert_eq!(a.authorization, b.authorization);
    }

    /// Anything else that is signed changes the signature: the payload here.
    #[test]
    fn any_payload_change_changes_the_signature(
        payload in proptest::collection::vec(any::<u8>(), 1..64),
        at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let key = SigningKey::derive("secret", "2019-02-25", "cvm");
        let mut changed = payload.clone();
        changed[at.index(payload.len())] ^= flip;
        let a = sign::sign(&input("c", "h", &[], &payload, 1_551_113_065), "id", &key);
        let b = sign::sign(&input("c", "h", &[], &changed, 1_551_113_065), "id", &key);
        prop_assert_ne!(a.authorization, b.authorization);
    }
}

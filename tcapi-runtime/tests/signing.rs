//! TC3-HMAC-SHA256 against Tencent's published examples, stage by stage, so a
//! failure names the stage; and a property test that any input signs without a panic.

use proptest::prelude::*;
use serde_json::Value;
use tcapi_runtime::sign::{self, SigningInput};

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
        let key = sign::signing_key(case.str("secret_key"), &sign::utc_date(input.timestamp), input.service);
        assert_eq!(
            sign::signature(&key, case.str("string_to_sign")),
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
        assert_eq!(
            sign::sign(input, case.str("secret_id"), case.str("secret_key")),
            case.str("authorization"),
            "case {}",
            case.name
        );
    });
}

#[test]
fn date_is_utc_date_of_timestamp() {
    // One second before and at UTC midnight: the scope's date flips exactly there.
    assert_eq!(sign::utc_date(1_551_139_199), "2019-02-25");
    assert_eq!(sign::utc_date(1_551_139_200), "2019-02-26");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

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
        let header = sign::sign(&input, &secret_id, &secret_key);
        prop_assert!(header.starts_with("TC3-HMAC-SHA256 Credential="));
        prop_assert_eq!(header.rsplit("Signature=").next().map(str::len), Some(64));
    }
}

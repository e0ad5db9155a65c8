//! The response decoder never panics, whatever the bytes and status.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use tcapi_runtime::{decode_response, Action, ActionInfo, RawCode, ServiceInfo};

#[derive(Serialize)]
struct Probe;

#[derive(Deserialize, Debug, Default)]
#[serde(default, rename_all = "PascalCase")]
#[allow(dead_code)]
struct Output {
    count: Option<i64>,
    big: Option<u64>,
    ratio: Option<f64>,
    name: Option<String>,
    flags: Option<Vec<bool>>,
    nested: Option<Box<Output>>,
    any: Option<serde_json::Value>,
}

impl Action for Probe {
    type Output = Output;
    type ErrorCode = RawCode;
    const INFO: ActionInfo = ServiceInfo {
        name: "probe",
        version: "2020-01-01",
        host: "probe.example",
    }
    .action("Probe");
}

fn json_fragments() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"Response\"",
        "\"Error\"",
        "\"Code\"",
        "\"Message\"",
        "\"RequestId\"",
        "\"Count\"",
        "\"Big\"",
        "\"Nested\"",
        "\"Any\"",
        "\"x\"",
        "\"1e400\"",
        "\"-1\"",
        "\"18446744073709551616\"",
        "1",
        "-1",
        "1.5e308",
        "null",
        "true",
        "\"\\u0000\"",
        "\"\\ud800\"",
        " ",
    ]);
    prop::collection::vec(atoms, 0..64).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode_response::<Probe>(status, &body);
    }

    #[test]
    fn json_like_bodies_never_panic(status in prop::sample::select(vec![200u16, 400, 502]), body in json_fragments()) {
        if let Err(error) = decode_response::<Probe>(status, body.as_bytes()) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

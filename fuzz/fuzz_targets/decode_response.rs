//! The response decoder returns a value or a typed error, never panics, on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
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
    list: Option<Vec<Output>>,
    nested: Option<Box<Output>>,
    any: Option<serde_json::Value>,
}

impl Action for Probe {
    type Output = Output;
    type ErrorCode = RawCode;
    const INFO: ActionInfo = ServiceInfo { name: "probe", version: "2020-01-01", host: "probe.example" }.action("Probe");
}

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((first, rest)) => ([200u16, 400, 502, 503][usize::from(*first) % 4], rest),
        None => (200, data),
    };
    if let Err(error) = decode_response::<Probe>(status, body) {
        let _ = error.to_string();
    }
});

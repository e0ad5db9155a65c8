//! The response decoder never panics, whatever the bytes and status, and the
//! runtime's one decoding routine (`#[derive(Model)]`, which generated response
//! types use) decodes every JSON object as serde's own derive does.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use tcapi_runtime::{decode_response, Action, ActionInfo, RawCode, ServiceInfo};

/// An action whose response decodes into `T`, for driving the response decoder.
struct Probe<T>(std::marker::PhantomData<fn() -> T>);

impl<T> Serialize for Probe<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit_struct("Probe")
    }
}

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

impl<T: serde::de::DeserializeOwned + Send> Action for Probe<T> {
    type Output = T;
    type ErrorCode = RawCode;
    const INFO: ActionInfo = ServiceInfo {
        name: "probe",
        version: "2020-01-01",
        host: "probe.example",
    }
    .action("Probe");
}

/// A struct decoded by serde's derive, and its twin decoded by the runtime's `Model` derive.
#[derive(Deserialize, Serialize, Debug, Default)]
#[serde(default, rename_all = "PascalCase")]
struct BySerde {
    count: Option<i64>,
    name: Option<String>,
    flags: Option<Vec<bool>>,
    nested: Option<Box<BySerde>>,
    #[serde(rename = "ID")]
    id: Option<String>,
}

#[derive(tcapi_runtime::__private::derive::Model, Serialize, Debug, Default)]
#[serde(default, rename_all = "PascalCase")]
struct ByModel {
    count: Option<i64>,
    name: Option<String>,
    flags: Option<Vec<bool>>,
    nested: Option<Box<ByModel>>,
    #[serde(rename = "ID")]
    id: Option<String>,
}

/// JSON objects over the twins' members (and unknown ones), with values of every type.
fn objects() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "[a-z0-9]{0,4}".prop_map(serde_json::Value::from),
        any::<i64>().prop_map(|n| serde_json::Value::from(n.to_string())),
    ];
    let keys = prop::sample::select(vec!["Count", "Name", "Flags", "Nested", "ID", "Id", "Unknown", "count"]);
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(serde_json::Value::from),
            prop::collection::btree_map(keys.clone().prop_map(str::to_string), inner, 0..5)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
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
        let _ = decode_response::<Probe<Output>>(status, &body);
    }

    #[test]
    fn the_model_routine_decodes_as_serde_derive_does(value in objects()) {
        let text = value.to_string();
        let by_serde = serde_json::from_str::<BySerde>(&text).map(|v| serde_json::to_value(v).ok());
        let by_model = serde_json::from_str::<ByModel>(&text).map(|v| serde_json::to_value(v).ok());
        match (by_serde, by_model) {
            // serde's derive also reads a struct from an array of its members in order;
            // a JSON API never sends one, so the routine calls it the wrong type.
            (_, Err(b)) if b.to_string().starts_with("invalid type: sequence, expected struct ByModel") => {}
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string().replace("BySerde", "ByModel"), b.to_string()),
            (a, b) => prop_assert!(false, "serde: {a:?}, model: {b:?}, for {text}"),
        }
    }

    #[test]
    fn the_response_decoder_gives_the_same_through_both(value in objects()) {
        let top_level_array = value.is_array();
        let body = serde_json::json!({ "Response": value }).to_string();
        let by_serde = decode_response::<Probe<BySerde>>(200, body.as_bytes()).map(|v| serde_json::to_value(v).ok());
        let by_model = decode_response::<Probe<ByModel>>(200, body.as_bytes()).map(|v| serde_json::to_value(v).ok());
        match (by_serde, by_model) {
            // As above; the decoder words a non-empty array as the whole `Response` in its own way.
            (_, Err(b)) if b.to_string().contains("invalid type: sequence, expected struct ByModel") => {}
            (_, Err(b)) if top_level_array && b.to_string().contains("`Response` is not a JSON object") => {}
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string().replace("BySerde", "ByModel"), b.to_string()),
            (a, b) => prop_assert!(false, "serde: {a:?}, model: {b:?}, for {body}"),
        }
    }

    #[test]
    fn json_like_bodies_never_panic(status in prop::sample::select(vec![200u16, 400, 502]), body in json_fragments()) {
        if let Err(error) = decode_response::<Probe<Output>>(status, body.as_bytes()) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

#[test]
fn the_model_routine_skips_unknown_members_keeps_the_last_repeat_and_reads_numbers_in_text_and_empty_arrays() {
    let body = br#"{"Response": {"Count": "41", "Unknown": {"Deep": [1, 2]}, "ID": "a", "ID": "b",
        "Na\u006de": "escaped", "Nested": {"Count": 7, "Name": null, "Nested": []}, "RequestId": "r"}}"#;
    let decoded = decode_response::<Probe<ByModel>>(200, body).expect("a well-formed response decodes");
    assert_eq!(decoded.count, Some(41));
    assert_eq!(
        decoded.id.as_deref(),
        Some("b"),
        "a repeated member keeps its last value, as serde_json's maps do"
    );
    assert_eq!(
        decoded.name.as_deref(),
        Some("escaped"),
        "an escaped member name is its unescaped name"
    );
    let nested = decoded.nested.expect("Nested is present");
    assert_eq!((nested.count, nested.name), (Some(7), None));
    let empty = nested
        .nested
        .expect("`[]` for an object reads as the empty struct, as serde's derive read it");
    assert_eq!((empty.count, empty.name, empty.nested.is_none()), (None, None, true));
    assert_eq!(decoded.flags, None);
}

#[test]
fn the_model_routine_names_the_struct_and_the_position_of_a_wrong_type() {
    let error = serde_json::from_str::<ByModel>(r#"{"Nested": {"Flags": [true, 3]}}"#).expect_err("3 is not a bool");
    assert_eq!(
        error.to_string(),
        "invalid type: integer `3`, expected a boolean at line 1 column 29"
    );
    let error = serde_json::from_str::<ByModel>("7").expect_err("7 is not an object");
    assert_eq!(
        error.to_string(),
        "invalid type: integer `7`, expected struct ByModel at line 1 column 1"
    );
}

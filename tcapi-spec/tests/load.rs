//! The loader: official files load unchanged, directories merge, conflicts and
//! bad input are errors with a location, and nothing panics.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use tcapi_spec::load::load_sources;
use tcapi_spec::{load, MemberType, Scalar, Usage};

fn shared_upstream() -> PathBuf {
    let shared = std::env::var("TCAPI_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared").to_string());
    Path::new(&shared).join("upstream")
}

#[test]
fn every_official_file_loads_unchanged() {
    let dir = shared_upstream();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".api.json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "tcsas, cvm, ccc, cls and tke");
    for api in names {
        let errors = PathBuf::from(api.to_string_lossy().replace(".api.json", ".errors.json"));
        let api_text = std::fs::read_to_string(&api).unwrap_or_default();
        let errors_text = std::fs::read_to_string(&errors).unwrap_or_default();
        let service = load_sources([
            (api.to_str().unwrap_or_default(), api_text.as_str()),
            ("x.errors.json", errors_text.as_str()),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(!service.actions.is_empty(), "{}", api.display());
        let with_codes = service.actions.values().filter(|a| !a.error_codes.is_empty()).count();
        assert!(
            with_codes > 0,
            "{}: the errors file gives actions their codes",
            api.display()
        );
        if service.short_name == "tcsas" {
            assert_eq!(service.actions.len(), 151);
            assert_eq!(service.api_version, "2025-01-06");
        }
    }
}

#[test]
fn the_shipped_seed_spec_follows_the_seed_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/tcsas/2025-01-06");
    let service = load(&dir).unwrap_or_else(|e| panic!("{e}")).service;
    assert_eq!(service.host(), "tcsas.intl.tencentcloudapi.com");
    let action = &service.actions["DescribeMNPMAUMetricCard"];
    assert_eq!(action.rate_limit_per_second, Some(20));
    assert_eq!(
        action.error_codes,
        [
            "FailedOperation.PackageAlreadyExpired",
            "InvalidParameter",
            "InvalidParameterValue"
        ]
    );
    let request = service.input(action).expect("request object");
    assert_eq!(request.usage, Usage::Request);
    let required: Vec<&str> = request
        .members
        .iter()
        .filter(|m| m.required)
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(
        required,
        ["SourceMonth", "DataType", "PlatformId", "TargetMonth", "ApplicationId"]
    );
    let mnp_id = request.members.iter().find(|m| m.name == "MNPId").expect("MNPId");
    assert!(!mnp_id.required, "the seed page says MNPId is optional");
    assert_eq!(mnp_id.ty, MemberType::Scalar(Scalar::String));
}

const META: &str = r#""metadata": {"apiVersion": "2020-01-01", "serviceShortName": "demo"}"#;

fn spec(body: &str) -> String {
    format!("{{{META}, {body}}}")
}

#[test]
fn identical_duplicates_merge_and_conflicts_name_both_files() {
    let ping = r#""actions": {"Ping": {"input": "PingRequest", "output": "PingResponse", "document": "Ping."}},
        "objects": {"PingRequest": {"type": "object", "members": []}, "PingResponse": {"type": "object", "members": []}}"#;
    let a = spec(ping);
    let service = load_sources([("a.json", a.as_str()), ("b.json", a.as_str())]).expect("identical duplicates merge");
    assert_eq!(service.actions.len(), 1);

    let other = spec(r#""objects": {"PingRequest": {"type": "object", "document": "changed", "members": []}}"#);
    let error = load_sources([("a.json", a.as_str()), ("b.json", other.as_str())]).expect_err("a conflict");
    assert_eq!(error.file(), Path::new("b.json"));
    assert_eq!(error.conflicting_file(), Some(Path::new("a.json")));
    assert_eq!(error.location(), "objects.PingRequest");
    assert!(error.to_string().contains("a.json"), "{error}");

    let other_version = r#"{"metadata": {"apiVersion": "2021-01-01", "serviceShortName": "demo"}}"#;
    let error = load_sources([("a.json", a.as_str()), ("b.json", other_version)]).expect_err("versions differ");
    assert_eq!(error.location(), "metadata.apiVersion");
}

#[test]
fn an_overriding_file_wins_over_the_others() {
    let official = spec(
        r#""objects": {"A": {"usage": "out", "document": "official", "members": [{"name": "X", "type": "string", "member": "string", "document": "", "required": true}]}}"#,
    );
    let seed = format!(
        r#"{{"overrides": true, {META}, "objects": {{"A": {{"usage": "out", "document": "seed", "members": [{{"name": "X", "type": "string", "member": "string", "document": ""}}]}}}}}}"#
    );
    for order in [
        [("a.json", official.as_str()), ("b.json", seed.as_str())],
        [("a.json", seed.as_str()), ("b.json", official.as_str())],
    ] {
        let service = load_sources(order).expect("an override is no conflict");
        assert_eq!(service.objects["A"].document, "seed");
        assert!(!service.objects["A"].members[0].required);
    }
}

#[test]
fn the_shipped_tcsas_spec_has_every_action_with_the_seed_definition() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/tcsas/2025-01-06");
    let service = load(&dir).unwrap_or_else(|e| panic!("{e}")).service;
    assert_eq!(service.actions.len(), 151);
    let codes = &service.actions["AddTeamMember"].error_codes;
    assert!(
        codes.contains(&"InvalidParameterValue.InvalidTeamId".to_string()),
        "codes come from the errors file: {codes:?}"
    );
    assert!(!service.error_codes["FailedOperation.ApprovalAlreadyProcessed"].is_empty());
}

#[test]
fn bad_specs_report_a_json_location() {
    let cases = [
        ("{", "line 1, column 1"),
        (r#"{"actions": {}}"#, "metadata"),
        (
            &spec(r#""actions": {"Ping": {"input": "PingRequest", "output": "PingResponse"}}"#),
            "actions.Ping.input",
        ),
        (
            &spec(
                r#""objects": {"A": {"members": [{"name": "X", "type": "map", "member": "string", "document": ""}]}}"#,
            ),
            "objects.A.members[0].type",
        ),
        (
            &spec(
                r#""objects": {"A": {"members": [{"name": "X", "type": "int", "member": "int32", "document": ""}]}}"#,
            ),
            "objects.A.members[0].member",
        ),
        (
            &spec(r#""objects": {"A": {"members": [{"name": "X", "type": "list", "member": "B", "document": ""}]}}"#),
            "objects.A.members[0].member",
        ),
        (
            &spec(r#""objects": {"A": {"members": [{"type": "int", "member": "int64", "document": ""}]}}"#),
            "objects.A.members[0].name",
        ),
        (
            &spec(
                r#""objects": {"A": {"members": [{"name": "X", "type": "int", "member": "int64", "required": "yes"}]}}"#,
            ),
            "objects.A.members[0].required",
        ),
        (
            &spec(r#""actions": {"P": {"input": "A", "output": "A", "rate_limit_per_second": -1}}"#),
            "actions.P.rate_limit_per_second",
        ),
        (
            &spec(r#""actions": {"P": {"input": "A", "output": "A"}}, "objects": {"A": {"members": []}}"#),
            "actions.P.output",
        ),
        (
            &spec(
                r#""objects": {"A": {"members": [{"name": "X", "type": "int", "member": "int64", "document": ""}, {"name": "X", "type": "int", "member": "int64", "document": ""}]}}"#,
            ),
            "objects.A.members[1].name",
        ),
    ];
    for (text, location) in cases {
        let error = load_sources([("bad.json", text)]).expect_err(text);
        assert_eq!(error.location(), location, "{error}");
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn a_missing_path_is_an_error() {
    let error = load(Path::new("/no/such/spec")).expect_err("missing");
    assert!(error.to_string().contains("no spec file or directory"), "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = load_sources([("fuzz.json", text.as_str())]);
    }

    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        let text = value.to_string();
        let _ = load_sources([("fuzz.json", text.as_str())]);
        let wrapped = serde_json::json!({"metadata": {"apiVersion": "1", "serviceShortName": "x"}, "actions": value.clone(), "objects": value}).to_string();
        let _ = load_sources([("fuzz.json", wrapped.as_str())]);
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "string", "int", "int64", "list", "object", "members", "name", "type", "member", "A", "input"
        ])
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "metadata", "actions", "objects", "members", "name", "type", "member", "input", "output", "A",
                    "required"
                ]),
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

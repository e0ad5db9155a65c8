//! The loader: official files load unchanged, directories merge, conflicts and
//! bad input are errors with a location, and nothing panics.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use proptest::prelude::*;
use serde::de::IgnoredAny;
use tcapi_spec::load::load_sources;
use tcapi_spec::{load, Catalog, MemberType, Scalar, Usage};

/// The catalog the repo ships: `specs/<serviceShortName>/<apiVersion>/`.
fn shipped_specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// The shipped catalog, listed.
fn catalog() -> Catalog {
    Catalog::open(shipped_specs()).unwrap_or_else(|e| panic!("{e}"))
}

/// The one file in `dir` whose name ends with `suffix`.
fn file_ending(dir: &Path, suffix: &str) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    assert_eq!(found.len(), 1, "{}: one `*{suffix}`, found {found:?}", dir.display());
    found.remove(0)
}

/// Only the parts of an official file this test counts.
#[derive(serde::Deserialize)]
struct Official {
    actions: BTreeMap<String, IgnoredAny>,
}

#[derive(serde::Deserialize)]
struct OfficialErrors {
    codes: BTreeMap<String, IgnoredAny>,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_official_file_loads_unchanged() {
    let started = Instant::now();
    let dirs: Vec<PathBuf> = catalog().dirs().collect();
    assert_eq!(dirs.len(), 156, "the whole international catalog");
    let mut total = 0;
    let mut without_codes = BTreeSet::new();
    for dir in &dirs {
        let service = load(dir).unwrap_or_else(|e| panic!("{e}")).service;
        assert!(!service.actions.is_empty(), "{}", dir.display());
        // Exactly the official file's actions: the loader drops none, and an
        // override file (tcsas's seed page) replaces a definition without adding one.
        let official: Official = read_json(&file_ending(dir, ".api.json"));
        assert!(
            service.actions.keys().eq(official.actions.keys()),
            "{}: the loaded actions are the official file's",
            dir.display()
        );
        total += service.actions.len();
        let with_codes = service.actions.values().filter(|a| !a.error_codes.is_empty()).count();
        let errors: OfficialErrors = read_json(&file_ending(dir, ".errors.json"));
        if errors.codes.is_empty() {
            // The official SDK lists no error code for the service at all.
            assert_eq!(with_codes, 0, "{}", dir.display());
            without_codes.insert(service.short_name.clone());
        } else {
            assert!(
                with_codes > 0,
                "{}: the errors file gives actions their codes",
                dir.display()
            );
        }
        if service.short_name == "tcsas" {
            assert_eq!(service.actions.len(), 151);
            assert_eq!(service.api_version, "2025-01-06");
        }
    }
    assert_eq!(total, 8_584, "actions in the whole catalog");
    assert_eq!(
        without_codes,
        BTreeSet::from(["ai3d".to_string(), "dataintegration".to_string()]),
        "the services whose official errors file is empty"
    );
    println!(
        "loaded {} spec directories, {total} actions, in {:.1?}",
        dirs.len(),
        started.elapsed()
    );
}

#[test]
fn the_catalog_finds_a_service_by_short_name_and_version() {
    let catalog = catalog();
    let specs = shipped_specs();
    assert_eq!(
        catalog.find("vpc", None).unwrap_or_else(|e| panic!("{e}")),
        specs.join("vpc/2017-03-12")
    );
    let clb: Vec<&str> = catalog
        .services()
        .find(|(name, _)| *name == "clb")
        .map(|(_, versions)| versions.iter().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(clb, ["2018-03-17", "2023-04-17"]);
    assert_eq!(
        catalog.find("clb", None).unwrap_or_else(|e| panic!("{e}")),
        specs.join("clb/2023-04-17"),
        "no version: the newest"
    );
    assert_eq!(
        catalog
            .find("clb", Some("2018-03-17"))
            .unwrap_or_else(|e| panic!("{e}")),
        specs.join("clb/2018-03-17")
    );
    assert_eq!(
        catalog.find("as", None).unwrap_or_else(|e| panic!("{e}")),
        specs.join("as/2018-04-19")
    );

    let typo = catalog.find("vcp", None).expect_err("no service `vcp`").to_string();
    assert!(typo.contains("`vcp`") && typo.contains("vpc"), "{typo}");
    let version = catalog
        .find("clb", Some("2019-01-01"))
        .expect_err("no clb 2019-01-01")
        .to_string();
    assert!(
        version.contains("2019-01-01") && version.contains("2018-03-17") && version.contains("2023-04-17"),
        "{version}"
    );
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
            &spec(r#""actions": {"P": {"input": "A", "output": "A", "idempotent": "yes"}}"#),
            "actions.P.idempotent",
        ),
        (
            &spec(r#""actions": {"P": {"input": "A", "output": "A", "paging": "yes"}}"#),
            "actions.P.paging",
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

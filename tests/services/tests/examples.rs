//! Every official example response in `../shared/upstream/*.examples.json`
//! decodes into the generated response type of its action. Examples whose JSON
//! is broken are skipped, counted and reported; error envelopes must carry a code.

use std::collections::BTreeMap;

use serde_json::Value;
use tcapi_runtime::{Action, ActionVisitor, ApiSpec, ErrorKind};
use tcapi_services::{Ccc, Cls, Cvm, Tcsas, Tke};

#[derive(Default)]
struct Counts {
    decoded: usize,
    error_envelopes: usize,
    broken_json: usize,
    failures: Vec<String>,
}

struct Checker {
    examples: BTreeMap<String, Vec<String>>,
    counts: Counts,
}

impl ActionVisitor for Checker {
    fn visit<A: Action>(&mut self) {
        for output in self.examples.remove(A::INFO.name).unwrap_or_default() {
            if serde_json::from_str::<Value>(&output).is_err() {
                self.counts.broken_json += 1;
                continue;
            }
            // The client's own decoder, on the example's exact bytes.
            match tcapi_runtime::decode_response::<A>(200, output.as_bytes()) {
                Ok(_) => self.counts.decoded += 1,
                Err(e) if e.kind() == ErrorKind::Service => self.counts.error_envelopes += 1,
                Err(e) => self.counts.failures.push(format!("{}: {e}", A::INFO.name)),
            }
        }
    }
}

fn check<S: ApiSpec>(file: &str) -> Counts {
    let shared = std::env::var("TCAPI_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").into());
    let path = format!("{shared}/upstream/{file}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let examples = json["actions"]
        .as_object()
        .unwrap_or_else(|| panic!("{path}: no actions"))
        .iter()
        .map(|(action, list)| {
            let outputs = list.as_array().into_iter().flatten();
            (
                action.clone(),
                outputs
                    .filter_map(|e| e["output"].as_str().map(str::to_string))
                    .collect(),
            )
        })
        .collect();
    let mut checker = Checker {
        examples,
        counts: Counts::default(),
    };
    S::visit_actions(&mut checker);
    let unknown: Vec<&String> = checker.examples.keys().collect();
    assert!(
        unknown.is_empty(),
        "{file}: examples for actions the spec does not have: {unknown:?}"
    );
    checker.counts
}

#[test]
fn every_official_example_response_decodes() {
    let mut failures = Vec::new();
    let mut total = Counts::default();
    for (file, counts) in [
        (
            "tcsas-2025-01-06.examples.json",
            check::<Tcsas>("tcsas-2025-01-06.examples.json"),
        ),
        (
            "cvm-2017-03-12.examples.json",
            check::<Cvm>("cvm-2017-03-12.examples.json"),
        ),
        (
            "ccc-2020-02-10.examples.json",
            check::<Ccc>("ccc-2020-02-10.examples.json"),
        ),
        (
            "cls-2020-10-16.examples.json",
            check::<Cls>("cls-2020-10-16.examples.json"),
        ),
        (
            "tke-2022-05-01.examples.json",
            check::<Tke>("tke-2022-05-01.examples.json"),
        ),
    ] {
        println!(
            "{file}: {} decoded, {} error envelopes, {} skipped as broken JSON, {} failed",
            counts.decoded,
            counts.error_envelopes,
            counts.broken_json,
            counts.failures.len()
        );
        total.decoded += counts.decoded;
        total.error_envelopes += counts.error_envelopes;
        total.broken_json += counts.broken_json;
        failures.extend(counts.failures);
    }
    println!(
        "all: {} decoded, {} error envelopes, {} skipped as broken JSON",
        total.decoded, total.error_envelopes, total.broken_json
    );
    assert!(total.decoded > 400, "most examples should decode");
    assert!(
        failures.is_empty(),
        "{} examples did not decode:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

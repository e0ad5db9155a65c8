//! Every official example response of the services this crate derives (the
//! `*.examples.json` beside each shipped api.json) decodes into the generated
//! response type of its action. Examples whose JSON is broken, or that the
//! mock's response validator finds do not fit the spec (a string where the spec
//! says bool, no `Response`), are skipped, counted and reported per service.
//! Every example the validator passes must decode: the validator promises that.
//! Error envelopes must carry a code.

use std::collections::BTreeMap;

use serde_json::Value;
use tcapi_runtime::mock::spec::Service;
use tcapi_runtime::mock::validate_response;
use tcapi_runtime::{Action, ActionVisitor, ApiSpec, ErrorKind};
use tcapi_services::{
    AutoScaling, Billing, Cam, Cbs, Ccc, Clb2018, Cls, Cvm, Cwp, Lkeap, Region, Ssl, Sts, Tcsas, Tke, Vpc,
};

#[derive(Default)]
struct Counts {
    decoded: usize,
    error_envelopes: usize,
    broken_json: usize,
    not_fitting: usize,
    failures: Vec<String>,
}

struct Checker {
    service: Service,
    examples: BTreeMap<String, Vec<String>>,
    counts: Counts,
}

impl ActionVisitor for Checker {
    fn visit<A: Action>(&mut self) {
        for output in self.examples.remove(A::INFO.name).unwrap_or_default() {
            let Ok(value) = serde_json::from_str::<Value>(&output) else {
                self.counts.broken_json += 1;
                continue;
            };
            let is_error = value["Response"]["Error"].is_object();
            if !is_error && validate_response(&self.service, A::INFO.name, &value).is_err() {
                self.counts.not_fitting += 1;
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

/// The official examples file beside the service's api.json: the derive compiled in its path.
fn examples_file<S: ApiSpec>() -> String {
    S::SPEC_SOURCES
        .iter()
        .find_map(|(path, _)| path.strip_suffix(".api.json"))
        .map(|stem| format!("{stem}.examples.json"))
        .expect("a shipped service has an api.json")
}

fn check<S: ApiSpec>() -> (String, Counts) {
    let path = examples_file::<S>();
    let file = path.rsplit('/').next().unwrap_or_default().to_string();
    // The examples parser the mock uses; it keeps every output as text, so broken ones are counted here.
    let examples = tcapi_runtime::mock::spec::examples::load(std::path::Path::new(&path))
        .unwrap_or_else(|e| panic!("{e}"))
        .actions
        .into_iter()
        .map(|(action, list)| (action, list.into_iter().map(|e| e.output).collect()))
        .collect();
    let service = tcapi_runtime::mock::spec::load::load_sources(S::SPEC_SOURCES.iter().copied())
        .unwrap_or_else(|e| panic!("{file}: the compiled-in spec loads: {e}"));
    let mut checker = Checker {
        service,
        examples,
        counts: Counts::default(),
    };
    S::visit_actions(&mut checker);
    let unknown: Vec<&String> = checker.examples.keys().collect();
    assert!(
        unknown.is_empty(),
        "{file}: examples for actions the spec does not have: {unknown:?}"
    );
    (file, checker.counts)
}

#[test]
fn every_official_example_response_decodes() {
    let mut failures = Vec::new();
    let mut total = Counts::default();
    for (file, counts) in [
        check::<Tcsas>(),
        check::<Cvm>(),
        check::<Ccc>(),
        check::<Cls>(),
        check::<Tke>(),
        check::<Cwp>(),
        check::<Vpc>(),
        check::<AutoScaling>(),
        check::<Clb2018>(),
        check::<Cbs>(),
        check::<Cam>(),
        check::<Sts>(),
        check::<Region>(),
        check::<Billing>(),
        check::<Ssl>(),
        check::<Lkeap>(),
    ] {
        println!(
            "{file}: {} decoded, {} error envelopes, {} skipped as broken JSON, {} skipped as not fitting the spec, {} failed",
            counts.decoded,
            counts.error_envelopes,
            counts.broken_json,
            counts.not_fitting,
            counts.failures.len()
        );
        total.decoded += counts.decoded;
        total.error_envelopes += counts.error_envelopes;
        total.broken_json += counts.broken_json;
        total.not_fitting += counts.not_fitting;
        failures.extend(counts.failures);
    }
    println!(
        "all: {} decoded, {} error envelopes, {} skipped as broken JSON, {} skipped as not fitting the spec",
        total.decoded, total.error_envelopes, total.broken_json, total.not_fitting
    );
    assert!(total.decoded > 1700, "most examples should decode");
    assert!(
        failures.is_empty(),
        "{} examples did not decode:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

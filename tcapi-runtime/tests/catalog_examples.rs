//! The shipped catalog against the mock's response validator, for all 156
//! service versions:
//! - every official example response is checked against its action's spec,
//!   with counts per service of those that fit, error envelopes, broken JSON,
//!   and those that do not fit (with the first reason);
//! - every action of every service has a default mock answer that fits;
//! - the mock serving the whole catalog starts, and answers one action of each
//!   service over loopback with that default answer.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::Value;
use tcapi_runtime::mock::spec::examples::{self, Examples};
use tcapi_runtime::mock::spec::{Catalog, Service};
use tcapi_runtime::mock::{
    default_response, example_request, paged_response, validate_request, validate_response, MockServer,
};
use tcapi_runtime::{Client, Credentials, RetryPolicy};

/// Service versions in the shipped catalog.
const SERVICE_VERSIONS: usize = 156;
/// The share of parseable success examples that must fit their spec. Measured
/// over the catalog: 8,842 of 8,913 (99.2%); refusing unknown members would
/// drop it to 99.1% (9 fewer), and refusing numbers sent as strings to 98.5%
/// (60 fewer).
const MIN_FIT_PERCENT: f64 = 98.0;

const SECRET_ID: &str = "AKIDcatalogExamples";
const SECRET_KEY: &str = "catalogExamplesSecretKey0123456789";

struct Loaded {
    dir: PathBuf,
    service: Service,
    examples: Vec<Examples>,
}

/// Every service version of the catalog with its examples, loaded on two threads.
fn load_catalog() -> Vec<Loaded> {
    let catalog = Catalog::open(tcapi_catalog::ROOT).expect("the catalog lists");
    let dirs: Vec<PathBuf> = catalog.dirs().collect();
    assert_eq!(
        dirs.len(),
        SERVICE_VERSIONS,
        "service versions in {}",
        tcapi_catalog::ROOT
    );
    let load = |dir: &PathBuf| Loaded {
        service: tcapi_runtime::mock::spec::load(dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .service,
        examples: examples::load_dir(dir).unwrap_or_else(|e| panic!("{e}")),
        dir: dir.clone(),
    };
    let (first, second) = dirs.split_at(dirs.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| second.iter().map(load).collect::<Vec<_>>());
        let mut loaded: Vec<Loaded> = first.iter().map(load).collect();
        loaded.extend(other.join().expect("the loader thread finishes"));
        loaded
    })
}

#[derive(Default)]
struct Counts {
    examples: usize,
    validated: usize,
    error_envelopes: usize,
    broken_json: usize,
    not_fitting: usize,
    first_reason: Option<String>,
    /// Actions whose default answer is an official example.
    answered_from_examples: usize,
    /// Actions whose default answer is built from the members' examples.
    answered_from_members: usize,
}

fn is_error_envelope(output: &Value) -> bool {
    output
        .get("Response")
        .and_then(|r| r.get("Error"))
        .is_some_and(|e| !e.is_null())
}

fn check(loaded: &Loaded, failures: &mut Vec<String>) -> Counts {
    let service = &loaded.service;
    let mut counts = Counts::default();
    let mut answers_from_examples: BTreeSet<&str> = BTreeSet::new();
    for file in &loaded.examples {
        for (action, list) in &file.actions {
            if !service.actions.contains_key(action) {
                failures.push(format!(
                    "{}: examples of `{action}`, which the spec lacks",
                    file.file.display()
                ));
                continue;
            }
            for example in list {
                counts.examples += 1;
                let Ok(output) = serde_json::from_str::<Value>(&example.output) else {
                    counts.broken_json += 1;
                    continue;
                };
                if is_error_envelope(&output) {
                    counts.error_envelopes += 1;
                    continue;
                }
                match validate_response(service, action, &output) {
                    Ok(()) => counts.validated += 1,
                    Err(reason) => {
                        counts.not_fitting += 1;
                        counts.first_reason.get_or_insert(format!("{action}: {reason}"));
                    }
                }
                // The mock puts its own RequestId in, so an example without one still answers.
                let mut output = output;
                if let Some(response) = output.get_mut("Response").and_then(Value::as_object_mut) {
                    response.insert("RequestId".into(), Value::from("fresh"));
                }
                if validate_response(service, action, &output).is_ok() {
                    answers_from_examples.insert(action.as_str());
                }
            }
        }
    }
    for action in service.actions.keys() {
        let Some(answer) = default_response(service, &loaded.examples, action) else {
            failures.push(format!("{}: no default answer to {action}", loaded.dir.display()));
            continue;
        };
        if let Err(reason) = validate_response(service, action, &answer) {
            failures.push(format!(
                "{}: the default answer to {action} does not fit: {reason}",
                loaded.dir.display()
            ));
        }
        if answers_from_examples.contains(action.as_str()) {
            counts.answered_from_examples += 1;
        } else {
            counts.answered_from_members += 1;
        }
    }
    counts
}

#[test]
fn every_example_response_is_checked_and_every_action_has_a_fitting_answer() {
    let started = Instant::now();
    let catalog = load_catalog();
    println!("loaded {} service versions in {:.2?}", catalog.len(), started.elapsed());
    let mut failures = Vec::new();
    let mut total = Counts::default();
    let mut actions = 0;
    println!("service version: examples, validated, error envelopes, broken JSON, not fitting (first reason); answers from examples / members");
    for loaded in &catalog {
        let counts = check(loaded, &mut failures);
        actions += loaded.service.actions.len();
        println!(
            "{} {}: {} examples, {} validated, {} error envelopes, {} broken JSON, {} not fitting{}; answers {} / {}",
            loaded.service.short_name,
            loaded.service.api_version,
            counts.examples,
            counts.validated,
            counts.error_envelopes,
            counts.broken_json,
            counts.not_fitting,
            counts
                .first_reason
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default(),
            counts.answered_from_examples,
            counts.answered_from_members,
        );
        total.examples += counts.examples;
        total.validated += counts.validated;
        total.error_envelopes += counts.error_envelopes;
        total.broken_json += counts.broken_json;
        total.not_fitting += counts.not_fitting;
        total.answered_from_examples += counts.answered_from_examples;
        total.answered_from_members += counts.answered_from_members;
    }
    let successes = total.validated + total.not_fitting;
    let percent = 100.0 * total.validated as f64 / successes.max(1) as f64;
    println!(
        "total: {} examples, {} validated ({percent:.1}% of {successes} parseable successes), {} error envelopes, \
         {} skipped as broken JSON, {} skipped as not fitting; {actions} actions answered, {} from examples, {} from members; {:.2?}",
        total.examples,
        total.validated,
        total.error_envelopes,
        total.broken_json,
        total.not_fitting,
        total.answered_from_examples,
        total.answered_from_members,
        started.elapsed(),
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(total.answered_from_examples + total.answered_from_members, actions);
    assert!(
        percent >= MIN_FIT_PERCENT,
        "only {percent:.1}% of the parseable success examples fit their spec (at least {MIN_FIT_PERCENT}% expected)"
    );
}

/// A body for `action` that the mock accepts: an official example input that
/// validates, else the one built from the request members' examples.
fn request_for(loaded: &Loaded, action: &str) -> Option<Value> {
    let service = &loaded.service;
    let official = loaded
        .examples
        .iter()
        .flat_map(|file| file.of(action))
        .filter_map(|example| example.body.clone().map(Value::Object))
        .find(|body| validate_request(service, action, body).is_ok());
    official
        .or_else(|| example_request(service, action))
        .filter(|body| validate_request(service, action, body).is_ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalog_mock_answers_one_action_of_every_service_with_its_default_answer() {
    let started = Instant::now();
    let mock = MockServer::builder()
        .credentials(SECRET_ID, SECRET_KEY)
        .catalog()
        .start()
        .await
        .expect("the catalog mock starts");
    let startup = started.elapsed();
    println!("the mock over the whole catalog started in {startup:.2?}");
    assert!(startup < Duration::from_secs(60), "start-up took {startup:.2?}");

    let client = Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).expect("valid test credentials"))
        .region("ap-singapore")
        .endpoint(mock.url())
        .retry(RetryPolicy::none())
        .build()
        .expect("the client builds");
    let catalog = tokio::task::spawn_blocking(load_catalog)
        .await
        .expect("the catalog loads");
    let mut answered = 0;
    for loaded in &catalog {
        let service = &loaded.service;
        // The first action the mock accepts a body for; sts AssumeRole is the mock's own STS.
        let Some((action, body)) = service
            .actions
            .keys()
            .filter(|a| !(service.short_name == "sts" && a.as_str() == "AssumeRole"))
            .find_map(|a| Some((a.as_str(), request_for(loaded, a)?)))
        else {
            panic!("{}: no action has a body the mock accepts", loaded.dir.display());
        };
        let what = format!("{} {} {action}", service.short_name, service.api_version);
        let response = client
            .call_json(&service.short_name, &service.api_version, action, &body)
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let mut want = default_response(service, &loaded.examples, action).expect("an answer");
        // A paged action answers the page the body asks for.
        paged_response(service, action, &body, &mut want);
        let envelope = serde_json::json!({ "Response": response });
        validate_response(service, action, &envelope).unwrap_or_else(|e| panic!("{what}: {e}"));
        let request_id = envelope["Response"]["RequestId"].clone();
        assert!(
            request_id.as_str().is_some_and(|id| id.len() == 36),
            "{what}: {request_id}"
        );
        want["Response"]["RequestId"] = request_id;
        assert_eq!(envelope, want, "{what}: the mock's answer is its default answer");
        answered += 1;
    }
    println!(
        "{answered} service versions answered over loopback in {:.2?}",
        started.elapsed()
    );
    assert_eq!(answered, SERVICE_VERSIONS);

    // Beside the served sts spec, AssumeRole is still the mock's own STS: its
    // temporary credentials are accepted, and its answer fits the sts spec.
    let body = serde_json::json!({"RoleArn": "qcs::cam::uin/1:roleName/r", "RoleSessionName": "s"});
    let issued = client
        .call_json("sts", "2018-08-13", "AssumeRole", &body)
        .await
        .expect("AssumeRole answers");
    let sts = catalog
        .iter()
        .find(|l| l.service.short_name == "sts")
        .expect("the catalog has sts");
    validate_response(&sts.service, "AssumeRole", &serde_json::json!({ "Response": issued }))
        .expect("the mock's STS answer fits the sts spec");
    let field = |name: &str| issued["Credentials"][name].as_str().expect("a credential").to_string();
    let temporary = Credentials::new(field("TmpSecretId"), field("TmpSecretKey"))
        .and_then(|c| c.with_token(field("Token")))
        .expect("valid temporary credentials");
    let client = Client::builder()
        .credentials(temporary)
        .region("ap-singapore")
        .endpoint(mock.url())
        .retry(RetryPolicy::none())
        .build()
        .expect("the client builds");
    client
        .call_json("sts", "2018-08-13", "GetCallerIdentity", &serde_json::json!({}))
        .await
        .expect("the temporary credentials are accepted");
}

//! Tencent's official Python SDK (tencentcloud-sdk-python-intl-en, its
//! `CommonClient.call_json`) against the mock serving the whole shipped
//! catalog, over loopback http:
//! - a correct key succeeds, a wrong key gets AuthFailure.SignatureFailure;
//! - one action of each of the 156 service versions is answered, and every
//!   answer fits its spec, so it decodes with the generated types;
//! - every tcsas action is answered for each official example input.
//!
//! The first test to run creates the SDK's virtualenv with
//! `tests/python/setup.sh` (idempotent; it installs the pinned SDK from PyPI).
//! Past that, the tests reach nothing but loopback.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{json, Value};
use tcapi_runtime::mock::spec::{self, examples, Catalog, Service};
use tcapi_runtime::mock::{example_request, validate_request, validate_response, MockServer};

const SECRET_ID: &str = "AKIDpythonSDKcheck";
const SECRET_KEY: &str = "pythonSDKcheckSecretKey0123456789";
/// Service versions in the shipped catalog.
const SERVICE_VERSIONS: usize = 156;

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The virtualenv's python, after `tests/python/setup.sh` ran once for this test binary.
fn python() -> PathBuf {
    static SETUP: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let setup = SETUP.get_or_init(|| {
        let venv = std::env::var_os("PYTHON_SDK_VENV")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo().join("target/python-sdk-venv"));
        let output = Command::new("bash")
            .arg(repo().join("tests/python/setup.sh"))
            .env("PYTHON_SDK_VENV", &venv)
            .output()
            .map_err(|e| format!("cannot run bash tests/python/setup.sh: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "tests/python/setup.sh failed ({}); it creates {} and installs tencentcloud-sdk-python-intl-en \
                 from PyPI, so it needs python3 with venv and pip, and PyPI the first time:\n{}{}",
                output.status,
                venv.display(),
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(venv.join("bin/python"))
    });
    match setup {
        Ok(python) => python.clone(),
        Err(message) => panic!("the official Python SDK could not be set up: {message}"),
    }
}

/// The mock, serving the whole shipped catalog, as the mock_server example does.
async fn mock() -> MockServer {
    MockServer::builder()
        .credentials(SECRET_ID, SECRET_KEY)
        .catalog()
        .start()
        .await
        .expect("the catalog mock starts")
}

async fn sdk_check(mock: &MockServer, secret_key: &str, extra: &[&str]) -> (bool, String) {
    let mut command = Command::new(python());
    let endpoint = mock.addr().to_string();
    command
        .arg(repo().join("tests/python/sdk_check.py"))
        .args([
            "--endpoint",
            &endpoint,
            "--secret-id",
            SECRET_ID,
            "--secret-key",
            secret_key,
        ])
        .args(extra);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the blocking task finishes")
        .expect("python runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdk_calls_the_mock() {
    let mock = mock().await;

    let (ok, output) = sdk_check(&mock, SECRET_KEY, &[]).await;
    assert!(ok, "the SDK call should succeed:\n{output}");
    assert!(output.contains("\"ComparisonRatio\": \"-85.19%\""), "{output}");
    assert!(output.contains("\"RequestId\""), "{output}");

    let (ok, output) = sdk_check(
        &mock,
        "thisIsNotTheRightSecretKey000000",
        &["--expect-error", "AuthFailure.SignatureFailure"],
    )
    .await;
    assert!(ok, "a wrong key should get AuthFailure.SignatureFailure:\n{output}");
    assert!(output.contains("code=AuthFailure.SignatureFailure"), "{output}");
}

/// Where a planned call's body comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
    OfficialExample,
    NoRequiredMembers,
    MembersExamples,
}

struct Planned {
    service: Service,
    action: String,
    body: Value,
    source: Source,
}

/// One action of a service version, and a body the mock accepts for it: an
/// official example input that validates, else an action whose request
/// requires nothing, else a body built from the request members' examples.
fn plan_for(dir: &Path) -> Result<Planned, String> {
    let service = spec::load(dir).map_err(|e| e.to_string())?.service;
    let examples = examples::load_dir(dir).map_err(|e| e.to_string())?;
    let accepted = |action: &str, body: Value| validate_request(&service, action, &body).is_ok().then_some(body);
    let official = service.actions.keys().find_map(|action| {
        let body = examples
            .iter()
            .flat_map(|file| file.of(action))
            .filter_map(|example| example.body.clone())
            .find_map(|body| accepted(action, Value::Object(body)))?;
        Some((action.clone(), body, Source::OfficialExample))
    });
    let chosen = official
        .or_else(|| {
            let action = service.actions.values().find(|action| {
                service
                    .input(action)
                    .is_some_and(|input| input.members.iter().all(|m| !m.required))
            })?;
            Some((
                action.name.clone(),
                accepted(&action.name, json!({}))?,
                Source::NoRequiredMembers,
            ))
        })
        .or_else(|| {
            service.actions.keys().find_map(|action| {
                let body = accepted(action, example_request(&service, action)?)?;
                Some((action.clone(), body, Source::MembersExamples))
            })
        });
    let (action, body, source) =
        chosen.ok_or_else(|| format!("{}: no action has a body the mock accepts", dir.display()))?;
    Ok(Planned {
        service,
        action,
        body,
        source,
    })
}

/// One action of every service version through the SDK's CommonClient; every
/// answer is signed-through (no error) and fits its spec.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdk_calls_one_action_of_every_service() {
    let mock = mock().await;
    let plan = tokio::task::spawn_blocking(|| {
        let catalog = Catalog::open(repo().join("specs")).expect("the catalog lists");
        catalog.dirs().map(|dir| plan_for(&dir)).collect::<Result<Vec<_>, _>>()
    })
    .await
    .expect("the plan is made")
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.len(), SERVICE_VERSIONS, "service versions in specs/");
    let count = |source| plan.iter().filter(|p| p.source == source).count();
    println!(
        "plan: {} service versions; bodies from an official example input: {}, empty (nothing required): {}, \
         built from the members' examples: {}",
        plan.len(),
        count(Source::OfficialExample),
        count(Source::NoRequiredMembers),
        count(Source::MembersExamples),
    );

    let calls: Vec<Value> = plan
        .iter()
        .map(|p| {
            json!({
                "service": p.service.short_name,
                "version": p.service.api_version,
                "action": p.action,
                "body": p.body,
            })
        })
        .collect();
    let scratch = std::env::temp_dir().join(format!("tcapi-python-sdk-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch directory");
    let (plan_file, answers_file) = (scratch.join("plan.json"), scratch.join("answers.json"));
    std::fs::write(&plan_file, Value::Array(calls).to_string()).expect("the plan is written");
    let (ok, output) = sdk_check(
        &mock,
        SECRET_KEY,
        &[
            "--plan",
            &plan_file.to_string_lossy(),
            "--answers",
            &answers_file.to_string_lossy(),
        ],
    )
    .await;
    let answers = std::fs::read_to_string(&answers_file);
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(ok, "every call should be answered:\n{output}");
    assert!(
        output.contains(&format!(
            "plan: {SERVICE_VERSIONS} calls, {SERVICE_VERSIONS} answered, 0 failed"
        )),
        "{output}"
    );

    let answers: Vec<Value> = serde_json::from_str(&answers.expect("the answers are written")).expect("JSON answers");
    let mut decodable = 0;
    for (planned, answer) in plan.iter().zip(&answers) {
        let what = format!(
            "{} {} {}",
            planned.service.short_name, planned.service.api_version, planned.action
        );
        assert_eq!(
            answer["action"],
            planned.action.as_str(),
            "{what}: answers in plan order"
        );
        let response = &answer["response"];
        assert!(
            response["Response"]["RequestId"]
                .as_str()
                .is_some_and(|id| !id.is_empty()),
            "{what}: {response}"
        );
        validate_response(&planned.service, &planned.action, response)
            .unwrap_or_else(|e| panic!("{what}: the answer does not fit the spec: {e}\n{response}"));
        decodable += 1;
    }
    println!("{decodable} answers signed-through, with a RequestId, fitting their spec");
    assert_eq!(decodable, SERVICE_VERSIONS);
}

/// The SDK calls every tcsas action with the input of each official example;
/// every call is verified and answered with a response that fits the spec.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdk_calls_every_tcsas_action() {
    let mock = mock().await;
    let examples = repo().join("specs/tcsas/2025-01-06/tcsas-2025-01-06.examples.json");
    let (ok, output) = sdk_check(&mock, SECRET_KEY, &["--examples", &examples.to_string_lossy()]).await;
    assert!(ok, "every example call should succeed:\n{output}");
    assert!(output.contains("examples: 151 actions, 151 calls answered"), "{output}");
}

//! Tencent's official Python SDK (tencentcloud-sdk-python-intl-en, its
//! CommonClient.call_json) against the mock over loopback http: a correct key
//! succeeds, a wrong key gets AuthFailure.SignatureFailure.
//!
//! Needs the SDK's virtualenv: run `tests/python/setup.sh` once (it installs
//! from PyPI). The test itself reaches nothing but loopback.

use std::path::PathBuf;
use std::process::Command;

use tcapi_runtime::mock::MockServer;

const SECRET_ID: &str = "AKIDpythonSDKcheck";
const SECRET_KEY: &str = "pythonSDKcheckSecretKey0123456789";

fn python() -> PathBuf {
    let venv = std::env::var_os("PYTHON_SDK_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/python-sdk-venv")));
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "the official Python SDK is not set up at {}: run `tests/python/setup.sh` once (it installs tencentcloud-sdk-python-intl-en from PyPI)",
        venv.display()
    );
    python
}

/// The mock, serving the same specs as the mock_server example.
async fn mock() -> MockServer {
    MockServer::builder()
        .credentials(SECRET_ID, SECRET_KEY)
        .spec_root(concat!(env!("CARGO_MANIFEST_DIR"), "/../specs"))
        .start()
        .await
        .expect("the mock starts")
}

async fn sdk_check(mock: &MockServer, secret_key: &str, extra: &[&str]) -> (bool, String) {
    let mut command = Command::new(python());
    let endpoint = mock.addr().to_string();
    command
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/python/sdk_check.py"))
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

/// The SDK calls every tcsas action with the input of each official example;
/// every call is verified and answered with a response that fits the spec.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdk_calls_every_tcsas_action() {
    let mock = mock().await;
    let shared =
        std::env::var("TCAPI_SHARED").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared").into());
    let examples = format!("{shared}/upstream/tcsas-2025-01-06.examples.json");
    let (ok, output) = sdk_check(&mock, SECRET_KEY, &["--examples", &examples]).await;
    assert!(ok, "every example call should succeed:\n{output}");
    assert!(output.contains("examples: 151 actions, 151 calls answered"), "{output}");
}

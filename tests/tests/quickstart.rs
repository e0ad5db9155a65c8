//! The quickstart example, run as a new user runs it: credentials from the
//! default chain and `TENCENTCLOUD_ENDPOINT`, or the embedded mock when the
//! chain finds none. Every endpoint is on loopback.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tcapi_runtime::mock::MockServer;
use tcapi_tests::{built_example, Tcsas};

const PROFILE_ID: &str = "AKIDquickstartPROFILExxxxxxxxxxxxxxx";
const PROFILE_KEY: &str = "quickstartKEYxxxxxxxxxxxxxxxxxxx";

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tcapi-quickstart-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs the quickstart with only these variables of ours, a private HOME, and
/// no metadata service (a closed loopback port).
fn run(home: &Path, vars: &[(&str, String)]) -> (Output, String) {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let mut command = Command::new(built_example("quickstart"));
    for (name, _) in std::env::vars() {
        if name.starts_with("TENCENTCLOUD_") || name.starts_with("TKE_") {
            command.env_remove(name);
        }
    }
    command.env("HOME", home).env(
        "TENCENTCLOUD_METADATA_ENDPOINT",
        format!("http://127.0.0.1:{port}/latest/meta-data/"),
    );
    for (name, value) in vars {
        command.env(name, value);
    }
    let output = command.output().expect("the quickstart runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output, text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_an_endpoint_it_takes_credentials_from_the_chain() {
    let mock = MockServer::builder()
        .credentials(PROFILE_ID, PROFILE_KEY)
        .spec_of::<Tcsas>()
        .start()
        .await
        .expect("the mock starts");
    let home = scratch("profile");
    let file = home.join(".tencentcloud/credentials");
    std::fs::create_dir_all(home.join(".tencentcloud")).expect("dir");
    std::fs::write(
        &file,
        format!("[default]\nsecret_id = {PROFILE_ID}\nsecret_key = {PROFILE_KEY}\n"),
    )
    .expect("write");
    let (output, text) = run(&home, &[("TENCENTCLOUD_ENDPOINT", mock.url())]);
    assert!(output.status.success(), "{text}");
    assert!(text.contains(&format!("Calling {}", mock.url())), "{text}");
    assert!(text.contains("ComparisonRatio:"), "{text}");
    assert!(!text.contains(PROFILE_KEY), "{text}");
    let signed_with_profile = mock.requests().iter().any(|r| {
        r.header("authorization")
            .is_some_and(|a| a.contains(&format!("Credential={PROFILE_ID}/")))
    });
    assert!(signed_with_profile, "the call was signed with the profile's key");
}

#[test]
fn without_credentials_it_calls_the_embedded_mock() {
    let home = scratch("nothing");
    let (output, text) = run(&home, &[]);
    assert!(output.status.success(), "{text}");
    assert!(
        text.contains("found no credentials: calling the loopback mock"),
        "{text}"
    );
    assert!(text.contains("RequestId:"), "{text}");
}

#[test]
fn a_broken_source_stops_it_with_what_to_fix() {
    let home = scratch("broken");
    let (output, text) = run(&home, &[("TENCENTCLOUD_SECRET_ID", PROFILE_ID.to_string())]);
    assert!(!output.status.success(), "{text}");
    assert!(text.contains("TENCENTCLOUD_SECRET_KEY is not"), "{text}");
}

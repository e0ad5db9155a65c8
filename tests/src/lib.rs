//! The tcsas client used by tcapi's own tests, examples and benches.
//!
//! This is exactly what a downstream crate writes: one derive, no hand-written Rust per action.

#![forbid(unsafe_code)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tcapi_runtime::{Client, TcApi};

/// The tcsas 2025-01-06 service, shipped in the catalog (`specs/tcsas/2025-01-06`).
#[derive(TcApi)]
#[tcapi(service = "tcsas")]
pub struct Tcsas {
    client: Client,
}

/// The key pair the examples and tests give the mock and the client.
pub const TEST_SECRET_ID: &str = "AKIDtcapiTESTxxxxxxxxxxxxxxxxxxxxxxx";
/// The secret half of [`TEST_SECRET_ID`].
pub const TEST_SECRET_KEY: &str = "tcapiTESTsecretKEYxxxxxxxxxxxxxx";

/// The seed page's example request of DescribeMNPMAUMetricCard.
pub fn seed_request() -> tcsas::DescribeMNPMAUMetricCardRequest {
    tcsas::DescribeMNPMAUMetricCardRequest::builder()
        .source_month(202511)
        .data_type(1)
        .platform_id("T04398WY9481762VZTT")
        .target_month(202512)
        .application_id("ApplicationId")
        .mnp_id("mp1vd81ntbitj9k2")
        .mnp_team_id(9432130281)
        .build()
}

/// A client for a test endpoint: the test key pair and one attempt per call,
/// so each scripted reply is what the call sees (retries have
/// `tests/reliability.rs`). A test adds what it needs, or overrides these.
pub fn test_client(endpoint: impl Into<String>) -> tcapi_runtime::ClientBuilder {
    let credentials =
        tcapi_runtime::Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("the test key pair is valid");
    Client::builder()
        .credentials(credentials)
        .endpoint(endpoint)
        .retry(tcapi_runtime::RetryPolicy::none())
}

/// Starts the loopback mock with the test key pair, serving this crate's tcsas spec.
pub async fn start_mock() -> Result<tcapi_runtime::mock::MockServer, tcapi_runtime::mock::MockError> {
    tcapi_runtime::mock::MockServer::builder()
        .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
        .spec_of::<Tcsas>()
        .start()
        .await
}

/// What a tracing subscriber writes, kept in memory for a test to read:
/// `tracing_subscriber::fmt().with_writer(move || log.clone())`.
#[derive(Clone, Default)]
pub struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLog {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLog {
    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

/// `target/<profile>/examples/<name>`, which `cargo test` builds with the tests,
/// for tests that run an example as a user does. Panics when it is not built.
pub fn built_example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test's path");
    let dir = exe.parent().and_then(|deps| deps.parent()).expect("target/<profile>");
    let path = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is not built; run `cargo test --workspace`",
        path.display()
    );
    path
}

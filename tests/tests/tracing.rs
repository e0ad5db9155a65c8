//! Tracing: each call has a span with service, action, region and RequestId,
//! each attempt a span with its number, and a debug event gives sizes and
//! durations. Alone in its binary, so that no other test's calls race the
//! subscriber for tracing's callsite cache.

use tcapi_runtime::mock::Reply;
use tcapi_runtime::{Client, Credentials};
use tcapi_tests::{seed_request, start_mock, CapturedLog, TEST_SECRET_ID, TEST_SECRET_KEY};

const ACTION: &str = "DescribeMNPMAUMetricCard";

#[tokio::test]
async fn tracing_spans_carry_service_action_region_attempt_and_request_id() {
    let captured = CapturedLog::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mock = start_mock().await.expect("the mock starts");
    let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("valid");
    let client = Client::builder()
        .credentials(credentials)
        .endpoint(mock.url())
        .region("ap-singapore")
        .build()
        .expect("builds");
    mock.push_reply(ACTION, Reply::error("InternalError", "try again"));
    let response = client.call(&seed_request()).await.expect("the retry succeeds");
    let request_id = response.request_id;
    assert!(!request_id.is_empty(), "a RequestId");

    let log = captured.text();
    for expected in [
        "tcapi.call{service=\"tcsas\" action=\"DescribeMNPMAUMetricCard\" region=\"ap-singapore\"",
        "tcapi.attempt{attempt=1}",
        "tcapi.attempt{attempt=2}",
        "request_bytes=",
        "response_bytes=",
        "elapsed_us=",
        "reason=\"InternalError\"",
    ] {
        assert!(log.contains(expected), "missing {expected:?} in:\n{log}");
    }
    assert!(
        log.contains(&format!("request_id=\"{request_id}\"")) || log.contains(&format!("request_id={request_id}")),
        "{log}"
    );
    assert!(!log.contains(TEST_SECRET_KEY), "{log}");
}

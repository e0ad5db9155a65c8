//! Idempotent actions: a failure after the request may have reached the server
//! is retried. When the request has a `ClientToken`, every attempt carries the
//! same token, filled in when the caller left it empty.

use std::time::Duration;

use serde_json::Value;
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Action, Client, Credentials, ErrorKind, RetryPolicy};
use tcapi_services::cvm::{AllocateHostsRequest, Placement, StartInstancesRequest};
use tcapi_services::Cvm;

async fn setup() -> (MockServer, Cvm) {
    let mock = MockServer::builder()
        .credentials("AKIDcvm", "cvm-key")
        .spec_of::<Cvm>()
        .start()
        .await
        .expect("the mock starts");
    let client = Client::builder()
        .credentials(Credentials::new("AKIDcvm", "cvm-key").expect("valid"))
        .endpoint(mock.url())
        .retry(RetryPolicy::default().with_base_delay(Duration::from_millis(5)))
        .build()
        .expect("builds");
    (mock, Cvm::new(client))
}

fn hosts() -> AllocateHostsRequest {
    AllocateHostsRequest::builder()
        .placement(Placement::builder().zone("ap-guangzhou-3").build())
        .build()
}

fn tokens(mock: &MockServer) -> Vec<Option<String>> {
    mock.requests()
        .iter()
        .map(|r| {
            let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
            body.get("ClientToken").and_then(Value::as_str).map(str::to_string)
        })
        .collect()
}

#[tokio::test]
async fn a_reset_is_retried_with_one_filled_in_token() {
    const { assert!(AllocateHostsRequest::INFO.idempotent && !StartInstancesRequest::INFO.idempotent) };
    let (mock, cvm) = setup().await;
    mock.push_reply("AllocateHosts", Reply::Hangup);
    cvm.allocate_hosts(&hosts()).await.expect("the retry succeeds");
    let tokens = tokens(&mock);
    assert_eq!(tokens.len(), 2);
    let token = tokens[0].clone().expect("a token was filled in");
    assert_eq!(token.len(), 36, "a UUID: {token}");
    assert_eq!(
        tokens[1].as_deref(),
        Some(token.as_str()),
        "both attempts carry the same token"
    );
}

#[tokio::test]
async fn a_callers_token_is_kept_and_each_call_gets_its_own() {
    let (mock, cvm) = setup().await;
    let mut request = hosts();
    request.client_token = Some("caller-token".into());
    cvm.allocate_hosts(&request).await.expect("succeeds");
    cvm.allocate_hosts(&hosts()).await.expect("succeeds");
    cvm.allocate_hosts(&hosts()).await.expect("succeeds");
    let tokens = tokens(&mock);
    assert_eq!(tokens[0].as_deref(), Some("caller-token"));
    assert_ne!(tokens[1], tokens[2], "a new call is a new operation");
}

#[tokio::test]
async fn a_non_idempotent_reset_is_not_retried() {
    let (mock, cvm) = setup().await;
    mock.push_reply("StartInstances", Reply::Hangup);
    let error = cvm
        .start_instances(&StartInstancesRequest::builder().instance_ids(["ins-1"]).build())
        .await
        .expect_err("not retried");
    assert_eq!((error.kind(), error.attempts()), (ErrorKind::Transport, 1));
}

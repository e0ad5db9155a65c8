//! Request options per client and per call, the common client and the
//! blocking client, all over loopback HTTP against the mock.

use serde_json::json;
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{CallOptions, Client, ContentType, Credentials, ErrorKind, Language, REQUEST_CLIENT};
use tcapi_tests::{seed_request, start_mock, Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};

const ACTION: &str = "DescribeMNPMAUMetricCard";

fn builder(mock: &MockServer) -> tcapi_runtime::ClientBuilder {
    let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("valid");
    Client::builder()
        .credentials(credentials)
        .endpoint(mock.url())
        .region("ap-singapore")
}

fn last_call(mock: &MockServer) -> tcapi_runtime::mock::RecordedRequest {
    mock.requests().pop().expect("a request was recorded")
}

#[tokio::test]
async fn client_and_call_options_reach_the_wire_and_still_verify() {
    let mock = start_mock().await.expect("the mock starts");
    let client = builder(&mock)
        .header("X-TC-TraceId", "client-trace")
        .request_client_suffix("nightly-report 1.0")
        .language(Language::ZhCn)
        .build()
        .expect("builds");

    // The client's options.
    client.call(&seed_request()).await.expect("accepted");
    let sent = last_call(&mock);
    assert_eq!(sent.header("x-tc-traceid"), Some("client-trace"));
    assert_eq!(
        sent.header("x-tc-requestclient"),
        Some(format!("{REQUEST_CLIENT}; nightly-report 1.0").as_str())
    );
    assert_eq!(sent.header("x-tc-language"), Some("zh-CN"));
    assert_eq!(sent.header("content-type"), Some("application/json; charset=utf-8"));
    assert_eq!(sent.header("x-tc-region"), Some("ap-singapore"));

    // The call's options, laid over them; the signature covers the content type as sent.
    let options = CallOptions::new()
        .header("X-TC-TraceId", "call-trace")
        .header("X-Request-Tag", "blue")
        .request_client_suffix("adhoc")
        .language(Language::EnUs)
        .content_type(ContentType::Json);
    client.call_with(&seed_request(), &options).await.expect("accepted");
    let sent = last_call(&mock);
    assert_eq!(
        sent.header("x-tc-traceid"),
        Some("call-trace"),
        "the call's header replaces the client's"
    );
    assert_eq!(sent.header("x-request-tag"), Some("blue"));
    assert_eq!(
        sent.header("x-tc-requestclient"),
        Some(format!("{REQUEST_CLIENT}; adhoc").as_str())
    );
    assert_eq!(sent.header("x-tc-language"), Some("en-US"));
    assert_eq!(sent.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn bad_options_are_refused_before_sending() {
    let mock = start_mock().await.expect("the mock starts");
    for (name, value, reason) in [
        ("Authorization", "x", "sets `Authorization` itself"),
        ("bad header", "x", "not a header name"),
        ("X-Ok", "line\nbreak", "cannot be sent in a header"),
    ] {
        let error = builder(&mock).header(name, value).build().expect_err("refused");
        assert!(error.to_string().contains(reason), "{error}");
    }
    let error = builder(&mock)
        .request_client_suffix("has/slash")
        .build()
        .expect_err("refused");
    assert!(error.to_string().contains("X-TC-RequestClient"), "{error}");

    let client = builder(&mock).build().expect("builds");
    let options = CallOptions::new().header("X-TC-Token", "mine");
    let error = client.call_with(&seed_request(), &options).await.expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Request);
    assert_eq!(error.attempts(), 0);
    assert!(mock.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn endpoint_options_are_checked() {
    let error = Client::builder()
        .regional_endpoint(true)
        .build()
        .expect_err("needs a region");
    assert!(error.to_string().contains("needs a region"), "{error}");
    assert!(Client::builder()
        .regional_endpoint(true)
        .region("ap-shanghai-fsi")
        .build()
        .is_ok());
    assert!(Client::builder()
        .root_domain("internal.tencentcloudapi.com")
        .build()
        .is_ok());
    let error = Client::builder()
        .root_domain("https://tencentcloudapi.com/")
        .build()
        .expect_err("a domain only");
    assert!(error.to_string().contains("without scheme or path"), "{error}");
    let error = Client::builder()
        .endpoint("http://10.0.0.8:9000")
        .build()
        .expect_err("plain http off loopback");
    assert!(error.to_string().contains("unencrypted"), "{error}");
}

#[tokio::test]
async fn an_unsigned_call_sends_skip_and_no_token() {
    let mock = start_mock().await.expect("the mock starts");
    let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY)
        .and_then(|c| c.with_token("a-session-token"))
        .expect("valid");
    let client = Client::builder()
        .credentials(credentials)
        .endpoint(mock.url())
        .build()
        .expect("builds");
    let error = client
        .call_with(&seed_request(), &CallOptions::new().unsigned())
        .await
        .expect_err("tcsas does not take unsigned calls");
    assert_eq!(
        error.service_error().map(|e| e.code_str()),
        Some("AuthFailure.SignatureFailure")
    );
    let sent = last_call(&mock);
    assert_eq!(sent.header("authorization"), Some("SKIP"));
    assert_eq!(sent.header("x-tc-token"), None);
}

#[tokio::test]
async fn the_common_client_calls_by_name_through_the_same_path() {
    let mock = start_mock().await.expect("the mock starts");
    let client = builder(&mock).build().expect("builds");
    let body = json!({
        "SourceMonth": 202511, "DataType": 1, "PlatformId": "T04398WY9481762VZTT",
        "TargetMonth": 202512, "ApplicationId": "ApplicationId",
    });
    let response = client
        .call_json("tcsas", "2025-01-06", ACTION, &body)
        .await
        .expect("the call succeeds");
    assert!(response["Data"].is_object(), "{response}");
    assert!(response["RequestId"].is_string(), "{response}");
    let sent = last_call(&mock);
    assert_eq!(sent.header("x-tc-action"), Some(ACTION));
    assert!(sent
        .header("authorization")
        .unwrap_or_default()
        .contains("/tcsas/tc3_request"));

    // Service errors come back typed as raw codes, with the RequestId.
    let error = client
        .call_json("tcsas", "2025-01-06", "NoSuchActionAnywhere", &json!({}))
        .await
        .expect_err("unknown action");
    assert_eq!(error.service_error().map(|e| e.code_str()), Some("InvalidAction"));
    assert_eq!(error.action(), "NoSuchActionAnywhere");
    assert!(error.request_id().is_some());

    // Retries apply too.
    mock.push_reply(ACTION, Reply::error("RequestLimitExceeded", "slow down"));
    let response = client
        .call_json("tcsas", "2025-01-06", ACTION, &body)
        .await
        .expect("the retry succeeds");
    assert!(response["Data"].is_object());

    // Bad names and bodies are refused before sending.
    for (service, action, body) in [
        ("tc sas", ACTION, json!({})),
        ("tcsas", "", json!({})),
        ("tcsas", ACTION, json!([1, 2])),
    ] {
        let error = client
            .call_json(service, "2025-01-06", action, &body)
            .await
            .expect_err("refused");
        assert_eq!(error.kind(), ErrorKind::Request, "{error}");
    }
}

#[test]
fn the_blocking_client_works_without_a_runtime() {
    // The mock needs a runtime of its own; the caller has none.
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let mock = server_runtime.block_on(start_mock()).expect("the mock starts");
    let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("valid");
    let inner = Client::builder()
        .credentials(credentials)
        .endpoint(mock.url())
        .build()
        .expect("builds");
    let client = tcapi_runtime::blocking::Client::new(inner).expect("starts");

    let response = client.call(&seed_request()).expect("a typed call succeeds");
    assert!(response.data.is_some());
    mock.push_reply(ACTION, Reply::error("InvalidParameterValue", "bad value"));
    let error = client.call(&seed_request()).expect_err("a service error");
    assert_eq!(
        error.service_error().map(|e| e.code_str()),
        Some("InvalidParameterValue")
    );
    let value = client
        .call_json(
            "tcsas",
            "2025-01-06",
            ACTION,
            &json!({"SourceMonth": 202511, "DataType": 1, "PlatformId": "P", "TargetMonth": 202512, "ApplicationId": "A"}),
        )
        .expect("a common call succeeds");
    assert!(value["RequestId"].is_string());

    // Inside a runtime's context (as in spawn_blocking) it still works, on a thread of its own.
    let inside = server_runtime.block_on(async { client.call(&seed_request()).map(|_| ()) });
    assert!(inside.is_ok(), "{inside:?}");
    let from_spawn_blocking = server_runtime.block_on({
        let client = client.clone();
        async move { tokio::task::spawn_blocking(move || client.call(&seed_request()).map(|_| ())).await }
    });
    assert!(matches!(from_spawn_blocking, Ok(Ok(()))), "{from_spawn_blocking:?}");
    let tcsas_error_free = Tcsas::new(client.inner().clone());
    server_runtime.block_on(async move {
        drop(client);
        drop(tcsas_error_free);
    });
}

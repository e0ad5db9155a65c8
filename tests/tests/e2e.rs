//! The generated tcsas client against the mock, over real loopback HTTP.

use std::time::Duration;

use serde_json::{json, Value};
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Action, Client, Credentials, ErrorKind, RawCode};
use tcapi_tests::tcsas::errors::DescribeMNPMAUMetricCardErrorCode as Code;
use tcapi_tests::tcsas::{self, DescribeMNPMAUMetricCardRequest};
use tcapi_tests::{seed_request, start_mock, test_client, Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};

const ACTION: &str = "DescribeMNPMAUMetricCard";

async fn mock() -> MockServer {
    start_mock().await.expect("the mock starts")
}

fn client_to(endpoint: String, secret_key: &str, timeout: Duration) -> Client {
    test_client(endpoint)
        .credentials(Credentials::new(TEST_SECRET_ID, secret_key).expect("valid test credentials"))
        .region("ap-singapore")
        .timeout(timeout)
        .build()
        .expect("the client builds")
}

fn client_with(mock: &MockServer, secret_key: &str) -> Client {
    client_to(mock.url(), secret_key, Duration::from_secs(5))
}

fn tcsas_for(mock: &MockServer) -> Tcsas {
    Tcsas::new(client_with(mock, TEST_SECRET_KEY))
}

#[tokio::test]
async fn success_returns_every_data_field_and_the_request_id() {
    let mock = mock().await;
    let response = tcsas_for(&mock)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("the call succeeds");
    let data = response.data.expect("Data is present");
    assert_eq!(data.comparison_ratio.as_deref(), Some("-85.19%"));
    assert_eq!(data.comparison_result, Some(2));
    assert_eq!(data.source_mau_num, Some(27));
    assert_eq!(data.target_mau_num, Some(4));
    assert_eq!(data.flush_time, Some(1_764_593_542));
    let request_id = response.request_id;
    assert!(!request_id.is_empty(), "RequestId is present");
    assert_eq!(request_id.len(), 36, "a UUID-shaped RequestId: {request_id}");
}

#[tokio::test]
async fn sends_the_signed_headers_and_exact_body() {
    let mock = mock().await;
    let request = DescribeMNPMAUMetricCardRequest::builder()
        .source_month(202511)
        .data_type(1)
        .platform_id("T04398WY9481762VZTT")
        .target_month(202512)
        .application_id("ApplicationId")
        .build();
    tcsas_for(&mock)
        .describe_mnp_mau_metric_card(&request)
        .await
        .expect("the call succeeds");
    let requests = mock.requests();
    let sent = requests.last().expect("the mock saw the request");
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.header("x-tc-action"), Some(ACTION));
    assert_eq!(sent.header("x-tc-version"), Some("2025-01-06"));
    assert_eq!(sent.header("x-tc-region"), Some("ap-singapore"));
    assert_eq!(sent.header("x-tc-language"), Some("en-US"));
    assert_eq!(sent.header("content-type"), Some("application/json; charset=utf-8"));
    assert_eq!(
        sent.header("x-tc-token"),
        None,
        "no token without temporary credentials"
    );
    let timestamp: u64 = sent
        .header("x-tc-timestamp")
        .and_then(|t| t.parse().ok())
        .expect("a numeric timestamp");
    let date = tcapi_runtime::sign::utc_date(timestamp);
    let authorization = sent.header("authorization").expect("signed");
    assert!(
        authorization.starts_with(&format!("TC3-HMAC-SHA256 Credential={TEST_SECRET_ID}/{date}/tcsas/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=")),
        "{authorization}"
    );
    // Optional members left out are not sent at all.
    let body: Value = serde_json::from_slice(&sent.body).expect("a JSON body");
    assert_eq!(
        body,
        json!({"SourceMonth": 202511, "DataType": 1, "PlatformId": "T04398WY9481762VZTT", "TargetMonth": 202512, "ApplicationId": "ApplicationId"})
    );
}

#[tokio::test]
async fn temporary_credentials_send_the_token() {
    let mock = mock().await;
    let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY)
        .and_then(|c| c.with_token("session-token-1"))
        .expect("valid");
    let client = Client::builder()
        .credentials(credentials)
        .endpoint(mock.url())
        .build()
        .expect("builds");
    Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("the call succeeds");
    let requests = mock.requests();
    assert_eq!(
        requests.last().and_then(|r| r.header("x-tc-token")),
        Some("session-token-1")
    );
}

#[tokio::test]
async fn each_documented_error_code_arrives_as_its_variant() {
    let mock = mock().await;
    let tcsas = tcsas_for(&mock);
    let cases = [
        (
            "FailedOperation.PackageAlreadyExpired",
            Code::FailedOperationPackageAlreadyExpired,
        ),
        ("InvalidParameter", Code::InvalidParameter),
        ("InvalidParameterValue", Code::InvalidParameterValue),
    ];
    for (code, variant) in cases {
        mock.push_reply(ACTION, Reply::error(code, format!("scripted {code}")));
        let error = tcsas
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .expect_err("a service error");
        assert_eq!(error.kind(), ErrorKind::Service);
        assert_eq!(error.code(), Some(&variant));
        let service = error.service_error().expect("the envelope is kept");
        assert_eq!(service.code_str(), code);
        assert_eq!(service.message(), format!("scripted {code}"));
        assert_eq!(service.request_id().len(), 36);
        let shown = error.to_string();
        assert!(
            shown.contains(code) && shown.contains(&format!("scripted {code}")) && shown.contains(service.request_id()),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn an_unknown_code_is_kept_as_text() {
    let mock = mock().await;
    mock.push_reply(ACTION, Reply::error("ResourceNotFound.NoSuchApp", "no such app"));
    let error = tcsas_for(&mock)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("a service error");
    assert_eq!(error.code(), Some(&Code::Other("ResourceNotFound.NoSuchApp".into())));
    assert_eq!(error.service_error().map(|e| e.message()), Some("no such app"));
}

#[tokio::test]
async fn a_bad_signature_is_rejected() {
    let mock = mock().await;
    let tcsas = Tcsas::new(client_with(&mock, "not-the-right-key"));
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("rejected");
    assert_eq!(error.code(), Some(&Code::Other("AuthFailure.SignatureFailure".into())));
    assert!(error.request_id().is_some());
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("not-the-right-key"), "the key must not leak: {shown}");
}

/// A hand-written action that sends DescribeMNPMAUMetricCard with any body,
/// which the generated types do not allow.
#[derive(serde::Serialize)]
#[serde(transparent)]
struct RawBody(Value);

impl Action for RawBody {
    type Output = Value;
    type ErrorCode = RawCode;
    const INFO: tcapi_runtime::ActionInfo = tcsas::SERVICE.action(ACTION);
}

async fn raw_call(mock: &MockServer, body: Value) -> tcapi_runtime::Error {
    client_with(mock, TEST_SECRET_KEY)
        .call(&RawBody(body))
        .await
        .expect_err("rejected by the mock")
        .into()
}

#[tokio::test]
async fn the_mock_rejects_a_missing_required_member() {
    let mock = mock().await;
    let error = raw_call(
        &mock,
        json!({"SourceMonth": 202511, "DataType": 1, "PlatformId": "T", "TargetMonth": 202512}),
    )
    .await;
    let service = error.service_error().expect("a service error");
    assert_eq!(service.code_str(), "MissingParameter");
    assert!(service.message().contains("ApplicationId"), "{}", service.message());
}

#[tokio::test]
async fn the_mock_rejects_a_wrong_type_and_an_unknown_member() {
    let mock = mock().await;
    let base =
        json!({"SourceMonth": 202511, "DataType": "1", "PlatformId": "T", "TargetMonth": 202512, "ApplicationId": "A"});
    let error = raw_call(&mock, base).await;
    assert_eq!(
        error.service_error().map(|e| e.code_str()),
        Some("InvalidParameterValue")
    );
    let unknown = json!({"SourceMonth": 202511, "DataType": 1, "PlatformId": "T", "TargetMonth": 202512, "ApplicationId": "A", "Bogus": 1});
    let error = raw_call(&mock, unknown).await;
    assert_eq!(error.service_error().map(|e| e.code_str()), Some("UnknownParameter"));
}

#[tokio::test]
async fn mnp_id_is_optional_as_the_seed_page_says() {
    let mock = mock().await;
    let error = raw_call(
        &mock,
        json!({"SourceMonth": 202511, "DataType": 1, "PlatformId": "T", "TargetMonth": 202512}),
    )
    .await;
    assert!(!error.to_string().contains("MNPId"));
    let request = DescribeMNPMAUMetricCardRequest::builder()
        .source_month(202511)
        .data_type(1)
        .platform_id("T")
        .target_month(202512)
        .application_id("A")
        .build();
    assert_eq!(request.mnp_id, None);
    tcsas_for(&mock)
        .describe_mnp_mau_metric_card(&request)
        .await
        .expect("accepted without MNPId");
}

#[tokio::test]
async fn malformed_responses_are_typed_errors() {
    let mock = mock().await;
    let tcsas = tcsas_for(&mock);
    let html = Reply::Http {
        status: 502,
        content_type: "text/html".into(),
        body: "<html><body>502 Bad Gateway</body></html>".into(),
    };
    let cases: Vec<(Reply, ErrorKind)> = vec![
        (html, ErrorKind::HttpStatus),
        (
            Reply::Http {
                status: 200,
                content_type: "application/json".into(),
                body: String::new(),
            },
            ErrorKind::MalformedResponse,
        ),
        (
            Reply::Http {
                status: 200,
                content_type: "application/json".into(),
                body: "{\"Response\": {\"Data\"".into(),
            },
            ErrorKind::MalformedResponse,
        ),
        (
            Reply::Http {
                status: 200,
                content_type: "application/json".into(),
                body: "{\"Other\": 1}".into(),
            },
            ErrorKind::MissingResponse,
        ),
        (
            Reply::Http {
                status: 200,
                content_type: "application/json".into(),
                body: "{\"Response\": 42}".into(),
            },
            ErrorKind::MalformedResponse,
        ),
        (
            Reply::Response(json!({"Data": {"SourceMAUNum": "many"}})),
            ErrorKind::MalformedResponse,
        ),
        (
            Reply::Response(json!({"Error": {"Message": "no code"}})),
            ErrorKind::MalformedResponse,
        ),
        (Reply::Hangup, ErrorKind::Transport),
    ];
    for (reply, kind) in cases {
        let shown = format!("{reply:?}");
        // A hangup on a kept connection before any answer is sent again once on
        // a fresh one (the action is idempotent): the second hangup is the failure.
        if matches!(reply, Reply::Hangup) {
            mock.push_reply(ACTION, Reply::Hangup);
        }
        mock.push_reply(ACTION, reply);
        let error = tcsas
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .expect_err("an error");
        assert_eq!(error.kind(), kind, "for {shown}: {error}");
        assert!(!error.to_string().is_empty());
    }
}

#[tokio::test]
async fn a_service_error_on_a_non_200_keeps_its_code() {
    let mock = mock().await;
    let body = json!({"Response": {"Error": {"Code": "InvalidParameter", "Message": "bad"}, "RequestId": "rid-1"}})
        .to_string();
    mock.push_reply(
        ACTION,
        Reply::Http {
            status: 400,
            content_type: "application/json".into(),
            body,
        },
    );
    let error = tcsas_for(&mock)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("an error");
    assert_eq!(error.code(), Some(&Code::InvalidParameter));
    assert_eq!(error.request_id(), Some("rid-1"));
}

// Timeouts, refused connections and retries: tests/reliability.rs.

#[tokio::test]
async fn no_credentials_is_a_config_error() {
    let client = Client::builder()
        .endpoint("http://127.0.0.1:9")
        .build()
        .expect("builds");
    let error = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("no credentials");
    assert_eq!(error.kind(), ErrorKind::Config);
    assert!(error.to_string().contains("TENCENTCLOUD_SECRET_ID"), "{error}");
}

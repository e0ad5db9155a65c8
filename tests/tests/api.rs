//! The generated API as a caller uses it, over loopback against the mock:
//! builders in any order, errors that compose across actions, and a RequestId
//! on every response.

use std::time::Duration;

use serde_json::{json, Value};
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::ErrorKind;
use tcapi_tests::tcsas::errors::DescribeMNPMAUMetricCardErrorCode as Code;
use tcapi_tests::tcsas::{self, DescribeMNPMAUMetricCardRequest};
use tcapi_tests::{seed_request, start_mock, test_client, Tcsas};

async fn setup() -> (MockServer, Tcsas) {
    let mock = start_mock().await.expect("the mock starts");
    let client = test_client(mock.url())
        .region("ap-singapore")
        .timeout(Duration::from_secs(5))
        .build()
        .expect("the client builds");
    (mock, Tcsas::new(client))
}

fn last_body(mock: &MockServer) -> Value {
    let requests = mock.requests();
    let last = requests.last().expect("the mock saw a request");
    serde_json::from_slice(&last.body).expect("a JSON body")
}

#[tokio::test]
async fn a_builder_takes_its_setters_in_any_order_and_sends_each_member_once() {
    let (mock, tcsas) = setup().await;
    let request = DescribeMNPMAUMetricCardRequest::builder()
        .mnp_id("mp1vd81ntbitj9k2")
        .target_month(202512)
        .application_id(String::from("ApplicationId"))
        .data_type(1)
        .platform_id("T04398WY9481762VZTT")
        .source_month(202511)
        .build();
    assert_eq!(request, seed_request_without_team());
    tcsas
        .describe_mnp_mau_metric_card(&request)
        .await
        .expect("the mock accepts it");
    assert_eq!(
        last_body(&mock),
        json!({
            "SourceMonth": 202511, "DataType": 1, "PlatformId": "T04398WY9481762VZTT",
            "TargetMonth": 202512, "ApplicationId": "ApplicationId", "MNPId": "mp1vd81ntbitj9k2"
        })
    );
}

#[test]
fn a_half_built_request_clones_into_several() {
    let base = DescribeMNPMAUMetricCardRequest::builder()
        .platform_id("T04398WY9481762VZTT")
        .application_id("ApplicationId")
        .data_type(1);
    let months: Vec<DescribeMNPMAUMetricCardRequest> = [(202510, 202511), (202511, 202512)]
        .into_iter()
        .map(|(source, target)| base.clone().source_month(source).target_month(target).build())
        .collect();
    assert_eq!(
        months
            .iter()
            .map(|r| (r.source_month, r.target_month))
            .collect::<Vec<_>>(),
        [(202510, 202511), (202511, 202512)]
    );
    assert!(months
        .iter()
        .all(|r| r.platform_id == "T04398WY9481762VZTT" && r.data_type == 1));
}

fn seed_request_without_team() -> DescribeMNPMAUMetricCardRequest {
    let mut request = seed_request();
    request.mnp_team_id = None;
    request
}

#[test]
fn list_setters_take_any_iterator_of_the_element() {
    let request = tcsas::CreateGlobalDomainACLRequest::builder()
        .platform_id("T")
        .domain_type(1)
        .domain_url_list(["https://a.example", "https://b.example"])
        .build();
    assert_eq!(request.domain_url_list, ["https://a.example", "https://b.example"]);
    let request = tcsas::CreateTeamRequest::builder()
        .team_role_type_list(1..=3)
        .admin_user_id("u")
        .team_name("t")
        .build();
    assert_eq!(request.team_role_type_list, [1, 2, 3]);
}

/// Two actions, one error type: `?` converts each action's error.
async fn both(tcsas: &Tcsas) -> Result<(String, String), tcapi_runtime::Error> {
    let mau = tcsas.describe_mnp_mau_metric_card(&seed_request()).await?;
    let categories = tcsas
        .describe_mnp_category(&tcsas::DescribeMNPCategoryRequest::builder().platform_id("T").build())
        .await?;
    Ok((mau.request_id, categories.request_id))
}

#[tokio::test]
async fn errors_of_different_actions_compose_with_question_mark() {
    let (mock, tcsas) = setup().await;
    let (first, second) = both(&tcsas).await.expect("both succeed");
    assert_ne!(first, second, "each response has its own RequestId");

    mock.push_reply(
        "DescribeMNPCategory",
        Reply::error("ResourceNotFound.Team", "no such team"),
    );
    let error = both(&tcsas).await.expect_err("the second call fails");
    assert_eq!(error.kind(), ErrorKind::Service);
    assert_eq!(error.code(), Some("ResourceNotFound.Team"));
    assert_eq!(error.message(), "no such team");
    assert_eq!(error.action(), "DescribeMNPCategory");
    assert_eq!(error.attempts(), 1);
    let request_id = error.request_id().expect("a RequestId").to_string();
    assert_eq!(request_id.len(), 36, "{request_id}");
    let shown = error.to_string();
    for part in ["ResourceNotFound.Team", "no such team", request_id.as_str()] {
        assert!(shown.contains(part), "{shown:?} shows {part}");
    }

    // The same into a boxed error, from the typed one.
    mock.push_reply(
        "DescribeMNPMAUMetricCard",
        Reply::error("InvalidParameter", "bad month"),
    );
    let boxed: Box<dyn std::error::Error + Send + Sync> =
        match tcsas.describe_mnp_mau_metric_card(&seed_request()).await {
            Err(typed) => {
                assert_eq!(typed.code(), Some(&Code::InvalidParameter));
                typed.into()
            }
            Ok(_) => panic!("the scripted error comes back"),
        };
    assert!(boxed.to_string().contains("InvalidParameter: bad month"), "{boxed}");
}

#[tokio::test]
async fn the_request_id_comes_from_the_header_when_the_body_has_none() {
    let (mock, tcsas) = setup().await;
    mock.push_reply(
        "DescribeMNPMAUMetricCard",
        Reply::Http {
            status: 200,
            content_type: "application/json".into(),
            body: r#"{"Response":{"Data":{"TargetMAUNum":4}}}"#.into(),
        },
    );
    let response = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("decodes");
    assert_eq!(response.data.and_then(|d| d.target_mau_num), Some(4));
    assert_eq!(
        response.request_id.len(),
        36,
        "the mock's X-TC-RequestId: {:?}",
        response.request_id
    );

    // The body's own RequestId wins over the header's.
    mock.push_reply(
        "DescribeMNPMAUMetricCard",
        Reply::Response(json!({ "RequestId": "from-the-body" })),
    );
    let response = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("decodes");
    assert_eq!(response.request_id, "from-the-body");
}

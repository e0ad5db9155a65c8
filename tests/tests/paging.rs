//! Paginators over loopback HTTP: `describe_instances_pages` and
//! `describe_instances_items` against the mock, which answers each page of
//! one scripted list of instances by the request's Offset and Limit.

use std::time::Duration;

use serde_json::{json, Value};
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Client, ErrorKind, TcApi};
use tcapi_tests::{test_client, TEST_SECRET_ID, TEST_SECRET_KEY};

#[derive(TcApi)]
#[tcapi(service = "cvm", actions("DescribeInstances"))]
struct Cvm {
    client: Client,
}

/// smh pages by PageNumber and PageSize.
#[derive(TcApi)]
#[tcapi(service = "smh", actions("DescribeOfficialInstances"))]
struct Smh {
    client: Client,
}

/// vpc takes Offset and Limit as strings.
#[derive(TcApi)]
#[tcapi(service = "vpc", actions("DescribeVpcs"))]
struct Vpc {
    client: Client,
}

fn instances(range: std::ops::Range<usize>) -> Vec<Value> {
    range.map(|i| json!({"InstanceId": format!("ins-{i:03}")})).collect()
}

fn ids(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("ins-{i:03}")).collect()
}

fn client(mock: &MockServer) -> Client {
    test_client(mock.url())
        .region("ap-singapore")
        .build()
        .expect("the client builds")
}

/// A cvm mock whose DescribeInstances answers `reply(body)`, else the whole list of 250.
async fn mock_with(reply: impl Fn(&Value) -> Option<Reply> + Send + Sync + 'static) -> (MockServer, Cvm) {
    let all = instances(0..250);
    let mock = MockServer::builder()
        .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
        .spec_of::<Cvm>()
        .responder(move |request| {
            (request.action == "DescribeInstances")
                .then(|| reply(request.body).unwrap_or_else(|| Reply::Response(json!({ "InstanceSet": all }))))
        })
        .start()
        .await
        .expect("the mock starts");
    let cvm = Cvm::new(client(&mock));
    (mock, cvm)
}

/// A member of each request body the mock received, in order.
fn sent(mock: &MockServer, member: &str) -> Vec<Option<i64>> {
    mock.requests()
        .iter()
        .map(|r| {
            serde_json::from_slice::<Value>(&r.body)
                .ok()
                .and_then(|b| b[member].as_i64())
        })
        .collect()
}

/// An empty request: DescribeInstances has no required member, so it has `Default` too.
fn describe_instances() -> cvm::DescribeInstancesRequest {
    cvm::DescribeInstancesRequest::default()
}

fn by_100() -> cvm::DescribeInstancesRequest {
    cvm::DescribeInstancesRequest::builder().limit(100).build()
}

#[tokio::test]
async fn items_collects_all_250_instances_in_order_over_3_pages() {
    let (mock, cvm) = mock_with(|_| None).await;
    let mut items = cvm.describe_instances_items(by_100());
    let mut got = Vec::new();
    while let Some(item) = items.next().await {
        got.push(item.expect("every page succeeds").instance_id.unwrap_or_default());
    }
    assert_eq!(got, ids(0..250));
    assert_eq!(
        sent(&mock, "Offset"),
        [None, Some(100), Some(200)],
        "starts at the request's offset"
    );
    assert_eq!(sent(&mock, "Limit"), [Some(100); 3], "every page keeps the limit");
    assert!(items.next().await.is_none(), "the stream stays ended");
}

/// The README's example, as it is there.
async fn all_instances(cvm: &Cvm) -> Result<Vec<cvm::Instance>, cvm::errors::DescribeInstancesError> {
    // Every page keeps the limit; without it, pages are the service's default size.
    let request = cvm::DescribeInstancesRequest::builder().limit(100).build();
    let mut instances = cvm.describe_instances_items(request);
    let mut all = Vec::new();
    while let Some(instance) = instances.next().await {
        all.push(instance?);
    }
    Ok(all)
}

#[tokio::test]
async fn the_readme_example_lists_every_instance() {
    let (mock, cvm) = mock_with(|_| None).await;
    let all = all_instances(&cvm).await.expect("every page succeeds");
    let got: Vec<String> = all.into_iter().filter_map(|i| i.instance_id).collect();
    assert_eq!(got, ids(0..250));
    assert_eq!(mock.requests().len(), 3);
}

#[tokio::test]
async fn pages_yields_3_responses_with_the_total() {
    let (mock, cvm) = mock_with(|_| None).await;
    let mut pages = cvm.describe_instances_pages(by_100());
    let mut shape = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.expect("every page succeeds");
        shape.push((page.instance_set.map_or(0, |s| s.len()), page.total_count));
    }
    assert_eq!(shape, [(100, Some(250)), (100, Some(250)), (50, Some(250))]);
    assert_eq!(mock.requests().len(), 3);
}

#[tokio::test]
async fn a_start_offset_is_honoured_and_no_limit_pages_by_what_came_back() {
    let (mock, cvm) = mock_with(|_| None).await;
    let request = cvm::DescribeInstancesRequest::builder().offset(120).limit(100).build();
    let mut items = cvm.describe_instances_items(request);
    let mut got = Vec::new();
    while let Some(item) = items.next().await {
        got.push(item.expect("every page succeeds").instance_id.unwrap_or_default());
    }
    assert_eq!(got, ids(120..250));
    assert_eq!(sent(&mock, "Offset"), [Some(120), Some(220)]);

    // Without a Limit the mock sends the rest at once, which reaches the total.
    let (mock, cvm) = mock_with(|_| None).await;
    let mut pages = cvm.describe_instances_pages(describe_instances());
    let page = pages.next().await.expect("a page").expect("it succeeds");
    assert_eq!(page.instance_set.map(|s| s.len()), Some(250));
    assert!(pages.next().await.is_none());
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn a_page_that_does_not_advance_ends_the_stream_with_an_error() {
    // A service that ignores Offset: the same first 100 of 250, as a raw body the mock does not page.
    let (mock, cvm) = mock_with(|_| {
        let body = json!({"Response": {"InstanceSet": instances(0..100), "TotalCount": 250, "RequestId": "r"}});
        Some(Reply::Http {
            status: 200,
            content_type: "application/json".into(),
            body: body.to_string(),
        })
    })
    .await;
    let mut items = cvm.describe_instances_items(by_100());
    for _ in 0..100 {
        items.next().await.expect("an item").expect("the first page succeeds");
    }
    let error = items
        .next()
        .await
        .expect("an error")
        .expect_err("the second page repeats the first");
    assert_eq!(error.kind(), ErrorKind::MalformedResponse);
    let message = error.to_string();
    assert!(
        message.contains("DescribeInstances") && message.contains("offset 100"),
        "{message}"
    );
    assert!(items.next().await.is_none(), "the error ends the stream");
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_with_that_error() {
    let (mock, cvm) =
        mock_with(|body| (body["Offset"] == 100).then(|| Reply::error("InvalidParameterValue", "no such offset")))
            .await;
    let mut items = cvm.describe_instances_items(by_100());
    let mut ok = 0;
    let error = loop {
        match items.next().await.expect("an item or the error") {
            Ok(_) => ok += 1,
            Err(error) => break error,
        }
    };
    assert_eq!(ok, 100, "the first page's items come first");
    assert_eq!(
        error.service_error().map(|e| e.code_str()),
        Some("InvalidParameterValue")
    );
    assert!(items.next().await.is_none(), "nothing after the error");
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn dropping_the_stream_stops_it() {
    // The second page is slow; a consumer would go on to the third.
    let (mock, cvm) = mock_with(|body| {
        let all = Reply::Response(json!({ "InstanceSet": instances(0..250) }));
        (body["Offset"] == 100).then(|| Reply::Delay(Duration::from_millis(300), Box::new(all)))
    })
    .await;
    let mut items = cvm.describe_instances_items(by_100());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        mock.requests().is_empty(),
        "nothing is sent before the stream is polled"
    );
    let consumer = tokio::spawn(async move { while items.next().await.is_some() {} });
    for _ in 0..200 {
        if mock.requests().len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(mock.requests().len(), 2, "the second page is in flight");
    consumer.abort();
    assert!(consumer.await.is_err_and(|e| e.is_cancelled()));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(mock.requests().len(), 2, "no page after the drop");
}

#[tokio::test]
async fn page_numbers_count_pages_from_1() {
    let mock = MockServer::builder()
        .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
        .spec_of::<Smh>()
        .start()
        .await
        .expect("the mock starts");
    let list: Vec<Value> = (0..25).map(|i| json!({"InstanceId": format!("smh-{i}")})).collect();
    // A queued reply is used once: the same list of 25 for each of the 3 pages, which the mock cuts.
    for _ in 0..3 {
        mock.push_reply("DescribeOfficialInstances", Reply::Response(json!({ "List": list })));
    }
    let smh = Smh::new(client(&mock));
    let mut request = smh::DescribeOfficialInstancesRequest::default();
    request.page_size = Some(10);
    let mut items = smh.describe_official_instances_items(request);
    let mut got = Vec::new();
    while let Some(item) = items.next().await {
        got.push(item.expect("every page succeeds").instance_id.unwrap_or_default());
    }
    let want: Vec<String> = (0..25).map(|i| format!("smh-{i}")).collect();
    assert_eq!(got, want);
    assert_eq!(sent(&mock, "PageNumber"), [None, Some(2), Some(3)]);
}

#[tokio::test]
async fn string_offsets_and_limits_page_as_strings() {
    let all: Vec<Value> = (0..120).map(|i| json!({"VpcId": format!("vpc-{i:03}")})).collect();
    let mock = MockServer::builder()
        .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
        .spec_of::<Vpc>()
        .responder(move |request| (request.action == "DescribeVpcs").then(|| Reply::Response(json!({ "VpcSet": all }))))
        .start()
        .await
        .expect("the mock starts");
    let vpc = Vpc::new(client(&mock));
    let mut items = vpc.describe_vpcs_items(vpc::DescribeVpcsRequest::builder().limit("50").build());
    let mut got = Vec::new();
    while let Some(item) = items.next().await {
        got.push(item.expect("every page succeeds").vpc_id.unwrap_or_default());
    }
    let want: Vec<String> = (0..120).map(|i| format!("vpc-{i:03}")).collect();
    assert_eq!(got, want);
    let sent: Vec<(Value, Value)> = mock
        .requests()
        .iter()
        .map(|r| {
            let body: Value = serde_json::from_slice(&r.body).unwrap_or_default();
            (body["Offset"].clone(), body["Limit"].clone())
        })
        .collect();
    assert_eq!(
        sent,
        [
            (Value::Null, json!("50")),
            (json!("50"), json!("50")),
            (json!("100"), json!("50"))
        ],
        "the offset grows as a string and the limit is kept as one"
    );
}

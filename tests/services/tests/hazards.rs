//! The hazard spec's client against the mock: keyword members, colliding
//! names, std-shadowing models, recursion, free-form JSON and big integers all
//! keep their wire names and values over real loopback HTTP.

use serde_json::{json, Value};
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Client, Credentials};
use tcapi_services::service::{self as hazards, PingRequest};
use tcapi_services::Service;

async fn setup() -> (MockServer, Service) {
    let mock = MockServer::builder()
        .credentials("AKIDhazards", "hazards-key")
        .spec_of::<Service>()
        .start()
        .await
        .expect("the mock starts");
    let client = Client::builder()
        .credentials(Credentials::new("AKIDhazards", "hazards-key").expect("valid"))
        .endpoint(mock.url())
        .build()
        .expect("builds");
    (mock, Service::new(client))
}

#[tokio::test]
async fn request_members_keep_their_wire_names() {
    let (mock, service) = setup().await;
    let mut request = PingRequest::builder().count(7).build();
    request.r#type = Some("type".into());
    request.r#match = Some("match".into());
    request.super_ = Some("super".into());
    request.self_ = Some("self".into());
    request.r#async = Some("async".into());
    request.uui = Some("upper".into());
    request.uui_2 = Some("camel".into());
    request.voip_call_in_count = Some(1);
    request.voip_call_in_count_2 = Some(2);
    request.instance_id = Some("ID".into());
    request.instance_id_2 = Some("Id".into());
    request.had_auto_fix_vul = Some(true);
    request.hidden = Some("disabled members are still sent".into());
    request.extra = Some(json!({"free": ["form", 1, null]}));
    // Models without required members are plain structs with optional fields; a request
    // model with a required member (`Error.Code`) has a builder.
    request.boxed = Some(hazards::Box::default());
    request.error = Some(hazards::Error::builder().code("E1").build());
    request.label = Some(hazards::GetWsTokenReq_Label::default());
    request.service = Some(hazards::Service::default());
    // A spec model named `Builder` is renamed beside the module's generic one, and
    // members named after what a builder uses keep their setters (`build` gets `build_`).
    request.builder = Some(
        hazards::Builder_2::builder()
            .with("optional")
            .i64(64)
            .set("set")
            .start(2)
            .value("value")
            .built("built")
            .build_(1)
            .build(),
    );
    service
        .ping(&request)
        .await
        .expect("the mock accepts every hazard member");

    let sent: Value = serde_json::from_slice(&mock.requests().last().expect("sent").body).expect("JSON");
    let expected = json!({
        "Count": 7, "Type": "type", "Match": "match", "Super": "super", "Self": "self", "Async": "async",
        "UUI": "upper", "Uui": "camel", "VOIPCallInCount": 1, "VoipCallInCount": 2,
        "InstanceID": "ID", "InstanceId": "Id", "hadAutoFixVul": true, "Hidden": "disabled members are still sent",
        "Extra": {"free": ["form", 1, null]}, "Boxed": {}, "Error": {"Code": "E1"}, "Label": {}, "Service": {},
        "Builder": {"Build": 1, "Built": "built", "Value": "value", "Start": 2, "Set": "set", "I64": 64, "With": "optional"}
    });
    assert_eq!(sent, expected);
}

#[tokio::test]
async fn responses_keep_big_integers_recursion_and_free_form_json() {
    let (mock, service) = setup().await;
    mock.push_reply(
        "Ping",
        Reply::Response(json!({
            "Big": 9007199254740993_i64,
            "BigUnsigned": 18446744073709551615_u64,
            "Node": {"Name": "child", "Parent": {"Name": "root"}, "Children": [{"Name": "grandchild"}]},
            "Pair": {"Key": "k", "Value": {"Text": "v", "Nested": {"Key": "k2"}}},
            "Cycle": {"B": {"C": {"A": {"B": {}}, "Name": "deep"}}},
            "Tree": {"Name": "t", "Children": [{"Name": "leaf", "Children": []}]},
            "Extra": {"anything": [1, "two", {"three": null}]},
            "Type": "keyword", "Super": "super", "hadAutoFixVul": true, "UUI": "A", "Uui": "b",
            "Option": {"Some": "s", "None": 0},
            "Value": {"Value": "v"},
            "Thing": {"Thing": {"Id": "t1"}},
            "Model": {"Name": "m"}, "Blank": {"Name": "b"}
        })),
    );
    let response = service
        .ping(&PingRequest::builder().count(1).build())
        .await
        .expect("decodes");
    assert_eq!(response.big, Some(9_007_199_254_740_993));
    assert_eq!(response.big_unsigned, Some(u64::MAX));
    let node = response.node.expect("node");
    assert_eq!(node.parent.and_then(|p| p.name).as_deref(), Some("root"));
    assert_eq!(node.children.unwrap_or_default()[0].name.as_deref(), Some("grandchild"));
    let pair = response.pair.expect("pair");
    assert_eq!(
        pair.value.and_then(|v| v.nested).and_then(|n| n.key).as_deref(),
        Some("k2")
    );
    let c = response
        .cycle
        .and_then(|a| a.b)
        .and_then(|b| b.c)
        .expect("three-object cycle");
    assert_eq!(c.name.as_deref(), Some("deep"));
    assert_eq!(response.extra, Some(json!({"anything": [1, "two", {"three": null}]})));
    assert_eq!(response.r#type.as_deref(), Some("keyword"));
    assert_eq!(response.super_.as_deref(), Some("super"));
    assert_eq!(response.had_auto_fix_vul, Some(true));
    assert_eq!(
        (response.uui.as_deref(), response.uui_2.as_deref()),
        (Some("A"), Some("b"))
    );
    assert_eq!(response.option.and_then(|o| o.some).as_deref(), Some("s"));
    // Models named like the hidden derives the module imports.
    assert_eq!(response.model.and_then(|m| m.name).as_deref(), Some("m"));
    assert_eq!(response.blank.and_then(|b| b.name).as_deref(), Some("b"));
    assert_eq!(
        response.thing.and_then(|t| t.thing).and_then(|t| t.id).as_deref(),
        Some("t1")
    );
}

#[tokio::test]
async fn the_mock_answers_recursive_responses_from_examples() {
    let (_mock, service) = setup().await;
    let response = service
        .ping(&PingRequest::builder().count(1).build())
        .await
        .expect("the mock's own answer fits the types");
    assert!(!response.request_id.is_empty());
    assert!(response.node.is_some() && response.tree.is_some());
}

#[tokio::test]
async fn a_memberless_request_and_a_method_named_new() {
    let (_mock, service) = setup().await;
    service
        .describe(&hazards::DescribeRequest::default())
        .await
        .expect("no members at all");
    service
        .new_2(&hazards::newRequest::builder().r#async(3).build())
        .await
        .expect("the action `new` gets the method `new_2`");
}

#[tokio::test]
async fn actions_named_like_keywords_or_alike_get_their_own_names() {
    let (mock, service) = setup().await;
    service
        .r#type(&hazards::typeRequest::default())
        .await
        .expect("the action `type`");
    service
        .get_thing(&hazards::Get_ThingRequest::default())
        .await
        .expect("one of `Get-Thing` and `Get_Thing`");
    service
        .get_thing_2(&hazards::Get_ThingRequest_2::default())
        .await
        .expect("the other");
    let actions: Vec<String> = mock
        .requests()
        .iter()
        .filter_map(|r| r.header("x-tc-action").map(str::to_string))
        .collect();
    assert_eq!(actions, ["type", "Get-Thing", "Get_Thing"]);
    let mut request = PingRequest::builder().count(1).build();
    request.primitive = Some(hazards::bool { flag: Some(true) });
    request.serde = Some(hazards::__serde_2::default());
    service
        .ping(&request)
        .await
        .expect("models named `bool` and `__serde` change nothing");
}

#[test]
fn error_codes_named_like_ours_are_kept_apart() {
    use hazards::errors::PingErrorCode;
    use tcapi_runtime::ErrorCode;
    assert_eq!(PingErrorCode::from_code("Other"), PingErrorCode::Other_2);
    assert_eq!(
        PingErrorCode::from_code("FailedOperation.Other"),
        PingErrorCode::FailedOperationOther
    );
    assert_eq!(PingErrorCode::from_code("9Lives"), PingErrorCode::Code9Lives);
    assert_eq!(
        PingErrorCode::from_code("Unknown"),
        PingErrorCode::Other("Unknown".into())
    );
    assert_eq!(PingErrorCode::Other_2.as_str(), "Other");
}

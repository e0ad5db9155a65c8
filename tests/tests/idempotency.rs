//! The spec's `idempotent` extension decides retries either way, and the
//! generator and the runtime agree on which names only read.

use std::time::Duration;

use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Action, Client, RetryPolicy, TcApi};
use tcapi_tests::{TEST_SECRET_ID, TEST_SECRET_KEY};

/// tcsas, with DescribeMNPMAUMetricCard marked not idempotent and
/// CreatePresetKey marked idempotent by an override file.
#[derive(TcApi)]
#[tcapi(service = "tcsas", spec = "data/idempotent/tcsas-retry.json")]
pub struct Marked {
    client: Client,
}

async fn setup() -> (MockServer, Marked) {
    let mock = MockServer::builder()
        .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
        .spec_of::<Marked>()
        .start()
        .await
        .expect("the mock starts");
    let retry = RetryPolicy::default()
        .with_base_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(20));
    let client = tcapi_tests::test_client(mock.url())
        .retry(retry)
        .build()
        .expect("builds");
    (mock, Marked::new(client))
}

#[test]
fn the_extension_overrides_the_name_rule() {
    let marked = (
        marked::DescribeMNPMAUMetricCardRequest::INFO.idempotent,
        marked::CreatePresetKeyRequest::INFO.idempotent,
    );
    assert_eq!(marked, (false, true), "the override file decides");
    // Without the override, the name rule decides.
    let shipped = (
        tcapi_tests::tcsas::DescribeMNPMAUMetricCardRequest::INFO.idempotent,
        tcapi_tests::tcsas::CreatePresetKeyRequest::INFO.idempotent,
    );
    assert_eq!(shipped, (true, false), "the name rule decides");
}

#[tokio::test]
async fn a_describe_marked_not_idempotent_is_not_retried_after_internal_error() {
    let (mock, api) = setup().await;
    mock.push_reply("DescribeMNPMAUMetricCard", Reply::error("InternalError", "oops"));
    let request = marked::DescribeMNPMAUMetricCardRequest::builder()
        .source_month(202511)
        .data_type(1)
        .platform_id("T04398WY9481762VZTT")
        .target_month(202512)
        .application_id("ApplicationId")
        .build();
    let error = api
        .describe_mnp_mau_metric_card(&request)
        .await
        .expect_err("not retried");
    assert_eq!(error.service_error().map(|e| e.code_str()), Some("InternalError"));
    assert_eq!((error.attempts(), mock.requests().len()), (1, 1), "{error}");
}

#[tokio::test]
async fn a_create_marked_idempotent_is_retried_after_internal_error() {
    let (mock, api) = setup().await;
    mock.push_reply("CreatePresetKey", Reply::error("InternalError", "oops"));
    api.create_preset_key(
        &marked::CreatePresetKeyRequest::builder()
            .platform_id("T04398WY9481762VZTT")
            .build(),
    )
    .await
    .expect("the second attempt succeeds");
    assert_eq!(mock.requests().len(), 2);
}

#[test]
fn the_generator_and_the_runtime_share_the_read_only_prefixes() {
    assert_eq!(
        tcapi_codegen::idempotency::READ_ONLY_PREFIXES,
        tcapi_runtime::__private::READ_ONLY_PREFIXES
    );
}

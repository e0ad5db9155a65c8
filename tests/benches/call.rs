//! One DescribeMNPMAUMetricCard call through the generated client against the loopback mock.
//!
//! `cargo bench -p tcapi-tests --bench call`

use criterion::{criterion_group, criterion_main, Criterion};
use tcapi_runtime::mock::MockServer;
use tcapi_runtime::{Client, Credentials};
use tcapi_tests::{seed_request, Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};

fn call(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let (mock, tcsas) = runtime.block_on(async {
        let mock = MockServer::builder()
            .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
            .spec_of::<Tcsas>()
            .start()
            .await
            .expect("the mock starts");
        let client = Client::builder()
            .credentials(Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("valid"))
            .endpoint(mock.url())
            .build()
            .expect("the client builds");
        (mock, Tcsas::new(client))
    });
    let request = seed_request();
    c.bench_function("describe_mnp_mau_metric_card_loopback_mock", |b| {
        b.iter(|| {
            runtime
                .block_on(tcsas.describe_mnp_mau_metric_card(&request))
                .expect("the call succeeds")
        })
    });
    drop(mock);
}

criterion_group!(benches, call);
criterion_main!(benches);

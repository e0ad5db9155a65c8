//! Load: 10,000 calls from 64 concurrent tasks through one client, against the
//! mock on loopback, which injects 5% faults (resets, 503 pages and
//! `RequestLimitExceeded`). Bounded in count and time.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Client, Credentials, RetryPolicy};
use tcapi_tests::tcsas::DescribeMNPMAUMetricCardRequest;
use tcapi_tests::{Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};

const CALLS: usize = 10_000;
const TASKS: usize = 64;
const MAX_ATTEMPTS: u32 = 3;

/// A deterministic draw in 0..100 for the n-th attempt of a call.
fn roll(platform: &str, attempt: u32) -> u64 {
    let mut hasher = DefaultHasher::new();
    (platform, attempt).hash(&mut hasher);
    hasher.finish() % 100
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_from_64_tasks_with_injected_faults() {
    let attempts: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
    let seen = attempts.clone();
    let mock = MockServer::builder()
        .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
        .spec_of::<Tcsas>()
        .responder(move |request| {
            let platform = request.body.get("PlatformId")?.as_str()?.to_string();
            let attempt = {
                let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
                let count = seen.entry(platform.clone()).or_insert(0);
                *count += 1;
                *count
            };
            let draw = roll(&platform, attempt);
            Some(match draw {
                0 | 1 => Reply::error("RequestLimitExceeded", "injected"),
                2 | 3 => Reply::Http {
                    status: 503,
                    content_type: "text/html".into(),
                    body: "<html>503 Service Unavailable</html>".into(),
                },
                4 => Reply::Hangup,
                // Echo the request, so that each answer can be matched to its call.
                _ => Reply::Response(json!({
                    "Data": {"ComparisonRatio": platform},
                    "RequestId": format!("rid-{platform}-{attempt}"),
                })),
            })
        })
        .start()
        .await
        .expect("the mock starts");
    let policy = RetryPolicy::default()
        .with_max_attempts(MAX_ATTEMPTS)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5));
    let client = Client::builder()
        .credentials(Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("valid"))
        .endpoint(mock.url())
        .retry(policy)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("builds");
    let tcsas = Arc::new(Tcsas::new(client));

    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let tcsas = tcsas.clone();
            tokio::spawn(async move {
                let mut ok = 0usize;
                let mut errors: BTreeMap<String, usize> = BTreeMap::new();
                for call in (task..CALLS).step_by(TASKS) {
                    let platform = format!("P{call}");
                    let request = DescribeMNPMAUMetricCardRequest::builder()
                        .source_month(202511)
                        .data_type(1)
                        .platform_id(platform.as_str())
                        .target_month(202512)
                        .application_id("A")
                        .build();
                    match tcsas.describe_mnp_mau_metric_card(&request).await {
                        Ok(response) => {
                            let echoed = response.data.and_then(|d| d.comparison_ratio);
                            assert_eq!(echoed.as_deref(), Some(platform.as_str()), "the answer to another call");
                            let id = response.request_id;
                            assert!(
                                id.starts_with(&format!("rid-{platform}-")),
                                "RequestId {id} for {platform}"
                            );
                            ok += 1;
                        }
                        Err(error) => {
                            assert!(error.attempts() <= MAX_ATTEMPTS);
                            *errors.entry(format!("{:?}", error.kind())).or_default() += 1;
                        }
                    }
                }
                (ok, errors)
            })
        })
        .collect();
    let joined = tokio::time::timeout(Duration::from_secs(300), futures_join(tasks))
        .await
        .expect("no call hangs");

    let mut ok = 0;
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    for (task_ok, task_errors) in joined {
        ok += task_ok;
        for (kind, n) in task_errors {
            *errors.entry(kind).or_default() += n;
        }
    }
    let attempts = attempts.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let requests: u32 = attempts.values().sum();
    let most = attempts.values().copied().max().unwrap_or(0);
    let failed: usize = errors.values().sum();
    println!("load: {CALLS} calls from {TASKS} tasks: {ok} ok, {failed} typed errors {errors:?}; {requests} requests, at most {most} per call");
    assert_eq!(ok + failed, CALLS, "every call ended");
    assert_eq!(attempts.len(), CALLS, "every call reached the mock");
    assert!(most <= MAX_ATTEMPTS, "retries stay within the policy");
    assert!(ok > CALLS * 95 / 100, "retries turn most faults into successes");
}

/// Awaits every task, in order.
async fn futures_join<T>(tasks: Vec<tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(tasks.len());
    for task in tasks {
        out.push(task.await.expect("the task does not panic"));
    }
    out
}

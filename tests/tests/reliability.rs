//! Retries, rate limits, timeouts and bounded bodies, against the mock and raw
//! TCP servers on loopback.

use std::time::Duration;

use serde_json::json;
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Action, CallOptions, Client, ClientBuilder, Credentials, ErrorKind, RateLimit, RetryPolicy};
use tcapi_tests::tcsas::errors::DescribeMNPMAUMetricCardErrorCode as Code;
use tcapi_tests::{seed_request, start_mock, tcsas, Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ACTION: &str = "DescribeMNPMAUMetricCard";

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_base_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(20))
}

fn builder(endpoint: String) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("valid"))
        .endpoint(endpoint)
        .retry(fast_retries())
        .timeout(Duration::from_secs(5))
}

async fn mock() -> MockServer {
    start_mock().await.expect("the mock starts")
}

fn html(status: u16) -> Reply {
    Reply::Http {
        status,
        content_type: "text/html".into(),
        body: format!("<html><body><h1>{status}</h1></body></html>"),
    }
}

#[tokio::test]
async fn retryable_answers_are_retried_until_success() {
    let mock = mock().await;
    let tcsas = Tcsas::new(builder(mock.url()).build().expect("builds"));
    mock.push_reply(ACTION, Reply::error("RequestLimitExceeded", "slow down"));
    mock.push_reply(ACTION, html(503));
    let response = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("the third attempt succeeds");
    assert!(response.data.is_some());
    assert_eq!(mock.requests().len(), 3);
}

/// A mutating action: no `ClientToken`, and a name that does not say it reads.
fn mutating_request() -> tcsas::CreatePresetKeyRequest {
    tcsas::CreatePresetKeyRequest::builder()
        .platform_id("T04398WY9481762VZTT")
        .build()
}

const MUTATING: &str = "CreatePresetKey";

#[tokio::test]
async fn a_failure_that_may_have_acted_is_retried_for_a_describe_action() {
    for reply in [
        Reply::error("InternalError", "oops"),
        Reply::Hangup,
        html(500),
        html(502),
        html(503),
        html(504),
    ] {
        let mock = mock().await;
        let tcsas = Tcsas::new(builder(mock.url()).build().expect("builds"));
        let shown = format!("{reply:?}");
        mock.push_reply(ACTION, reply);
        tcsas
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .unwrap_or_else(|e| panic!("{shown} is retried: {e}"));
        assert_eq!(mock.requests().len(), 2, "{shown}");
    }
}

#[tokio::test]
async fn a_failure_that_may_have_acted_is_not_retried_for_a_mutating_action() {
    const { assert!(!tcsas::CreatePresetKeyRequest::INFO.idempotent) };
    for reply in [
        Reply::error("InternalError", "oops"),
        Reply::Hangup,
        html(500),
        html(503),
    ] {
        let mock = mock().await;
        let tcsas = Tcsas::new(builder(mock.url()).build().expect("builds"));
        let shown = format!("{reply:?}");
        mock.push_reply(MUTATING, reply);
        let error = tcsas
            .create_preset_key(&mutating_request())
            .await
            .expect_err("not retried");
        assert_eq!((error.attempts(), mock.requests().len()), (1, 1), "{shown}: {error}");
    }
}

#[tokio::test]
async fn a_refusal_to_act_is_retried_for_every_action() {
    let mock = mock().await;
    let tcsas = Tcsas::new(builder(mock.url()).build().expect("builds"));
    mock.push_reply(MUTATING, Reply::error("RequestLimitExceeded", "slow down"));
    mock.push_reply(MUTATING, Reply::error("RequestLimitExceeded.UinLimitExceeded", "uin"));
    tcsas
        .create_preset_key(&mutating_request())
        .await
        .expect("the third attempt succeeds");
    assert_eq!(mock.requests().len(), 3);
}

#[tokio::test]
async fn the_final_error_says_how_many_attempts_and_why() {
    let mock = mock().await;
    let tcsas = Tcsas::new(builder(mock.url()).build().expect("builds"));
    mock.push_reply(ACTION, html(503));
    mock.push_reply(ACTION, Reply::error("RequestLimitExceeded", "slow down"));
    mock.push_reply(ACTION, Reply::error("InternalError", "still broken"));
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("three failures");
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.code(), Some(&Code::Other("InternalError".into())));
    let history = error.attempt_history();
    assert_eq!(history.len(), 3, "{history:?}");
    assert!(history[0].contains("503"), "{history:?}");
    assert_eq!(history[1], "RequestLimitExceeded");
    assert_eq!(history[2], "InternalError");
    let shown = error.to_string();
    assert!(
        shown.contains("after 3 attempts") && shown.contains("503") && shown.contains("still broken"),
        "{shown}"
    );
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    let mock = mock().await;
    let tcsas = Tcsas::new(builder(mock.url()).build().expect("builds"));
    mock.push_reply(ACTION, Reply::error("InvalidParameter", "bad"));
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("not retried");
    assert_eq!(error.code(), Some(&Code::InvalidParameter));
    assert_eq!((error.attempts(), mock.requests().len()), (1, 1));
    mock.push_reply(ACTION, html(501));
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("not retried");
    assert_eq!((error.kind(), error.http_status()), (ErrorKind::HttpStatus, Some(501)));
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_retried_for_every_action() {
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let tcsas = Tcsas::new(builder(format!("http://127.0.0.1:{port}")).build().expect("builds"));
    let error = tcsas.create_preset_key(&mutating_request()).await.expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert_eq!(
        error.attempts(),
        3,
        "nothing was sent, so every attempt is safe: {error}"
    );
}

#[tokio::test]
async fn every_attempt_is_signed_afresh() {
    let mock = mock().await;
    let tcsas = Tcsas::new(builder(mock.url()).build().expect("builds"));
    // The first answer takes over a second, so the retry's timestamp must be later.
    mock.push_reply(
        ACTION,
        Reply::Delay(
            Duration::from_millis(1100),
            Box::new(Reply::error("RequestLimitExceeded", "slow down")),
        ),
    );
    tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("retried");
    let requests = mock.requests();
    let stamp = |i: usize| {
        requests[i]
            .header("x-tc-timestamp")
            .and_then(|t| t.parse::<u64>().ok())
            .expect("stamp")
    };
    assert!(stamp(1) > stamp(0), "the retry carries a fresh timestamp");
    assert_ne!(requests[0].header("authorization"), requests[1].header("authorization"));
}

#[tokio::test]
async fn the_retry_policy_can_be_set_per_call() {
    let mock = mock().await;
    let client = builder(mock.url()).build().expect("builds");
    mock.push_reply(ACTION, html(503));
    let options = CallOptions::new().retry(RetryPolicy::none());
    let error = client.call_with(&seed_request(), &options).await.expect_err("no retry");
    assert_eq!((error.attempts(), error.http_status()), (1, Some(503)));
}

#[tokio::test]
async fn the_total_deadline_bounds_the_call() {
    let mock = mock().await;
    let policy = fast_retries().with_total_deadline(Duration::from_millis(300));
    let client = builder(mock.url()).retry(policy).build().expect("builds");
    mock.push_reply(
        ACTION,
        Reply::Delay(Duration::from_secs(3), Box::new(Reply::Response(json!({})))),
    );
    let error = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("deadline");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
}

#[tokio::test]
async fn the_rate_limiter_spaces_calls_at_the_spec_rate() {
    let mock = mock().await;
    let tcsas = std::sync::Arc::new(Tcsas::new(
        builder(mock.url()).rate_limit(RateLimit::Spec).build().expect("builds"),
    ));
    let started = tokio::time::Instant::now();
    let tasks: Vec<_> = (0..25)
        .map(|_| {
            let tcsas = tcsas.clone();
            tokio::spawn(async move { tcsas.describe_mnp_mau_metric_card(&seed_request()).await.map(|_| ()) })
        })
        .collect();
    for task in tasks {
        task.await.expect("joins").expect("every call succeeds");
    }
    // 20 go at once; the other 5 wait 50 ms apart: the 25th at 250 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(240),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(mock.requests().len(), 25);
}

#[tokio::test]
async fn a_rate_limit_wait_past_the_deadline_fails_at_once() {
    let mock = mock().await;
    let policy = fast_retries().with_total_deadline(Duration::from_millis(200));
    let client = builder(mock.url())
        .rate_limit(RateLimit::PerSecond(1))
        .retry(policy)
        .build()
        .expect("builds");
    let tcsas = Tcsas::new(client);
    tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("the first slot is free");
    let started = tokio::time::Instant::now();
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("no slot in time");
    assert_eq!((error.kind(), error.attempts()), (ErrorKind::RateLimited, 0));
    assert!(error.to_string().contains("rate limit"), "{error}");
    assert!(
        started.elapsed() < Duration::from_millis(150),
        "it does not wait for a slot it cannot use"
    );
    assert_eq!(mock.requests().len(), 1, "no request is burnt");
}

/// A raw TCP server that reads one request per connection and then does `behave`.
async fn raw_server<F, Fut>(behave: F) -> String
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let behave = std::sync::Arc::new(behave);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let behave = behave.clone();
            tokio::spawn(async move {
                let mut seen = Vec::new();
                let mut buffer = [0u8; 4096];
                // Read the head and a body as long as Content-Length says.
                while let Ok(n) = stream.read(&mut buffer).await {
                    if n == 0 {
                        return;
                    }
                    seen.extend_from_slice(&buffer[..n]);
                    let text = String::from_utf8_lossy(&seen);
                    if let Some(head_end) = text.find("\r\n\r\n") {
                        let length = text[..head_end]
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        if seen.len() >= head_end + 4 + length {
                            break;
                        }
                    }
                }
                behave(stream).await;
            });
        }
    });
    format!("http://{addr}")
}

fn no_retries(endpoint: String) -> ClientBuilder {
    builder(endpoint).retry(RetryPolicy::none())
}

#[tokio::test]
async fn a_reset_mid_body_is_a_transport_error() {
    let url = raw_server(|mut stream: TcpStream| async move {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"Response\": {\"Data\"").await;
        // A zero linger makes the close a reset; with zero it does not block.
        #[allow(deprecated)]
        let _ = stream.set_linger(Some(Duration::ZERO));
        drop(stream);
    })
    .await;
    let error = Tcsas::new(no_retries(url).build().expect("builds"))
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("reset");
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let url = raw_server(|stream: TcpStream| async move {
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(stream);
    })
    .await;
    let client = no_retries(url)
        .timeout(Duration::from_millis(300))
        .build()
        .expect("builds");
    let error = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("silence");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
}

#[tokio::test]
async fn a_slow_drip_times_out_instead_of_hanging() {
    let url = raw_server(|mut stream: TcpStream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n")
            .await;
        for byte in b"{\"Response\": {\"RequestId\": \"drip\"}}".iter().cycle().take(200) {
            if stream.write_all(&[*byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    let client = no_retries(url)
        .timeout(Duration::from_millis(400))
        .build()
        .expect("builds");
    let error = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("drip");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
}

#[tokio::test]
async fn an_endless_body_stops_at_the_cap() {
    let url = raw_server(|mut stream: TcpStream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            .await;
        let chunk = format!("{:x}\r\n{}\r\n", 8192, "x".repeat(8192));
        // Endless, as far as the client can tell: it must stop reading at its cap.
        for _ in 0..100_000 {
            if stream.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
    })
    .await;
    let client = no_retries(url).max_response_bytes(64 * 1024).build().expect("builds");
    let error = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("capped");
    assert_eq!(error.kind(), ErrorKind::MalformedResponse);
    assert!(error.to_string().contains("65536 byte cap"), "{error}");
}

#[tokio::test]
async fn a_body_past_the_cap_from_the_mock() {
    let mock = mock().await;
    mock.push_reply(
        ACTION,
        Reply::Response(json!({"Data": {"ComparisonRatio": "x".repeat(100_000)}})),
    );
    let client = no_retries(mock.url())
        .max_response_bytes(10_000)
        .build()
        .expect("builds");
    let error = Tcsas::new(client)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("capped");
    assert_eq!(error.kind(), ErrorKind::MalformedResponse);
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let elsewhere = mock().await;
    let location = elsewhere.url();
    let url = raw_server(move |mut stream: TcpStream| {
        let location = location.clone();
        async move {
            let head = format!("HTTP/1.1 307 Temporary Redirect\r\nLocation: {location}/\r\nContent-Length: 0\r\n\r\n");
            let _ = stream.write_all(head.as_bytes()).await;
        }
    })
    .await;
    let error = Tcsas::new(no_retries(url).build().expect("builds"))
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("a redirect is an error");
    assert_eq!((error.kind(), error.http_status()), (ErrorKind::HttpStatus, Some(307)));
    assert!(
        elsewhere.requests().is_empty(),
        "the request, and its token, went nowhere else"
    );
}

#[tokio::test]
async fn an_unbounded_deadline_is_no_deadline() {
    let mock = mock().await;
    let policy = fast_retries()
        .with_total_deadline(Duration::MAX)
        .with_max_delay(Duration::MAX);
    let client = builder(mock.url()).retry(policy).build().expect("builds");
    mock.push_reply(ACTION, html(503));
    let response = Tcsas::new(client).describe_mnp_mau_metric_card(&seed_request()).await;
    assert!(response.is_ok(), "{response:?}");
}

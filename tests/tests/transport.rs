//! Both HTTP stacks, the inline HTTP/1.1 transport and reqwest, over real
//! loopback connections: TLS against the mock, faults, and every response
//! framing from a raw server that writes exact bytes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{Client, Credentials, ErrorKind, RetryPolicy, Transport};
use tcapi_tests::{seed_request, Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CERT: &str = include_str!("../data/tls/cert.pem");
const KEY: &str = include_str!("../data/tls/key.pem");
const ACTION: &str = "DescribeMNPMAUMetricCard";
const TRANSPORTS: [Transport; 2] = [Transport::InlineHttp1, Transport::Reqwest];

fn client(transport: Transport, endpoint: &str) -> tcapi_runtime::ClientBuilder {
    let credentials = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("valid");
    Client::builder()
        .credentials(credentials)
        .endpoint(endpoint)
        .transport(transport)
        .retry(RetryPolicy::none())
}

#[tokio::test]
async fn both_transports_speak_tls_to_a_trusted_server_only() {
    let mock = MockServer::builder()
        .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
        .spec_of::<Tcsas>()
        .tls(CERT, KEY)
        .start()
        .await
        .expect("the mock starts");
    assert!(mock.url().starts_with("https://127.0.0.1:"));
    for transport in TRANSPORTS {
        let trusting = Tcsas::new(
            client(transport, &mock.url())
                .add_root_certificate_pem(CERT)
                .build()
                .expect("builds"),
        );
        for _ in 0..3 {
            let response = trusting
                .describe_mnp_mau_metric_card(&seed_request())
                .await
                .unwrap_or_else(|e| panic!("{transport:?}: {e}"));
            assert!(response.data.is_some());
        }
        let untrusting = Tcsas::new(client(transport, &mock.url()).build().expect("builds"));
        let error = untrusting
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .expect_err("an unknown certificate is refused");
        assert_eq!(error.kind(), ErrorKind::Transport, "{transport:?}: {error}");
    }
    assert!(Client::builder().add_root_certificate_pem("not a pem").build().is_err());
}

#[tokio::test]
async fn both_transports_classify_faults_alike() {
    let mock = tcapi_tests::start_mock().await.expect("the mock starts");
    for transport in TRANSPORTS {
        let tcsas = Tcsas::new(
            client(transport, &mock.url())
                .max_response_bytes(64 * 1024)
                .timeout(Duration::from_millis(300))
                .build()
                .expect("builds"),
        );
        let request = seed_request();
        let call = || tcsas.describe_mnp_mau_metric_card(&request);
        assert!(call().await.is_ok(), "{transport:?}");

        mock.push_reply(ACTION, Reply::error("InvalidParameterValue", "bad"));
        let error = call().await.expect_err("service error");
        assert_eq!(error.kind(), ErrorKind::Service, "{transport:?}");

        mock.push_reply(
            ACTION,
            Reply::Http {
                status: 502,
                content_type: "text/html".into(),
                body: "<html>bad gateway</html>".into(),
            },
        );
        let error = call().await.expect_err("502 page");
        assert_eq!(
            (error.kind(), error.http_status()),
            (ErrorKind::HttpStatus, Some(502)),
            "{transport:?}"
        );

        mock.push_reply(ACTION, Reply::Hangup);
        let error = call().await.expect_err("hangup");
        assert_eq!(error.kind(), ErrorKind::Transport, "{transport:?}: {error}");

        mock.push_reply(
            ACTION,
            Reply::Response(serde_json::json!({ "Blob": "x".repeat(100 * 1024) })),
        );
        let error = call().await.expect_err("too large");
        assert_eq!(error.kind(), ErrorKind::MalformedResponse, "{transport:?}");
        assert!(error.to_string().contains("cap"), "{error}");

        mock.push_reply(ACTION, Reply::Delay(Duration::from_secs(2), Box::new(Reply::Hangup)));
        let error = call().await.expect_err("timeout");
        assert_eq!(error.kind(), ErrorKind::Timeout, "{transport:?}");

        assert!(call().await.is_ok(), "{transport:?} recovers");
    }
}

const ENVELOPE: &str = r#"{"Response":{"Data":{"ComparisonRatio":"-85.19%","ComparisonResult":2,"FlushTime":1764593542,"SourceMAUNum":27,"TargetMAUNum":4},"RequestId":"raw-1"}}"#;

/// A raw HTTP server: answers each request with `answer` (exact bytes), then
/// closes the connection when `close` says so. Counts connections.
async fn raw_server(answer: String, close: bool) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut input = Vec::new();
                let mut buffer = [0u8; 4096];
                loop {
                    // Read one whole request: head, then Content-Length bytes.
                    let complete = loop {
                        if let Some(end) = input.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&input[..end]).to_lowercase();
                            let length: usize = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length:"))
                                .and_then(|v| v.trim().parse().ok())
                                .unwrap_or(0);
                            if input.len() >= end + 4 + length {
                                input.drain(..end + 4 + length);
                                break true;
                            }
                        }
                        match stream.read(&mut buffer).await {
                            Ok(0) | Err(_) => break false,
                            Ok(n) => input.extend_from_slice(&buffer[..n]),
                        }
                    };
                    if !complete || stream.write_all(answer.as_bytes()).await.is_err() || close {
                        return;
                    }
                }
            });
        }
    });
    (format!("http://{addr}"), accepted)
}

fn chunked(body: &str) -> String {
    let (first, second) = body.split_at(body.len() / 3);
    format!(
        "{:x}\r\n{first}\r\n{:x};ext=1\r\n{second}\r\n0\r\nX-Trailer: t\r\n\r\n",
        first.len(),
        second.len()
    )
}

#[tokio::test]
async fn every_response_framing_is_read_and_connections_are_reused_only_when_safe() {
    let length = ENVELOPE.len();
    // (name, answer, server closes after each, connections expected for 3 calls)
    let cases = [
        (
            "content-length keep-alive",
            format!("HTTP/1.1 200 OK\r\nContent-Length: {length}\r\n\r\n{ENVELOPE}"),
            false,
            1,
        ),
        (
            "chunked",
            format!(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{}",
                chunked(ENVELOPE)
            ),
            false,
            1,
        ),
        (
            "100 Continue first",
            format!("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: {length}\r\n\r\n{ENVELOPE}"),
            false,
            1,
        ),
        (
            "Connection: close",
            format!("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {length}\r\n\r\n{ENVELOPE}"),
            true,
            3,
        ),
        (
            "body until close",
            format!("HTTP/1.1 200 OK\r\n\r\n{ENVELOPE}"),
            true,
            3,
        ),
        (
            "HTTP/1.0",
            format!("HTTP/1.0 200 OK\r\nContent-Length: {length}\r\n\r\n{ENVELOPE}"),
            true,
            3,
        ),
        // The server closes idle connections without saying so: each call must notice and reconnect.
        (
            "silent close",
            format!("HTTP/1.1 200 OK\r\nContent-Length: {length}\r\n\r\n{ENVELOPE}"),
            true,
            3,
        ),
        // Bytes after the body: the connection is not trusted again.
        (
            "trailing junk",
            format!("HTTP/1.1 200 OK\r\nContent-Length: {length}\r\n\r\n{ENVELOPE}junk"),
            false,
            3,
        ),
    ];
    for (name, answer, close, connections) in cases {
        let (url, accepted) = raw_server(answer, close).await;
        let tcsas = Tcsas::new(
            client(Transport::InlineHttp1, &url)
                .retry(RetryPolicy::default())
                .build()
                .expect("builds"),
        );
        for _ in 0..3 {
            let response = tcsas
                .describe_mnp_mau_metric_card(&seed_request())
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(response.request_id.as_deref(), Some("raw-1"), "{name}");
            assert_eq!(response.data.and_then(|d| d.target_mau_num), Some(4), "{name}");
            // Let the server's close reach us, as it would between real calls.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(
            accepted.load(Ordering::SeqCst),
            connections,
            "{name}: connections opened"
        );
    }
}

#[tokio::test]
async fn malformed_http_is_a_transport_error_that_names_the_problem() {
    for (answer, expected) in [
        ("SSH-2.0-OpenSSH\r\n\r\n".to_string(), "not HTTP/1.1"),
        (
            "HTTP/1.1 200 OK\r\nContent-Length: nine\r\n\r\n".to_string(),
            "Content-Length",
        ),
        (
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_string(),
            "chunk size",
        ),
        (
            "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"Resp".to_string(),
            "closed before the response was complete",
        ),
    ] {
        let (url, _) = raw_server(answer, true).await;
        let tcsas = Tcsas::new(client(Transport::InlineHttp1, &url).build().expect("builds"));
        let error = tcsas
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .expect_err("malformed");
        assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
        assert!(error.to_string().contains(expected), "expected {expected:?} in {error}");
    }
}

#[tokio::test]
async fn oversized_framing_is_refused_without_panic_or_unbounded_memory() {
    // Content-Length past any address space, with the cap lifted.
    let (url, _) = raw_server(
        "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\n".to_string(),
        true,
    )
    .await;
    let tcsas = Tcsas::new(
        client(Transport::InlineHttp1, &url)
            .max_response_bytes(usize::MAX)
            .build()
            .expect("builds"),
    );
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::MalformedResponse, "{error}");
    // One body byte per chunk, each with a long extension: the raw bytes are capped too.
    let extension = "x".repeat(4000);
    let chunks: String = (0..200).map(|_| format!("1;{extension}\r\na\r\n")).collect();
    let answer = format!("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{chunks}0\r\n\r\n");
    let (url, _) = raw_server(answer, true).await;
    let tcsas = Tcsas::new(
        client(Transport::InlineHttp1, &url)
            .max_response_bytes(1024)
            .build()
            .expect("builds"),
    );
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::MalformedResponse, "{error}");
    assert!(error.to_string().contains("cap"), "{error}");
}

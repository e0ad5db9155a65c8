//! The HTTP stack over real loopback connections: TLS against the mock and
//! the roots it trusts, faults, every response framing from a raw server that
//! writes exact bytes, kept connections that the server closes, CONNECT
//! proxies, and STS reached the way the client is configured.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use tcapi_runtime::mock::{MockServer, Reply};
use tcapi_runtime::{AssumeRoleProvider, Client, Credentials, ErrorKind, RetryPolicy, TlsRoots};
use tcapi_tests::{seed_request, test_client as client, Tcsas, TEST_SECRET_ID, TEST_SECRET_KEY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const CERT: &str = include_str!("../data/tls/cert.pem");
const KEY: &str = include_str!("../data/tls/key.pem");
const CERT_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/tls/cert.pem");
const ACTION: &str = "DescribeMNPMAUMetricCard";
const ROLE_ARN: &str = "qcs::cam::uin/100000000001:roleName/tcapi-test";

async fn tls_mock() -> MockServer {
    MockServer::builder()
        .credentials(TEST_SECRET_ID, TEST_SECRET_KEY)
        .spec_of::<Tcsas>()
        .tls(CERT, KEY)
        .start()
        .await
        .expect("the mock starts")
}

/// Runs the calling test again in a child process with `vars` set and every
/// proxy and certificate variable of ours removed, since environment variables
/// belong to the whole process. Returns false in the parent, once the child
/// has passed; true in the child, which then does the test's work.
fn in_own_process(test: &str, vars: &[(&str, &str)]) -> bool {
    const CHILD: &str = "TCAPI_TEST_CHILD";
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    let mut command = std::process::Command::new(std::env::current_exe().expect("the test binary"));
    command.args(["--exact", test, "--test-threads=1"]).env(CHILD, "1");
    for name in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
        "REQUEST_METHOD",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
    ] {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    let output = command.output().expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{test} in its own process:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    false
}

#[tokio::test]
async fn tls_reaches_a_server_only_through_a_trusted_root() {
    let mock = tls_mock().await;
    assert!(mock.url().starts_with("https://127.0.0.1:"));
    let trusting = Tcsas::new(
        client(mock.url())
            .add_root_certificate_pem(CERT)
            .build()
            .expect("builds"),
    );
    for _ in 0..3 {
        let response = trusting
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .expect("a trusted server");
        assert!(response.data.is_some());
    }
    // The system's store does not hold the test's private CA.
    let untrusting = Tcsas::new(client(mock.url()).build().expect("builds"));
    let error = untrusting
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("an unknown certificate is refused");
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert!(error.to_string().contains("TLS handshake"), "{error}");
    let rootless = Tcsas::new(
        client(mock.url())
            .tls_roots(TlsRoots::AddedOnly)
            .build()
            .expect("builds"),
    );
    let error = rootless
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("nothing to trust");
    assert_eq!(error.kind(), ErrorKind::Config, "{error}");
    assert!(error.to_string().contains("no root certificate"), "{error}");
    let only_added = client(mock.url())
        .tls_roots(TlsRoots::AddedOnly)
        .add_root_certificate_pem(CERT)
        .build()
        .expect("builds");
    assert!(Tcsas::new(only_added)
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .is_ok());
    assert!(Client::builder().add_root_certificate_pem("not a pem").build().is_err());
}

#[tokio::test]
async fn the_system_store_is_the_file_ssl_cert_file_names() {
    if !in_own_process(
        "the_system_store_is_the_file_ssl_cert_file_names",
        &[("SSL_CERT_FILE", CERT_PATH)],
    ) {
        return;
    }
    let mock = tls_mock().await;
    let tcsas = Tcsas::new(client(mock.url()).build().expect("builds"));
    tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("trusted through SSL_CERT_FILE");
}

#[tokio::test]
async fn faults_are_classified() {
    let mock = tcapi_tests::start_mock().await.expect("the mock starts");
    let tcsas = Tcsas::new(
        client(mock.url())
            .max_response_bytes(64 * 1024)
            .timeout(Duration::from_millis(300))
            .build()
            .expect("builds"),
    );
    let request = seed_request();
    let call = || tcsas.describe_mnp_mau_metric_card(&request);
    assert!(call().await.is_ok());

    mock.push_reply(ACTION, Reply::error("InvalidParameterValue", "bad"));
    let error = call().await.expect_err("service error");
    assert_eq!(error.kind(), ErrorKind::Service);

    mock.push_reply(
        ACTION,
        Reply::Http {
            status: 502,
            content_type: "text/html".into(),
            body: "<html>bad gateway</html>".into(),
        },
    );
    let error = call().await.expect_err("502 page");
    assert_eq!((error.kind(), error.http_status()), (ErrorKind::HttpStatus, Some(502)));

    // A hangup on the kept connection: sent once more on a fresh one (a
    // Describe action is idempotent), where it hangs up again.
    let before = mock.requests().len();
    mock.push_reply(ACTION, Reply::Hangup);
    mock.push_reply(ACTION, Reply::Hangup);
    let error = call().await.expect_err("hangup");
    assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
    assert_eq!(mock.requests().len() - before, 2, "sent twice");

    mock.push_reply(
        ACTION,
        Reply::Response(serde_json::json!({ "Blob": "x".repeat(100 * 1024) })),
    );
    let error = call().await.expect_err("too large");
    assert_eq!(error.kind(), ErrorKind::MalformedResponse);
    assert!(error.to_string().contains("cap"), "{error}");

    mock.push_reply(ACTION, Reply::Delay(Duration::from_secs(2), Box::new(Reply::Hangup)));
    let error = call().await.expect_err("timeout");
    assert_eq!(error.kind(), ErrorKind::Timeout);

    assert!(call().await.is_ok(), "recovers");
    let sent = mock.requests();
    let last = sent.last().expect("recorded");
    assert_eq!(last.header("content-type"), Some(tcapi_runtime::CONTENT_TYPE));
    assert_eq!(last.header("accept-encoding"), None, "no compression is asked for");
}

const ENVELOPE: &str = r#"{"Response":{"Data":{"ComparisonRatio":"-85.19%","ComparisonResult":2,"FlushTime":1764593542,"SourceMAUNum":27,"TargetMAUNum":4},"RequestId":"raw-1"}}"#;

/// Reads one whole request (head, then Content-Length bytes) from `stream`
/// into `input`; false when the client closed or sent nothing more.
async fn read_request(stream: &mut TcpStream, input: &mut Vec<u8>) -> bool {
    let mut buffer = [0u8; 4096];
    loop {
        if let Some(end) = input.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&input[..end]).to_lowercase();
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if input.len() >= end + 4 + length {
                input.drain(..end + 4 + length);
                return true;
            }
        }
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => input.extend_from_slice(&buffer[..n]),
        }
    }
}

/// A raw HTTP server: answers each request with `answer` (exact bytes), then
/// closes the connection when `close` says so. Counts connections.
async fn raw_server(answer: String, close: bool) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut input = Vec::new();
                while read_request(&mut stream, &mut input).await {
                    if stream.write_all(answer.as_bytes()).await.is_err() || close {
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
        // No retries: each call must succeed on its own.
        let tcsas = Tcsas::new(client(&url).build().expect("builds"));
        for _ in 0..3 {
            let response = tcsas
                .describe_mnp_mau_metric_card(&seed_request())
                .await
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(response.request_id, "raw-1", "{name}");
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

/// A server whose idle timer closes each kept connection just as the next
/// request arrives: it answers the first request of a connection, and resets
/// the connection when another one comes.
async fn idle_closing_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{ENVELOPE}",
        ENVELOPE.len()
    );
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut input = Vec::new();
                if !read_request(&mut stream, &mut input).await || stream.write_all(answer.as_bytes()).await.is_err() {
                    return;
                }
                // The next request: its first bytes are in, and the connection goes.
                let _ = stream.readable().await;
                #[allow(deprecated)]
                let _ = stream.set_linger(Some(Duration::ZERO));
            });
        }
    });
    (format!("http://{addr}"), accepted)
}

#[tokio::test]
async fn a_kept_connection_closed_as_the_request_arrives_is_replaced_for_a_read_only_action() {
    let (url, accepted) = idle_closing_server().await;
    // Before: the second call failed with "the connection closed before the response was complete".
    // No retry policy: the transport itself sends once more, on a fresh connection, since a
    // Describe action is idempotent.
    let tcsas = Tcsas::new(client(&url).build().expect("builds"));
    for call in 1..=3 {
        let response = tcsas
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .unwrap_or_else(|e| panic!("call {call}: {e}"));
        assert_eq!(response.request_id, "raw-1");
        assert_eq!(accepted.load(Ordering::SeqCst), call, "one new connection per call");
    }
}

#[tokio::test]
async fn a_mutating_action_is_not_sent_again_after_its_kept_connection_fails() {
    let (url, accepted) = idle_closing_server().await;
    let client = client(&url).build().expect("builds");
    let (plain, with_token) = (json!({}), json!({ "ClientToken": "t-1" }));
    let create = |body| client.call_json("tcsas", "2025-01-06", "CreateThing", body);
    create(&plain).await.expect("the first call has a fresh connection");
    let error = create(&plain).await.expect_err("may have reached the server");
    assert_eq!((error.kind(), error.attempts()), (ErrorKind::Transport, 1), "{error}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "no second connection");
    // With a ClientToken the same action is idempotent, and goes again.
    create(&with_token).await.expect("sent again");
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn malformed_http_is_a_transport_error_that_names_the_problem() {
    for (answer, expected) in [
        ("SSH-2.0-OpenSSH\r\n\r\n".to_string(), "not valid http/1.1"),
        (
            "HTTP/1.1 200 OK\r\nContent-Length: nine\r\n\r\n".to_string(),
            "content-length",
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
        let tcsas = Tcsas::new(client(&url).build().expect("builds"));
        let error = tcsas
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .expect_err("malformed");
        assert_eq!(error.kind(), ErrorKind::Transport, "{error}");
        let shown = error.to_string().to_lowercase();
        assert!(shown.contains(expected), "expected {expected:?} in {error}");
    }
}

#[tokio::test]
async fn oversized_framing_is_refused_without_panic_or_unbounded_memory() {
    // Content-Length past any buffer, with the cap lifted: refused, not allocated.
    let (url, _) = raw_server(
        "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551614\r\n\r\n".to_string(),
        true,
    )
    .await;
    let tcsas = Tcsas::new(client(&url).max_response_bytes(usize::MAX).build().expect("builds"));
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("refused");
    assert!(
        matches!(error.kind(), ErrorKind::Transport | ErrorKind::MalformedResponse),
        "{error}"
    );
    // A Content-Length over the cap is refused before the body is read.
    let (url, _) = raw_server("HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n".to_string(), true).await;
    let tcsas = Tcsas::new(client(&url).max_response_bytes(1024).build().expect("builds"));
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::MalformedResponse, "{error}");
    assert!(error.to_string().contains("1024 byte cap"), "{error}");
    // One body byte per chunk, each with a long extension: the framing is bounded too.
    let extension = "x".repeat(4000);
    let chunks: String = (0..200).map(|_| format!("1;{extension}\r\na\r\n")).collect();
    let answer = format!("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n{chunks}0\r\n\r\n");
    let (url, _) = raw_server(answer, true).await;
    let tcsas = Tcsas::new(client(&url).max_response_bytes(1024).build().expect("builds"));
    let error = tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("refused");
    assert!(
        matches!(error.kind(), ErrorKind::Transport | ErrorKind::MalformedResponse),
        "{error}"
    );
}

/// A CONNECT proxy on loopback: tunnels to `to` (or to 127.0.0.1 at the port
/// asked for), after checking `Proxy-Authorization` when `password` is set.
/// Records each CONNECT target.
async fn connect_proxy(
    to: Option<std::net::SocketAddr>,
    password: Option<&'static str>,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let record = Arc::clone(&record);
            tokio::spawn(async move {
                let mut head = Vec::new();
                while !head.ends_with(b"\r\n\r\n") {
                    match client.read_u8().await {
                        Ok(byte) => head.push(byte),
                        Err(_) => return,
                    }
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let target = head.split_whitespace().nth(1).unwrap_or_default().to_string();
                record.lock().expect("lock").push(target.clone());
                if let Some(expected) = password {
                    let authorized = head
                        .lines()
                        .any(|l| l.to_ascii_lowercase().starts_with("proxy-authorization:") && l.ends_with(expected));
                    if !authorized {
                        let _ = client
                            .write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")
                            .await;
                        return;
                    }
                }
                let port = target
                    .rsplit(':')
                    .next()
                    .and_then(|p| p.parse::<u16>().ok())
                    .unwrap_or(0);
                let to = to.unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], port)));
                let Ok(mut server) = TcpStream::connect(to).await else {
                    let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
                    return;
                };
                if client
                    .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
                    .await
                    .is_ok()
                {
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                }
            });
        }
    });
    (format!("http://{addr}"), seen)
}

#[tokio::test]
async fn an_explicit_proxy_tunnels_tls_and_sends_its_credentials() {
    let mock = tls_mock().await;
    let url = mock.url().replace("127.0.0.1", "localhost");
    // "Aladdin:open sesame", as RFC 7617 writes it.
    let (proxy, seen) = connect_proxy(None, Some("QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).await;
    let with_credentials = proxy.replace("http://", "http://Aladdin:open%20sesame@");
    let tcsas = Tcsas::new(
        client(&url)
            .add_root_certificate_pem(CERT)
            .proxy(with_credentials)
            .build()
            .expect("builds"),
    );
    for _ in 0..2 {
        tcsas
            .describe_mnp_mau_metric_card(&seed_request())
            .await
            .expect("through the tunnel");
    }
    let port = mock.addr().port();
    assert_eq!(
        *seen.lock().expect("lock"),
        [format!("localhost:{port}")],
        "one kept tunnel"
    );
    let refused = Tcsas::new(
        client(&url)
            .add_root_certificate_pem(CERT)
            .proxy(proxy)
            .build()
            .expect("builds"),
    );
    let error = refused
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("407");
    assert_eq!(error.kind(), ErrorKind::Transport);
    assert!(error.to_string().contains("407"), "{error}");
    assert!(Client::builder().proxy("socks5://127.0.0.1:1080").build().is_err());
}

#[tokio::test]
async fn proxies_come_from_the_environment_and_loopback_goes_direct() {
    if !in_own_process("proxies_come_from_the_environment_and_loopback_goes_direct", &[]) {
        return;
    }
    let mock = tcapi_tests::start_mock().await.expect("the mock starts");
    let (proxy, seen) = connect_proxy(Some(mock.addr()), None).await;
    // This test runs alone in its process (see in_own_process).
    std::env::set_var("http_proxy", &proxy);
    std::env::set_var("NO_PROXY", "elsewhere.example");
    // A host no resolver is asked about: only the proxy sees the name.
    let far = Tcsas::new(
        client("http://tcsas.proxied.example")
            .allow_insecure_http(true)
            .build()
            .expect("builds"),
    );
    far.describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("through the proxy");
    assert_eq!(*seen.lock().expect("lock"), ["tcsas.proxied.example:80"]);
    let near = Tcsas::new(client(mock.url()).build().expect("builds"));
    near.describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("direct");
    let ignoring = Tcsas::new(client(mock.url()).no_proxy().build().expect("builds"));
    ignoring
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("direct");
    assert_eq!(
        seen.lock().expect("lock").len(),
        1,
        "loopback never goes through the proxy"
    );
    std::env::set_var("HTTPS_PROXY", "socks5://127.0.0.1:1080");
    let error = Client::builder()
        .build()
        .expect_err("an unusable proxy in the environment");
    assert!(error.to_string().contains("HTTPS_PROXY"), "{error}");
}

#[tokio::test]
async fn assume_role_goes_the_way_its_client_is_configured() {
    let mock = tls_mock().await;
    let base = Credentials::new(TEST_SECRET_ID, TEST_SECRET_KEY).expect("valid");
    // STS behind the same private CA as the API: the provider's client trusts what its parent trusts.
    let provider = AssumeRoleProvider::new(base.clone(), ROLE_ARN).endpoint(mock.url());
    let tcsas = Tcsas::new(
        Client::builder()
            .credentials_provider(provider)
            .endpoint(mock.url())
            .add_root_certificate_pem(CERT)
            .retry(RetryPolicy::none())
            .build()
            .expect("builds"),
    );
    tcsas
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect("AssumeRole over TLS with the private CA");
    let actions: Vec<_> = mock
        .requests()
        .iter()
        .filter_map(|r| r.header("x-tc-action").map(str::to_string))
        .collect();
    assert_eq!(actions, ["AssumeRole", ACTION]);
    // And its timeouts: an STS that takes 3 s fails within the parent's 300 ms.
    mock.push_reply(
        "AssumeRole",
        Reply::Delay(Duration::from_secs(3), Box::new(Reply::error("InternalError", "late"))),
    );
    let provider = AssumeRoleProvider::new(base, ROLE_ARN).endpoint(mock.url());
    let hasty = Tcsas::new(
        Client::builder()
            .credentials_provider(provider)
            .endpoint(mock.url())
            .add_root_certificate_pem(CERT)
            .timeout(Duration::from_millis(300))
            .retry(RetryPolicy::none())
            .build()
            .expect("builds"),
    );
    let started = tokio::time::Instant::now();
    let error = hasty
        .describe_mnp_mau_metric_card(&seed_request())
        .await
        .expect_err("STS is too slow");
    assert_eq!(error.kind(), ErrorKind::Credentials, "{error}");
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "{:?}",
        started.elapsed()
    );
}
